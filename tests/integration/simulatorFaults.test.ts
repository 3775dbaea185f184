import http from 'node:http';
import { describe, expect, test } from 'vitest';
import { isLoopback } from '../../main/simulator/simulatorContext.js';
import { startSimulator, type RunningSimulator } from '../../main/simulator/server.js';
import { apiGet, controlRequest, fault, requestLog, simulator } from '../helpers/simulatorHarness.js';

async function statuses(s: RunningSimulator, n: number, path = '/accounts'): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const res = await apiGet(s, path);
    out.push(res.status);
    await res.arrayBuffer();
  }
  return out;
}

describe('faults', () => {
  test('429 with Retry-After and the throttling message, for one request', async () => {
    const s = await simulator({ accounts: 3 });
    await fault(s, { status: 429, retry_after: 2, count: 1 });
    const res = await apiGet(s, '/accounts');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(await res.json()).toEqual({
      errors: { message: 'Request was throttled. Expected available in 2 seconds.', type: 'RateLimitExceeded', code: 429 },
    });
    expect(await statuses(s, 1)).toEqual([200]);
  });

  test('429 with X-RateLimit-Remaining 0 and a reset time, no Retry-After', async () => {
    const clock = Date.UTC(2026, 5, 1, 12, 0, 0);
    const s = await simulator({ accounts: 3, now: () => clock });
    await fault(s, { status: 429, reset_in: 3, count: 1 });
    const res = await apiGet(s, '/accounts');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBeNull();
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(res.headers.get('x-ratelimit-reset'))).toBe(clock / 1000 + 3);
  });

  test('500 three times, then normal again', async () => {
    const s = await simulator({ accounts: 3 });
    await fault(s, { status: 500, count: 3 });
    const first = await apiGet(s, '/accounts');
    expect(((await first.json()) as { errors: { type: string } }).errors.type).toBe('SomethingWentWrong');
    expect(await statuses(s, 3)).toEqual([500, 500, 200]);
  });

  test('502 is a proxy HTML page, not JSON; 503 is JSON', async () => {
    const s = await simulator({ accounts: 3 });
    await fault(s, [{ status: 502, count: 1 }, { status: 503, count: 1 }]);
    const bad = await apiGet(s, '/accounts');
    expect(bad.status).toBe(502);
    expect(bad.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await bad.text();
    expect(html).toContain('502 Bad Gateway');
    expect(() => JSON.parse(html) as unknown).toThrow();
    const unavailable = await apiGet(s, '/accounts');
    expect(unavailable.status).toBe(503);
    expect(((await unavailable.json()) as { errors: { code: number } }).errors.code).toBe(503);
  });

  test('latency holds every answer until cleared', async () => {
    const s = await simulator({ accounts: 3 });
    await fault(s, { latency_ms: 10_000 });
    await expect(apiGet(s, '/accounts', { signal: AbortSignal.timeout(300) })).rejects.toThrow(/abort|timeout/i);
    await expect(apiGet(s, '/accounts', { signal: AbortSignal.timeout(300) })).rejects.toThrow(/abort|timeout/i);
    expect((await controlRequest(s, 'DELETE', '/faults')).status).toBe(200);
    expect((await apiGet(s, '/accounts', { signal: AbortSignal.timeout(5_000) })).status).toBe(200);
  });

  test('close() does not wait for a delayed answer', async () => {
    const s = await startSimulator({ accounts: 3 });
    await fault(s, { latency_ms: 600_000 });
    const pending = apiGet(s, '/accounts');
    await new Promise((r) => setTimeout(r, 50));
    await s.close();
    await expect(pending).rejects.toThrow();
  });

  test('malformed: a truncated body once, then the real one', async () => {
    const s = await simulator({ accounts: 5 });
    const whole = await (await apiGet(s, '/accounts')).text();
    await fault(s, { malformed: true, count: 1 });
    const res = await apiGet(s, '/accounts');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect(whole.startsWith(text)).toBe(true);
    expect(await (await apiGet(s, '/accounts')).text()).toBe(whole);
  });

  test('malformed variants: an HTML page and JSON of the wrong shape', async () => {
    const s = await simulator({ accounts: 5 });
    await fault(s, [{ malformed: 'html', count: 1 }, { malformed: 'wrong_shape', count: 1 }]);
    const html = await apiGet(s, '/accounts');
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    await html.text();
    const wrong = (await (await apiGet(s, '/accounts')).json()) as Record<string, unknown>;
    expect(wrong).not.toHaveProperty('data');
  });

  test('error_shape switches the error bodies until cleared', async () => {
    const s = await simulator({ accounts: 1 });
    await fault(s, { error_shape: 'C' });
    expect(await (await apiGet(s, '/accounts/none')).json()).toEqual({ error: 'Not found.', type: 'AccountDoesNotExist', code: 404 });
    await fault(s, { error_shape: 'A' });
    expect(await (await apiGet(s, '/accounts/none')).json()).toEqual({ detail: 'Not found.' });
    await controlRequest(s, 'DELETE', '/faults');
    expect(await (await apiGet(s, '/accounts/none')).json()).toHaveProperty('errors');
  });

  test('reset drops the connection without an answer, once', async () => {
    const s = await simulator({ accounts: 2 });
    await fault(s, { reset: true, count: 1 });
    await expect(apiGet(s, '/accounts')).rejects.toThrow(/fetch failed/);
    expect(await statuses(s, 1)).toEqual([200]);
  });

  test('oversize_mb sends a body of that size', async () => {
    const s = await simulator({ accounts: 2 });
    await fault(s, { oversize_mb: 2, count: 1 });
    const res = await apiGet(s, '/accounts');
    expect(Number(res.headers.get('content-length'))).toBe(2 * 1024 * 1024);
    const text = await res.text();
    expect(text.length).toBe(2 * 1024 * 1024);
    expect((JSON.parse(text) as { data: unknown[] }).data).toHaveLength(1);
  });

  test('total_pages reports a runaway page count while data runs out', async () => {
    const s = await simulator({ accounts: 3 });
    await fault(s, { total_pages: 1_000_000_000 });
    const first = (await (await apiGet(s, '/accounts')).json()) as { total_pages: number; next: string | null };
    expect(first.total_pages).toBe(1_000_000_000);
    expect(first.next).toBe(`${s.origin}/v1/accounts?page=2`);
    const far = (await (await apiGet(s, '/accounts?page=7')).json()) as { data: unknown[]; next: string | null };
    expect(far.data).toEqual([]);
    expect(far.next).not.toBeNull();
  });

  test('shift on page 2: the list moves between two page requests', async () => {
    const s = await simulator({ accounts: 10 });
    await fault(s, { shift: 2, count: 1, path: 'page=2' });
    const page1 = (await (await apiGet(s, '/accounts?limit=5&page=1')).json()) as { data: { id: string }[] };
    const page2 = (await (await apiGet(s, '/accounts?limit=5&page=2')).json()) as {
      total_results: number;
      data: { id: string }[];
    };
    expect(page2.total_results).toBe(12);
    // The last two accounts of page 1 come again at the top of page 2.
    expect(page2.data.slice(0, 2).map((a) => a.id)).toEqual(page1.data.slice(3).map((a) => a.id));
  });

  test('faults queue in order and a path limits where they apply', async () => {
    const s = await simulator({ accounts: 3 });
    const list = (await (await apiGet(s, '/accounts')).json()) as { data: { id: string }[] };
    const id = list.data[0]!.id;
    await fault(s, [
      { status: 500, count: 1 },
      { status: 429, retry_after: 1, count: 1 },
      { status: 503, count: 1, path: `/accounts/${id}` },
    ]);
    expect(await statuses(s, 3)).toEqual([500, 429, 200]);
    expect(await statuses(s, 2, `/accounts/${id}`)).toEqual([503, 200]);
    const left = (await (await controlRequest(s, 'GET', '/faults')).json()) as { faults: unknown[] };
    expect(left.faults).toEqual([]);
  });

  test('bad fault requests are refused with a clear 400', async () => {
    const s = await simulator();
    const cases: unknown[] = [{ status: 200 }, { stauts: 500 }, { count: 2 }, { status: 500, reset: true }, { latency_ms: -5 }];
    for (const spec of cases) {
      const res = await controlRequest(s, 'POST', '/faults', spec);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error.length).toBeGreaterThan(5);
    }
    const broken = await controlRequest(s, 'POST', '/faults', '{"status": 500,');
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: string }).error).toMatch(/not valid JSON/);
    expect(((await (await controlRequest(s, 'GET', '/faults')).json()) as { faults: unknown[] }).faults).toEqual([]);
  });

  test('a control body over 1 MB is refused with 413', async () => {
    const s = await simulator();
    const res = await controlRequest(s, 'POST', '/faults', JSON.stringify({ path: 'x'.repeat(1_100_000), status: 500 }));
    expect(res.status).toBe(413);
    expect(((await (await controlRequest(s, 'GET', '/faults')).json()) as { faults: unknown[] }).faults).toEqual([]);
  });
});

