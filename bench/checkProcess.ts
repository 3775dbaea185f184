/**
 * `lobstr-tray check` as a user runs it: a whole process, node startup, output and exit included.
 *
 * 1. `node dist/main/cli.js check --json` at 1,000, 10,000 and 100,000 accounts, no added latency:
 *    wall time and peak RSS (the child's own process.resourceUsage().maxRSS, reported at its exit).
 *    Targets: 10,000 under 150 MB; 100,000 under 10 s and under 600 MB; memory growing linearly
 *    (the memory per account from 10,000 to 100,000 no steeper than from 1,000 to 10,000).
 * 2. `npm run check -- --json` at 10,000 accounts with 50 ms added to every response, against the
 *    page-by-page walk (limit=50, one page at a time, as Lobstr's own SDK iterates) as a process.
 *    Target: at least 4x faster. The bundle is current, as on a second run: not rebuilt.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const cliScript = join(root, 'dist', 'main', 'cli.js');
const SIZES = [1_000, 10_000, 100_000];
const RUNS = 3;
const LATENCY_MS = 50;
const SPEEDUP_TARGET = 4;
const MB = 1024 * 1024;

/** Loaded before the command: writes its peak RSS (bytes) and CPU time (µs) to fd 3 as it exits. */
const REPORT_USAGE =
  "data:text/javascript,import{writeSync}from'node:fs';process.on('exit',()=>{const u=process.resourceUsage();" +
  "writeSync(3,JSON.stringify({rss:u.maxRSS*1024,cpu:u.userCPUTime+u.systemCPUTime}))})";

interface Simulator {
  baseUrl: string;
  origin: string;
  token: string;
  stop(): void;
}

async function startSimulator(accounts: number): Promise<Simulator> {
  const child = spawn(process.execPath, [join(here, 'simulatorProcess.js'), String(accounts)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    const { baseUrl, origin, token } = JSON.parse(line) as Record<string, string>;
    return { baseUrl: baseUrl!, origin: origin!, token: token!, stop: () => child.kill('SIGTERM') };
  }
  throw new Error('the simulator ended without saying where it listens');
}

interface Run {
  wallMs: number;
  /** NaN unless the command reported its usage on fd 3. */
  peakRss: number;
  cpuMs: number;
  code: number | null;
}

/** Runs a command to its end; stdout is read and dropped, as a script piping it would. */
async function timed(command: string, args: string[], env: Record<string, string>, fd3 = false): Promise<Run> {
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit', ...(fd3 ? (['pipe'] as const) : [])],
  });
  child.stdout!.resume();
  let reported = '';
  child.stdio[3]?.on('data', (chunk: Buffer) => (reported += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  const usage = reported ? (JSON.parse(reported) as { rss: number; cpu: number }) : { rss: NaN, cpu: NaN };
  return { wallMs: performance.now() - started, peakRss: usage.rss, cpuMs: usage.cpu / 1000, code };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const verdict = (ok: boolean) => (ok ? 'MET' : 'MISSED');
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function checkAt(accounts: number): Promise<{ wallMs: number; peakRss: number; cpuMs: number; ok: boolean }> {
  const sim = await startSimulator(accounts);
  try {
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      runs.push(
        await timed(
          process.execPath,
          [`--import=${REPORT_USAGE}`, cliScript, 'check', '--json', '--api-base', sim.baseUrl],
          { LOBSTR_API_KEY: sim.token },
          true,
        ),
      );
    }
    // Exit 0 or 1 is a finished check (1: some account needs re-sync); 2 is a failure.
    const ok = runs.every((r) => r.code === 0 || r.code === 1);
    return {
      wallMs: median(runs.map((r) => r.wallMs)),
      peakRss: median(runs.map((r) => r.peakRss)),
      cpuMs: median(runs.map((r) => r.cpuMs)),
      ok,
    };
  } finally {
    sim.stop();
  }
}

async function npmCheckAgainstWalk(): Promise<boolean> {
  const sim = await startSimulator(10_000);
  try {
    await fetch(`${sim.origin}/__sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latency_ms: LATENCY_MS }),
    });
    const env = { LOBSTR_API_KEY: sim.token };
    // As on any run after the first: the bundle is current (a first run would build it once).
    await timed(process.execPath, [join(root, 'scripts', 'build-main-if-stale.js')], {});
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const checks: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await timed(npm, ['run', '-s', 'check', '--', '--json', '--api-base', sim.baseUrl], env);
      checks.push(run.wallMs);
    }
    const walk = await timed(process.execPath, [join(here, 'listOnce.js'), sim.baseUrl, '50', '1'], { BENCH_TOKEN: sim.token });
    const check = median(checks);
    const speedup = walk.wallMs / check;
    const ok = speedup >= SPEEDUP_TARGET;
    console.log(
      `  npm run check at 10,000, +${LATENCY_MS} ms: ${seconds(check)} vs the page-by-page walk ${seconds(walk.wallMs)}` +
        ` = ${speedup.toFixed(1)}x (target >= ${SPEEDUP_TARGET}x) ${verdict(ok)}`,
    );
    return ok;
  } finally {
    sim.stop();
  }
}

/** Prints this section; true when every target is met. */
export async function benchCheckProcess(): Promise<boolean> {
  // The wall times move with the machine's load; the CPU time much less.
  const load = loadavg()[0]!.toFixed(1);
  console.log(`\nlobstr-tray check as a process (--json, whole process, median of ${RUNS}; load average ${load}):`);
  const results = [];
  for (const accounts of SIZES) {
    const r = await checkAt(accounts);
    results.push({ accounts, ...r });
    const targets: string[] = [];
    let met = r.ok;
    if (accounts === 10_000) {
      const ok = r.peakRss < 150 * MB;
      met &&= ok;
      targets.push(`RSS < 150 MB ${verdict(ok)}`);
    }
    if (accounts === 100_000) {
      const fast = r.wallMs < 10_000;
      const small = r.peakRss < 600 * MB;
      met &&= fast && small;
      targets.push(`< 10 s ${verdict(fast)}`, `RSS < 600 MB ${verdict(small)}`);
    }
    if (!r.ok) targets.push('the check FAILED');
    results[results.length - 1]!.ok = met;
    console.log(
      `  ${accounts.toLocaleString('en').padStart(7)} accounts ${seconds(r.wallMs).padStart(8)} (CPU ${seconds(r.cpuMs)})` +
        `  peak RSS ${mb(r.peakRss).padStart(6)}` +
        (targets.length ? `  (${targets.join(', ')})` : ''),
    );
  }
  const [small, mid, large] = results as [(typeof results)[0], (typeof results)[0], (typeof results)[0]];
  const perAccountLow = (mid.peakRss - small.peakRss) / (mid.accounts - small.accounts);
  const perAccountHigh = (large.peakRss - mid.peakRss) / (large.accounts - mid.accounts);
  const linear = perAccountHigh <= perAccountLow * 1.25;
  console.log(
    `  memory per account: ${(perAccountLow / 1024).toFixed(1)} KB from 1k to 10k, ${(perAccountHigh / 1024).toFixed(1)} KB ` +
      `from 10k to 100k (linear: no steeper at scale) ${verdict(linear)}`,
  );
  const npmOk = await npmCheckAgainstWalk();
  return results.every((r) => r.ok) && linear && npmOk;
}
