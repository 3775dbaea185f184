/**
 * The window at 10,000 accounts, measured in Chromium (run by `npm run bench` after listAccounts,
 * or alone: `node dist/bench/rendererBench.js`). The built renderer (dist/renderer, rebuilt first
 * when missing or older than its sources) is served from 127.0.0.1 and given a `window.lobstr`
 * that answers a snapshot made by the core itself (generated accounts, parsed, turned into the
 * SnapshotView the app sends). Figures:
 *   first render   the page's start (its bridge ready, as after the preload) to the first list row
 *                  painted, median of 5 page loads; the snapshot's hand-over (parsed from text, as
 *                  IPC would deserialise it) is counted in, and shown apart
 *   keystroke      a search keystroke's input event to the end of the next frame after the list
 *                  changed (or after the input, when nothing changed), median and p95 over 20
 *                  keystrokes (10 typed, 10 erased)
 *   JavaScript     dist/renderer/**\/*.js, each file gzipped, summed
 * Targets: first render < 200 ms, keystroke < 16 ms (median), JavaScript < 150 kB gzipped.
 * Exits 1 when a target is missed (or nothing could be measured).
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { DEFAULT_HEALTH_RULES } from '../main/core/health/accountHealth.js';
import { platformLabel } from '../main/core/health/platforms.js';
import type { Account } from '../main/core/lobstr/account.js';
import { parseAccount } from '../main/core/lobstr/accountSchema.js';
import { snapshotView } from '../main/core/views/rendererViews.js';
import { assessAll } from '../main/core/monitor/assessedSnapshot.js';
import { DEFAULT_SETTINGS } from '../main/core/settings/settings.js';
import type { SnapshotView } from '../main/shared/ipcContract.js';
import { generateAccounts } from '../main/simulator/accountFactory.js';
import { findChromium, INSTALL_HINT, SYSTEM_CHROMIUM_ARGS } from '../scripts/chromium-location.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const rendererDist = path.join(repoRoot, 'dist', 'renderer');

const ACCOUNTS = 10_000;
const SEED = 7;
const PAGE_LOADS = 5;
const WINDOW = { width: 1100, height: 720 };
const TARGETS = { firstRenderMs: 200, keystrokeMs: 16, jsKb: 150 };

/** An account row of the list's grid (not its header row), and the list's search box. */
const SELECTORS = {
  row: '[role="grid"] [role="row"][data-row-index]',
  search: 'input[type="search"]',
};

// ------------------------------------------------------------------ the built renderer

