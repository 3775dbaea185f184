/**
 * Lobstr's official Python SDK against the simulator (issue 9: `accounts.types()`, `accounts.sync()`,
 * `accounts.sync_status()`, `accounts.update()`, `accounts.delete()` must work).
 *
 * The first part replays, from Node, exactly the requests those methods send, and reads the answers
 * the way they read them. Facts from the SDK's source (github.com/lobstrio/lobstrio-sdk):
 * - src/lobstrio/_base.py: the default base URL ends in "/v1/"; a failed answer (status >= 400) is
 *   worded from body["error"] when it is a string, else body["errors"]["message"], else the raw text;
 *   401 raises AuthError, 404 NotFoundError, 429 RateLimitError, the rest APIError.
 * - src/lobstrio/client.py (`_HTTPClient`): httpx with base_url, headers `authorization: Token <key>`
 *   and `user-agent: lobstrio-sdk/<version>`; paths like "/account_types" are joined under the base
 *   URL's "/v1/"; `json=` bodies (Content-Type application/json); an empty 2xx body reads as {}.
 *   `AccountsResource`: types() GETs /account_types and takes `data.get("data", data)`; sync(type,
 *   cookies, account=None) POSTs /accounts/cookies with {"type", "cookies"} plus "account" when given,
 *   and returns the JSON as it is; sync_status(id) GETs /synchronize/{id}; get(id) GETs /accounts/{id}
 *   and uses data["data"][0] when "data" is a non-empty list, else the whole body; update(id, type=,
 *   params=) POSTs /accounts with {"account", "type", "params"}; delete(id) DELETEs /accounts/{id};
 *   both return the JSON as it is.
 * - src/lobstrio/models/account.py: AccountType.from_api keeps name, domain, baseurl, cookies (each
 *   `.get` with a default); SyncStatus.from_api keeps id, status_code, status_text, account_hash
 *   (`.get`, so missing fields read None); Account.from_api needs data["id"] (KeyError without it).
 *
 * The second part runs a small Python script with the real SDK, where `python3 -c "import lobstrio"`
 * succeeds; elsewhere it reports itself skipped, with the reason.
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { RunningSimulator } from '../../main/simulator/server.js';
import { control, simulator } from '../helpers/simulatorHarness.js';

declare module 'vitest' {
  interface TaskMeta {
    /** Why a test skipped itself; `npm test` prints it with the summary. */
    skipReason?: string;
  }
}

type Json = Record<string, unknown>;

