/**
 * The client against the real simulator (main/simulator/server.ts), in process.
 * The client records the waits it asks for and never really waits (tests/helpers/clientHarness.ts).
 *
 * Decisions pinned here: a complete 200 body that is not the envelope (malformed JSON, an HTML
 * page, the wrong shape, too large) fails at once as invalid_response, since asking again gets
 * the same answer; a dropped connection, a 5xx and a timeout are retried.
 */
import { describe, expect, it } from 'vitest';
import type { LobstrClientOptions } from '../../main/core/lobstr/apiClient.js';
import type { RunningSimulator, SimulatorOptions } from '../../main/simulator/server.js';
import { CLIENT_FETCHES, failure, recordingClient } from '../helpers/clientHarness.js';
import { control, fault, requestLog, simulator, simulatorAccountIds } from '../helpers/simulatorHarness.js';

const TOKEN = 'sim-token-3c9e71d0a4b2';
/** A whole second, so X-RateLimit-Reset (Unix seconds) maps to an exact wait. */
const FIXED_NOW = Date.UTC(2026, 10, 25, 12, 0, 0);

/** A simulator of `accounts` generated accounts that takes TOKEN. */
function simulatorWith(accounts: number, options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return simulator({ port: 0, accounts, seed: 7, token: TOKEN, ...options });
}

