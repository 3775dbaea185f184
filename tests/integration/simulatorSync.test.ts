/**
 * The simulator's account-sync endpoints (lobstr-api.md §2 E3–E5, §6 and "Re-sync decisions"):
 * `GET /v1/account_types`, `POST /v1/accounts/cookies`, `GET /v1/synchronize/{id}`, and the control
 * API's `/__sim/sync` that chooses how the next tasks end. Time runs on a clock the test moves.
 */
import { describe, expect, onTestFinished, test, vi } from 'vitest';
import type { LoggedRequest } from '../../main/simulator/requestLog.js';
import type { RunningSimulator } from '../../main/simulator/server.js';
import { apiGet, apiRequest, control, controlRequest, fault, simulator } from '../helpers/simulatorHarness.js';

const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);
const HEX32 = /^[0-9a-f]{32}$/;

interface Account {
  id: string;
  type: string;
  status: string;
  status_code_info: string;
  status_code_description: string;
  last_synchronization_time: string;
  lock_time: number | null;
  account_type_hash: string;
  icon: string;
  cookies: { name: string; required: boolean }[];
}

interface SyncStatus {
  id: string;
  object: string;
  status_code: number;
  status_text: string;
  account_hash: string | null;
}

/** A simulator on a clock the test moves by hand. */
async function clockedSimulator(accounts = 12): Promise<{ s: RunningSimulator; tick(ms: number): void; now(): number }> {
  let t = T0;
  const s = await simulator({ accounts, seed: 5, now: () => t });
  return { s, tick: (ms) => void (t += ms), now: () => t };
}

async function json<T>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

async function account(s: RunningSimulator, hash: string): Promise<Account> {
  return (await json<{ data: Account[] }>(await apiGet(s, `/accounts/${hash}`))).data[0]!;
}

/** The first account of `type`, made to need a re-sync (expired cookies, and locked for good measure). */
async function expiredAccount(s: RunningSimulator, type: string, nowMs: number): Promise<Account> {
  const all = (await control(s, 'GET', '/accounts')) as { id: string; type: string }[];
  const target = all.find((a) => a.type === type);
  if (!target) throw new Error(`no ${type} account in this simulator`);
  await control(s, 'POST', `/accounts/${target.id}`, {
    status: '401',
    status_code_info: 'cookies_expired',
    status_code_description: 'Cookies expired.',
    lock_time: Math.floor(nowMs / 1000) + 3600,
  });
  return account(s, target.id);
}

const syncStatus = async (s: RunningSimulator, id: string): Promise<SyncStatus> =>
  json<SyncStatus>(await apiGet(s, `/synchronize/${id}`));

const sendCookies = (s: RunningSimulator, body: unknown): Promise<Response> => apiRequest(s, 'POST', '/accounts/cookies', body);

describe('GET /v1/account_types', () => {
  test('lists the four documented types in the list envelope, each with the cookies it needs', async () => {
    const s = await simulator({ accounts: 40 });
    const body = await json<Record<string, unknown> & { data: Record<string, unknown>[] }>(await apiGet(s, '/account_types'));
    expect(body).toMatchObject({
      total_results: 4, limit: 50, page: 1, total_pages: 1, result_from: 1, result_to: 4, next: null, previous: null,
    });
    for (const item of body.data) {
      expect(Object.keys(item)).toEqual(['id', 'object', 'name', 'icon', 'domain', 'params', 'baseurl', 'cookies']);
      expect(item.object).toBe('account_type');
      expect(item.id).toMatch(HEX32);
    }
    const byName = new Map(body.data.map((t) => [t.name as string, t]));
    const cookies = (names: string[]) => names.map((name) => ({ name, required: true }));
    expect(byName.get('twitter-sync')).toMatchObject({
      id: '9853173fc00a940a33d7a420c176ad3b', domain: 'Twitter', baseurl: 'https://x.com', params: {},
      cookies: cookies(['auth_token', 'ct0']),
    });
    expect(byName.get('facebook-sync')).toMatchObject({
      id: '16f5b7f91e8fc533eab88be973273a02', domain: 'Facebook', baseurl: 'https://www.facebook.com', params: {},
      cookies: cookies(['c_user', 'xs']),
    });
    expect(byName.get('sales-nav-sync')).toMatchObject({
      id: 'cf67cafe03776e796f02a29f29ab2866', domain: 'Sales Navigator', baseurl: 'https://www.linkedin.com',
      cookies: cookies(['li_at', 'JSESSIONID', 'li_a']),
      params: {
        batch: { max: 20, default: 20, attribute: 'profiles' },
        profiles: { max: 150, default: 150 },
        searches: { max: 200, default: 200 },
        batch_hours: { max: 2, default: 2 },
      },
    });
    expect(byName.get('linkedin-sync')).toMatchObject({
      domain: 'LinkedIn', baseurl: 'https://www.linkedin.com', cookies: cookies(['li_at', 'JSESSIONID']),
    });
    // The accounts point at their type: same hash, same icon.
    const accounts = (await json<{ data: Account[] }>(await apiGet(s, '/accounts'))).data;
    for (const a of accounts) {
      const type = byName.get(a.type)!;
      expect(a.account_type_hash).toBe(type.id);
      expect(a.icon).toBe(type.icon);
    }
  });
});