/** The newest modification time under `dir` (recursively), 0 for nothing. */
function newestMtime(target: string): number {
  let stat;
  try {
    stat = statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/** Builds the renderer (`npm run build:renderer`) when dist/renderer is missing or older than what it is built from. */
function ensureRendererBuilt(): void {
  const builtAt = newestMtime(path.join(rendererDist, 'index.html'));
  const sources = ['renderer', 'main/shared', 'main/core', 'preload/lobstrBridge.ts', 'vite.renderer.config.ts', 'svelte.config.js'];
  const changedAt = Math.max(...sources.map((source) => newestMtime(path.join(repoRoot, source))));
  if (builtAt > changedAt) return;
  console.log(builtAt === 0 ? '  building the renderer (dist/renderer is missing)…' : '  rebuilding the renderer (its sources changed)…');
  const require = createRequire(import.meta.url);
  const viteBin = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  const build = spawnSync(process.execPath, [viteBin, 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('the renderer build failed');
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** dist/renderer over http on 127.0.0.1 (module scripts do not load over file:// in a plain browser). */
async function serveRenderer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const file = path.join(rendererDist, pathname === '/' ? 'index.html' : pathname);
    if (!file.startsWith(rendererDist + path.sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Every .js file of the built renderer, gzipped one by one (as a server would send them). */
function javascriptSize(): { files: number; rawBytes: number; gzipBytes: number } {
  const files = (readdirSync(rendererDist, { recursive: true }) as string[]).filter((f) => f.endsWith('.js'));
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = readFileSync(path.join(rendererDist, file));
    rawBytes += content.length;
    gzipBytes += gzipSync(content).length;
  }
  return { files: files.length, rawBytes, gzipBytes };
}

// ------------------------------------------------------------------ the page's bridge and probes

/** What the app would send the window for 10,000 accounts, made by the core's own functions. */
function benchSnapshot(nowMs: number): SnapshotView {
  const accounts = generateAccounts(ACCOUNTS, SEED, nowMs)
    .map((raw) => parseAccount(raw))
    .filter((parsed): parsed is Account => !('error' in parsed));
  const checkedAt = new Date(nowMs).toISOString();
  return snapshotView(
    {
      configured: true,
      snapshot: assessAll({ checkedAt, accounts, warnings: [] }, nowMs, DEFAULT_HEALTH_RULES),
      problem: null,
      lastPollAt: checkedAt,
      nextPollAt: new Date(nowMs + 5 * 60_000).toISOString(),
      polling: false,
    },
    { nowMs, demo: false, rules: DEFAULT_HEALTH_RULES },
  );
}

/**
 * The page's init script: a static `window.lobstr` answering `snapshot` (parsed from text when the
 * window first asks, as the app's IPC would deserialise it), and the probes that time the first
 * row and each search keystroke. Written as text: it runs in the page, not here.
 */
function pageScript(snapshot: SnapshotView): string {
  const keyStatus = { set: true, hint: '…a1b2', storage: { kind: 'keychain', label: 'GNOME Keyring (libsecret)', note: null }, notice: null };
  return `(() => {
  let snapshotText = ${JSON.stringify(JSON.stringify(snapshot))};
  const settings = ${JSON.stringify({ settings: DEFAULT_SETTINGS, notice: null })};
  const keyStatus = ${JSON.stringify(keyStatus)};
  const selectors = ${JSON.stringify(SELECTORS)};
  const ok = (value) => ({ ok: true, value });
  let snapshot = null;
  const loadSnapshot = async () => {
    if (snapshot === null) {
      const started = performance.now();
      snapshot = JSON.parse(snapshotText);
      snapshotText = null;
      bench.handOverMs = performance.now() - started;
    }
    return snapshot;
  };
  const withSnapshot = async () => ok({ kind: 'full', revision: 1, snapshot: await loadSnapshot() });
  const done = async () => ok(null);
  const nothing = () => () => {};
  Object.defineProperty(window, 'lobstr', { value: Object.freeze({
    version: '0.0.0-bench', platform: 'linux',
    getSnapshot: withSnapshot, onSnapshot: nothing, refresh: done,
    getAccount: async (id) => {
      const current = await loadSnapshot();
      const account = current.accounts.find((a) => a.id === id);
      return account ? ok({ account, icon: current.icons[account.type] || '', fetchedAt: new Date().toISOString() })
        : { ok: false, error: { kind: 'not_found', message: 'No such account' } };
    },
    getSettings: async () => ok(settings), updateSettings: async () => ok(settings),
    getKeyStatus: async () => ok(keyStatus), setKey: async () => ok(keyStatus), clearKey: async () => ok(keyStatus),
    startDemo: done, stopDemo: done,
    openPlatform: async () => ok({ url: '' }), hideWindow: async () => ok(null), onNavigate: nothing,
  }) });

  // A task posted during requestAnimationFrame runs once that frame is painted.
  const afterThisFrame = (done) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => done(performance.now());
    channel.port2.postMessage(null);
  };

  const bench = { pageStartMs: null, firstRowMs: null, handOverMs: null, keys: [] };
  Object.defineProperty(window, '__bench', { value: bench });
  let open = null; // the keystroke being timed

  new MutationObserver(() => {
    if (bench.firstRowMs === null && !bench.firstRowSeen && document.querySelector(selectors.row)) {
      bench.firstRowSeen = true;
      requestAnimationFrame(() => afterThisFrame((at) => { bench.firstRowMs = at; }));
    }
    if (open && !open.done) {
      void document.body.offsetHeight; // style and layout now: part of what the keystroke costs
      open.changedMs = performance.now() - open.startedAt;
      open.changesSinceFrame = true;
    }
  }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });

  document.addEventListener('input', (event) => {
    if (!(event.target instanceof Element) || !event.target.matches(selectors.search)) return;
    const key = { startedAt: event.timeStamp, changedMs: null, changesSinceFrame: false, frameMs: null, done: false, frames: 0 };
    open = key;
    bench.keys.push(key);
    const watch = () => requestAnimationFrame(() => {
      key.frames += 1;
      // Settled: the list changed and a frame passed without a further change, or nothing changed for half a second.
      if ((key.changedMs !== null && !key.changesSinceFrame) || (key.changedMs === null && key.frames > 30)) {
        key.done = true;
        return;
      }
      // This frame shows the latest change (or, while nothing changed, the keystroke's first frame):
      // the keystroke is on screen once it is painted.
      if (key.changesSinceFrame || key.frames === 1) afterThisFrame((at) => { key.frameMs = at - key.startedAt; });
      key.changesSinceFrame = false;
      watch();
    });
    watch();
  }, true);

  // The page's own loading goes on from here. Before this: compiling this script and its 8 MB of
  // snapshot text, a cost of the bench's stand-in for IPC that the app's small preload does not have.
  bench.pageStartMs = performance.now();
})();`;
}

// ------------------------------------------------------------------ measurements

interface PageProbe {
  pageStartMs: number;
  firstRowMs: number | null;
  handOverMs: number | null;
  keys: Array<{ changedMs: number | null; frameMs: number | null; done: boolean }>;
}
type WithProbe = typeof globalThis & { __bench: PageProbe };

async function openPage(browser: Browser, url: string, script: string): Promise<Page> {
  const page = await browser.newPage({ viewport: WINDOW, colorScheme: 'light' });
  page.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
  await page.addInitScript({ content: script });
  await page.goto(url);
  await page.waitForFunction(() => (globalThis as WithProbe).__bench.firstRowMs !== null, undefined, { timeout: 30_000 });
  return page;
}

interface FirstRender {
  /** The page's start (bridge ready, as after the preload) to the first row painted. */
  ms: number;
  /** Of which the snapshot handed over (parsed, as IPC would deserialise it). */
  handOverMs: number;
}

async function firstRender(browser: Browser, url: string, script: string): Promise<FirstRender[]> {
  const loads: FirstRender[] = [];
  for (let i = 0; i < PAGE_LOADS; i++) {
    const page = await openPage(browser, url, script);
    loads.push(
      await page.evaluate(() => {
        const probe = (globalThis as WithProbe).__bench;
        return { ms: probe.firstRowMs! - probe.pageStartMs, handOverMs: probe.handOverMs ?? 0 };
      }),
    );
    await page.close();
  }
  return loads;
}

/** With BENCH_PROFILE set: a CPU profile of one more first render, for Chromium's DevTools. */
async function profileFirstRender(browser: Browser, url: string, script: string): Promise<string> {
  const page = await browser.newPage({ viewport: WINDOW, colorScheme: 'light' });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await page.addInitScript({ content: script });
  await cdp.send('Profiler.start');
  await page.goto(url);
  await page.waitForFunction(() => (globalThis as WithProbe).__bench.firstRowMs !== null);
  const { profile } = await cdp.send('Profiler.stop');
  await page.close();
  const file = path.join(repoRoot, 'test-results', 'renderer-first-render.cpuprofile');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(profile));
  return file;
}

/** What the list's search looks in, lowercased: username, type, platform name and id. */
function searchKeys(snapshot: SnapshotView): string[] {
  return snapshot.accounts.map((a) => [a.username, a.type, platformLabel(a.type), a.id].join('\u0000').toLowerCase());
}

/**
 * Ten characters to type (then erase) where nearly every keystroke changes what the list shows:
 * the start of the username, among a sample, whose prefixes narrow the matches most often.
 */
function searchText(snapshot: SnapshotView): string {
  const keys = searchKeys(snapshot);
  const count = (query: string) => keys.reduce((n, key) => (key.includes(query) ? n + 1 : n), 0);
  let best = { text: '', changes: -1 };
  const step = Math.max(1, Math.floor(snapshot.accounts.length / 60));
  for (let i = 0; i < snapshot.accounts.length; i += step) {
    const text = snapshot.accounts[i]!.username.toLowerCase().slice(0, 10);
    if (text.length < 10 || /\s/.test(text)) continue;
    let changes = 0;
    let previous = keys.length;
    for (let length = 1; length <= text.length; length++) {
      const matches = count(text.slice(0, length));
      if (matches !== previous) changes += 1;
      previous = matches;
    }
    if (changes > best.changes) best = { text, changes };
  }
  return best.text;
}

async function keystrokes(browser: Browser, url: string, script: string, text: string) {
  const page = await openPage(browser, url, script);
  await page.locator(SELECTORS.search).first().focus();
  const keys = [...text.split(''), ...text.split('').map(() => 'Backspace')];
  for (const [index, key] of keys.entries()) {
    await page.keyboard.press(key);
    await page.waitForFunction((i) => (globalThis as WithProbe).__bench.keys[i]?.done === true, index, {
      polling: 10,
      timeout: 10_000,
    });
  }
  const measured = await page.evaluate(() => (globalThis as WithProbe).__bench.keys);
  await page.close();
  return measured;
}

// ------------------------------------------------------------------ report

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const percentile = (xs: number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? NaN;
const verdict = (met: boolean): string => (met ? 'MET' : 'MISSED');

async function main(): Promise<boolean> {
  console.log(`\nRenderer: ${ACCOUNTS.toLocaleString('en')} accounts in Chromium, window ${WINDOW.width}×${WINDOW.height}`);
  ensureRendererBuilt();
  const js = javascriptSize();
  const jsOk = js.gzipBytes / 1000 < TARGETS.jsKb;
  const jsLine = () =>
    console.log(
      `  JavaScript: ${(js.gzipBytes / 1000).toFixed(1)} kB gzipped (${js.files} files, ${(js.rawBytes / 1000).toFixed(1)} kB raw)` +
        ` (target < ${TARGETS.jsKb} kB) ${verdict(jsOk)}`,
    );

  const found = findChromium();
  if (!found) {
    console.log(`  ${INSTALL_HINT}`);
    jsLine();
    return false;
  }

  const snapshot = benchSnapshot(Date.now());
  const script = pageScript(snapshot);
  const server = await serveRenderer();
  const browser = await chromium.launch({
    executablePath: found.executablePath,
    ...(found.source === 'system' ? { args: [...SYSTEM_CHROMIUM_ARGS] } : {}),
  });
  try {
    const renders = await firstRender(browser, server.url, script);
    const renderMs = median(renders.map((r) => r.ms));
    const renderOk = renderMs < TARGETS.firstRenderMs;
    const spread = renders.map((r) => r.ms);
    console.log(
      `  first render: ${renderMs.toFixed(0)} ms median of ${PAGE_LOADS} page loads (${Math.min(...spread).toFixed(0)}–${Math.max(...spread).toFixed(0)} ms),` +
        ` page start (bridge ready) to the first row painted (target < ${TARGETS.firstRenderMs} ms) ${verdict(renderOk)}`,
    );
    console.log(`    of which the snapshot handed over (parsed, standing for IPC): ${median(renders.map((r) => r.handOverMs)).toFixed(0)} ms median`);
    if (process.env.BENCH_PROFILE) console.log(`    CPU profile: ${await profileFirstRender(browser, server.url, script)}`);

    const text = searchText(snapshot);
    const keys = await keystrokes(browser, server.url, script, text);
    const frames = keys.map((k) => k.frameMs).filter((ms): ms is number => ms !== null);
    const updates = keys.map((k) => k.changedMs).filter((ms): ms is number => ms !== null);
    const keyMs = median(frames);
    const keyOk = frames.length === keys.length && keyMs < TARGETS.keystrokeMs;
    console.log(
      `  search keystroke: ${keyMs.toFixed(1)} ms median, ${percentile(frames, 95).toFixed(1)} ms p95 over ${frames.length} keystrokes` +
        ` ("${text}" typed then erased), input to the next frame painted (target < ${TARGETS.keystrokeMs} ms) ${verdict(keyOk)}`,
    );
    console.log(
      `    of which the list updated and laid out: ${median(updates).toFixed(1)} ms median, ${percentile(updates, 95).toFixed(1)} ms p95` +
        ` (${updates.length} of ${keys.length} keystrokes changed what the list shows)`,
    );
    jsLine();
    return renderOk && keyOk && jsOk;
  } catch (error) {
    console.log(`  could not measure the window: ${error instanceof Error ? error.message : String(error)}`);
    jsLine();
    return false;
  } finally {
    await browser.close();
    await server.close();
  }
}

main().then(
  (ok) => {
    process.exitCode = ok ? 0 : 1;
  },
  (error: unknown) => {
    console.error(`  renderer benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