describe('request log', () => {
  test('lists the /v1 requests with method, path, query and time; DELETE clears it', async () => {
    const s = await simulator({ accounts: 3 });
    await apiGet(s, '/accounts?limit=100&page=1');
    await apiGet(s, '/accounts/abc');
    await controlRequest(s, 'GET', '/accounts');
    const log = await requestLog(s);
    expect(log.map(({ method, path, query }) => ({ method, path, query }))).toEqual([
      { method: 'GET', path: '/v1/accounts', query: { limit: '100', page: '1' } },
      { method: 'GET', path: '/v1/accounts/abc', query: {} },
    ]);
    expect(Number.isNaN(Date.parse(log[0]!.at))).toBe(false);
    expect((await controlRequest(s, 'DELETE', '/requests')).status).toBe(200);
    expect(await requestLog(s)).toEqual([]);
  });
});

describe('control API: accounts', () => {
  type Account = Record<string, unknown> & { id: string };

  test('lists the accounts with id and username', async () => {
    const s = await simulator({ accounts: 4 });
    const list = (await (await controlRequest(s, 'GET', '/accounts')).json()) as Array<{ id: string; username: string }>;
    expect(list).toHaveLength(4);
    expect(list[0]).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{32}$/), username: expect.any(String) });
  });

  test('POST /__sim/accounts/{hash} overwrites fields and /v1 serves the change', async () => {
    const s = await simulator({ accounts: 4 });
    const before = (await (await apiGet(s, '/accounts')).json()) as { data: Account[] };
    const id = before.data[1]!.id;
    const res = await controlRequest(s, 'POST', `/accounts/${id}`, { status: '401', status_code_info: 'cookies_expired' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, status: '401', status_code_info: 'cookies_expired' });
    const after = (await (await apiGet(s, `/accounts/${id}`)).json()) as { data: Account[] };
    expect(after.data[0]).toMatchObject({ status: '401', status_code_info: 'cookies_expired' });
    const listed = (await (await apiGet(s, '/accounts')).json()) as { data: Account[] };
    expect(listed.data[1]).toMatchObject({ status: '401' });
    expect((await controlRequest(s, 'POST', '/accounts/ffffffffffffffffffffffffffffffff', { status: '200' })).status).toBe(404);
    expect((await controlRequest(s, 'POST', `/accounts/${id}`, '[1,2]')).status).toBe(400);
    expect((await controlRequest(s, 'POST', `/accounts/${id}`, { id: 42 })).status).toBe(400);
    const other = before.data[2]!.id;
    expect((await controlRequest(s, 'POST', `/accounts/${id}`, { id: other })).status).toBe(409);
  });

  test('POST /__sim/accounts adds one at the end, generating what is missing', async () => {
    const s = await simulator({ accounts: 4 });
    const res = await controlRequest(s, 'POST', '/accounts', { type: 'linkedin-sync', username: 'new.person@example.com' });
    expect(res.status).toBe(201);
    const added = (await res.json()) as Account;
    expect(added).toMatchObject({
      object: 'account',
      type: 'linkedin-sync',
      username: 'new.person@example.com',
      status: '200',
      baseurl: 'https://www.linkedin.com',
      cookies: [
        { name: 'li_at', required: true },
        { name: 'JSESSIONID', required: true },
      ],
    });
    const list = (await (await apiGet(s, '/accounts')).json()) as { total_results: number; data: Account[] };
    expect(list.total_results).toBe(5);
    expect(list.data.at(-1)!.id).toBe(added.id);
    const clash = await controlRequest(s, 'POST', '/accounts', { id: added.id });
    expect(clash.status).toBe(409);
  });

  test('DELETE /__sim/accounts/{hash} removes one; a second time is 404', async () => {
    const s = await simulator({ accounts: 4 });
    const list = (await (await apiGet(s, '/accounts')).json()) as { data: Account[] };
    const id = list.data[0]!.id;
    expect((await controlRequest(s, 'DELETE', `/accounts/${id}`)).status).toBe(200);
    expect((await apiGet(s, `/accounts/${id}`)).status).toBe(404);
    expect(((await (await apiGet(s, '/accounts')).json()) as { total_results: number }).total_results).toBe(3);
    expect((await controlRequest(s, 'DELETE', `/accounts/${id}`)).status).toBe(404);
  });

  test('POST /__sim/shift inserts accounts at the front, still in created_at order', async () => {
    const s = await simulator({ accounts: 4 });
    const res = await controlRequest(s, 'POST', '/shift', { count: 2 });
    expect(res.status).toBe(201);
    const { added } = (await res.json()) as { added: { id: string }[] };
    const list = (await (await apiGet(s, '/accounts')).json()) as { data: Account[] };
    expect(list.data.slice(0, 2).map((a) => a.id)).toEqual(added.map((a) => a.id));
    const created = list.data.map((a) => String(a.created_at));
    expect([...created].sort()).toEqual(created);
  });

  test('only loopback peers may use it', () => {
    expect(['127.0.0.1', '127.8.9.1', '::1', '::ffff:127.0.0.1'].map(isLoopback)).toEqual([true, true, true, true]);
    expect(['10.0.0.2', '192.168.1.4', '::ffff:10.1.1.1', 'fe80::1', undefined].map(isLoopback)).toEqual([
      false, false, false, false, false,
    ]);
  });

  /** A control request with the headers a browser (or a DNS-rebinding page) would send; Node's fetch may not set Host. */
  function rawControl(s: RunningSimulator, method: string, path: string, headers: Record<string, string>, body?: string) {
    return new Promise<{ status: number; json: { error?: string } }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: s.port, method, path: `/__sim${path}`, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as { error?: string } }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  test('a web page cannot drive it: a request with an Origin header is refused, and changes nothing', async () => {
    const s = await simulator({ accounts: 3 });
    const host = `127.0.0.1:${s.port}`;
    for (const origin of ['https://evil.example', 'null', s.origin]) {
      const answer = await rawControl(s, 'POST', '/faults', { Host: host, Origin: origin, 'Content-Type': 'text/plain' }, '{"status":500}');
      expect(answer.status).toBe(403);
      expect(answer.json.error).toMatch(/refuses requests from web pages/);
    }
    expect((await rawControl(s, 'GET', '/faults', { Host: host, Origin: 'https://evil.example' })).status).toBe(403);
    expect((await statuses(s, 1))[0]).toBe(200);
  });

  test('a page reaching it by DNS rebinding is refused: the Host must be the address and port it listens on', async () => {
    const s = await simulator({ accounts: 3 });
    for (const host of [`rebind.evil.example:${s.port}`, 'rebind.evil.example', `127.0.0.1:${s.port + 1}`, `evil.localhost:${s.port}`]) {
      const answer = await rawControl(s, 'DELETE', '/requests', { Host: host });
      expect(answer.status, host).toBe(403);
      expect(answer.json.error).toContain(`127.0.0.1:${s.port}`);
    }
    expect((await rawControl(s, 'GET', '/faults', { Host: `127.0.0.1:${s.port}` })).status).toBe(200);
    expect((await rawControl(s, 'GET', '/faults', { Host: `localhost:${s.port}` })).status).toBe(200);
    // What tests and scripts send (Node's fetch: the right Host, no Origin) still works.
    expect((await controlRequest(s, 'GET', '/faults')).status).toBe(200);
  });

  test('unknown control endpoints are 404, with a JSON error', async () => {
    const s = await simulator();
    const res = await controlRequest(s, 'GET', '/nothing');
    expect(res.status).toBe(404);
    expect(await res.json()).toHaveProperty('error');
    expect((await controlRequest(s, 'GET', '/')).status).toBe(200);
  });
});
