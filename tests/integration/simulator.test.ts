import http from 'node:http';
import { describe, expect, test } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../main/simulator/server.js';
import { apiGet, simulator } from '../helpers/simulatorHarness.js';

interface Envelope {
  total_results: number;
  limit: number;
  page: number;
  total_pages: number;
  result_from: number;
  result_to: number;
  data: Array<Record<string, unknown> & { id: string; created_at: string }>;
  next: string | null;
  previous: string | null;
}

async function envelope(s: RunningSimulator, path: string): Promise<Envelope> {
  const res = await apiGet(s, path);
  expect(res.status).toBe(200);
  return (await res.json()) as Envelope;
}

describe('GET /v1/accounts envelope', () => {
  test('one account: a single complete page', async () => {
    const s = await simulator({ accounts: 1 });
    const body = await envelope(s, '/accounts');
    expect(body).toMatchObject({
      total_results: 1, limit: 50, page: 1, total_pages: 1, result_from: 1, result_to: 1, next: null, previous: null,
    });
    expect(body.data).toHaveLength(1);
  });

  test('100 accounts: two pages at the default limit, one at limit=100', async () => {
    const s = await simulator({ accounts: 100 });
    const first = await envelope(s, '/accounts');
    expect(first).toMatchObject({ total_results: 100, limit: 50, page: 1, total_pages: 2, result_from: 1, result_to: 50 });
    expect(first.next).toBe(`${s.origin}/v1/accounts?page=2`);
    expect(first.previous).toBeNull();
    const second = await envelope(s, '/accounts?page=2');
    expect(second).toMatchObject({ page: 2, result_from: 51, result_to: 100, next: null });
    expect(second.previous).toBe(`${s.origin}/v1/accounts?page=1`);
    const whole = await envelope(s, '/accounts?limit=100');
    expect(whole).toMatchObject({ total_pages: 1, limit: 100, result_to: 100, next: null, previous: null });
    expect(whole.data.map((a) => a.id)).toEqual([...first.data, ...second.data].map((a) => a.id));
  });

  test('101 accounts at limit=100: the second page holds the last one', async () => {
    const s = await simulator({ accounts: 101 });
    const first = await envelope(s, '/accounts?limit=100&page=1');
    expect(first).toMatchObject({ total_results: 101, total_pages: 2, result_from: 1, result_to: 100 });
    expect(first.next).toBe(`${s.origin}/v1/accounts?limit=100&page=2`);
    const second = await envelope(s, '/accounts?limit=100&page=2');
    expect(second).toMatchObject({ page: 2, total_pages: 2, result_from: 101, result_to: 101, next: null });
    expect(second.data).toHaveLength(1);
    expect(second.previous).toBe(`${s.origin}/v1/accounts?limit=100&page=1`);
  });

  test('pages list every account once, in ascending created_at order', async () => {
    const s = await simulator({ accounts: 230, seed: 4 });
    const ids: string[] = [];
    const created: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const body = await envelope(s, `/accounts?limit=100&page=${page}`);
      ids.push(...body.data.map((a) => a.id));
      created.push(...body.data.map((a) => a.created_at));
    }
    expect(new Set(ids).size).toBe(230);
    expect([...created].sort()).toEqual(created);
  });

  test('limit above 100 is clamped to 100', async () => {
    const s = await simulator({ accounts: 150 });
    const body = await envelope(s, '/accounts?limit=500');
    expect(body.limit).toBe(100);
    expect(body.data).toHaveLength(100);
    expect(body.total_pages).toBe(2);
  });

  test.each(['limit=0', 'limit=-1', 'limit=1.5', 'limit=abc', 'limit=', 'page=0', 'page=-2', 'page=2.5', 'page=two'])(
    '%s is a 400 InvalidParameterValue',
    async (query) => {
      const s = await simulator({ accounts: 5 });
      const res = await apiGet(s, `/accounts?${query}`);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { errors: { type: string; code: number; message: string } };
      expect(body.errors.type).toBe('InvalidParameterValue');
      expect(body.errors.code).toBe(400);
      expect(body.errors.message).toMatch(query.startsWith('limit') ? /limit/ : /page/);
    },
  );

  test('next and previous keep the request query and replace page', async () => {
    const s = await simulator({ accounts: 40 });
    const body = await envelope(s, '/accounts?limit=10&type=twitter-sync&page=2');
    expect(body.next).toBe(`${s.origin}/v1/accounts?limit=10&type=twitter-sync&page=3`);
    expect(body.previous).toBe(`${s.origin}/v1/accounts?limit=10&type=twitter-sync&page=1`);
    const noPage = await envelope(s, '/accounts?limit=10');
    expect(noPage.next).toBe(`${s.origin}/v1/accounts?limit=10&page=2`);
  });

  test('next is built on the Host the client used', async () => {
    const s = await simulator({ accounts: 3 });
    const body = await new Promise<Envelope>((resolve, reject) => {
      const req = http.get(
        `${s.baseUrl}/accounts?limit=1`,
        { headers: { Host: `localhost:${s.port}`, Authorization: `Token ${s.token}` } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve(JSON.parse(text) as Envelope));
        },
      );
      req.on('error', reject);
    });
    expect(body.next).toBe(`http://localhost:${s.port}/v1/accounts?limit=1&page=2`);
  });

  test('a page past the end is 200 with empty data', async () => {
    const s = await simulator({ accounts: 3 });
    const body = await envelope(s, '/accounts?page=5');
    expect(body).toMatchObject({ total_results: 3, page: 5, total_pages: 1, data: [], next: null });
  });

  test('no accounts: zero pages, empty data, no links', async () => {
    const s = await simulator({ accounts: 0 });
    const body = await envelope(s, '/accounts');
    expect(body).toMatchObject({ total_results: 0, total_pages: 0, data: [], next: null, previous: null });
  });
});

