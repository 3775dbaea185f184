/**
 * Failures that asking again can never fix: a port fetch refuses to use, a certificate that is not
 * trusted, https spoken to a plain-http server. Each is said at once, with its own cause and what to
 * change, after one attempt; none reads "check your internet connection". Against loopback servers
 * made for each case (a self-signed certificate made with openssl in the test).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli.js';
import type { CheckReport } from '../../main/cli/checkReport.js';
import { recordingIo } from '../fixtures/recordingIo.js';
import { CLIENT_FETCHES, failure, recordingClient } from '../helpers/clientHarness.js';

const KEY = 'k3y-5a0c9e11d2a94b8c9e77';

interface Listening {
  port: number;
  /** TCP connections accepted: one per attempt of the client. */
  connections: number;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<Listening> {
  const state = { connections: 0 };
  server.on('connection', () => state.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get connections() {
      return state.connections;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let certDir: string;
let plainHttp: Listening;
let selfSigned: Listening;

beforeAll(async () => {
  certDir = mkdtempSync(join(tmpdir(), 'lobstr-tls-'));
  // A certificate nobody trusts: made here, signed by itself.
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem')],
    { stdio: 'ignore' },
  );
  const answer = (_req: unknown, res: import('node:http').ServerResponse): void => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"data":[]}');
  };
  plainHttp = await listen(createHttpServer(answer));
  selfSigned = await listen(
    createHttpsServer({ key: readFileSync(join(certDir, 'key.pem')), cert: readFileSync(join(certDir, 'cert.pem')) }, answer),
  );
});

afterAll(async () => {
  await plainHttp?.close();
  await selfSigned?.close();
  rmSync(certDir, { recursive: true, force: true });
});

describe.each(CLIENT_FETCHES)('failures a retry cannot fix are said at once, through %s', (_name, fetch) => {
  /** A client that records each attempt and each wait (no test sits out a backoff). */
  function client(baseUrl: string) {
    const attempts: number[] = [];
    const recorded = recordingClient({ apiKey: KEY, baseUrl, fetch, onRequest: ({ attempt }) => attempts.push(attempt) });
    return { ...recorded, attempts };
  }

  it('a port fetch refuses to use (9): one attempt, kind config, says which port and what to change', async () => {
    const c = client('http://127.0.0.1:9/v1');
    const error = await failure(c.client.listAccounts());
    expect(c.attempts).toEqual([1]);
    expect(c.waits).toEqual([]);
    expect(error.kind).toBe('config');
    expect(error.message).toMatch(/port 9/);
    expect(error.message).toMatch(/API base URL/);
    expect(error.message).not.toMatch(/internet connection|tried \d+ times/);
  });

  it('https spoken to a plain-http server: one attempt, kind tls, says the server does not speak https', async () => {
    const c = client(`https://127.0.0.1:${plainHttp.port}/v1`);
    const before = plainHttp.connections;
    const error = await failure(c.client.listAccounts());
    expect(c.attempts).toEqual([1]);
    expect(plainHttp.connections - before).toBe(1);
    expect(error.kind).toBe('tls');
    expect(error.message).toMatch(/does not speak https/);
    expect(error.message).toMatch(/http:\/\//);
    expect(error.message).not.toMatch(/internet connection|tried \d+ times/);
  });

  it('a certificate that is not trusted: one attempt, kind tls, says the certificate was refused and why', async () => {
    const c = client(`https://127.0.0.1:${selfSigned.port}/v1`);
    const before = selfSigned.connections;
    const error = await failure(c.client.getAccount('0123abcd'));
    expect(c.attempts).toEqual([1]);
    expect(selfSigned.connections - before).toBe(1);
    expect(error.kind).toBe('tls');
    expect(error.message).toMatch(/certificate/);
    expect(error.message).toMatch(/self-signed/);
    expect(error.message).not.toMatch(/internet connection|tried \d+ times/);
  });

});

describe('the command', () => {
  it('lobstr-tray check --json reports the kind config with exit code 2', async () => {
    const recorded = recordingIo(['check', '--json', '--api-base', 'http://127.0.0.1:9/v1'], { LOBSTR_API_KEY: KEY });
    const code = await runCli(recorded.io);
    expect(code).toBe(2);
    const report = JSON.parse(recorded.stdout()) as CheckReport;
    expect(report.state).toBe('error');
    expect(report.error?.kind).toBe('config');
    expect(recorded.stderr()).toMatch(/^lobstr-tray: check failed \(config\): .*port 9/);
  });
});
