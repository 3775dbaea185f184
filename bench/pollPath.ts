/**
 * The tray app's poll path, measured as assembled: the app on the test fakes of Electron, in a
 * process of its own (pollPathApp.ts), window open, against the simulator in another process. For
 * 1,000, 10,000 and 100,000 accounts, after the first poll: one poll where nothing changed, then one
 * where a few accounts changed (through the simulator's control API). Also what opening the window
 * cost after the first poll: its first screen's rows (snapshot:head), then the whole snapshot it asks
 * for (snapshot:get), their bytes and the time to make and serialise them on the main thread. Per poll: wall time, longest
 * main-thread stall, peak RSS, pushes to the window and their bytes, tray menu rebuilds, and the
 * state file (size; written or not; atomically, as a reader polling it every 2 ms sees it).
 * Targets (issue 8): stall < 50 ms at 10,000 and < 250 ms at 100,000; RSS < 150 MB at 10,000; at
 * most one push per poll; an unchanged poll pushes < 10 KB, rebuilds no menu and writes no state;
 * the state file < 3 MB at 10,000, written atomically.
 * Run by `npm run bench`, or alone: `node dist/bench/pollPath.js [sizes…]` (exits 1 when a target is missed).
 * BENCH_PROFILE=1 also runs the app with --cpu-prof (test-results/poll-path-<N>.cpuprofile) and
 * prints its top self-time functions.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { PollFigures, WindowOpenFigures } from './pollPathHarness.js';
import { watchStateFile, type StateFileFigures } from './stateFileWatch.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const SIZES = [1_000, 10_000, 100_000];
/** How many accounts change before the second measured poll. */
const CHANGED = 3;
/** A poll is over once this long has passed with no write of the state file. */
const QUIET_MS = 300;
const TARGETS = { stallMs: { 10_000: 50, 100_000: 250 } as Record<number, number>, rssMb: 150, pushes: 1, unchangedBytes: 10 * 1024, stateMb: 3 };
const KB = 1024;
const MB = 2 ** 20;

type PollKind = 'unchanged' | 'changed';

interface PollRow extends PollFigures {
  accounts: number;
  kind: PollKind;
  state: StateFileFigures;
}

interface SizeRun {
  accounts: number;
  firstPollMs: number;
  windowOpen: WindowOpenFigures;
  rows: PollRow[];
  profile: string | null;
}

// ------------------------------------------------------------------ processes

