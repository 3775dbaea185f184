/**
 * The re-sync against the simulator (issue 9 §6): real HTTP to the simulator's sync endpoints, a fake
 * cookie source, and a clock that jumps over each wait (the simulator reads the same clock, so its
 * tasks move 100 → 120 → 200 as the re-sync waits). The monitor is the real one, polled only when
 * the test says: the account turns green at once, with no "synchronized again" notification.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Clock } from '../../main/core/appModel.js';
import type { Account } from '../../main/core/lobstr/account.js';
import { createLobstrClient, type LobstrClient } from '../../main/core/lobstr/apiClient.js';
import { createMonitor } from '../../main/core/monitor/monitor.js';
import { JsonFileMonitorStore } from '../../main/core/monitor/monitorStore.js';
import { resyncAccount } from '../../main/core/resync/resync.js';
import type { ResyncProgress } from '../../main/core/resync/resyncProgress.js';
import type { RunningSimulator } from '../../main/simulator/server.js';
import { FakeCookieJar } from '../helpers/fakeCookieJar.js';
import { control, requestLog, simulator } from '../helpers/simulatorHarness.js';
import { FakeClock, RecordingNotifier, flush, settingsWith } from '../unit/monitorFakes.js';

const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);
const VALUE = 'distinctive-li_at-value-3e9d';

/**
 * Each wait ends on the next turn of the event loop, the time moved to when it was due; `after`
 * makes the waits hold until some work is done (a change to the simulator between two reads).
 */
class JumpingClock implements Clock {
  private gate: Promise<unknown> = Promise.resolve();
  constructor(public t: number) {}
  now(): number {
    return this.t;
  }
  after(work: Promise<unknown>): void {
    this.gate = this.gate.then(() => work);
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const at = this.t + ms;
    const timer = { cancelled: false };
    void this.gate.then(() =>
      setImmediate(() => {
        if (timer.cancelled) return;
        this.t = Math.max(this.t, at);
        callback();
      }),
    );
    return timer;
  }
  clearTimeout(handle: unknown): void {
    (handle as { cancelled: boolean }).cancelled = true;
  }
}

async function setup(options: { token?: string } = {}) {
  const clock = new JumpingClock(T0);
  const sim = await simulator({ accounts: 12, seed: 5, now: () => clock.now() });
  const client = createLobstrClient({ apiKey: options.token ?? sim.token, baseUrl: sim.baseUrl });
  const reader = createLobstrClient({ apiKey: sim.token, baseUrl: sim.baseUrl });
  const all = (await control(sim, 'GET', '/accounts')) as Array<{ id: string; type: string }>;
  const target = all.find((a) => a.type === 'linkedin-sync')!;
  await control(sim, 'POST', `/accounts/${target.id}`, { status: '401', status_code_info: 'cookies_expired', status_code_description: 'Cookies expired.' });
  const account = await reader.getAccount(target.id);

  const notifier = new RecordingNotifier();
  // The monitor's state file, as the app keeps it: a test reads what was written there.
  const stateDir = mkdtempSync(path.join(tmpdir(), 'lobstr-resync-'));
  onTestFinished(() => rmSync(stateDir, { recursive: true, force: true }));
  const monitor = createMonitor({
    fetchAccounts: (signal, reuse) => reader.listAccounts({ signal, reuse }),
    store: new JsonFileMonitorStore(path.join(stateDir, 'monitor-state.json')),
    getSettings: () => settingsWith({}),
    notifier,
    clock: new FakeClock(T0),
    timeZone: 'UTC',
    sliceMs: 0,
  });
  monitor.start();
  await monitor.refreshNow();

  const progress: ResyncProgress[] = [];
  const run = (jar: FakeCookieJar, signal?: AbortSignal, onProgress?: (p: ResyncProgress) => void) =>
    resyncAccount(
      { account, source: jar, ...(signal ? { signal } : {}) },
      {
        client,
        clock,
        monitor,
        onProgress: (p) => {
          progress.push(p);
          onProgress?.(p);
        },
      },
    );
  const health = () => monitor.status().snapshot?.byId.get(account.id)?.health;
  /** Everything the monitor wrote, as text. */
  const written = (): string => readdirSync(stateDir).map((file) => readFileSync(path.join(stateDir, file), 'utf8')).join('\n');
  return { sim, clock, client, reader, account, monitor, notifier, progress, run, health, written };
}

/** Every cookie the account needs, as a logged-in LinkedIn session holds them. */
function loggedIn(account: Account): FakeCookieJar {
  const jar = new FakeCookieJar({}, '.www.linkedin.com');
  for (const { name } of account.cookies) jar.set(name, name === 'li_at' ? VALUE : `value-of-${name}`);
  return jar;
}

const steps = (progress: ResyncProgress[]): string[] =>
  progress.map((p) => (p.step === 'synchronizing' ? `synchronizing ${p.statusCode}` : p.step === 'failed' ? `failed ${p.error.kind}` : p.step));

async function syncPlan(sim: RunningSimulator, plan: unknown): Promise<void> {
  await control(sim, 'POST', '/sync', plan);
}

