/**
 * The client against small node:http servers written for one situation each: what the
 * simulator does not serve (a bare account object, a redirect, a body cut mid-stream,
 * a missing total_pages) and what a test must see from the server's side (headers sent,
 * requests in flight at once).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { deflateSync, gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLobstrClient, type LobstrClientOptions } from '../../main/core/lobstr/apiClient.js';
import { rawAccount } from '../fixtures/rawAccounts.js';
import { CLIENT_FETCHES, failure, recordingClient } from '../helpers/clientHarness.js';

const KEY = 'k3y-7f1c0e55d2a94b8c9e01';

interface TestServer {
  origin: string;
  base: string;
  requests: IncomingMessage[];
  close(): Promise<void>;
}

const servers: TestServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>): Promise<TestServer> {
  const requests: IncomingMessage[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req);
    void Promise.resolve(handler(req, res)).catch((e: unknown) => {
      res.destroy(e instanceof Error ? e : undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const s: TestServer = {
    origin,
    base: `${origin}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(s);
  return s;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function hashOf(n: number): string {
  return n.toString(16).padStart(32, '0');
}

/** A list of `total` accounts served `limit` per page, with every envelope field. */
function pageOf(total: number, page: number, limit: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const from = (page - 1) * limit;
  const data = Array.from({ length: Math.max(0, Math.min(limit, total - from)) }, (_, i) => rawAccount(hashOf(from + i + 1)));
  return {
    total_results: total,
    limit,
    page,
    total_pages: Math.ceil(total / limit),
    result_from: from + 1,
    result_to: from + data.length,
    data,
    next: null,
    previous: null,
    ...extra,
  };
}

function queryOf(req: IncomingMessage): URLSearchParams {
  return new URL(req.url ?? '/', 'http://x').searchParams;
}

