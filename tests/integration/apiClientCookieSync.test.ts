/**
 * A re-sync's POST over real sockets, through both fetches the client runs on outside Electron:
 * the body and its type reach the server as sent.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { CLIENT_FETCHES, recordingClient } from '../helpers/clientHarness.js';

const KEY = 'k3y-7f1c0e55d2a94b8c9e01';
const ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

describe.each(CLIENT_FETCHES)('sending cookies through %s', (_name, fetch) => {
  it('POSTs the JSON body with its content type and reads the created task', async () => {
    const received: Array<{ method?: string; url?: string; type?: string; body: string }> = [];
    const server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        received.push({ method: req.method, url: req.url, type: req.headers['content-type'], body });
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ id: 'task1', object: 'synchronize-cookies', status_code: 100, status_text: 'created' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;
    const { client } = recordingClient({ apiKey: KEY, baseUrl: `http://127.0.0.1:${port}/v1`, ...(fetch ? { fetch } : {}) });

    const task = await client.syncCookies({ account: ID, type: 'linkedin-sync', cookies: new Map([['li_at', 'AQED-1'], ['JSESSIONID', '"ajax:42"']]) });

    expect(task).toEqual({ id: 'task1', statusCode: 100, statusText: 'created', accountHash: null });
    expect(received).toEqual([
      {
        method: 'POST',
        url: '/v1/accounts/cookies',
        type: 'application/json',
        body: JSON.stringify({ account: ID, type: 'linkedin-sync', cookies: { li_at: 'AQED-1', JSESSIONID: '"ajax:42"' } }),
      },
    ]);
  });
});