describe('a cookie refresh, POST /v1/accounts/cookies then GET /v1/synchronize/{id}', () => {
  test('goes 100 → 120 → 200 over three seconds; then the account is healthy, synced now and unlocked', async () => {
    const { s, tick, now } = await clockedSimulator();
    const before = await expiredAccount(s, 'twitter-sync', now());
    const res = await sendCookies(s, { account: before.id, type: 'twitter-sync', cookies: { auth_token: 'a1', ct0: 'c1' } });
    const created = await json<Record<string, unknown>>(res);
    expect(Object.keys(created)).toEqual(['id', 'object', 'status_code', 'status_text']);
    expect(created).toMatchObject({ object: 'synchronize-cookies', status_code: 100, status_text: 'created' });
    const id = created.id as string;
    expect(id).toMatch(HEX32);

    expect(await syncStatus(s, id)).toEqual({
      id, object: 'synchronize-cookies', status_code: 100, status_text: 'created', account_hash: before.id,
    });
    tick(1000);
    expect(await syncStatus(s, id)).toMatchObject({ status_code: 120, status_text: 'synchronizing', account_hash: before.id });
    expect(await account(s, before.id)).toMatchObject({ status: '401', status_code_info: 'cookies_expired' });
    tick(1999);
    expect((await syncStatus(s, id)).status_code).toBe(120);
    tick(1);
    expect(await syncStatus(s, id)).toMatchObject({ status_code: 200, status_text: 'synchronized', account_hash: before.id });
    const doneAt = new Date(now()).toISOString().replace('.000Z', 'Z');
    tick(5000);
    expect(await account(s, before.id)).toMatchObject({
      status: '200',
      status_code_info: 'synchronized',
      status_code_description: 'Success!',
      last_synchronization_time: doneAt,
      lock_time: null,
    });
  });

  test('the account turns healthy even when nobody polls the task', async () => {
    const { s, tick, now } = await clockedSimulator();
    const before = await expiredAccount(s, 'facebook-sync', now());
    await json(await sendCookies(s, { account: before.id, type: 'facebook-sync', cookies: { c_user: '1', xs: '2' } }));
    tick(3000);
    expect(await account(s, before.id)).toMatchObject({ status: '200', status_code_info: 'synchronized' });
  });

  test('a missing required cookie ends the task at 400, naming it; the account stays as it was', async () => {
    const { s, tick, now } = await clockedSimulator();
    const before = await expiredAccount(s, 'sales-nav-sync', now());
    const created = await json<{ id: string }>(
      await sendCookies(s, { account: before.id, type: 'sales-nav-sync', cookies: { li_at: 'x', JSESSIONID: '"ajax:1"', li_a: '' } }),
    );
    tick(3000);
    const status = await syncStatus(s, created.id);
    expect(status.status_code).toBe(400);
    expect(status.status_text).toMatch(/^Missing required cookie: li_a\. Log in to Sales Navigator again/);
    expect(await account(s, before.id)).toEqual(before);
  });

  test('cookies the control API marked bad end the task at 401 with a text a person can act on', async () => {
    const { s, tick, now } = await clockedSimulator();
    const before = await expiredAccount(s, 'linkedin-sync', now());
    await control(s, 'POST', '/sync', { bad_cookies: ['li_at'] });
    const created = await json<{ id: string }>(
      await sendCookies(s, { account: before.id, type: 'linkedin-sync', cookies: { li_at: 'x', JSESSIONID: 'y' } }),
    );
    tick(1000);
    expect((await syncStatus(s, created.id)).status_code).toBe(120);
    tick(2000);
    const status = await syncStatus(s, created.id);
    expect(status.status_code).toBe(401);
    expect(status.status_text).toMatch(/LinkedIn/);
    expect(status.status_text).toMatch(/li_at/);
    expect(status.status_text).toMatch(/log in again/i);
    expect((await account(s, before.id)).status_code_info).toBe('cookies_expired');
  });

  test('"stuck" keeps a task at 120 for good; count limits a plan to the next N tasks, in order', async () => {
    const { s, tick, now } = await clockedSimulator();
    const before = await expiredAccount(s, 'twitter-sync', now());
    await control(s, 'POST', '/sync', { outcome: 'stuck', count: 1 });
    await control(s, 'POST', '/sync', { outcome: 'rejected', steps_ms: [10, 20], count: 1 });
    const body = { account: before.id, type: 'twitter-sync', cookies: { auth_token: 'a', ct0: 'b' } };
    const stuck = await json<{ id: string }>(await sendCookies(s, body));
    const rejected = await json<{ id: string }>(await sendCookies(s, body));
    const fine = await json<{ id: string }>(await sendCookies(s, body));
    tick(30);
    expect((await syncStatus(s, rejected.id)).status_code).toBeGreaterThanOrEqual(400);
    tick(10 * 60_000);
    expect(await syncStatus(s, stuck.id)).toMatchObject({ status_code: 120, status_text: 'synchronizing' });
    expect((await syncStatus(s, fine.id)).status_code).toBe(200);
    expect((await control(s, 'GET', '/sync')) as { plans: unknown[] }).toMatchObject({ plans: [] });
  });

  test('a plan without count applies until DELETE /__sim/sync clears it', async () => {
    const { s, tick, now } = await clockedSimulator();
    const before = await expiredAccount(s, 'twitter-sync', now());
    await control(s, 'POST', '/sync', { outcome: 'rejected', steps_ms: [0, 0] });
    const body = { account: before.id, type: 'twitter-sync', cookies: { auth_token: 'a', ct0: 'b' } };
    for (let i = 0; i < 3; i++) {
      const task = await json<{ id: string }>(await sendCookies(s, body));
      expect((await syncStatus(s, task.id)).status_code).toBe(401);
    }
    expect(await control(s, 'DELETE', '/sync')).toEqual({ plans: [] });
    const task = await json<{ id: string }>(await sendCookies(s, body));
    tick(3000);
    expect((await syncStatus(s, task.id)).status_code).toBe(200);
  });

  test('an account deleted while it synchronizes ends the task at 404', async () => {
    const { s, tick, now } = await clockedSimulator();
    const before = await expiredAccount(s, 'twitter-sync', now());
    const task = await json<{ id: string }>(
      await sendCookies(s, { account: before.id, type: 'twitter-sync', cookies: { auth_token: 'a', ct0: 'b' } }),
    );
    tick(1000);
    await control(s, 'DELETE', `/accounts/${before.id}`);
    tick(2000);
    const status = await syncStatus(s, task.id);
    expect(status.status_code).toBe(404);
    expect(status.status_text).toMatch(/deleted/);
  });

  test('without an account it syncs a new one: its hash comes with the 200', async () => {
    const { s, tick } = await clockedSimulator(3);
    const created = await json<{ id: string }>(await sendCookies(s, { type: 'twitter-sync', cookies: { auth_token: 'a', ct0: 'b' } }));
    expect((await syncStatus(s, created.id)).account_hash).toBeNull();
    tick(3000);
    const done = await syncStatus(s, created.id);
    expect(done.status_code).toBe(200);
    expect(done.account_hash).toMatch(HEX32);
    expect(await account(s, done.account_hash!)).toMatchObject({ type: 'twitter-sync', status: '200', status_code_info: 'synchronized' });
    expect((await json<{ total_results: number }>(await apiGet(s, '/accounts'))).total_results).toBe(4);
  });

  test('GET /__sim/sync shows the plans and the tasks, with cookie names only', async () => {
    const { s, now } = await clockedSimulator();
    const before = await expiredAccount(s, 'twitter-sync', now());
    await control(s, 'POST', '/sync', { outcome: 'stuck', count: 2 });
    const task = await json<{ id: string }>(
      await sendCookies(s, { account: before.id, type: 'twitter-sync', cookies: { auth_token: 'tok-value', ct0: 'ct0-value' } }),
    );
    const seen = (await control(s, 'GET', '/sync')) as { plans: unknown[]; tasks: Record<string, unknown>[] };
    expect(seen.plans).toEqual([{ id: 1, outcome: 'stuck', steps_ms: [1000, 2000], bad_cookies: [], count: 1 }]);
    expect(seen.tasks).toEqual([
      {
        id: task.id,
        account: before.id,
        type: 'twitter-sync',
        cookie_names: ['auth_token', 'ct0'],
        outcome: 'stuck',
        created_at: new Date(now()).toISOString(),
        status_code: 100,
        status_text: 'created',
      },
    ]);
  });

  test('the control API help lists /__sim/sync and the new /v1 endpoints', async () => {
    const s = await simulator({ accounts: 1 });
    const help = JSON.stringify(await control(s, 'GET', '/'));
    for (const text of ['/__sim/sync', 'bad_cookies', 'GET /v1/account_types', 'POST /v1/accounts/cookies', 'GET /v1/synchronize/{id}']) {
      expect(help).toContain(text);
    }
  });

  test('a list of plans is queued in order, or refused whole when one is bad', async () => {
    const s = await simulator({ accounts: 1 });
    expect((await controlRequest(s, 'POST', '/sync', [{ outcome: 'stuck', count: 1 }, { outcome: 'nope' }])).status).toBe(400);
    expect(await control(s, 'GET', '/sync')).toEqual({ plans: [], tasks: [] });
    await control(s, 'POST', '/sync', [{ outcome: 'stuck', count: 1 }, { bad_cookies: ['ct0'] }]);
    const { plans } = (await control(s, 'GET', '/sync')) as { plans: { outcome: string; bad_cookies: string[] }[] };
    expect(plans.map((p) => [p.outcome, p.bad_cookies])).toEqual([['stuck', []], ['ok', ['ct0']]]);
  });

  test.each([
    [{ outcome: 'maybe' }, /outcome/],
    [{ steps_ms: [100] }, /steps_ms/],
    [{ steps_ms: [-1, 5] }, /steps_ms/],
    [{ bad_cookies: 'li_at' }, /bad_cookies/],
    [{ outcome: 'ok', count: 0 }, /count/],
    [{ outcome: 'ok', colour: 'red' }, /colour/],
    [{}, /outcome|steps_ms|bad_cookies/],
  ])('POST /__sim/sync %j is refused with a 400 saying why', async (body, why) => {
    const s = await simulator({ accounts: 1 });
    const res = await controlRequest(s, 'POST', '/sync', body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(why);
    expect(await control(s, 'GET', '/sync')).toEqual({ plans: [], tasks: [] });
  });
});

describe('what POST /v1/accounts/cookies and GET /v1/synchronize refuse', () => {
  const REFRESH = 'Invalid cookies or account type mismatch.';
  const SYNC = 'Invalid account type or missing required cookies.';

  test.each([
    ['no cookies', (hash: string) => ({ account: hash, type: 'twitter-sync' }), REFRESH],
    ['cookies not an object', (hash: string) => ({ account: hash, type: 'twitter-sync', cookies: ['auth_token'] }), REFRESH],
    ['a cookie value not a string', (hash: string) => ({ account: hash, type: 'twitter-sync', cookies: { auth_token: 5, ct0: 'x' } }), REFRESH],
    ['no type', (hash: string) => ({ account: hash, cookies: { auth_token: 'a', ct0: 'b' } }), REFRESH],
    ['the account of another type', (hash: string) => ({ account: hash, type: 'facebook-sync', cookies: { c_user: 'a', xs: 'b' } }), REFRESH],
    ['an account hash that is not a string', () => ({ account: 42, type: 'twitter-sync', cookies: { auth_token: 'a', ct0: 'b' } }), REFRESH],
    ['a new account of an unknown type', () => ({ type: 'myspace-sync', cookies: { a: 'b' } }), SYNC],
    ['a new account without a required cookie', () => ({ type: 'twitter-sync', cookies: { auth_token: 'a' } }), SYNC],
  ])('%s: 400 with the documented text', async (_name, makeBody, message) => {
    const { s, now } = await clockedSimulator();
    const target = await expiredAccount(s, 'twitter-sync', now());
    const res = await sendCookies(s, makeBody(target.id));
    expect(await json(res, 400)).toEqual({ errors: { message, type: 'InvalidParameterValue', code: 400 } });
    expect(await control(s, 'GET', '/sync')).toMatchObject({ tasks: [] });
  });

  test('an unknown account: 404 Account not found.', async () => {
    const s = await simulator({ accounts: 2, errorShape: 'A' });
    const res = await sendCookies(s, { account: 'f'.repeat(32), type: 'twitter-sync', cookies: { auth_token: 'a', ct0: 'b' } });
    expect(await json(res, 404)).toEqual({ detail: 'Account not found.' });
  });

  test('a body that is not JSON: 400, and one sent as another media type: 415', async () => {
    const s = await simulator({ accounts: 2 });
    const broken = await apiRequest(s, 'POST', '/accounts/cookies', '{"type": "twitter-sync", ');
    expect(await json(broken, 400)).toMatchObject({ errors: { type: 'ParseError', code: 400 } });
    const form = await apiRequest(s, 'POST', '/accounts/cookies', 'type=twitter-sync', { contentType: 'application/x-www-form-urlencoded' });
    expect(await json(form, 415)).toEqual({
      errors: { message: 'Unsupported media type "application/x-www-form-urlencoded" in request.', type: 'UnsupportedMediaType', code: 415 },
    });
  });

  test('an unknown task: 404 Synchronization task not found.', async () => {
    const s = await simulator({ accounts: 1 });
    const res = await apiGet(s, `/synchronize/${'0'.repeat(32)}`);
    expect(await json(res, 404)).toEqual({
      errors: { message: 'Synchronization task not found.', type: 'SynchronizationDoesNotExist', code: 404 },
    });
  });

  test('each path answers only its methods (405 with Allow)', async () => {
    const s = await simulator({ accounts: 1 });
    const cases: [string, string, string][] = [
      ['GET', '/accounts/cookies', 'POST'],
      ['POST', '/account_types', 'GET, HEAD'],
      ['DELETE', '/synchronize/abc', 'GET, HEAD'],
    ];
    for (const [method, path, allow] of cases) {
      const res = await apiRequest(s, method, path);
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('allow')).toBe(allow);
      await res.text();
    }
  });
});

