/**
 * The built `lobstr-tray watch` as a real process: it keeps running between checks, and Ctrl-C
 * (SIGINT) or SIGTERM stop it cleanly with exit 0 and no stack trace.
 * Builds main with the project's own Vite config into a temp folder (never touching dist/).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../main/simulator/server.js';
import { control } from '../helpers/simulatorHarness.js';

const KEY = 'feedface00feedface00feedface0000';
let outDir: string;
let sim: RunningSimulator;

beforeAll(async () => {
  // Inside the repo, so the bundle's external dependencies resolve from its node_modules.
  const cache = join(process.cwd(), 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  outDir = mkdtempSync(join(cache, 'lobstr-watch-'));
  await build({ configFile: 'vite.main.config.ts', logLevel: 'silent', build: { outDir, sourcemap: false } });
  sim = await startSimulator({ port: 0, accounts: 5, seed: 2, token: KEY });
}, 120_000);

afterAll(async () => {
  await sim?.close();
  rmSync(outDir, { recursive: true, force: true });
});

interface Watched {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function watch(args: string[]): Watched {
  const child = spawn(process.execPath, [join(outDir, 'cli.js'), 'watch', ...args], {
    env: { PATH: process.env.PATH ?? '', LOBSTR_API_KEY: KEY },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

async function requestsOfList(): Promise<number> {
  return ((await control(sim, 'GET', '/requests')) as Array<{ path: string }>).filter((r) => r.path === '/v1/accounts').length;
}

async function until(condition: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the built lobstr-tray watch', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('keeps checking until %s, then stops cleanly with exit 0', async (signal) => {
    const before = await requestsOfList();
    const w = watch(['--interval', '1', '--api-base', sim.baseUrl]);
    // Several checks: the process stays alive between them.
    await until(async () => (await requestsOfList()) >= before + 3, 'three checks');
    w.child.kill(signal);
    const { code } = await w.exit;
    expect(code).toBe(0);
    expect(w.stdout()).toMatch(/^watching Lobstr accounts at http:\/\/127\.0\.0\.1:\d+\/v1, checking every 1 s \(Ctrl-C to stop\)\n/);
    expect(w.stdout().trimEnd().split('\n').at(-1)).toBe('stopped');
    expect(w.stderr()).toBe('');
  });

  it('in --json mode prints only JSON lines on stdout, even when stopped', async () => {
    const accounts = (await control(sim, 'GET', '/accounts')) as Array<{ id: string }>;
    await control(sim, 'POST', `/accounts/${accounts[0]!.id}`, { status: '401', status_code_info: 'cookies_expired' });
    const w = watch(['--interval', '1', '--json', '--api-base', sim.baseUrl]);
    await until(() => w.stdout().includes('\n'), 'a line');
    w.child.kill('SIGINT');
    expect((await w.exit).code).toBe(0);
    const lines = w.stdout().trimEnd().split('\n');
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(lines.map((l) => (JSON.parse(l) as { event: string }).event)).toContain('needs_resync');
    expect(w.stderr()).toMatch(/lobstr-tray: stopped\n$/);
  });
});
