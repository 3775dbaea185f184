/**
 * The built `lobstr-tray` command as a real process: what a shell script sees.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { startSimulator, type RunningSimulator } from '../../main/simulator/server.js';
import { buildCli, runBuiltCli, startCli, type BuiltCli } from '../helpers/builtCli.js';
import { simulator } from '../helpers/simulatorHarness.js';

const KEY = 'feedface00feedface00feedface0000';
let built: BuiltCli;
let sim: RunningSimulator;

beforeAll(async () => {
  built = await buildCli('lobstr-cli-');
  sim = await startSimulator({ port: 0, accounts: 30, seed: 5, token: KEY });
}, 120_000);

afterAll(async () => {
  await sim?.close();
  built?.remove();
});

const cli = (args: string[], env: Record<string, string>) => runBuiltCli(built, args, env);

describe('the built lobstr-tray command', () => {
  it('starts with a shebang so npm can install it as a bin', () => {
    expect(readFileSync(built.script, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
  });

  // npm links the bin to this very file (`npx lobstr-tray`, `npm link`), and the shell runs it by its
  // shebang: without the executable bit every rebuild broke the command with "Permission denied".
  it.skipIf(process.platform === 'win32')('runs by itself, as the lobstr-tray bin, after a build', async () => {
    const { stdout } = await promisify(execFile)(built.script, ['--help'], { env: { PATH: process.env.PATH ?? '' } });
    expect(stdout).toContain('lobstr-tray check');
  });

  it('prints one JSON object and exits 1 when accounts need re-sync', async () => {
    const r = await cli(['check', '--json', '--api-base', sim.baseUrl], { LOBSTR_API_KEY: KEY });
    const report = JSON.parse(r.stdout) as { state: string; accounts: unknown[] };
    expect(report.accounts).toHaveLength(30);
    expect(r.code).toBe(report.state === 'needs_resync' ? 1 : 0);
  });

  it('fails with exit 2, one line on stderr and no stack trace on a rejected key', async () => {
    const r = await cli(['check', '--api-base', sim.baseUrl], { LOBSTR_API_KEY: 'wrong-key-0123456789' });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
    expect(r.stderr).not.toContain('wrong-key-0123456789');
  });

  it('runs the demo without a key and exits on its own', async () => {
    const r = await cli(['check', '--demo'], {});
    expect(r.stdout).toContain('of 25 accounts');
    expect([0, 1]).toContain(r.code);
  });

  it('stops quietly when the reader of its output goes away (| head)', async () => {
    // Far more output than a pipe buffers, so the command is still writing when the reader leaves.
    const big = await simulator({ port: 0, accounts: 3000, seed: 6, token: KEY });
    const running = startCli(built, ['check', '--api-base', big.baseUrl], { LOBSTR_API_KEY: KEY });
    running.child.stdout.once('data', () => running.child.stdout.destroy()); // read one chunk, then hang up
    const r = { code: (await running.exit).code, stderr: running.stderr() };
    expect(r.stderr).not.toContain('EPIPE');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(1); // the result still reaches the script: 3,000 generated accounts include expired ones
  });

  it('exits 64 on bad usage', async () => {
    const r = await cli(['check', '--token', 'abc'], {});
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('LOBSTR_API_KEY');
  });
});
