/**
 * The re-sync of one account (issue 9 §2, §6) against a scripted Lobstr, on a fake clock: the happy
 * path, a cookie arriving late, wrong cookies, a task stuck at 120, the key rejected, the account
 * deleted or changed meanwhile, and cancel at every step. What a user would notice: the steps the
 * window shows, what Lobstr received, what the monitor was given, and that no value leaks.
 */
import { describe, expect, it } from 'vitest';
import type { Account } from '../../main/core/lobstr/account.js';
import { createLobstrClient } from '../../main/core/lobstr/apiClient.js';
import { fixedCookieSource, type CookieSource } from '../../main/core/resync/cookieSource.js';
import { resyncAccount } from '../../main/core/resync/resync.js';
import type { ResyncOutcome, ResyncProgress } from '../../main/core/resync/resyncProgress.js';
import { FakeCookieJar } from '../helpers/fakeCookieJar.js';
import { SCRIPTED_BASE, SCRIPTED_KEY, ScriptedLobstr, expiredRawAccount } from '../helpers/scriptedLobstr.js';
import { FakeClock, T0, flush } from './monitorFakes.js';

const ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const AUTH_TOKEN = 'distinctive-auth-token-value-5d1e';
const CT0 = 'distinctive-ct0-value-77aa';

async function setup(options: { key?: string; raw?: Record<string, unknown> } = {}) {
  const raw = expiredRawAccount(ID, {
    username: 'maya_builds',
    cookies: [
      { name: 'auth_token', required: true },
      { name: 'ct0', required: true },
    ],
    ...options.raw,
  });
  const lobstr = new ScriptedLobstr([raw]);
  const clock = new FakeClock();
  const reader = createLobstrClient({ apiKey: SCRIPTED_KEY, baseUrl: SCRIPTED_BASE, fetch: lobstr.fetch });
  const account = await reader.getAccount(ID);
  lobstr.requests.length = 0;
  const client = createLobstrClient({ apiKey: options.key ?? SCRIPTED_KEY, baseUrl: SCRIPTED_BASE, fetch: lobstr.fetch, sleep: async () => undefined });
  const progress: ResyncProgress[] = [];
  const resynced: Account[] = [];
  const monitor = { accountResynced: async (a: Account) => void resynced.push(a) };
  let outcome: ResyncOutcome | undefined;
  const start = (source: CookieSource, signal?: AbortSignal): Promise<ResyncOutcome> => {
    const run = resyncAccount(
      { account, source, ...(signal ? { signal } : {}) },
      { client, clock, monitor, onProgress: (p) => progress.push(p) },
    );
    void run.then((o) => (outcome = o));
    return run;
  };
  return {
    lobstr,
    clock,
    account,
    progress,
    resynced,
    start,
    get outcome() {
      return outcome;
    },
    /** The steps shown so far, as a person would read them. */
    steps(): string[] {
      return progress.map(stepText);
    },
    /** Seconds since the start at which Lobstr was asked for the task's status. */
    sent(): Array<Record<string, unknown>> {
      return lobstr.requests.filter((r) => r.method === 'POST').map((r) => JSON.parse(r.body!) as Record<string, unknown>);
    },
  };
}

function stepText(p: ResyncProgress): string {
  switch (p.step) {
    case 'waiting_for_login':
      return `waiting ${p.have} of ${p.need}${p.missing.length ? ` (missing ${p.missing.join(', ')})` : ''}${p.signingIn ? ' signing in' : ''}`;
    case 'sending':
      return `sending ${p.cookieNames.join(', ')}`;
    case 'synchronizing':
      return `synchronizing ${p.statusCode} at ${p.elapsedMs / 1000} s${p.slow ? ' slow' : ''}`;
    case 'done':
      return `done: ${p.message}`;
    case 'failed':
      return `failed ${p.error.kind}: ${p.error.message}`;
    case 'cancelled':
      return `cancelled during ${p.during}`;
  }
}

/** Lets the fakes' answers come through (they need a few turns of the event loop). */
async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) await flush();
}