/** What the SDK raises for a failed answer (_base.py `_raise_for_status`). */
class SdkError extends Error {
  constructor(
    readonly kind: 'AuthError' | 'NotFoundError' | 'RateLimitError' | 'APIError',
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** One request the way the SDK's `_HTTPClient` sends it, answered the way it reads it. */
async function sdkCall(sim: RunningSimulator, method: 'GET' | 'POST' | 'DELETE', sdkPath: string, json?: Json): Promise<unknown> {
  // httpx joins "/account_types" under the base URL's path "/v1/" (the leading slash does not reset it).
  const url = `${sim.baseUrl}/${sdkPath.replace(/^\//, '')}`;
  const headers: Record<string, string> = { authorization: `Token ${sim.token}`, 'user-agent': 'lobstrio-sdk/0.9.0' };
  if (json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method, headers, ...(json === undefined ? {} : { body: JSON.stringify(json) }) });
  const text = await res.text();
  if (res.status >= 400) {
    let body: unknown = {};
    try {
      body = JSON.parse(text);
    } catch {
      // the SDK keeps {} and falls back to the raw text
    }
    const b = (typeof body === 'object' && body !== null ? body : {}) as Json;
    const errors = b.errors as Json | undefined;
    const message =
      typeof b.error === 'string' ? b.error : typeof errors?.message === 'string' ? (errors.message as string) : text;
    const kind = res.status === 401 ? 'AuthError' : res.status === 404 ? 'NotFoundError' : res.status === 429 ? 'RateLimitError' : 'APIError';
    throw new SdkError(kind, res.status, message);
  }
  return text === '' ? {} : (JSON.parse(text) as unknown);
}

/** The SDK's `accounts` methods, as client.py and models/account.py read the answers. */
const sdk = (sim: RunningSimulator) => ({
  async types() {
    const data = await sdkCall(sim, 'GET', '/account_types');
    const items = (typeof data === 'object' && data !== null && !Array.isArray(data) ? ((data as Json).data ?? data) : data) as Json[];
    return items.map((t) => ({ name: t.name ?? '', domain: t.domain ?? '', baseurl: t.baseurl ?? '', cookies: t.cookies ?? [] }));
  },
  sync(type: string, cookies: Record<string, string>, account?: string) {
    return sdkCall(sim, 'POST', '/accounts/cookies', { type, cookies, ...(account === undefined ? {} : { account }) }) as Promise<Json>;
  },
  async syncStatus(id: string) {
    const d = (await sdkCall(sim, 'GET', `/synchronize/${id}`)) as Json;
    return { id: d.id ?? '', status_code: d.status_code ?? null, status_text: d.status_text ?? null, account_hash: d.account_hash ?? null };
  },
  async get(id: string) {
    const data = (await sdkCall(sim, 'GET', `/accounts/${id}`)) as Json;
    const items = data.data;
    const raw = (Array.isArray(items) && items.length > 0 ? items[0] : data) as Json;
    if (!('id' in raw)) throw new Error("KeyError: 'id'");
    return raw;
  },
  update(id: string, type: string, params: Json) {
    return sdkCall(sim, 'POST', '/accounts', { account: id, type, params }) as Promise<Json>;
  },
  delete(id: string) {
    return sdkCall(sim, 'DELETE', `/accounts/${id}`) as Promise<Json>;
  },
});

/** The first sales-nav-sync account, with expired cookies. */
async function expiredSalesNav(s: RunningSimulator): Promise<string> {
  const all = (await control(s, 'GET', '/accounts')) as { id: string; type: string }[];
  const hash = all.find((a) => a.type === 'sales-nav-sync')!.id;
  await control(s, 'POST', `/accounts/${hash}`, { status: '401', status_code_info: 'cookies_expired' });
  return hash;
}

describe("the Python SDK's requests, replayed", () => {
  test('types, sync, sync_status, get, update, delete: the answers read as the SDK reads them', async () => {
    // The task's course (100 for 1 s, 120 for 2 s by default) runs on this clock, moved 1 s per poll.
    let t = Date.UTC(2026, 10, 26, 12, 0, 0);
    const s = await simulator({ accounts: 20, seed: 3, now: () => t });
    const client = sdk(s);

    const types = await client.types();
    expect(types.map((t) => t.name).sort()).toEqual(['facebook-sync', 'linkedin-sync', 'sales-nav-sync', 'twitter-sync']);
    const salesNav = types.find((t) => t.name === 'sales-nav-sync')!;
    expect(salesNav).toMatchObject({ domain: 'Sales Navigator', baseurl: 'https://www.linkedin.com' });
    expect((salesNav.cookies as { name: string }[]).map((c) => c.name)).toEqual(['li_at', 'JSESSIONID', 'li_a']);

    const hash = await expiredSalesNav(s);
    const started = await client.sync('sales-nav-sync', { li_at: 'a', JSESSIONID: '"ajax:1"', li_a: 'b' }, hash);
    expect(started).toMatchObject({ object: 'synchronize-cookies', status_code: 100, status_text: 'created' });
    let status = await client.syncStatus(started.id as string);
    const seen = [status.status_code];
    while (status.status_code !== 200 && seen.length < 5) {
      t += 1000;
      status = await client.syncStatus(started.id as string);
      if (seen.at(-1) !== status.status_code) seen.push(status.status_code);
    }
    expect(seen).toEqual([100, 120, 200]);
    expect(status).toEqual({ id: started.id, status_code: 200, status_text: 'synchronized', account_hash: hash });
    expect(await client.get(hash)).toMatchObject({ id: hash, status: '200', status_code_info: 'synchronized' });

    const updated = await client.update(hash, 'sales-nav-sync', { batch: 10, profiles: 100, searches: 150, batch_hours: 2 });
    expect(updated).toMatchObject({ id: hash, type: 'sales-nav-sync', params: { user: { profiles: { max: 100 } } } });
    expect(await client.delete(hash)).toEqual({ id: hash, object: 'account', deleted: true });
    await expect(client.get(hash)).rejects.toMatchObject({ kind: 'NotFoundError', message: 'Not found.' });
  });

  test('a new account through sync(type, cookies), without an account', async () => {
    const s = await simulator({ accounts: 2 });
    await control(s, 'POST', '/sync', { steps_ms: [0, 0] });
    const client = sdk(s);
    const started = await client.sync('twitter-sync', { auth_token: 'a', ct0: 'b' });
    const status = await client.syncStatus(started.id as string);
    expect(status).toMatchObject({ status_code: 200, status_text: 'synchronized' });
    expect(await client.get(status.account_hash as string)).toMatchObject({ type: 'twitter-sync', status: '200' });
  });

  test("the SDK's errors carry Lobstr's texts", async () => {
    const s = await simulator({ accounts: 2 });
    const client = sdk(s);
    await expect(client.syncStatus('0'.repeat(32))).rejects.toMatchObject({
      kind: 'NotFoundError', status: 404, message: 'Synchronization task not found.',
    });
    await expect(client.delete('0'.repeat(32))).rejects.toMatchObject({ kind: 'NotFoundError', message: 'Account not found.' });
    await expect(client.sync('myspace-sync', { a: 'b' })).rejects.toMatchObject({
      kind: 'APIError', status: 400, message: 'Invalid account type or missing required cookies.',
    });
    await expect(client.update('0'.repeat(32), 'twitter-sync', {})).rejects.toMatchObject({ kind: 'NotFoundError', message: 'Account not found.' });
    const wrongKey = sdk({ ...s, token: 'wrong' });
    await expect(wrongKey.types()).rejects.toMatchObject({ kind: 'AuthError', status: 401, message: 'Invalid token.' });
  });
});

/** Why the real SDK cannot run here, or null when `import lobstrio` works. */
function sdkUnavailable(): string | null {
  const probe = spawnSync('python3', ['-c', 'import lobstrio'], { encoding: 'utf8', timeout: 30_000 });
  if (probe.error) return `python3 could not be run (${probe.error.message})`;
  if (probe.status === 0) return null;
  const why = probe.stderr.trim().split('\n').at(-1) ?? `exit ${probe.status}`;
  return `Lobstr's Python SDK is not installed (python3 -c "import lobstrio": ${why}); pip install lobstrio-sdk to run it`;
}

const SCRIPT = path.join(import.meta.dirname, '..', 'fixtures', 'lobstrioSdkSession.py');

describe("the Python SDK itself (lobstrio), where it is installed", () => {
  test('types, sync, sync_status, get, update and delete against the simulator', async (ctx) => {
    const reason = sdkUnavailable();
    if (reason !== null) {
      ctx.task.meta.skipReason = reason;
      ctx.skip(reason);
    }
    const s = await simulator({ accounts: 20, seed: 3 });
    await control(s, 'POST', '/sync', { steps_ms: [500, 1000] });
    const hash = await expiredSalesNav(s);
    // The key goes through the environment (the SDK reads LOBSTR_TOKEN), never on a command line.
    const child = spawn('python3', [SCRIPT], {
      env: { ...process.env, LOBSTR_TOKEN: s.token, LOBSTR_SIM_BASE_URL: `${s.baseUrl}/`, LOBSTR_SIM_ACCOUNT: hash },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, err).toBe(0);
    expect(JSON.parse(out)).toEqual({
      types: ['facebook-sync', 'linkedin-sync', 'sales-nav-sync', 'twitter-sync'],
      sales_nav_cookies: ['li_at', 'JSESSIONID', 'li_a'],
      sync_codes: [100, 120, 200],
      account_hash: hash,
      status_after: '200',
      profiles_max: 100,
      deleted: true,
      unknown_task_error: ['NotFoundError', 'Synchronization task not found.'],
    });
  }, 60_000);
});