describe.each(CLIENT_FETCHES)('through %s', (_name, fetch) => {
  function client(base: string, overrides: Partial<LobstrClientOptions> = {}) {
    return recordingClient({ apiKey: KEY, baseUrl: base, fetch, ...overrides });
  }

  describe('what the client sends', () => {
    it('sends the key as a Token header, asks for JSON and names the app', async () => {
      const server = await serve((req, res) => json(res, 200, pageOf(1, 1, 100)));
      await client(server.base).client.listAccounts();
      const req = server.requests[0];
      expect(req?.headers['authorization']).toBe(`Token ${KEY}`);
      expect(req?.headers['accept']).toBe('application/json');
      expect(req?.headers['user-agent']).toBe('LobstrTray/9.9.9-test');
      expect(req?.url).toBe('/v1/accounts?page=1&limit=100');
    });

    it('names the app by default and trims a pasted key', async () => {
      const server = await serve((req, res) => json(res, 200, pageOf(1, 1, 100)));
      await createLobstrClient({ apiKey: `  ${KEY}\n`, baseUrl: server.base, fetch }).listAccounts();
      expect(server.requests[0]?.headers['user-agent']).toBe('LobstrTray');
      expect(server.requests[0]?.headers['authorization']).toBe(`Token ${KEY}`);
    });

    it('refuses to start without a usable key, without sending anything', async () => {
      const server = await serve((req, res) => json(res, 200, pageOf(1, 1, 100)));
      const empty = await failure(createLobstrClient({ apiKey: '', baseUrl: server.base, fetch }).listAccounts());
      expect(empty.kind).toBe('auth');
      expect(empty.message).toMatch(/No Lobstr API key is set/);
      const broken = await failure(createLobstrClient({ apiKey: 'abc def', baseUrl: server.base, fetch }).listAccounts());
      expect(broken.kind).toBe('auth');
      expect(broken.message).not.toContain('abc def');
      expect(server.requests).toHaveLength(0);
    });

    it('refuses a plain-http base URL that is not loopback', () => {
      expect(() => createLobstrClient({ apiKey: KEY, baseUrl: 'http://api.lobstr.io/v1' })).toThrow(/use https:\/\//);
    });

    it('reports each request to onRequest, without the key', async () => {
      const server = await serve((req, res) => json(res, 200, pageOf(150, Number(queryOf(req).get('page')), 100)));
      const seen: { method: string; url: string; attempt: number }[] = [];
      await client(server.base, { onRequest: (info) => seen.push(info) }).client.listAccounts();
      expect(seen.map((s) => s.url).sort()).toEqual([
        `${server.base}/accounts?page=1&limit=100`,
        `${server.base}/accounts?page=2&limit=100`,
      ]);
      expect(seen.every((s) => s.method === 'GET' && s.attempt === 1)).toBe(true);
      expect(JSON.stringify(seen)).not.toContain(KEY);
    });
  });

  describe('walking pages', () => {
    it('keeps at most `concurrency` requests in flight', async () => {
      let inFlight = 0;
      let peak = 0;
      const server = await serve(async (req, res) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 30));
        inFlight--;
        json(res, 200, pageOf(2000, Number(queryOf(req).get('page')), 100));
      });
      const list = await client(server.base, { concurrency: 3 }).client.listAccounts();
      expect(list.accounts).toHaveLength(2000);
      expect(list.requests).toBe(20);
      expect(peak).toBeLessThanOrEqual(3);
      expect(peak).toBeGreaterThan(1);
    });

    it('never follows `next`, even when it points elsewhere', async () => {
      const elsewhere = await serve((req, res) => json(res, 200, pageOf(300, 2, 100)));
      const server = await serve((req, res) => {
        const page = Number(queryOf(req).get('page'));
        json(res, 200, pageOf(300, page, 100, { next: `${elsewhere.base}/accounts?page=${page + 1}&limit=100` }));
      });
      const list = await client(server.base).client.listAccounts();
      expect(list.accounts).toHaveLength(300);
      expect(elsewhere.requests).toHaveLength(0);
    });

    it('walks until an empty page when the server does not say how many pages there are', async () => {
      const server = await serve((req, res) => {
        const { total_pages: _t, total_results: _r, ...page } = pageOf(250, Number(queryOf(req).get('page')), 100);
        json(res, 200, page);
      });
      const list = await client(server.base, { concurrency: 1 }).client.listAccounts();
      expect(list.accounts).toHaveLength(250);
      expect(list.totalResults).toBe(250);
      // Pages 1-3 hold accounts, page 4 is the empty one that ends the walk.
      expect(list.requests).toBe(4);
      expect(list.warnings).toEqual([]);
    });

    it('stops at an empty page before total_pages, with a warning', async () => {
      const server = await serve((req, res) => {
        const page = Number(queryOf(req).get('page'));
        json(res, 200, pageOf(page >= 3 ? 200 : 500, page, 100, { total_pages: 5, total_results: 500 }));
      });
      const list = await client(server.base, { concurrency: 1 }).client.listAccounts();
      expect(list.accounts).toHaveLength(200);
      expect(list.requests).toBe(3);
      expect(list.warnings.join(' ')).toMatch(/Page 3 of 5 came back empty/);
    });

    it('keeps an unreadable account with its reason and drops an item without an id, with warnings', async () => {
      const server = await serve((req, res) =>
        json(res, 200, {
          ...pageOf(3, 1, 100),
          data: [rawAccount(hashOf(1)), rawAccount(hashOf(2), { status_code_info: null }), { username: 'ghost' }],
        }),
      );
      const list = await client(server.base).client.listAccounts();
      expect(list.accounts.map((a) => a.id)).toEqual([hashOf(1), hashOf(2)]);
      expect(list.accounts[1]?.problem).toBe('status_code_info: expected a string');
      expect(list.warnings.join(' ')).toMatch(/1 item in the list could not be used and was skipped \(the item has no id\)/);
      expect(list.warnings.join(' ')).toMatch(/1 account could not be fully read/);
    });

    it('stops every request on the first fatal error', async () => {
      const server = await serve(async (req, res) => {
        const page = Number(queryOf(req).get('page'));
        if (page === 3) {
          json(res, 401, { detail: 'Invalid token.' });
          return;
        }
        if (page > 1) await new Promise((r) => setTimeout(r, 200));
        json(res, 200, pageOf(5000, page, 100));
      });
      const error = await failure(client(server.base).client.listAccounts());
      expect(error.kind).toBe('auth');
      // Page 1, the first pool of four, and nothing after the failure.
      expect(server.requests.length).toBeLessThanOrEqual(5);
    });

    it('stops when the caller aborts, with an AbortError', async () => {
      const controller = new AbortController();
      const server = await serve(async (req, res) => {
        if (server.requests.length === 2) controller.abort();
        await new Promise((r) => setTimeout(r, 50));
        json(res, 200, pageOf(5000, Number(queryOf(req).get('page')), 100));
      });
      const promise = client(server.base).client.listAccounts({ signal: controller.signal });
      await expect(promise).rejects.toMatchObject({ name: 'AbortError' });
      expect(server.requests.length).toBeLessThanOrEqual(5);
    });

    it('rejects at once when the caller already aborted', async () => {
      const server = await serve((req, res) => json(res, 200, pageOf(1, 1, 100)));
      await expect(client(server.base).client.listAccounts({ signal: AbortSignal.abort() })).rejects.toMatchObject({
        name: 'AbortError',
      });
      expect(server.requests).toHaveLength(0);
    });
  });

  describe('getAccount', () => {
    it('reads a bare account object', async () => {
      const id = 'd3e97f2cd33658f301bdbe807402ab30';
      const server = await serve((req, res) => json(res, 200, rawAccount(id, { username: 'hashamxcom' })));
      const account = await client(server.base).client.getAccount(id);
      expect(account).toMatchObject({ id, username: 'hashamxcom', status: '200' });
      expect(server.requests[0]?.url).toBe(`/v1/accounts/${id}`);
    });

    it('reads an envelope with one item, and an empty envelope as not found', async () => {
      const id = 'd3e97f2cd33658f301bdbe807402ab30';
      const server = await serve((req, res) =>
        json(res, 200, req.url?.endsWith(id) ? { ...pageOf(1, 1, 50), data: [rawAccount(id)] } : { ...pageOf(0, 1, 50), data: [] }),
      );
      const { client: c } = client(server.base);
      expect((await c.getAccount(id)).id).toBe(id);
      const error = await failure(c.getAccount('ffff0000ffff0000ffff0000ffff0000'));
      expect(error.kind).toBe('not_found');
      expect(error.message).toContain('ffff0000ffff0000ffff0000ffff0000');
    });

    it('escapes the hash in the path and refuses one that would leave it', async () => {
      const server = await serve((req, res) => json(res, 404, { detail: 'Not found.' }));
      const { client: c } = client(server.base);
      expect((await failure(c.getAccount('a/b?c'))).kind).toBe('not_found');
      expect(server.requests[0]?.url).toBe('/v1/accounts/a%2Fb%3Fc');
      expect((await failure(c.getAccount('..'))).kind).toBe('not_found');
      expect(server.requests).toHaveLength(1);
    });
  });

  describe('failures the simulator does not make', () => {
    it('does not follow a redirect, so the key never goes to another address', async () => {
      const other = await serve((req, res) => json(res, 200, pageOf(1, 1, 100)));
      const server = await serve((req, res) => {
        res.writeHead(301, { Location: `${other.base}/accounts?page=1&limit=100` });
        res.end();
      });
      const error = await failure(client(server.base).client.listAccounts());
      expect(error.kind).toBe('invalid_response');
      expect(error.message).toContain(`redirected the request to ${other.base}/accounts`);
      expect(other.requests).toHaveLength(0);
    });

    it('refuses a body over the cap when its length is declared, without retrying', async () => {
      const server = await serve((req, res) => json(res, 200, pageOf(100, 1, 100)));
      const error = await failure(client(server.base, { maxBodyBytes: 4096 }).client.listAccounts());
      expect(error.kind).toBe('invalid_response');
      expect(error.message).toMatch(/larger than 4 KB/);
      expect(server.requests).toHaveLength(1);
    });

    it('refuses a streamed body over the cap without reading it all', async () => {
      let chunksWritten = 0;
      const server = await serve(async (req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"data":["');
        // Up to 50 MB, unless the client hangs up first.
        for (let i = 0; i < 800 && !res.destroyed; i++) {
          const ok = res.write('x'.repeat(64 * 1024));
          chunksWritten++;
          if (!ok) {
            await new Promise<void>((resolve) => {
              const done = (): void => {
                res.off('drain', done).off('close', done);
                resolve();
              };
              res.on('drain', done).on('close', done);
            });
          }
        }
        res.end('"]}');
      });
      const error = await failure(client(server.base, { maxBodyBytes: 256 * 1024 }).client.listAccounts());
      expect(error.kind).toBe('invalid_response');
      expect(error.message).toMatch(/larger than 256 KB/);
      expect(chunksWritten).toBeLessThan(800);
    });

    it('retries a body cut off mid-way, then reports it as an invalid response', async () => {
      const server = await serve((req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '5000' });
        res.write('{"total_results": 1, "data": [');
        setTimeout(() => res.destroy(), 10);
      });
      const { client: c, waits } = client(server.base, { retries: 2 });
      const error = await failure(c.listAccounts());
      expect(error.kind).toBe('invalid_response');
      expect(error.message).toMatch(/cut off before its end.*tried 3 times/);
      expect(server.requests).toHaveLength(3);
      expect(waits).toHaveLength(2);
    });

    it('reports an unexpected 400 with the server message, without retrying', async () => {
      const server = await serve((req, res) =>
        json(res, 400, { errors: { message: 'limit must be a positive integer', type: 'InvalidParameterValue', code: 400 } }),
      );
      const error = await failure(client(server.base).client.listAccounts());
      expect(error.kind).toBe('invalid_response');
      expect(error.status).toBe(400);
      expect(error.message).toContain('400 InvalidParameterValue: limit must be a positive integer');
      expect(server.requests).toHaveLength(1);
    });

    it('reports a 403 as a key problem', async () => {
      const server = await serve((req, res) => json(res, 403, { detail: 'You do not have permission to perform this action.' }));
      const error = await failure(client(server.base).client.listAccounts());
      expect(error.kind).toBe('auth');
      expect(error.message).toMatch(/403 You do not have permission/);
      expect(error.message).toMatch(/API page/);
    });

    it('scrubs the key from a server message that echoes it', async () => {
      const server = await serve((req, res) => json(res, 401, { detail: `Invalid token ${KEY}.` }));
      const error = await failure(client(server.base).client.listAccounts());
      expect(error.kind).toBe('auth');
      expect(error.message).not.toContain(KEY);
      expect(error.message).toContain('[redacted]');
    });

    it('honours Retry-After on a 503', async () => {
      let calls = 0;
      const server = await serve((req, res) => {
        calls++;
        if (calls === 1) json(res, 503, { detail: 'Service unavailable' }, { 'Retry-After': '5' });
        else json(res, 200, pageOf(1, 1, 100));
      });
      const { client: c, waits } = client(server.base);
      const list = await c.listAccounts();
      expect(list.accounts).toHaveLength(1);
      expect(list.requests).toBe(2);
      expect(waits).toEqual([5000]);
    });

    it('reports an answer of the wrong shape as an invalid response', async () => {
      const server = await serve((req, res) => json(res, 200, [rawAccount(hashOf(1))]));
      const error = await failure(client(server.base).client.listAccounts());
      expect(error.kind).toBe('invalid_response');
      expect(error.message).toMatch(/not a page of accounts.*got a list/);
    });
  });

  describe('bodies as servers send them', () => {
    it('reads a body that starts with a byte order mark, and accented names intact', async () => {
      const server = await serve((_req, res) => {
        const page = pageOf(1, 1, 100);
        (page.data as Array<Record<string, unknown>>)[0]!.username = 'Chloé Petit';
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(page))]));
      });
      const list = await client(server.base).client.listAccounts();
      expect(list.accounts.map((a) => a.username)).toEqual(['Chloé Petit']);
    });

    it('reads an accented name whose bytes arrive in two pieces (the body is decoded as it comes)', async () => {
      const server = await serve((_req, res) => {
        const page = pageOf(1, 1, 100);
        (page.data as Array<Record<string, unknown>>)[0]!.username = 'Zoé Ørsted';
        const body = Buffer.from(JSON.stringify(page));
        // Cut inside the two bytes of "é" (0xc3 0xa9), and let the first piece be read alone.
        const cut = body.indexOf(Buffer.from('é')) + 1;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write(body.subarray(0, cut));
        setTimeout(() => res.end(body.subarray(cut)), 30);
      });
      const list = await client(server.base).client.listAccounts();
      expect(list.accounts.map((a) => a.username)).toEqual(['Zoé Ørsted']);
    });

    it.each([
      ['gzip', gzipSync],
      ['deflate', deflateSync],
    ] as const)('reads a %s body, as a server sends one to a client that accepts it', async (encoding, compress) => {
      const server = await serve((req, res) => {
        const body = compress(Buffer.from(JSON.stringify(pageOf(150, Number(queryOf(req).get('page')), 100))));
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': encoding, 'Content-Length': body.length });
        res.end(body);
      });
      const list = await client(server.base).client.listAccounts();
      expect(list.accounts).toHaveLength(150);
      expect(String(server.requests[0]!.headers['accept-encoding'])).toContain(encoding);
    });
  });
});