const bothCookies = (): FakeCookieJar => new FakeCookieJar({ auth_token: AUTH_TOKEN, ct0: CT0 });

function expectNoValues(h: { progress: ResyncProgress[] }): void {
  const shown = JSON.stringify(h.progress);
  expect(shown).not.toContain(AUTH_TOKEN);
  expect(shown).not.toContain(CT0);
}

describe('re-syncing an account', () => {
  it('the happy path: sends the cookies, follows the task every 2 s to 200, and hands the fresh account to the monitor', async () => {
    const h = await setup();
    const run = h.start(bothCookies());
    await settle();
    expect(h.sent()).toEqual([{ account: ID, type: 'twitter-sync', cookies: { auth_token: AUTH_TOKEN, ct0: CT0 } }]);
    await h.clock.advance(2_000);
    await settle();
    await h.clock.advance(2_000);
    const outcome = await run;

    expect(h.steps()).toEqual([
      'waiting 2 of 2',
      'sending auth_token, ct0',
      'synchronizing 100 at 0 s',
      'synchronizing 120 at 2 s',
      'synchronizing 200 at 4 s',
      'done: @maya_builds is synchronized: Lobstr has fresh cookies.',
    ]);
    expect(outcome.step).toBe('done');
    expect(h.lobstr.statusReads).toHaveLength(2);
    // Re-read after the task ended, and given to the monitor at once.
    expect(h.lobstr.requests.at(-1)).toMatchObject({ method: 'GET', path: `/accounts/${ID}` });
    expect(h.resynced.map((a) => [a.id, a.status, a.status_code_info])).toEqual([[ID, '200', 'synchronized']]);
    expectNoValues(h);
  });

  it('waits for a missing cookie, says "1 of 2", and goes on when it arrives and the person is through the sign-in pages', async () => {
    const h = await setup();
    const jar = new FakeCookieJar({ auth_token: AUTH_TOKEN });
    const run = h.start(jar);
    await settle();
    expect(h.steps()).toEqual(['waiting 1 of 2 (missing ct0)']);
    expect(h.lobstr.requests).toEqual([]);

    jar.settled = false;
    jar.set('ct0', CT0);
    await settle();
    expect(h.steps().at(-1)).toBe('waiting 2 of 2 signing in');
    expect(h.lobstr.requests).toEqual([]);

    jar.setSettled(true);
    await settle();
    expect(h.steps().slice(-2)).toEqual(['sending auth_token, ct0', 'synchronizing 100 at 0 s']);
    await h.clock.advance(4_000);
    expect((await run).step).toBe('done');
    expect(jar.listeners).toBe(0);
  });

  it('cookies given once (pasted) that lack a required one fail at once, naming it, and send nothing', async () => {
    const h = await setup();
    const outcome = await h.start(fixedCookieSource([{ name: 'auth_token', value: AUTH_TOKEN, domain: '.x.com' }]));
    expect(outcome).toMatchObject({ step: 'failed', error: { kind: 'cookies_missing' } });
    expect(h.steps().at(-1)).toMatch(/failed cookies_missing: Lobstr needs ct0 for x.com/);
    expect(h.lobstr.requests).toEqual([]);
  });

  it('an account naming no cookies sends the whole session of its site, and only that site', async () => {
    const h = await setup({ raw: { cookies: [] } });
    const jar = bothCookies();
    jar.set('lang', 'en');
    jar.set('elsewhere', 'x', '.example.com');
    const run = h.start(jar);
    await h.clock.advance(4_000);
    expect((await run).step).toBe('done');
    expect(h.sent()[0]!['cookies']).toEqual({ auth_token: AUTH_TOKEN, ct0: CT0, lang: 'en' });
  });
});

