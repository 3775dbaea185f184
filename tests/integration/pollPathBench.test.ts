/**
 * The poll-path benchmark's app harness (bench/pollPathHarness.ts) still launches the assembled app
 * and counts what a poll does, so `npm run bench` does not rot. Nothing here is timed.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { launchBenchApp, type BenchApp } from '../../bench/pollPathHarness.js';
import { control, simulator, simulatorAccountIds } from '../helpers/simulatorHarness.js';

// electron-store imports `electron` at its top; there is no runtime here (toolchain.md §2).
vi.mock('electron', () => {
  const stub = { app: undefined, ipcMain: undefined, shell: { openPath: async () => '' } };
  return { default: stub, ...stub };
});

const HEALTHY = { status: '200', status_code_info: 'synchronized', status_code_description: 'Success!', lock_time: null, resets_in: null };
let root: string;
let bench: BenchApp | null = null;

afterEach(async () => {
  await bench?.shutdown();
  bench = null;
  rmSync(root, { recursive: true, force: true });
});

it('launches the app on the fakes with its window open, and counts the pushes, menu and memory of a poll that changed an account', async () => {
  const sim = await simulator({ port: 0, accounts: 50, seed: 3, token: 'bench-harness-token' });
  const ids = await simulatorAccountIds(sim);
  for (const id of ids) await control(sim, 'POST', `/accounts/${id}`, HEALTHY);
  root = mkdtempSync(path.join(tmpdir(), 'lobstr-pollbench-test-'));
  bench = await launchBenchApp({ baseUrl: sim.baseUrl, apiKey: sim.token, root, repo: process.cwd() });
  expect(bench.electron.trays.at(-1)!.tooltip).toMatch(/all 50 accounts OK/);
  expect(statSync(bench.stateFile).size).toBeGreaterThan(0);

  await control(sim, 'POST', `/accounts/${ids[7]}`, { status: '401', status_code_info: 'cookies_expired' });
  const figures = await bench.measurePoll(() => new Promise((resolve) => setTimeout(resolve, 50)));
  expect(bench.electron.trays.at(-1)!.tooltip).toMatch(/1 of 50 accounts needs re-sync/);
  // The change reaches the window and the tray menu (which lists the account to re-sync).
  expect(figures.pushes).toBeGreaterThanOrEqual(1);
  expect(figures.pushedBytes).toBeGreaterThan(0);
  expect(figures.menuBuilds).toBeGreaterThanOrEqual(1);
  expect(figures.menuSets).toBeGreaterThanOrEqual(1);
  expect(figures.peakRssMb).toBeGreaterThanOrEqual(figures.rssBeforeMb);
  expect(figures.wallMs).toBeGreaterThan(0);
  // Pushes are counted, not kept: a run at 100,000 accounts must not hold every list it pushed.
  expect(bench.app.lifecycle.currentWindow()!.webContents.sent).toEqual([]);
});