describe('faults apply to the sync endpoints as to every /v1 path', () => {
  test('a 503 on one poll, a dropped connection on the next; the task runs on regardless', async () => {
    const { s, tick, now } = await clockedSimulator();
    const before = await expiredAccount(s, 'twitter-sync', now());
    const task = await json<{ id: string }>(
      await sendCookies(s, { account: before.id, type: 'twitter-sync', cookies: { auth_token: 'a', ct0: 'b' } }),
    );
    await fault(s, [
      { status: 503, count: 1, path: '/synchronize/' },
      { reset: true, count: 1, path: '/synchronize/' },
    ]);
    expect((await apiGet(s, `/synchronize/${task.id}`)).status).toBe(503);
    await expect(apiGet(s, `/synchronize/${task.id}`)).rejects.toThrow();
    tick(3000);
    expect((await syncStatus(s, task.id)).status_code).toBe(200);
  });

  test('a fault can refuse the cookie sync itself: no task starts', async () => {
    const { s, now } = await clockedSimulator();
    const before = await expiredAccount(s, 'twitter-sync', now());
    await fault(s, { status: 500, count: 1, path: '/accounts/cookies' });
    const res = await sendCookies(s, { account: before.id, type: 'twitter-sync', cookies: { auth_token: 'a', ct0: 'b' } });
    expect(res.status).toBe(500);
    expect(await control(s, 'GET', '/sync')).toEqual({ plans: [], tasks: [] });
  });
});

