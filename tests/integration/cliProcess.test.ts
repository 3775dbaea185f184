/**
 * The built `lobstr-tray` command as a real process: what a shell script sees.
 * Builds main with the project's own Vite config into a temp folder (never touching dist/).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { startSimulator, type RunningSimulator } from '../../main/simulator/server.js';
import { simulator } from '../helpers/simulatorHarness.js';

const KEY = 'feedface00feedface00feedface0000';
let outDir: string;
let sim: RunningSimulator;

beforeAll(async () => {
  // Inside the repo, so the bundle's external dependencies resolve from its node_modules.
  const cache = join(process.cwd(), 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  outDir = mkdtempSync(join(cache, 'lobstr-cli-'));
  await build({ configFile: 'vite.main.config.ts', logLevel: 'silent', build: { outDir, sourcemap: false } });
  sim = await startSimulator({ port: 0, accounts: 30, seed: 5, token: KEY });
}, 120_000);

afterAll(async () => {
  await sim?.close();
  rmSync(outDir, { recursive: true, force: true });
});

function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(outDir, 'cli.js'), ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the built lobstr-tray command', () => {
  it('starts with a shebang so npm can install it as a bin', () => {
    expect(readFileSync(join(outDir, 'cli.js'), 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
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
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [join(outDir, 'cli.js'), 'check', '--api-base', big.baseUrl], {
        env: { PATH: process.env.PATH ?? '', LOBSTR_API_KEY: KEY },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d));
      child.stdout.once('data', () => child.stdout.destroy()); // read one chunk, then hang up
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, stderr }));
    });
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