describe('when the re-sync fails', () => {
  it('cookies Lobstr refuses: failed as cookies rejected, in words that do not repeat the values', async () => {
    const h = await setup();
    h.lobstr.answerNext('POST /accounts/cookies', { status: 400, body: { detail: `Invalid cookies or account type mismatch (ct0=${CT0}).` } });
    const outcome = await h.start(bothCookies());
    expect(outcome).toMatchObject({ step: 'failed', task: null, error: { kind: 'cookies_rejected' } });
    expect(h.steps().at(-1)).toMatch(/Lobstr refused the cookies.*Log in again/);
    expect(h.resynced).toEqual([]);
    expectNoValues(h);
  });

  it('a task that fails (status ≥ 400): failed as cookies rejected with its status, the account not handed on', async () => {
    const h = await setup();
    h.lobstr.taskScript = [
      { status_code: 120, status_text: 'synchronizing' },
      { status_code: 401, status_text: 'invalid cookies' },
    ];
    const run = h.start(bothCookies());
    await h.clock.advance(4_000);
    const outcome = await run;
    expect(outcome).toMatchObject({ step: 'failed', error: { kind: 'cookies_rejected', statusCode: 401 } });
    expect(h.steps().at(-1)).toBe(
      'failed cookies_rejected: Lobstr could not synchronize @maya_builds with these cookies: status 401 (invalid cookies). Log in again (or export fresh cookies) and retry.',
    );
    expect(h.resynced).toEqual([]);
  });

  it('a task stuck at 120: "the cookies may be invalid" from 30 s, and the re-sync stops waiting at 60 s', async () => {
    const h = await setup();
    h.lobstr.taskScript = [{ status_code: 120, status_text: 'synchronizing' }];
    const run = h.start(bothCookies());
    await h.clock.advance(28_000);
    expect(h.progress.at(-1)).toMatchObject({ step: 'synchronizing', statusCode: 120, slow: false });
    await h.clock.advance(2_000);
    expect(h.progress.at(-1)).toMatchObject({ step: 'synchronizing', elapsedMs: 30_000, slow: true, message: 'Still synchronizing after 30 s: the cookies may be invalid.' });
    await h.clock.advance(30_000);
    const outcome = await run;
    expect(outcome).toMatchObject({ step: 'failed', error: { kind: 'timed_out' } });
    expect(h.steps().at(-1)).toMatch(/for 60 s without finishing: the cookies may be invalid/);
    expect(h.clock.now() - T0).toBe(60_000);
    expect(h.lobstr.statusReads).toHaveLength(30);
    await h.clock.advance(60_000);
    expect(h.lobstr.statusReads).toHaveLength(30);
    expect(h.clock.pendingTimers).toBe(0);
  });

  it('the key rejected', async () => {
    const h = await setup({ key: 'revoked0key0123456789abcdef' });
    const outcome = await h.start(bothCookies());
    expect(outcome).toMatchObject({ step: 'failed', error: { kind: 'key_rejected' } });
    expect(h.steps().at(-1)).toMatch(/rejected the API key/);
  });

  it('the account deleted before the cookies reach Lobstr', async () => {
    const h = await setup();
    h.lobstr.accounts.delete(ID);
    const outcome = await h.start(bothCookies());
    expect(outcome).toMatchObject({ step: 'failed', error: { kind: 'account_gone' } });
    expect(h.steps().at(-1)).toMatch(/was not found on Lobstr.*deleted/);
  });

  it('the account deleted while it synchronizes: the task ends at 404', async () => {
    const h = await setup();
    h.lobstr.taskScript = [
      { status_code: 120, status_text: 'synchronizing' },
      { status_code: 404, status_text: 'account not found' },
    ];
    const run = h.start(bothCookies());
    await h.clock.advance(4_000);
    expect(await run).toMatchObject({ step: 'failed', error: { kind: 'account_gone', statusCode: 404 } });
    expect(h.steps().at(-1)).toMatch(/Lobstr no longer has @maya_builds \(status 404 \(account not found\)\)/);
  });

  it('the account deleted as it synchronizes: the re-read finds it gone', async () => {
    const h = await setup();
    h.lobstr.onSynchronized = () => null;
    const run = h.start(bothCookies());
    await h.clock.advance(4_000);
    const outcome = await run;
    expect(outcome).toMatchObject({ step: 'failed', error: { kind: 'account_gone' } });
    expect(h.resynced).toEqual([]);
  });

  it('Lobstr unreachable while the task is followed', async () => {
    const h = await setup();
    for (let i = 0; i < 4; i++) h.lobstr.answerNext('GET /synchronize/', 'network');
    const run = h.start(bothCookies());
    await h.clock.advance(2_000);
    expect(await run).toMatchObject({ step: 'failed', error: { kind: 'network' } });
  });
});

