/**
 * The built `lobstr-tray watch` as a real process: it keeps running between checks, and Ctrl-C
 * (SIGINT) or SIGTERM stop it cleanly with exit 0 and no stack trace. A --state file it cannot
 * keep never makes it hang.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../main/simulator/server.js';
import { buildCli, startCli, type BuiltCli, type CliProcess } from '../helpers/builtCli.js';
import { control } from '../helpers/simulatorHarness.js';

const KEY = 'feedface00feedface00feedface0000';
let built: BuiltCli;
let sim: RunningSimulator;

beforeAll(async () => {
  built = await buildCli('lobstr-watch-');
  sim = await startSimulator({ port: 0, accounts: 5, seed: 2, token: KEY });
}, 120_000);

afterAll(async () => {
  await sim?.close();
  built?.remove();
});

const watch = (args: string[]): CliProcess => startCli(built, ['watch', ...args], { LOBSTR_API_KEY: KEY });

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

  // Linux's /proc accepts no new folder, and Node's own recursive mkdir spins forever on it.
  it.runIf(existsSync('/proc/self'))('--state under /proc: exits 2 at once with one line, without checking', async () => {
    const before = await requestsOfList();
    const w = watch(['--interval', '1', '--api-base', sim.baseUrl, '--state', '/proc/lobstr-tray-test/state.json']);
    const ended = await Promise.race([w.exit, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 5_000))]);
    if (ended === 'hung') w.child.kill('SIGKILL');
    expect(ended).toEqual({ code: 2, signal: null });
    expect(w.stderr()).toMatch(/^lobstr-tray: --state \/proc\/lobstr-tray-test\/state\.json cannot be used: .+\n$/);
    expect(w.stdout()).toBe('');
    expect(await requestsOfList()).toBe(before);
  });

  it('a state file that stops being writable is said once, leaves no temporary file, and Ctrl-C still ends it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lobstr-watch-state-'));
    try {
      const state = join(dir, 'state.json');
      const w = watch(['--interval', '1', '--api-base', sim.baseUrl, '--state', state]);
      await until(() => existsSync(state), 'the first save');
      // A folder where the file was: every later save fails.
      rmSync(state);
      mkdirSync(state);
      const before = await requestsOfList();
      await until(async () => (await requestsOfList()) >= before + 3, 'three more checks');
      w.child.kill('SIGINT');
      const ended = await Promise.race([w.exit, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 5_000))]);
      if (ended === 'hung') w.child.kill('SIGKILL');
      expect(ended).toEqual({ code: 0, signal: null });
      const notes = w.stderr().trimEnd().split('\n');
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatch(/^lobstr-tray: note: .*could not be saved/);
      expect(readdirSync(dir)).toEqual(['state.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
