/**
 * `lobstr-tray watch` run in-process against the real simulator, checking every second: what a
 * script (--json) and a person see as accounts expire and recover and the connection fails and
 * comes back, and how bad usage is refused.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli.js';
import type { WatchLine } from '../../main/cli/watchCommand.js';
import type { RunningSimulator } from '../../main/simulator/server.js';
import { recordingIo } from '../fixtures/recordingIo.js';
import { control, fault, requestLog, simulator, simulatorAccountIds } from '../helpers/simulatorHarness.js';

const KEY = 'c0ffee00c0ffee00c0ffee00c0ffee00';
const HEALTHY = { status: '200', status_code_info: 'synchronized', status_code_description: 'Success!', lock_time: null, resets_in: null };
const EXPIRED = { status: '401', status_code_info: 'cookies_expired' };

interface Watch {
  stdout(): string;
  stderr(): string;
  /** The --json lines so far, parsed (fails the test on a line that is not JSON). */
  events(): WatchLine[];
  stop(): Promise<number>;
}

const running: Watch[] = [];
afterEach(async () => {
  for (const watch of running.splice(0)) await watch.stop();
});

/** `now`, when given, is the watch's clock (a test moves it hours ahead). */
function startWatch(argv: string[], env: Record<string, string | undefined>, now?: () => number): Watch {
  const controller = new AbortController();
  const { io, stdout, stderr } = recordingIo(['watch', ...argv], env, { signal: controller.signal });
  if (now) io.now = now;
  const done = runCli(io);
  let stopped: Promise<number> | null = null;
  const watch: Watch = {
    stdout,
    stderr,
    events: () =>
      stdout()
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as WatchLine),
    stop: () => {
      controller.abort();
      stopped ??= done;
      return stopped;
    },
  };
  running.push(watch);
  return watch;
}