describe.each(CLIENT_FETCHES)('through %s', (_name, fetch) => {
  function client(sim: RunningSimulator, overrides: Partial<LobstrClientOptions> = {}) {
    return recordingClient({ apiKey: TOKEN, baseUrl: sim.baseUrl, fetch, ...overrides });
  }

  describe('listing every account', () => {
    it.each([
      [0, 1],
      [1, 1],
      [100, 1],
      [101, 2],
      [10_000, 100],
    ])('%i accounts cost %i request(s), all of them once, in list order', async (n, expectedRequests) => {
      const sim = await simulatorWith(n);
      const list = await client(sim).client.listAccounts();

      const ids = list.accounts.map((a) => a.id);
      expect(ids).toEqual(await simulatorAccountIds(sim));
      expect(new Set(ids).size).toBe(n);
      expect(list.totalResults).toBe(n);
      expect(list.requests).toBe(expectedRequests);
      expect(list.pagesFetched).toBe(expectedRequests);
      expect(list.warnings).toEqual([]);

      const log = await requestLog(sim);
      expect(log).toHaveLength(expectedRequests);
      expect(log.every((r) => r.method === 'GET' && r.path === '/v1/accounts' && r.query.limit === '100')).toBe(true);
      expect(log.map((r) => Number(r.query.page)).sort((a, b) => a - b)).toEqual(
        Array.from({ length: expectedRequests }, (_, i) => i + 1),
      );
    });

    it('reads every account fully, with no problem reported', async () => {
      const sim = await simulatorWith(200);
      const list = await client(sim).client.listAccounts();
      expect(list.accounts.filter((a) => a.problem !== undefined)).toEqual([]);
      const types = new Set(list.accounts.map((a) => a.type));
      expect(types.size).toBeGreaterThan(1);
      for (const a of list.accounts) {
        expect(a.status).toMatch(/^\d{3}$/);
        expect(a.username).not.toBe('');
      }
    });

    it('shows what the control API changed', async () => {
      const sim = await simulatorWith(30);
      const [first] = await simulatorAccountIds(sim);
      await control(sim, 'POST', `/accounts/${first}`, { status: '401', status_code_info: 'cookies_expired' });
      const list = await client(sim).client.listAccounts();
      expect(list.accounts[0]).toMatchObject({ id: first, status: '401', status_code_info: 'cookies_expired' });
    });
  });

  describe('rate limits', () => {
    it('waits what Retry-After asks, then succeeds', async () => {
      const sim = await simulatorWith(25);
      await fault(sim, { status: 429, retry_after: 2, count: 1 });
      const { client: c, waits } = client(sim);
      const list = await c.listAccounts();
      expect(list.accounts).toHaveLength(25);
      expect(list.requests).toBe(2);
      expect(waits).toEqual([2000]);
    });

    it('pauses every page of the walk, not only the one that was told to wait', async () => {
      const sim = await simulatorWith(1000);
      await fault(sim, { status: 429, retry_after: 1, count: 1, path: 'page=3' });
      // Pages 2, 4 and 5 answer late, after page 3's 429 has arrived: their workers then want page 6 on.
      for (const page of [2, 4, 5]) await fault(sim, { latency_ms: 300, count: 1, path: `page=${page}&` });
      // Real time here: the point is when the other pages' requests reach the server.
      const list = await client(sim, { sleep: undefined }).client.listAccounts();
      expect(list.accounts).toHaveLength(1000);
      const log = (await requestLog(sim)).map((r) => ({ page: String((r.query as Record<string, unknown>)['page']), at: Date.parse(r.at) }));
      const throttled = log.find((r) => r.page === '3')!;
      // Pages 2 to 5 left together after page 1; every later page waits out the pause.
      const later = log.filter((r) => Number(r.page) >= 6);
      expect(later).toHaveLength(5);
      for (const r of later) expect(r.at - throttled.at, `page ${r.page}`).toBeGreaterThanOrEqual(950);
    });

    it('waits until X-RateLimit-Reset when no request is left, then succeeds', async () => {
      const sim = await simulatorWith(25, { now: () => FIXED_NOW });
      await fault(sim, { status: 429, reset_in: 3, count: 1 });
      const { client: c, waits } = client(sim, { now: () => FIXED_NOW });
      const list = await c.listAccounts();
      expect(list.accounts).toHaveLength(25);
      expect(waits).toEqual([3000]);
    });

    it('fails as rate_limited, with the wait, when the server asks for longer than the cap', async () => {
      const sim = await simulatorWith(25);
      await fault(sim, { status: 429, retry_after: 120, count: 1 });
      const { client: c, waits } = client(sim);
      const error = await failure(c.listAccounts());
      expect(error.kind).toBe('rate_limited');
      expect(error.retryAfterMs).toBe(120_000);
      expect(error.message).toMatch(/asks to wait 2 min/);
      expect(waits).toEqual([]);
      expect(await requestLog(sim)).toHaveLength(1);
    });

    it('gives up as rate_limited after the allowed number of waits', async () => {
      const sim = await simulatorWith(25);
      await fault(sim, { status: 429, retry_after: 1 });
      const { client: c, waits } = client(sim, { rateLimitRetries: 2 });
      const error = await failure(c.listAccounts());
      expect(error.kind).toBe('rate_limited');
      expect(error.retryAfterMs).toBe(1000);
      expect(error.message).toMatch(/429 Request was throttled/);
      expect(waits).toEqual([1000, 1000]);
      expect(await requestLog(sim)).toHaveLength(3);
    });
  });

  describe('server errors, dropped connections and timeouts', () => {
    it('retries three 500s with growing, jittered backoff, then succeeds', async () => {
      const sim = await simulatorWith(25);
      await fault(sim, { status: 500, count: 3 });
      const { client: c, waits } = client(sim);
      const list = await c.listAccounts();
      expect(list.accounts).toHaveLength(25);
      expect(list.requests).toBe(4);
      // random() = 0.5: half of 500, 1000 and 2000 ms.
      expect(waits).toEqual([250, 500, 1000]);
    });

    it('fails as a server error when the 500s do not stop', async () => {
      const sim = await simulatorWith(25);
      await fault(sim, { status: 500 });
      const error = await failure(client(sim).client.listAccounts());
      expect(error.kind).toBe('server');
      expect(error.status).toBe(500);
      expect(error.message).toMatch(/^Lobstr's server failed \(500 .+\) \(tried 4 times\)\. Try again in a few minutes\.$/);
      expect(await requestLog(sim)).toHaveLength(4);
    });

    it('reads a 502 HTML page as a short message, not the page', async () => {
      const sim = await simulatorWith(25);
      await fault(sim, { status: 502 });
      const error = await failure(client(sim).client.listAccounts({}));
      expect(error.kind).toBe('server');
      expect(error.message).toContain('502 Bad Gateway');
      expect(error.message).not.toMatch(/<|nginx/);
    });

    it('retries a page that failed in the middle of the walk', async () => {
      const sim = await simulatorWith(1000);
      await fault(sim, { status: 503, count: 1, path: 'page=3' });
      const list = await client(sim).client.listAccounts();
      expect(list.accounts).toHaveLength(1000);
      expect(list.pagesFetched).toBe(10);
      expect(list.requests).toBe(11);
    });

    it('retries a dropped connection, then succeeds', async () => {
      const sim = await simulatorWith(25);
      await fault(sim, { reset: true, count: 1 });
      const list = await client(sim).client.listAccounts();
      expect(list.accounts).toHaveLength(25);
      expect(list.requests).toBe(2);
    });

    it('fails as a network error when the connection keeps dropping', async () => {
      const sim = await simulatorWith(25);
      await fault(sim, { reset: true });
      const error = await failure(client(sim).client.listAccounts());
      expect(error.kind).toBe('network');
      expect(error.message).toMatch(/Could not reach Lobstr at 127\.0\.0\.1:\d+: the connection was cut .*\(tried 4 times\)/);
      expect(await requestLog(sim)).toHaveLength(4);
    });

    it('fails as a network error when nothing listens (connection refused)', async () => {
      const sim = await simulatorWith(1);
      await sim.close();
      const { client: c, waits } = client(sim);
      const error = await failure(c.listAccounts());
      expect(error.kind).toBe('network');
      expect(error.message).toContain('the connection was refused (ECONNREFUSED)');
      expect(error.message).toContain('Check your internet connection and the API base URL');
      expect(waits).toHaveLength(3);
    });

    it('fails as a timeout when every answer is slower than the limit', async () => {
      const sim = await simulatorWith(25);
      await fault(sim, { latency_ms: 2000 });
      const error = await failure(client(sim, { timeoutMs: 100, retries: 1 }).client.listAccounts());
      expect(error.kind).toBe('timeout');
      expect(error.message).toMatch(/did not answer within 0\.1 s \(tried 2 times\)/);
      expect(await requestLog(sim)).toHaveLength(2);
    });

    it('is not troubled by latency within the limit', async () => {
      const sim = await simulatorWith(250);
      await fault(sim, { latency_ms: 50 });
      const list = await client(sim, { timeoutMs: 5000 }).client.listAccounts();
      expect(list.accounts).toHaveLength(250);
      expect(list.requests).toBe(3);
    });
  });

  describe('answers that are not what was asked for', () => {
    it('fails at once on a truncated (malformed) body, and the next poll works', async () => {
      const sim = await simulatorWith(25);
      await fault(sim, { malformed: true, count: 1 });
      const { client: c } = client(sim);
      const error = await failure(c.listAccounts());
      expect(error.kind).toBe('invalid_response');
      expect(error.message).toMatch(/not valid JSON/);
      expect(await requestLog(sim)).toHaveLength(1);
      expect((await c.listAccounts()).accounts).toHaveLength(25);
    });

    it('names an HTML page served instead of data, and points at the base URL', async () => {
      const sim = await simulatorWith(25);
      await fault(sim, { malformed: 'html', count: 1 });
      const error = await failure(client(sim).client.listAccounts());
      expect(error.kind).toBe('invalid_response');
      expect(error.message).toMatch(/web page \("Maintenance"\).*API base URL/);
    });

    it('refuses valid JSON of the wrong shape', async () => {
      const sim = await simulatorWith(25);
      await fault(sim, { malformed: 'wrong_shape', count: 1 });
      const error = await failure(client(sim).client.listAccounts());
      expect(error.kind).toBe('invalid_response');
      expect(error.message).toMatch(/not a page of accounts/);
    });

    it('refuses a 25 MB body under the default 20 MB cap', async () => {
      const sim = await simulatorWith(25);
      await fault(sim, { oversize_mb: 25, count: 1 });
      const error = await failure(client(sim).client.listAccounts());
      expect(error.kind).toBe('invalid_response');
      expect(error.message).toMatch(/larger than 20 MB/);
    });

    it('refuses an ordinary page over a small maxBodyBytes', async () => {
      const sim = await simulatorWith(100);
      const error = await failure(client(sim, { maxBodyBytes: 10_000 }).client.listAccounts());
      expect(error.kind).toBe('invalid_response');
      expect(error.message).toMatch(/larger than 9\.8 KB/);
    });
  });

  describe('a list that changes while it is read', () => {
    it('lists each account once when the list shifts between pages', async () => {
      const sim = await simulatorWith(250);
      const before = await simulatorAccountIds(sim);
      await fault(sim, { shift: 5, count: 1, path: 'page=2' });
      const list = await client(sim, { concurrency: 1 }).client.listAccounts();
      const ids = list.accounts.map((a) => a.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(before);
      expect(list.warnings.join(' ')).toMatch(/5 accounts appeared on two pages/);
    });

    it('caps a runaway total_pages, with a warning', async () => {
      const sim = await simulatorWith(1000);
      await fault(sim, { total_pages: 1_000_000_000 });
      const list = await client(sim, { maxPages: 5 }).client.listAccounts();
      expect(list.accounts).toHaveLength(500);
      expect(list.requests).toBe(5);
      expect(list.warnings.join(' ')).toMatch(/reported 1000000000 pages.*only the first 5 were read/);
      expect(list.complete).toBe(false);
    });

    it('ends a runaway walk at the first empty page', async () => {
      const sim = await simulatorWith(250);
      await fault(sim, { total_pages: 1_000_000_000 });
      const list = await client(sim).client.listAccounts();
      expect(list.accounts).toHaveLength(250);
      // Pages 1-4 (4 is empty); the pool may have had up to three more in flight.
      expect(list.requests).toBeGreaterThanOrEqual(4);
      expect(list.requests).toBeLessThanOrEqual(7);
      // Every account was read: the page limit did not cut anything, so it is not claimed to have.
      expect(list.complete).toBe(true);
      expect(list.warnings.join(' ')).not.toMatch(/only the first/);
      expect(list.warnings.join(' ')).toMatch(/Page 4 of 1000 came back empty/);
    });
  });

  describe('a wrong API key', () => {
    it.each(['A', 'B', 'C'] as const)('is an auth error with the server message, in error shape %s', async (shape) => {
      const sim = await simulatorWith(25, { errorShape: shape });
      const wrongKey = 'wrong-key-5b1e0f77c2';
      const error = await failure(client(sim, { apiKey: wrongKey }).client.listAccounts());
      expect(error.kind).toBe('auth');
      expect(error.status).toBe(401);
      expect(error.message).toBe(
        "Lobstr rejected the API key (401 Invalid token.). Check the key on the Lobstr dashboard's API page.",
      );
      expect(JSON.stringify(error)).not.toContain(wrongKey);
      expect(String(error.stack)).not.toContain(wrongKey);
      expect(await requestLog(sim)).toHaveLength(1);
    });

    it('reads the shape chosen through the control API too', async () => {
      const sim = await simulatorWith(25);
      await fault(sim, { error_shape: 'A' });
      await fault(sim, { status: 403, count: 1 });
      const error = await failure(client(sim).client.listAccounts());
      expect(error.kind).toBe('auth');
      expect(error.message).toContain('403 You do not have permission to perform this action.');
    });

    it('stops the whole walk when a later page is refused', async () => {
      const sim = await simulatorWith(3000);
      await fault(sim, { status: 401, path: 'page=3' });
      const error = await failure(client(sim).client.listAccounts());
      expect(error.kind).toBe('auth');
      expect((await requestLog(sim)).length).toBeLessThan(30);
    });
  });

  describe('getAccount', () => {
    it('reads one account from the documented envelope', async () => {
      const sim = await simulatorWith(25);
      const ids = await simulatorAccountIds(sim);
      const id = ids[7]!;
      const { client: c } = client(sim);
      const account = await c.getAccount(id);
      const listed = (await c.listAccounts()).accounts.find((a) => a.id === id);
      expect(account).toEqual(listed);
      expect((await requestLog(sim))[0]?.path).toBe(`/v1/accounts/${id}`);
    });

    it('reports an unknown hash as not found, naming it', async () => {
      const sim = await simulatorWith(25);
      const error = await failure(client(sim).client.getAccount('d3e97f2cd33658f301bdbe807402ab30'));
      expect(error.kind).toBe('not_found');
      expect(error.status).toBe(404);
      expect(error.message).toMatch(/^Account d3e97f2cd33658f301bdbe807402ab30 was not found on Lobstr \(404 .+\)/);
    });

    it('reports a deleted account as not found', async () => {
      const sim = await simulatorWith(5);
      const [id] = await simulatorAccountIds(sim);
      await control(sim, 'DELETE', `/accounts/${id}`);
      expect((await failure(client(sim).client.getAccount(id!))).kind).toBe('not_found');
    });
  });
});
