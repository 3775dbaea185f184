/**
 * The headless `lobstr-tray check` command, run in-process against the real simulator:
 * what a script sees (exit codes, one JSON object) and what a person sees (table, one-line errors).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { runCli } from '../../main/cli.js';
import type { CheckReport } from '../../main/cli/checkReport.js';
import { startSimulator, type RunningSimulator } from '../../main/simulator/server.js';
import { recordingIo } from '../fixtures/recordingIo.js';
import { control, fault, simulator, simulatorAccountIds } from '../helpers/simulatorHarness.js';

const KEY = 'c0ffee00c0ffee00c0ffee00c0ffee00';

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], env: Record<string, string | undefined> = {}, isTTY = false): Promise<Ran> {
  const recorded = recordingIo(argv, env, { isTTY });
  const code = await runCli(recorded.io);
  return { code, stdout: recorded.stdout(), stderr: recorded.stderr() };
}

const HEALTHY = {
  status: '200',
  status_code_info: 'synchronized',
  status_code_description: 'Success!',
  lock_time: null,
  resets_in: null,
};

let sim: RunningSimulator;
let hashes: string[];
let env: Record<string, string>;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, accounts: 4, seed: 3, token: KEY });
  env = { LOBSTR_API_KEY: KEY, LOBSTR_API_BASE: sim.baseUrl };
  hashes = await simulatorAccountIds(sim);
});
afterAll(() => sim.close());

afterEach(async () => {
  await control(sim, 'DELETE', '/faults');
  for (const hash of hashes) await control(sim, 'POST', `/accounts/${hash}`, HEALTHY);
});

describe('lobstr-tray check', () => {
  it('exits 0 and says all is well when every account is healthy', async () => {
    const r = await run(['check'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^HEALTH\s+PLATFORM\s+USERNAME\s+LAST SYNC\s+SQUIDS\s+REASON/m);
    expect(r.stdout).toContain('All 4 accounts are healthy');
    expect(r.stderr).toBe('');
  });

  it('exits 1 and puts the account that needs re-sync first', async () => {
    await control(sim, 'POST', `/accounts/${hashes[2]}`, { status: '401', status_code_info: 'cookies_expired' });
    const r = await run(['check'], env);
    expect(r.code).toBe(1);
    const rows = r.stdout.split('\n');
    expect(rows[1]).toMatch(/^RE-SYNC\s/);
    expect(rows[1]).toContain('cookies expired');
    expect(r.stdout).toContain('1 of 4 accounts needs cookie re-sync');
    // No colour codes unless the output is a terminal.
    expect(r.stdout).not.toContain('\x1b[');
  });

  it('colours the health label on a terminal, unless NO_COLOR is set', async () => {
    await control(sim, 'POST', `/accounts/${hashes[0]}`, { status_code_info: 'cookies_expired' });
    expect((await run(['check'], env, true)).stdout).toContain('\x1b[31;1mRE-SYNC\x1b[0m');
    expect((await run(['check'], { ...env, NO_COLOR: '1' }, true)).stdout).not.toContain('\x1b[');
  });

  it('prints exactly one JSON object with --json', async () => {
    await control(sim, 'POST', `/accounts/${hashes[1]}`, { status_code_info: 'cookies_expired' });
    const r = await run(['check', '--json'], env);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(r.stdout) as CheckReport;
    expect(Object.keys(report).sort()).toEqual(['accounts', 'checked_at', 'complete', 'counts', 'error', 'state', 'warnings']);
    expect(report.state).toBe('needs_resync');
    expect(report.complete).toBe(true);
    expect(report.warnings).toEqual([]);
    expect(report.counts).toEqual({ ok: 3, needs_resync: 1, locked: 0, attention: 0 });
    expect(report.error).toBeNull();
    expect(Number.isNaN(Date.parse(report.checked_at))).toBe(false);
    const first = report.accounts[0]!;
    expect(Object.keys(first).sort()).toEqual(
      ['health', 'id', 'last_synchronization_time', 'reason', 'squids', 'status', 'status_code_info', 'type', 'username'].sort(),
    );
    expect(first).toMatchObject({ id: hashes[1], health: 'needs_resync', reason: 'cookies expired' });
    expect(typeof first.squids).toBe('number');
  });

  it('writes a long --json report in pieces, never the whole text at once, and the pieces make the one JSON object', async () => {
    // At 100,000 accounts the report is 25 MB of text: held whole, then copied to be written, it
    // doubled the command's memory at its end.
    const big = await simulator({ port: 0, accounts: 3000, seed: 6, token: KEY });
    const writes: string[] = [];
    const io = recordingIo(['check', '--json', '--api-base', big.baseUrl], { LOBSTR_API_KEY: KEY }).io;
    io.stdout = { write: (text: string) => writes.push(text), isTTY: false };
    expect([0, 1]).toContain(await runCli(io));

    const text = writes.join('');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(text) as CheckReport;
    expect(Object.keys(report)).toEqual(['checked_at', 'state', 'complete', 'counts', 'accounts', 'warnings', 'error']);
    expect(report.accounts).toHaveLength(3000);
    expect(text.length).toBeGreaterThan(500_000);
    expect(Math.max(...writes.map((w) => w.length))).toBeLessThan(200_000);
  });

  it('writes a long table in pieces too, the same lines as one text', async () => {
    const big = await simulator({ port: 0, accounts: 3000, seed: 6, token: KEY });
    const writes: string[] = [];
    const io = recordingIo(['check', '--api-base', big.baseUrl], { LOBSTR_API_KEY: KEY }).io;
    io.stdout = { write: (text: string) => writes.push(text), isTTY: false };
    expect([0, 1]).toContain(await runCli(io));

    const lines = writes.join('').split('\n');
    expect(lines[0]).toMatch(/^HEALTH\s+PLATFORM\s+USERNAME/);
    expect(lines.filter((l) => /^(RE-SYNC|attention|locked|ok)\s/.test(l))).toHaveLength(3000);
    expect(writes.join('')).toMatch(/\n\n\d+ of 3000 accounts need cookie re-sync/);
    expect(Math.max(...writes.map((w) => w.length))).toBeLessThan(200_000);
  });

  it('says in the JSON, not only on stderr, when it stopped at its page limit before the end of the list', async () => {
    // A list with no end: every page full, a runaway total_pages. The walk stops at 1000 pages.
    const endless = await endlessList();
    try {
      const r = await run(['check', '--json', '--api-base', endless.baseUrl], env);
      const report = JSON.parse(r.stdout) as CheckReport;
      expect(report.accounts).toHaveLength(1000);
      expect(report.complete).toBe(false);
      expect(report.warnings.join(' ')).toMatch(/only the first 1000 were read/);
    } finally {
      await endless.close();
    }
  });

  it('exits 2 with one clear line, and never the key, when Lobstr rejects the key', async () => {
    const wrong = 'deadbeefdeadbeefdeadbeefdeadbeef';
    const r = await run(['check'], { ...env, LOBSTR_API_KEY: wrong });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/check failed \(auth\)/);
    expect(r.stderr + r.stdout).not.toContain(wrong);

    const j = await run(['check', '--json'], { ...env, LOBSTR_API_KEY: wrong });
    const report = JSON.parse(j.stdout) as CheckReport;
    expect(report).toMatchObject({ state: 'error', complete: false, accounts: [], error: { kind: 'auth' } });
    expect(j.stdout).not.toContain(wrong);
  });

  it('exits 2 after retries when the server keeps failing', async () => {
    await fault(sim, { status: 500 });
    const r = await run(['check', '--json'], env);
    expect(r.code).toBe(2);
    expect((JSON.parse(r.stdout) as CheckReport).error?.kind).toBe('server');
  });

  it('exits 2 with kind network when nothing listens', async () => {
    const port = await closedPort();
    const r = await run(['check', '--json', '--api-base', `http://127.0.0.1:${port}/v1`], env);
    expect(r.code).toBe(2);
    expect((JSON.parse(r.stdout) as CheckReport).error?.kind).toBe('network');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('exits 2 with kind invalid_response on a body that is not JSON', async () => {
    await fault(sim, { malformed: true });
    const r = await run(['check'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid_response/);
  });

  it('checks the built-in demo without any key', async () => {
    const r = await run(['check', '--demo'], {});
    expect(r.stdout).toContain('Demo data from the built-in simulator');
    expect(r.stdout).toMatch(/\d+ of 25 accounts need/);
    expect(r.code).toBe(1);
  });
});

describe('bad usage exits 64 with one line', () => {
  it.each([
    ['no key', ['check'], {}, /LOBSTR_API_KEY is not set/],
    ['a key on the command line', ['check', '--api-key', KEY], { LOBSTR_API_KEY: KEY }, /never taken from the command line/],
    ['an unknown option', ['check', '--colour'], { LOBSTR_API_KEY: KEY }, /--colour/],
    ['plain http to a remote host', ['check', '--api-base', 'http://api.example.test/v1'], { LOBSTR_API_KEY: KEY }, /--api-base/],
    ['a bad timeout', ['check', '--timeout', 'soon'], { LOBSTR_API_KEY: KEY }, /--timeout/],
    ['--demo with --api-base', ['check', '--demo', '--api-base', 'http://127.0.0.1:1/v1'], {}, /--demo/],
    ['an unknown command', ['chekc'], {}, /unknown command "chekc"/],
    ['no command', [], {}, /a command is needed/],
  ])('%s', async (_name, argv, e, message) => {
    const r = await run(argv as string[], e as Record<string, string>);
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stderr).not.toContain(KEY);
  });

  it('still prints one JSON object for a usage error under --json', async () => {
    const r = await run(['check', '--json'], {});
    expect(r.code).toBe(64);
    expect((JSON.parse(r.stdout) as CheckReport).error?.kind).toBe('usage');
  });

  it('prints help and the version with exit 0', async () => {
    expect((await run(['--help'])).stdout).toContain('Usage: lobstr-tray <command>');
    expect((await run(['check', '--help'])).stdout).toContain('Exit codes');
    expect((await run(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A list that never ends, on loopback: page N holds one healthy account, and the envelope claims a
 * billion pages. Stands for the 1,000,000-account list the simulator would need 2 GB to serve.
 */
async function endlessList(): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const server = createHttpServer((request, response) => {
    const page = Number(new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('page') ?? '1');
    const account = { id: `endless-${page}`, username: `user${page}`, status: '200', status_code_info: 'synchronized' };
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ total_results: 1_000_000_000, total_pages: 1_000_000_000, page, limit: 1, data: [account] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