describe('the account changing under the sync', () => {
  it('the account as Lobstr has it after the sync is what the monitor and the window get, not the copy the re-sync started from', async () => {
    const h = await setup();
    h.lobstr.onSynchronized = (account) => ({ ...account, status: '200', status_code_info: 'synchronized', username: 'maya.renamed', squids: [] });
    const run = h.start(bothCookies());
    await h.clock.advance(4_000);
    const outcome = await run;
    expect(outcome).toMatchObject({ step: 'done', account: { username: 'maya.renamed', status: '200' } });
    expect(h.resynced.map((a) => a.username)).toEqual(['maya.renamed']);
    expect(h.steps().at(-1)).toBe('done: maya.renamed is synchronized: Lobstr has fresh cookies.');
  });
});

describe('cancel', () => {
  it('while waiting for the login: nothing is sent, the source is let go', async () => {
    const h = await setup();
    const jar = new FakeCookieJar({ auth_token: AUTH_TOKEN });
    const cancel = new AbortController();
    const run = h.start(jar, cancel.signal);
    await settle();
    cancel.abort();
    expect(await run).toMatchObject({ step: 'cancelled', during: 'waiting_for_login', task: null, message: 'Cancelled: nothing was sent to Lobstr.' });
    jar.set('ct0', CT0);
    await settle();
    expect(h.lobstr.requests).toEqual([]);
    expect(jar.listeners).toBe(0);
  });

  it('while sending: the request is abandoned', async () => {
    const h = await setup();
    h.lobstr.holdNext('POST /accounts/cookies');
    const cancel = new AbortController();
    const run = h.start(bothCookies(), cancel.signal);
    await settle();
    expect(h.steps().at(-1)).toBe('sending auth_token, ct0');
    cancel.abort();
    expect(await run).toMatchObject({ step: 'cancelled', during: 'sending', message: expect.stringMatching(/Lobstr may still finish/) });
    expect(h.lobstr.statusReads).toEqual([]);
  });

  it('while synchronizing: the task is no longer followed, no timer is left', async () => {
    const h = await setup();
    h.lobstr.taskScript = [{ status_code: 120, status_text: 'synchronizing' }];
    const cancel = new AbortController();
    const run = h.start(bothCookies(), cancel.signal);
    await h.clock.advance(5_000);
    cancel.abort();
    expect(await run).toMatchObject({ step: 'cancelled', during: 'synchronizing', task: expect.stringMatching(/^task/) });
    const reads = h.lobstr.statusReads.length;
    await h.clock.advance(20_000);
    expect(h.lobstr.statusReads).toHaveLength(reads);
    expect(h.clock.pendingTimers).toBe(0);
    expect(h.resynced).toEqual([]);
  });

  it('while the account is read again after the sync: said to be synchronized already', async () => {
    const h = await setup();
    h.lobstr.holdNext('GET /accounts/');
    const cancel = new AbortController();
    const run = h.start(bothCookies(), cancel.signal);
    await h.clock.advance(4_000);
    expect(h.steps().at(-1)).toBe('synchronizing 200 at 4 s');
    cancel.abort();
    expect(await run).toMatchObject({
      step: 'cancelled',
      during: 'synchronizing',
      message: 'Cancelled after Lobstr synchronized the account: the list shows it at the next check.',
    });
    expect(h.resynced).toEqual([]);
  });

  it('before it starts: cancelled at once', async () => {
    const h = await setup();
    const cancel = new AbortController();
    cancel.abort();
    expect(await h.start(bothCookies(), cancel.signal)).toMatchObject({ step: 'cancelled', during: 'waiting_for_login' });
    expect(h.lobstr.requests).toEqual([]);
  });
});
