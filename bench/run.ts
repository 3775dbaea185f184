/**
 * `npm run bench`: prints figures, asserts nothing timed in the test suite.
 *
 * listAccounts: 10,000 accounts behind the simulator with 50 ms added to every response.
 *   fast     = the app's client: limit=100, pages after the first fetched 4 at a time
 *   baseline = pages one by one at limit=50, as Lobstr's own SDK iterates
 * Target: the fast walk makes at most half the requests and is at least 6x faster.
 *
 * Renderer (rendererBench.ts, in a process of its own): the window at 10,000 and 100,000 accounts in
 * Chromium: first render, a search keystroke, a poll's update applied; JavaScript size gzipped.
 *
 * Poll path (pollPath.ts, in processes of their own): the assembled tray app polling 1,000 to 100,000
 * accounts with its window open: stalls, memory, pushes, tray menu rebuilds, the state file.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { benchCheckProcess } from './checkProcess.js';

const here = dirname(fileURLToPath(import.meta.url));
const ACCOUNTS = 10_000;
const LATENCY_MS = 50;
const RUNS = 3;

interface ListRun {
  accounts: number;
  requests: number;
  wallMs: number;
  peakRssMb: number;
  rssBeforeMb: number;
  peakHeapMb: number;
}

async function firstLine(child: ReturnType<typeof spawn>): Promise<string> {
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) return line;
  throw new Error('process ended without output');
}

async function runNode(script: string, args: string[], env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, [join(here, script), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await firstLine(child);
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`${script} exited with ${code}`);
  return line;
}

async function simRequests(origin: string): Promise<number> {
  const res = await fetch(`${origin}/__sim/requests`);
  const log = (await res.json()) as unknown[];
  await fetch(`${origin}/__sim/requests`, { method: 'DELETE' });
  return log.length;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function benchListAccounts(): Promise<boolean> {
  const sim = spawn(process.execPath, [join(here, 'simulatorProcess.js'), String(ACCOUNTS)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const { baseUrl, origin, token } = JSON.parse(await firstLine(sim)) as { baseUrl: string; origin: string; token: string };
    await fetch(`${origin}/__sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latency_ms: LATENCY_MS }),
    });
    await simRequests(origin);

    const measure = async (pageSize: number, concurrency: number) => {
      const runs: Array<ListRun & { serverRequests: number }> = [];
      for (let i = 0; i < RUNS; i++) {
        const run = JSON.parse(
          await runNode('listOnce.js', [baseUrl!, String(pageSize), String(concurrency)], { BENCH_TOKEN: token! }),
        ) as ListRun;
        runs.push({ ...run, serverRequests: await simRequests(origin!) });
      }
      return {
        accounts: runs[0]!.accounts,
        requests: runs[0]!.serverRequests,
        wallMs: median(runs.map((r) => r.wallMs)),
        peakRssMb: median(runs.map((r) => r.peakRssMb)),
        peakHeapMb: median(runs.map((r) => r.peakHeapMb)),
      };
    };

    const fast = await measure(100, 4);
    const baseline = await measure(50, 1);
    const requestRatio = fast.requests / baseline.requests;
    const speedup = baseline.wallMs / fast.wallMs;

    console.log(`\nlistAccounts(): ${ACCOUNTS.toLocaleString('en')} accounts, +${LATENCY_MS} ms per response, median of ${RUNS} runs`);
    const row = (name: string, r: typeof fast) =>
      console.log(
        `  ${name.padEnd(34)} ${String(r.accounts).padStart(6)} accounts  ${String(r.requests).padStart(4)} requests  ` +
          `${r.wallMs.toFixed(0).padStart(6)} ms  peak RSS ${r.peakRssMb.toFixed(0)} MB  peak heap ${r.peakHeapMb.toFixed(0)} MB`,
      );
    row('app client (limit=100, 4 at once)', fast);
    row('baseline (limit=50, one by one)', baseline);
    const requestsOk = requestRatio <= 0.5;
    const speedOk = speedup >= 6;
    console.log(
      `  requests: ${(requestRatio * 100).toFixed(0)}% of baseline (target <= 50%) ${requestsOk ? 'MET' : 'MISSED'}`,
    );
    console.log(`  speed: ${speedup.toFixed(1)}x faster than baseline (target >= 6x) ${speedOk ? 'MET' : 'MISSED'}`);
    // The physical limit: every page after the first few costs one latency per 4 of them.
    const limitMs = (Math.ceil(ACCOUNTS / 100) / 4) * LATENCY_MS;
    const limitOk = fast.wallMs <= limitMs * 1.3;
    console.log(
      `  physical limit ${Math.ceil(ACCOUNTS / 100)}/4 rounds x ${LATENCY_MS} ms = ${limitMs} ms; measured ${fast.wallMs.toFixed(0)} ms = ` +
        `${(fast.wallMs / limitMs).toFixed(2)}x (target <= 1.3x) ${limitOk ? 'MET' : 'MISSED'}`,
    );
    return requestsOk && speedOk && limitOk && fast.accounts === ACCOUNTS && baseline.accounts === ACCOUNTS;
  } finally {
    sim.kill('SIGTERM');
  }
}

/** The renderer figures, printed by rendererBench.js itself; true when its targets are met. */
async function benchRenderer(): Promise<boolean> {
  const child = spawn(process.execPath, [join(here, 'rendererBench.js')], { stdio: 'inherit' });
  const [code] = (await once(child, 'exit')) as [number | null];
  return code === 0;
}

/** The tray app's poll path at 1,000 to 100,000 accounts, printed by pollPath.js itself; true when its targets are met. */
async function benchPollPath(): Promise<boolean> {
  const child = spawn(process.execPath, [join(here, 'pollPath.js')], { stdio: 'inherit' });
  const [code] = (await once(child, 'exit')) as [number | null];
  return code === 0;
}

const listOk = await benchListAccounts();
const checkOk = await benchCheckProcess();
const rendererOk = await benchRenderer();
const pollPathOk = await benchPollPath();
process.exitCode = listOk && checkOk && rendererOk && pollPathOk ? 0 : 1;
