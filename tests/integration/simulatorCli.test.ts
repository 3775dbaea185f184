import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from 'vite';
import { EXIT_USAGE, runSimulatorCli, type CliOutcome } from '../../main/simulator/runCli.js';
import { closeAfterTest, simulator } from '../helpers/simulatorHarness.js';

function capture(): { out: string[]; err: string[]; io: { out(l: string): void; err(l: string): void } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l) => void out.push(l), err: (l) => void err.push(l) } };
}

describe('npm run sim, in-process', () => {
  test('prints the base URL, the token and how to reach the control API', async () => {
    const { out, err, io } = capture();
    const outcome = await runSimulatorCli(['--port', '0', '--accounts', '3', '--token', 'tok', '--error-shape', 'c'], io);
    if (!('simulator' in outcome)) throw new Error(`did not start: ${err.join('\n')}`);
    closeAfterTest(outcome.simulator);
    const text = out.join('\n');
    expect(text).toMatch(/Base URL: http:\/\/127\.0\.0\.1:\d+\/v1/);
    expect(text).toContain(outcome.simulator.baseUrl);
    expect(text).toContain('Token:    tok');
    expect(text).toContain('/__sim/');
    const res = await fetch(`${outcome.simulator.baseUrl}/accounts`, { headers: { Authorization: 'Token tok' } });
    expect(((await res.json()) as { total_results: number }).total_results).toBe(3);
    const wrong = await fetch(`${outcome.simulator.baseUrl}/accounts`, { headers: { Authorization: 'Token demo' } });
    expect(await wrong.json()).toEqual({ error: 'Invalid token.', type: 'NotAuthenticated', code: 401 });
    expect(err).toEqual([]);
  });

  test.each([
    [['--accounts', 'many']],
    [['--port', '99999']],
    [['--scenario', 'live']],
    [['--error-shape', 'D']],
    [['--prot', '8787']],
    [['extra']],
    [['--token', '']],
  ])('bad usage %j: one line on stderr, exit 64', async (argv) => {
    const { out, err, io } = capture();
    const outcome: CliOutcome = await runSimulatorCli(argv, io);
    expect(outcome).toEqual({ exitCode: EXIT_USAGE });
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^simulator: /);
    expect(err[0]).not.toMatch(/\n|\bat .*:\d+/);
    expect(out).toEqual([]);
  });

  test('--help prints the usage and exits 0', async () => {
    const { out, io } = capture();
    expect(await runSimulatorCli(['--help'], io)).toEqual({ exitCode: 0 });
    expect(out.join('\n')).toContain('--scenario');
    expect(out.join('\n')).toContain('POST /v1/accounts/cookies');
  });

  test('a port in use is one clear line and exit 1', async () => {
    const busy = await simulator();
    const { err, io } = capture();
    expect(await runSimulatorCli(['--port', String(busy.port)], io)).toEqual({ exitCode: 1 });
    expect(err).toEqual([
      `simulator: port ${busy.port} on 127.0.0.1 is already in use; pick another with --port (0 picks a free one)`,
    ]);
  });
});

describe('npm run sim, as a built program', () => {
  let outDir: string;
  let cli: string;

  beforeAll(async () => {
    outDir = mkdtempSync(path.join(tmpdir(), 'sim-cli-'));
    // The same bundling as vite.main.config.ts, for this entry only (the other entries are not ours).
    await build({
      configFile: false,
      logLevel: 'silent',
      root: process.cwd(),
      build: {
        ssr: true,
        target: 'node20',
        outDir,
        emptyOutDir: true,
        rolldownOptions: {
          input: { 'simulator/cli': 'main/simulator/cli.ts' },
          output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
        },
      },
    });
    cli = path.join(outDir, 'simulator', 'cli.js');
  }, 120_000);

  afterAll(() => {
    rmSync(outDir, { recursive: true, force: true });
  });

  function run(args: string[]) {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    return { child, exited, stdout: () => stdout, stderr: () => stderr };
  }

  /** The base URL the program prints once it listens. */
  function baseUrlOf(proc: ReturnType<typeof run>): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const check = (): void => {
        const m = /Base URL: (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(proc.stdout());
        if (m?.[1]) resolve(m[1]);
      };
      proc.child.stdout.on('data', check);
      void proc.exited.then((code) => reject(new Error(`exited ${code}: ${proc.stderr()}`)));
    });
  }

  test('starts, serves, and stops cleanly on SIGTERM', async () => {
    const proc = run(['--port', '0', '--accounts', '5', '--scenario', 'demo']);
    const baseUrl = await baseUrlOf(proc);
    const res = await fetch(`${baseUrl}/accounts`, { headers: { Authorization: 'Token demo' } });
    expect(((await res.json()) as { total_results: number }).total_results).toBe(5);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(proc.stdout()).toContain('Simulator stopped.');
    expect(proc.stderr()).toBe('');
  });

  test('prints no cookie value, whatever it is sent', async () => {
    const secret = 'SECRET-auth_token-c0ffee5eed';
    const proc = run(['--port', '0', '--accounts', '3']);
    const baseUrl = await baseUrlOf(proc);
    const post = (body: string): Promise<Response> =>
      fetch(`${baseUrl}/accounts/cookies`, {
        method: 'POST',
        headers: { Authorization: 'Token demo', 'Content-Type': 'application/json' },
        body,
      });
    const created = await post(JSON.stringify({ type: 'twitter-sync', cookies: { auth_token: secret, ct0: secret } }));
    expect(created.status).toBe(200);
    const task = (await created.json()) as { id: string };
    expect((await post(`{"cookies":{"auth_token":"${secret}"`)).status).toBe(400);
    expect((await fetch(`${baseUrl}/synchronize/${task.id}`, { headers: { Authorization: 'Token demo' } })).status).toBe(200);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(proc.stdout() + proc.stderr()).not.toContain('c0ffee5eed');
  });

  test('bad usage exits 64 with one line on stderr', async () => {
    const proc = run(['--accounts', '-3']);
    expect(await proc.exited).toBe(EXIT_USAGE);
    expect(proc.stderr().trim().split('\n')).toHaveLength(1);
  });
});