/** Waits until `condition` holds (checking every 50 ms); fails with what was printed if it never does. */
async function until(condition: () => boolean | Promise<boolean>, what: string, watch?: Watch, timeoutMs = 25_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`gave up waiting for ${what}\nstdout:\n${watch?.stdout() ?? ''}\nstderr:\n${watch?.stderr() ?? ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function listRequests(sim: RunningSimulator): Promise<number> {
  return (await requestLog(sim)).filter((r) => r.path === '/v1/accounts').length;
}

/** Waits for `polls` more requests of the list: the watch has checked again (and again). */
async function morePolls(sim: RunningSimulator, polls: number, watch: Watch): Promise<void> {
  const start = await listRequests(sim);
  await until(async () => (await listRequests(sim)) >= start + polls, `${polls} more checks`, watch);
}

async function healthySimulator(accounts = 4): Promise<{ sim: RunningSimulator; ids: string[]; env: Record<string, string> }> {
  const sim = await simulator({ port: 0, accounts, seed: 3, token: KEY });
  const ids = await simulatorAccountIds(sim);
  for (const id of ids) await control(sim, 'POST', `/accounts/${id}`, HEALTHY);
  return { sim, ids, env: { LOBSTR_API_KEY: KEY, LOBSTR_API_BASE: sim.baseUrl } };
}

const named = (events: WatchLine[], event: WatchLine['event']) => events.filter((e) => e.event === event);

describe('lobstr-tray watch --json', () => {
  it('prints needs_resync once when an account expires, and recovered once when it is synchronized again', async () => {
    const { sim, ids, env } = await healthySimulator();
    const watch = startWatch(['--interval', '1', '--json'], env);
    await morePolls(sim, 1, watch);
    const target = ids[1]!;
    await control(sim, 'POST', `/accounts/${target}`, { ...EXPIRED, username: 'maya_builds', squids: [{ name: 'A', hash_value: 'a1' }, { name: 'B', hash_value: 'b2' }] });
    await until(() => named(watch.events(), 'needs_resync').length > 0, 'needs_resync', watch);
    await morePolls(sim, 2, watch);
    const expired = named(watch.events(), 'needs_resync');
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({
      event: 'needs_resync',
      account: { id: target, username: 'maya_builds', reason: 'cookies expired' },
    });
    expect(expired[0]!.message).toMatch(/^@maya_builds needs cookie re-sync \(.+: cookies expired, used by 2 squids\)$/);
    expect(Number.isNaN(Date.parse(expired[0]!.at))).toBe(false);

    await control(sim, 'POST', `/accounts/${target}`, HEALTHY);
    await until(() => named(watch.events(), 'recovered').length > 0, 'recovered', watch);
    await morePolls(sim, 2, watch);
    expect(watch.events().map((e) => `${e.event} ${e.account?.id}`)).toEqual([`needs_resync ${target}`, `recovered ${target}`]);
    expect(named(watch.events(), 'recovered')[0]).toMatchObject({
      account: { id: target, username: 'maya_builds', reason: 'synchronized' },
      message: '@maya_builds is synchronized again',
    });

    expect(await watch.stop()).toBe(0);
    // stdout held only the events; the rest went to stderr.
    expect(watch.stderr()).toMatch(/^lobstr-tray: watching Lobstr accounts at http:\/\/127\.0\.0\.1:\d+\/v1, checking every 1 s \(Ctrl-C to stop\)\n/);
    expect(watch.stderr()).toContain('lobstr-tray: stopped');
  });

  it('prints connection_error once while the server keeps failing, and connection_restored once when it answers again', async () => {
    const { sim, env } = await healthySimulator();
    const watch = startWatch(['--interval', '1', '--json'], env);
    await morePolls(sim, 1, watch);
    await fault(sim, { status: 500 });
    await until(() => named(watch.events(), 'connection_error').length > 0, 'connection_error', watch);
    // One more failed check (four requests: the client's own retries).
    await morePolls(sim, 4, watch);
    expect(named(watch.events(), 'connection_error')).toHaveLength(1);
    expect(named(watch.events(), 'connection_error')[0]).toMatchObject({ account: null });
    expect(named(watch.events(), 'connection_error')[0]!.message).toMatch(/^Lobstr's server failed \(500/);

    await control(sim, 'DELETE', '/faults');
    await until(() => named(watch.events(), 'connection_restored').length > 0, 'connection_restored', watch);
    await morePolls(sim, 2, watch);
    const events = watch.events();
    expect(events.map((e) => e.event)).toEqual(['connection_error', 'connection_restored']);
    expect(events[1]!.message).toMatch(/^Lobstr answers again, after \d+ failed checks?$/);
    expect(events[1]!.account).toBeNull();
  });

  it('reports at its first check every account that already needs re-sync, so a script learns the current state', async () => {
    const { sim, ids, env } = await healthySimulator(6);
    await control(sim, 'POST', `/accounts/${ids[0]}`, EXPIRED);
    await control(sim, 'POST', `/accounts/${ids[4]}`, { status: '429', status_code_info: 'synchronized' });
    const watch = startWatch(['--interval', '1', '--json'], env);
    await morePolls(sim, 2, watch);
    expect(watch.events().map((e) => `${e.event} ${e.account?.id} ${e.account?.reason}`)).toEqual([
      `needs_resync ${ids[0]} cookies expired`,
      `needs_resync ${ids[4]} status 429: cookies need re-sync`,
    ]);
  });

  it('says a rejected key once, and never prints the key', async () => {
    const { sim } = await healthySimulator();
    const wrong = 'wrong-key-0123456789';
    const watch = startWatch(['--interval', '1', '--json', '--api-base', sim.baseUrl], { LOBSTR_API_KEY: wrong });
    await until(() => watch.events().length > 0, 'an event', watch);
    await morePolls(sim, 2, watch);
    const events = watch.events();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ event: 'connection_error', account: null });
    expect(events[0]!.message).toMatch(/^Lobstr rejected the API key/);
    expect(watch.stdout() + watch.stderr()).not.toContain(wrong);
  });
});

describe('lobstr-tray watch for people', () => {
  it('prints one readable line per event, after a line saying what it watches', async () => {
    const { sim, ids, env } = await healthySimulator();
    await control(sim, 'POST', `/accounts/${ids[2]}`, { ...EXPIRED, username: 'maya_builds', type: 'twitter-sync', squids: [] });
    const watch = startWatch(['--interval', '1'], env);
    await until(() => watch.stdout().includes('RE-SYNC'), 'the RE-SYNC line', watch);
    await control(sim, 'POST', `/accounts/${ids[2]}`, HEALTHY);
    await until(() => watch.stdout().includes(' OK '), 'the OK line', watch);
    expect(await watch.stop()).toBe(0);
    const lines = watch.stdout().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^watching Lobstr accounts at http:\/\/127\.0\.0\.1:\d+\/v1, checking every 1 s \(Ctrl-C to stop\)$/);
    expect(lines[1]).toMatch(/^\d\d:\d\d:\d\d {2}RE-SYNC {3}@maya_builds \(X \(Twitter\)\): cookies expired — used by no squid$/);
    expect(lines[2]).toMatch(/^\d\d:\d\d:\d\d {2}OK {8}@maya_builds \(X \(Twitter\)\) is synchronized again$/);
    expect(lines.slice(3)).toEqual(['stopped']);
    expect(watch.stderr()).toBe('');
  });

  it('says when the accounts cannot be reached and when they can again', async () => {
    const { sim, env } = await healthySimulator();
    await fault(sim, { reset: true, count: 4 });
    const watch = startWatch(['--interval', '1'], env);
    await until(() => watch.stdout().includes('RESTORED'), 'the RESTORED line', watch);
    const lines = watch.stdout().trimEnd().split('\n').slice(1);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d {2}OFFLINE {3}Could not reach Lobstr at 127\.0\.0\.1:\d+/);
    expect(lines[1]).toMatch(/^\d\d:\d\d:\d\d {2}RESTORED {2}Lobstr answers again, after 1 failed check$/);
  });

  it('with --state, a restarted watch reports only what changed while it was stopped', async () => {
    const { sim, ids, env } = await healthySimulator();
    const dir = mkdtempSync(join(tmpdir(), 'lobstr-watch-'));
    try {
      const state = join(dir, 'watch-state.json');
      await control(sim, 'POST', `/accounts/${ids[0]}`, EXPIRED);
      const first = startWatch(['--interval', '1', '--json', '--state', state], env);
      await until(() => first.events().length > 0, 'the first report', first);
      expect(await first.stop()).toBe(0);
      expect(first.events().map((e) => `${e.event} ${e.account?.id}`)).toEqual([`needs_resync ${ids[0]}`]);

      await control(sim, 'POST', `/accounts/${ids[3]}`, EXPIRED);
      const second = startWatch(['--interval', '1', '--json', '--state', state], env);
      await until(() => second.events().length > 0, 'the second report', second);
      await morePolls(sim, 2, second);
      expect(await second.stop()).toBe(0);
      expect(second.events().map((e) => `${e.event} ${e.account?.id}`)).toEqual([`needs_resync ${ids[3]}`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--demo watches the built-in simulator with no key', async () => {
    const watch = startWatch(['--demo', '--interval', '1', '--json'], {});
    await until(() => watch.events().length > 0, 'the demo accounts that need re-sync', watch);
    expect(await watch.stop()).toBe(0);
    expect(watch.events().every((e) => e.event === 'needs_resync')).toBe(true);
    expect(watch.stderr()).toMatch(/^lobstr-tray: watching the built-in simulator's demo accounts \(http:\/\/127\.0\.0\.1:\d+\/v1\)/);
  });
});

describe('lobstr-tray watch follows the tray\'s alert rules', () => {
  it('does not announce again an account that drops out of one list and comes back still needing re-sync', async () => {
    const { sim, ids, env } = await healthySimulator();
    const dropped = ids[1]!;
    const account = (await control(sim, 'POST', `/accounts/${dropped}`, EXPIRED)) as Record<string, unknown>;
    const watch = startWatch(['--interval', '1', '--json'], env);
    await until(() => named(watch.events(), 'needs_resync').length > 0, 'the first announcement', watch);

    await control(sim, 'DELETE', `/accounts/${dropped}`);
    await morePolls(sim, 2, watch);
    await control(sim, 'POST', '/accounts', { ...account, id: dropped });
    await morePolls(sim, 2, watch);

    expect(await watch.stop()).toBe(0);
    expect(named(watch.events(), 'needs_resync').map((e) => e.account?.id)).toEqual([dropped]);
  });

  it('--remind HOURS reminds of an account still needing re-sync, once per period, like the tray', async () => {
    const { sim, ids, env } = await healthySimulator();
    await control(sim, 'POST', `/accounts/${ids[2]}`, EXPIRED);
    let offsetMs = 0;
    const watch = startWatch(['--interval', '1', '--json', '--remind', '2'], env, () => Date.now() + offsetMs);
    await until(() => named(watch.events(), 'needs_resync').length > 0, 'the announcement', watch);
    await morePolls(sim, 2, watch);
    expect(named(watch.events(), 'reminder')).toEqual([]);

    offsetMs = 2 * 3_600_000 + 60_000;
    await until(() => named(watch.events(), 'reminder').length > 0, 'the reminder', watch);
    await morePolls(sim, 2, watch);
    expect(await watch.stop()).toBe(0);

    const reminders = named(watch.events(), 'reminder');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.account?.id).toBe(ids[2]);
    expect(reminders[0]!.message).toMatch(/still needs cookie re-sync \(.+: cookies expired for 2 h( \d+ min)?, used by (no squid|\d+ squids?)\)$/);
  });
});

describe('lobstr-tray watch --state that cannot be kept', () => {
  it.runIf(existsSync('/proc/self'))('under /proc: one line on stderr, exit 2, before any check', async () => {
    const { sim, env } = await healthySimulator();
    const recorded = recordingIo(['watch', '--interval', '1', '--state', '/proc/lobstr-tray-test/state.json'], env);
    const code = await Promise.race([runCli(recorded.io), new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 5_000))]);
    expect(code).toBe(2);
    expect(recorded.stdout()).toBe('');
    expect(recorded.stderr()).toBe(
      'lobstr-tray: --state /proc/lobstr-tray-test/state.json cannot be used: its folder /proc/lobstr-tray-test cannot be created (ENOENT). ' +
        'Give a file in a folder you can write to, or leave out --state.\n',
    );
    expect(await listRequests(sim)).toBe(0);
  });
});

describe('lobstr-tray watch usage', () => {
  async function usage(argv: string[], env: Record<string, string> = { LOBSTR_API_KEY: KEY }) {
    const recorded = recordingIo(['watch', ...argv], env);
    const code = await runCli(recorded.io);
    return { code, stdout: recorded.stdout(), stderr: recorded.stderr() };
  }

  it.each([
    [['--interval', '0'], '--interval takes a number of seconds from 1 to 86400, not "0"'],
    [['--interval', 'soon'], '--interval takes a number of seconds from 1 to 86400, not "soon"'],
    [['--interval', '0.5', '--json'], '--interval takes a number of seconds from 1 to 86400, not "0.5"'],
    [['--api-key', KEY], 'the API key is never taken from the command line'],
    [['--demo', '--api-base', 'http://127.0.0.1:1/v1'], '--demo runs its own simulator: leave out --api-base'],
    [['--api-base', 'http://example.com/v1'], '--api-base: '],
    [['--frequency', '3'], "Unknown option '--frequency'"],
    [['now'], "Unexpected argument 'now'"],
    [['--state', ''], '--state needs a file name'],
  ])('%j exits 64 with one line on stderr and nothing on stdout', async (argv, message) => {
    const r = await usage(argv);
    expect(r.code).toBe(64);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('without a key exits 64 and says where the key goes', async () => {
    const r = await usage(['--json'], {});
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(
      'lobstr-tray: LOBSTR_API_KEY is not set. Copy your key from the API page of the Lobstr dashboard into it, or try --demo\n',
    );
  });

  it('--help and "help watch" explain the events, the options and that the state is kept in memory', async () => {
    const r = await usage(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: lobstr-tray watch \[options\]/);
    for (const word of ['needs_resync', 'recovered', 'connection_error', 'connection_restored', '--interval SECONDS', '--json', '--demo', '--state FILE', 'kept in memory only', 'LOBSTR_API_KEY']) {
      expect(r.stdout).toContain(word);
    }
    let out = '';
    expect(await runCli({ argv: ['help', 'watch'], env: {}, stdout: { write: (t: string) => (out += t) }, stderr: { write: () => true } })).toBe(0);
    expect(out).toBe(r.stdout);
    let main = '';
    await runCli({ argv: ['--help'], env: {}, stdout: { write: (t: string) => (main += t) }, stderr: { write: () => true } });
    expect(main).toContain('watch    keep checking, one line per change');
  });
});