describe('GET /v1/accounts/{hash}', () => {
  test('answers the documented envelope holding the one account', async () => {
    const s = await simulator({ accounts: 10 });
    const list = await envelope(s, '/accounts');
    const target = list.data[3]!;
    const body = await envelope(s, `/accounts/${target.id}`);
    expect(body).toMatchObject({ total_results: 1, limit: 50, page: 1, total_pages: 1, next: null, previous: null });
    expect(body.data).toEqual([target]);
  });

  test('an unknown hash is a 404 AccountDoesNotExist', async () => {
    const s = await simulator({ accounts: 2 });
    const res = await apiGet(s, '/accounts/0123456789abcdef0123456789abcdef');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ errors: { message: 'Not found.', type: 'AccountDoesNotExist', code: 404 } });
  });
});

describe('authentication and routing', () => {
  test('a missing token and a wrong one are two different 401s', async () => {
    const s = await simulator({ token: 'sekret' });
    const missing = await apiGet(s, '/accounts', { token: null });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Token');
    expect(((await missing.json()) as { errors: { message: string } }).errors.message).toBe(
      'Authentication credentials were not provided.',
    );
    const wrong = await apiGet(s, '/accounts', { token: 'demo' });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { errors: { message: string; type: string } }).errors).toMatchObject({
      message: 'Invalid token.',
      type: 'NotAuthenticated',
    });
    const bearer = await fetch(`${s.baseUrl}/accounts`, { headers: { Authorization: 'Bearer sekret' } });
    expect(bearer.status).toBe(401);
    expect((await apiGet(s, '/accounts', { token: 'sekret' })).status).toBe(200);
  });

  test('the token scheme is matched case-insensitively, as DRF does', async () => {
    const s = await simulator();
    const res = await fetch(`${s.baseUrl}/accounts`, { headers: { authorization: `token ${s.token}` } });
    expect(res.status).toBe(200);
  });

  test('unknown paths under /v1 are 404, other methods 405', async () => {
    const s = await simulator();
    expect((await apiGet(s, '/squids')).status).toBe(404);
    expect((await apiGet(s, '/accounts/abc/extra')).status).toBe(404);
    const put = await fetch(`${s.baseUrl}/accounts`, { method: 'PUT', headers: { Authorization: `Token ${s.token}` } });
    expect(put.status).toBe(405);
  });

  test('every /v1 answer is JSON with the rate-limit headers', async () => {
    const s = await simulator({ accounts: 3 });
    const answers = [
      await apiGet(s, '/accounts'),
      await apiGet(s, '/accounts', { token: null }),
      await apiGet(s, '/accounts?limit=0'),
      await apiGet(s, '/accounts/nope'),
      await apiGet(s, '/nothing-here'),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 401, 400, 404, 404]);
    const remaining: number[] = [];
    for (const res of answers) {
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(Number(res.headers.get('x-ratelimit-limit'))).toBe(1_000_000);
      expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000 - 1);
      remaining.push(Number(res.headers.get('x-ratelimit-remaining')));
      await res.text();
    }
    expect(remaining).toEqual([999_999, 999_998, 999_997, 999_996, 999_995]);
  });
});

describe('error body shapes', () => {
  test.each([
    ['A', { detail: 'Not found.' }],
    ['B', { errors: { message: 'Not found.', type: 'AccountDoesNotExist', code: 404 } }],
    ['C', { error: 'Not found.', type: 'AccountDoesNotExist', code: 404 }],
  ] as const)('shape %s', async (shape, expected) => {
    const s = await simulator({ errorShape: shape });
    const res = await apiGet(s, '/accounts/unknown');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual(expected);
  });

  test('shape A for a wrong token reads like DRF', async () => {
    const s = await simulator({ errorShape: 'A' });
    const res = await apiGet(s, '/accounts', { token: 'nope' });
    expect(await res.json()).toEqual({ detail: 'Invalid token.' });
  });
});

describe('lifecycle', () => {
  test('close() ends the server: later requests are refused', async () => {
    const s = await startSimulator({ accounts: 2 });
    expect((await apiGet(s, '/accounts')).status).toBe(200);
    await s.close();
    await expect(apiGet(s, '/accounts')).rejects.toThrow();
  });

  test('bad options are refused before listening', async () => {
    await expect(startSimulator({ accounts: -1 })).rejects.toThrow(RangeError);
    await expect(startSimulator({ port: 70_000 })).rejects.toThrow(RangeError);
    await expect(startSimulator({ token: 'two words' })).rejects.toThrow(RangeError);
  });

  test('the same seed and clock serve the same bytes; another seed does not', async () => {
    const now = (): number => Date.UTC(2026, 0, 15, 9, 30);
    const a = await simulator({ accounts: 30, seed: 9, now });
    const b = await simulator({ accounts: 30, seed: 9, now });
    const c = await simulator({ accounts: 30, seed: 10, now });
    const text = async (s: RunningSimulator): Promise<string> => (await apiGet(s, '/accounts?limit=100')).text();
    const [ta, tb, tc] = [await text(a), await text(b), await text(c)];
    expect(ta).toBe(tb);
    expect(tc).not.toBe(ta);
  });
});