/** Reads a child's stdout as JSON lines; `name` says which process ended, if one does. */
function jsonLines(child: ChildProcess, name: string): () => Promise<Record<string, unknown>> {
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return async () => {
    const next = await lines.next();
    if (next.done) {
      if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
      throw new Error(`${name} ended early (exit code ${child.exitCode}, signal ${child.signalCode})`);
    }
    return JSON.parse(next.value) as Record<string, unknown>;
  };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

async function control(origin: string, method: string, route: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${origin}/__sim${route}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`simulator ${method} ${route}: ${res.status} ${text}`);
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

// ------------------------------------------------------------------ one size

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runSize(accounts: number, profileDir: string | null): Promise<SizeRun> {
  const sim = spawn(process.execPath, [path.join(here, 'simulatorProcess.js'), String(accounts)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const root = mkdtempSync(path.join(tmpdir(), 'lobstr-pollbench-'));
  let app: ChildProcess | null = null;
  try {
    const { baseUrl, origin, token } = (await jsonLines(sim, 'the simulator')()) as Record<string, string>;
    const list = (await control(origin!, 'GET', '/accounts')) as Array<{ id: string }>;
    const toChange = Array.from({ length: CHANGED }, (_, i) => list[Math.floor(((i + 0.5) * list.length) / CHANGED)]!.id);

    const profileName = `poll-path-${accounts}.cpuprofile`;
    const flags = ['--expose-gc', '--max-old-space-size=8192', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${profileName}`] : [])];
    app = spawn(process.execPath, [...flags, path.join(here, 'pollPathApp.js'), baseUrl!, root], {
      env: { ...process.env, BENCH_TOKEN: token! },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const next = jsonLines(app, 'the app');
    const ready = await next();
    const stateFile = ready.stateFile as string;

    const rows: PollRow[] = [];
    for (const kind of ['unchanged', 'changed'] as const) {
      if (kind === 'changed') {
        for (const id of toChange) await control(origin!, 'POST', `/accounts/${id}`, { status: '401', status_code_info: 'cookies_expired' });
      }
      const watch = watchStateFile(stateFile);
      app.stdin!.write('poll\n');
      await next(); // polled
      await delay(QUIET_MS);
      while (watch.quietFor() < QUIET_MS) await delay(20);
      app.stdin!.write('stop\n');
      const figures = (await next()) as unknown as PollFigures;
      rows.push({ ...figures, accounts, kind, state: watch.stop() });
    }
    app.stdin!.end('quit\n');
    await once(app, 'exit');
    return { accounts, firstPollMs: ready.firstPollMs as number, windowOpen: ready.windowOpen as WindowOpenFigures, rows, profile: profileDir ? path.join(profileDir, profileName) : null };
  } finally {
    if (app) await stopProcess(app);
    await stopProcess(sim);
    rmSync(root, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------ printing

const ms = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(0)} ms`);
const bytes = (x: number) => (x >= MB ? `${(x / MB).toFixed(1)} MB` : x >= KB ? `${(x / KB).toFixed(1)} KB` : `${x} B`);
const verdict = (ok: boolean) => (ok ? 'MET' : 'MISSED');
const stallOf = (r: PollFigures) => Math.max(r.stallMs, r.probeStallMs);

/** The functions with the most self time in a .cpuprofile (idle time left out), "name ms". */
function topSelfTime(file: string, count = 8): string[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)!;
    // Bundled chunks are named after one of their modules, so only Node's own files are named.
    const name = `${frame.functionName || '(anonymous)'}${frame.url.startsWith('node:') ? ` (${frame.url})` : ''}`;
    if (name === '(idle)') return;
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, t]) => `${name} ${t.toFixed(0)} ms`);
}

/** One target: the figure against it, and whether it is met. */
type Verdict = [text: string, ok: boolean];

function printRuns(runs: SizeRun[], failures: string[]): boolean {
  const rows = runs.flatMap((r) => r.rows);
  const sizes = runs.map((r) => r.accounts.toLocaleString('en')).join(' / ');
  const firsts = runs.map((r) => ms(r.firstPollMs)).join(' / ');
  console.log(`\nPoll path at ${sizes} accounts: the app on fakes of Electron, window open, simulator apart (first poll ${firsts})`);
  console.log('  accounts  poll          wall      stall  RSS before→peak  pushes    pushed  menu  state file');
  for (const r of rows) {
    const written = r.state.writes ? `written${r.state.newInodes === r.state.writes ? ' by rename' : ' in place'}` : 'not written';
    const state = `${bytes(r.state.sizeBytes)}, ${written}${r.state.incomplete ? `, ${r.state.incomplete}× seen cut off` : ''}`;
    console.log(
      `  ${r.accounts.toLocaleString('en').padStart(8)}  ${r.kind.padEnd(9)}  ${ms(r.wallMs).padStart(8)}  ${ms(stallOf(r)).padStart(9)}  ` +
        `${`${r.rssBeforeMb.toFixed(0)}→${r.peakRssMb.toFixed(0)} MB`.padStart(15)}  ${String(r.pushes).padStart(6)}  ${bytes(r.pushedBytes).padStart(8)}  ` +
        `${`${r.menuBuilds}/${r.menuSets}`.padStart(4)}  ${state}`,
    );
  }
  for (const run of runs) {
    const open = run.windowOpen;
    console.log(
      `  ${run.accounts.toLocaleString('en').padStart(8)}  window opens: snapshot:head answers ${bytes(open.headBytes)} in ${ms(open.headMs)}, ` +
        `then snapshot:get ${bytes(open.answerBytes)} (${(open.answerBytes / run.accounts).toFixed(0)} B an account), made in ${ms(open.answerMs)}, serialised in ${ms(open.serializeMs)}`,
    );
  }
  for (const failure of failures) console.log(`  ${failure}`);
  console.log('  (stall: event-loop delay max or 1 ms timer gap, the larger; pushed: v8.serialize bytes; menu: buildFromTemplate/setContextMenu)');

  const at = (n: number) => rows.filter((r) => r.accounts === n);
  const max = (of: PollRow[], pick: (r: PollRow) => number): number | null => (of.length ? Math.max(...of.map(pick)) : null);
  // A size not run (`node dist/bench/pollPath.js 1000`) has no figure; one that failed is MISSED above.
  const cost: Verdict[] = [];
  for (const [n, target] of Object.entries(TARGETS.stallMs)) {
    const value = max(at(Number(n)), stallOf);
    if (value !== null) cost.push([`stall at ${Number(n).toLocaleString('en')} < ${target} ms: ${ms(value)}`, value < target]);
  }
  const rss10k = max(at(10_000), (r) => r.peakRssMb);
  if (rss10k !== null) cost.push([`RSS at 10,000 < ${TARGETS.rssMb} MB: ${rss10k.toFixed(0)} MB`, rss10k < TARGETS.rssMb]);

  const unchanged = rows.filter((r) => r.kind === 'unchanged');
  const pushes = max(rows, (r) => r.pushes) ?? 0;
  const unchangedBytes = max(unchanged, (r) => r.pushedBytes) ?? 0;
  const rebuilds = max(unchanged, (r) => Math.max(r.menuBuilds, r.menuSets)) ?? 0;
  const writtenUnchanged = unchanged.filter((r) => r.state.writes > 0).length;
  const quiet: Verdict[] = [
    [`pushes per poll <= ${TARGETS.pushes}: ${pushes}`, pushes <= TARGETS.pushes],
    [`an unchanged poll pushes < ${bytes(TARGETS.unchangedBytes)}: ${bytes(unchangedBytes)}`, unchangedBytes < TARGETS.unchangedBytes],
    [`rebuilds the menu 0 times: ${rebuilds}`, rebuilds === 0],
    [`writes the state at no size: ${writtenUnchanged} of ${unchanged.length}`, writtenUnchanged === 0],
  ];

  const state: Verdict[] = [];
  const state10k = max(at(10_000), (r) => r.state.sizeBytes);
  if (state10k !== null) state.push([`state file at 10,000 < ${TARGETS.stateMb} MB: ${bytes(state10k)}`, state10k < TARGETS.stateMb * MB]);
  const writes = rows.reduce((n, r) => n + r.state.writes, 0);
  const renamed = rows.reduce((n, r) => n + r.state.newInodes, 0);
  const cutOff = rows.reduce((n, r) => n + r.state.incomplete, 0);
  state.push([`writes atomic (a new inode, never seen cut off): ${renamed} of ${writes}, ${cutOff} cut off`, writes === renamed && cutOff === 0]);

  for (const line of [cost, quiet, state]) {
    if (line.length) console.log(`  ${line.map(([text, ok]) => `${text} ${verdict(ok)}`).join(' · ')}`);
  }
  for (const run of runs) {
    if (run.profile) console.log(`  CPU profile ${path.relative(repoRoot, run.profile)}, top self time: ${topSelfTime(run.profile).join(' · ')}`);
  }
  return failures.length === 0 && [...cost, ...quiet, ...state].every(([, ok]) => ok);
}

/** Runs the poll-path benchmark at each size and prints its section; true when every target is met. */
async function benchPollPath(sizes: readonly number[] = SIZES): Promise<boolean> {
  const profileDir = process.env.BENCH_PROFILE ? path.join(repoRoot, 'test-results') : null;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const runs: SizeRun[] = [];
  const failures: string[] = [];
  for (const accounts of sizes) {
    try {
      // Profiles only where they help: the sizes with a stall target.
      runs.push(await runSize(accounts, profileDir && accounts >= 10_000 ? profileDir : null));
    } catch (error) {
      failures.push(`${accounts.toLocaleString('en')} accounts: could not measure (${error instanceof Error ? error.message : String(error)}) MISSED`);
    }
  }
  return printRuns(runs, failures);
}

const sizes = process.argv.slice(2).map(Number);
process.exitCode = (await benchPollPath(sizes.length ? sizes : SIZES)) ? 0 : 1;