describe('re-sync against the simulator', () => {
  it('the happy path: Lobstr gets the cookies, the task ends at 200, and the monitor shows the account green at once, without a notification', async () => {
    const h = await setup();
    expect(h.health()).toBe('needs_resync');
    h.notifier.take();

    const outcome = await h.run(loggedIn(h.account));

    expect(outcome).toMatchObject({ step: 'done', account: { id: h.account.id, status: '200', status_code_info: 'synchronized' } });
    expect([...new Set(steps(h.progress))]).toEqual(['waiting_for_login', 'sending', 'synchronizing 100', 'synchronizing 120', 'synchronizing 200', 'done']);
    expect(h.health()).toBe('ok');
    expect(h.notifier.shown).toEqual([]);
    // The simulator logs cookie names, never values; the progress holds none either.
    const log = JSON.stringify(await requestLog(h.sim));
    expect(log).toContain('li_at');
    expect(log).not.toContain(VALUE);
    expect(JSON.stringify(h.progress)).not.toContain(VALUE);
    // The next poll agrees and says nothing either.
    await h.monitor.refreshNow();
    expect(h.health()).toBe('ok');
    expect(h.notifier.shown).toEqual([]);
    await h.monitor.stop();
    // The state file holds the re-synced account, and no cookie value.
    expect(h.written()).toContain(h.account.id);
    expect(h.written()).not.toContain(VALUE);
  });

  it('a cookie missing, then arriving', async () => {
    const h = await setup();
    const jar = loggedIn(h.account);
    jar.cookies = jar.cookies.filter((c) => c.name !== 'JSESSIONID');
    const outcome = h.run(jar);
    await flush();
    expect(h.progress.at(-1)).toMatchObject({ step: 'waiting_for_login', missing: ['JSESSIONID'] });
    jar.set('JSESSIONID', '"ajax:1234"');
    expect(await outcome).toMatchObject({ step: 'done' });
    await h.monitor.stop();
  });

  it('wrong cookies: the task ends at 401 and the account stays as it was', async () => {
    const h = await setup();
    await syncPlan(h.sim, { bad_cookies: ['li_at'], count: 1 });
    const outcome = await h.run(loggedIn(h.account));
    expect(outcome).toMatchObject({ step: 'failed', error: { kind: 'cookies_rejected', statusCode: 401 } });
    expect(outcome.step === 'failed' && outcome.error.message).toMatch(/li_at is not valid/);
    expect((await h.reader.getAccount(h.account.id)).status_code_info).toBe('cookies_expired');
    expect(h.health()).toBe('needs_resync');
    await h.monitor.stop();
  });

  it('stuck at 120: "the cookies may be invalid" at 30 s, stopped at 60 s', async () => {
    const h = await setup();
    await syncPlan(h.sim, { outcome: 'stuck', count: 1 });
    const outcome = await h.run(loggedIn(h.account));
    expect(outcome).toMatchObject({ step: 'failed', error: { kind: 'timed_out' } });
    const following = h.progress.filter((p) => p.step === 'synchronizing');
    expect(following.find((p) => p.slow)).toMatchObject({ elapsedMs: 30_000, statusCode: 120 });
    expect(following.at(-1)).toMatchObject({ elapsedMs: 60_000, statusCode: 120 });
    await h.monitor.stop();
  });

  it('the key rejected', async () => {
    const h = await setup({ token: 'revoked0token0123456789' });
    expect(await h.run(loggedIn(h.account))).toMatchObject({ step: 'failed', error: { kind: 'key_rejected' } });
    await h.monitor.stop();
  });

  it('the account deleted while it synchronizes', async () => {
    const h = await setup();
    let deleted = false;
    const outcome = await h.run(loggedIn(h.account), undefined, (p) => {
      if (p.step === 'synchronizing' && p.statusCode === 120 && !deleted) {
        deleted = true;
        h.clock.after(control(h.sim, 'DELETE', `/accounts/${h.account.id}`));
      }
    });
    expect(outcome).toMatchObject({ step: 'failed', error: { kind: 'account_gone' } });
    await h.monitor.stop();
  });

  it('the account changing under the sync: what Lobstr holds afterwards is what the monitor shows', async () => {
    const h = await setup();
    let renamed = false;
    const outcome = await h.run(loggedIn(h.account), undefined, (p) => {
      if (p.step === 'synchronizing' && !renamed) {
        renamed = true;
        h.clock.after(control(h.sim, 'POST', `/accounts/${h.account.id}`, { username: 'renamed.meanwhile' }));
      }
    });
    expect(outcome).toMatchObject({ step: 'done', account: { username: 'renamed.meanwhile' } });
    expect(h.monitor.status().snapshot?.byId.get(h.account.id)?.account.username).toBe('renamed.meanwhile');
    await h.monitor.stop();
  });

  it('cancel while synchronizing: no more requests, the account left for the next check', async () => {
    const h = await setup();
    await syncPlan(h.sim, { outcome: 'stuck', count: 1 });
    const cancel = new AbortController();
    const outcome = await h.run(loggedIn(h.account), cancel.signal, (p) => {
      if (p.step === 'synchronizing' && p.statusCode === 120) cancel.abort();
    });
    expect(outcome).toMatchObject({ step: 'cancelled', during: 'synchronizing' });
    const requests = (await requestLog(h.sim)).length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await requestLog(h.sim)).length).toBe(requests);
    await h.monitor.stop();
  });
});