describe('401 comes before 404 on every /v1 path', () => {
  const paths = ['/accounts', '/accounts/abc', '/accounts/cookies', '/account_types', '/synchronize/abc', '/squids', '/nothing/here', ''];
  test.each(['GET', 'POST', 'DELETE'])('%s without a token, and with a wrong one', async (method) => {
    const s = await simulator({ accounts: 1, token: 'right' });
    for (const path of paths) {
      const missing = await apiRequest(s, method, path, undefined, { token: null });
      expect(missing.status, `${method} ${path}`).toBe(401);
      expect(missing.headers.get('www-authenticate')).toBe('Token');
      expect(((await missing.json()) as { errors: { message: string } }).errors.message).toBe('Authentication credentials were not provided.');
      const wrong = await apiRequest(s, method, path, undefined, { token: 'wrong' });
      expect(wrong.status, `${method} ${path}`).toBe(401);
      expect(((await wrong.json()) as { errors: { message: string } }).errors.message).toBe('Invalid token.');
    }
  });
});

describe('cookie values stay out of everything the simulator keeps or says', () => {
  test('the request log records the cookie names; no value appears in any answer, log or output', async () => {
    const secret = 'SECRET-li_at-7f3a9c2e51d04b8a';
    const printed: string[] = [];
    const spies = [
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (printed.push(String(chunk)), true)),
      vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (printed.push(String(chunk)), true)),
      ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((name) =>
        vi.spyOn(console, name).mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(' '))),
      ),
    ];
    onTestFinished(() => spies.forEach((spy) => spy.mockRestore()));
    const { s, tick, now } = await clockedSimulator();
    const target = await expiredAccount(s, 'sales-nav-sync', now());
    const answers: string[] = [];
    const keep = async (res: Response): Promise<string> => {
      const text = await res.text();
      answers.push(text);
      return text;
    };
    const good = { account: target.id, type: 'sales-nav-sync', cookies: { li_at: secret, JSESSIONID: `"ajax:${secret}"`, li_a: secret } };
    const task = JSON.parse(await keep(await sendCookies(s, good))) as { id: string };
    // Refused bodies must not echo the value either: broken JSON, a wrong type, an unknown account.
    await keep(await apiRequest(s, 'POST', '/accounts/cookies', `{"cookies":{"li_at":"${secret}"`));
    await keep(await sendCookies(s, { ...good, type: 'twitter-sync' }));
    await keep(await sendCookies(s, { ...good, account: 'e'.repeat(32) }));
    await keep(await sendCookies(s, { type: 'sales-nav-sync', cookies: { li_at: secret } }));
    tick(3000);
    await keep(await apiGet(s, `/synchronize/${task.id}`));
    await keep(await apiGet(s, `/accounts/${target.id}`));
    await keep(await controlRequest(s, 'GET', `/accounts/${target.id}`));
    await keep(await controlRequest(s, 'GET', '/sync'));
    const log = await keep(await controlRequest(s, 'GET', '/requests'));

    const cookiePosts = (JSON.parse(log) as LoggedRequest[]).filter((r) => r.path === '/v1/accounts/cookies');
    expect(cookiePosts.map((r) => r.cookie_names)).toEqual([
      ['li_at', 'JSESSIONID', 'li_a'],
      undefined, // not JSON: nothing to name
      ['li_at', 'JSESSIONID', 'li_a'],
      ['li_at', 'JSESSIONID', 'li_a'],
      ['li_at'],
    ]);
    for (const text of [...answers, ...printed]) expect(text).not.toContain('7f3a9c2e51d04b8a');
  });
});
