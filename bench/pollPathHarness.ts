/**
 * The tray app as the integration tests assemble it (startTrayApp on the fakes of
 * tests/helpers/fakeElectron.ts), connected to a simulator the way a user connects it (base URL and
 * key through the window's IPC), with its window open, and one poll measured from outside the app:
 * the longest main-thread stall, the process's peak RSS, what was pushed to the window and how often
 * the tray menu was rebuilt. Nothing of the app is copied here; only what a user or the OS sees is
 * counted. Used by bench/pollPathApp.ts (a process of its own) and by its test.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { firstScreenRows } from '../main/core/views/firstScreen.js';
import { nodeHttpFetch } from '../main/cli/nodeHttpFetch.js';
import { startTrayApp, type TrayAppHandle } from '../main/electron/trayApp.js';
import type { TrayMenuTemplateItem } from '../main/electron/tray.js';
import { createFakeElectron, FakeBrowserWindow, FakeWebContents, type FakeElectron } from '../tests/helpers/fakeElectron.js';

/** What one poll cost, as seen from outside the app. */
export interface PollFigures {
  /** refreshNow() called to resolved. */
  wallMs: number;
  /** Longest event-loop delay seen by perf_hooks' histogram (1 ms resolution) over the poll and its settling. */
  stallMs: number;
  /** Longest gap between two runs of a 1 ms timer over the same time: the same thing, measured another way. */
  probeStallMs: number;
  /** The process's RSS just before the poll, and its peak during it (the kernel's high-water mark where it can be reset, else sampled). */
  rssBeforeMb: number;
  peakRssMb: number;
  /** webContents.send calls, and the bytes of their payloads as the structured clone algorithm writes them (v8.serialize). */
  pushes: number;
  pushedBytes: number;
  /** Menu.buildFromTemplate calls and Tray.setContextMenu calls (setting a menu closes one the user has open). */
  menuBuilds: number;
  menuSets: number;
}

/**
 * A webContents that keeps, per push, only its channel and size: a run of many polls with a list of
 * 100,000 accounts must not keep every payload alive (the test fake records them all). Electron
 * serialises send()'s arguments with the structured clone algorithm ("just like postMessage",
 * webContents.send in electron.d.ts) before send returns; v8.serialize does that work here, so it is
 * counted in the stall as it would be in Electron.
 */
class CountingWebContents extends FakeWebContents {
  pushes = 0;
  pushedBytes = 0;
  override send(_channel: string, payload: unknown): void {
    this.pushes++;
    this.pushedBytes += v8.serialize(payload).length;
  }
}

class CountingWindow extends FakeBrowserWindow {
  override readonly webContents = new CountingWebContents();
}

/** The window opening: its page asks for the whole snapshot (snapshot:get), as it does when it loads. */
export interface WindowOpenFigures {
  /** The first screen's answer (snapshot:head, as many rows as a 640 px window asks): bytes, and making plus serialising it. */
  headBytes: number;
  headMs: number;
  /** The answer's bytes as the structured clone algorithm writes them (Electron clones an invoke's reply). */
  answerBytes: number;
  /** Making the answer (the handler, in slices) and serialising it (v8.serialize: the clone's work on the main thread). */
  answerMs: number;
  serializeMs: number;
}

export interface BenchAppOptions {
  /** The simulator's /v1 base URL and the key it accepts. */
  baseUrl: string;
  apiKey: string;
  /** A fresh folder: userData, logs and login items go under it. */
  root: string;
  /** The repository (dist/ and resources/ are found there). */
  repo: string;
}

export interface BenchApp {
  readonly app: TrayAppHandle<CountingWindow>;
  readonly electron: FakeElectron;
  /** userData/monitor-state.json, where the app keeps the monitor's state. */
  readonly stateFile: string;
  /** Wall time of the first poll (the one connect() waits for). */
  readonly firstPollMs: number;
  /** What opening the window cost the main process, after the first poll. */
  readonly windowOpen: WindowOpenFigures;
  /**
   * Measures one poll: refreshNow(), then `settle`, then until no push or menu change came for 300 ms
   * (what the app does after refreshNow resolves still counts), then the figures.
   */
  measurePoll(settle: (polledMs: number) => Promise<void>): Promise<PollFigures>;
  shutdown(): Promise<void>;
}

const MB = 2 ** 20;
/** After `settle`, a poll is over once neither a push nor a tray menu change came for this long. */
const QUIET_MS = 300;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resets the kernel's peak-RSS mark of this process (Linux: clear_refs "5"); false where it cannot. */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** The kernel's peak-RSS mark of this process in bytes (VmHWM), null where there is none. */
function peakRssMark(): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Starts the app on the fakes, connects it to the simulator, waits for its first poll and opens its window. */
export async function launchBenchApp(options: BenchAppOptions): Promise<BenchApp> {
  const distDir = path.join(options.repo, 'dist');
  const appPage = pathToFileURL(path.join(distDir, 'renderer', 'index.html')).href;
  const electron = createFakeElectron(
    { userData: path.join(options.root, 'userData'), logs: path.join(options.root, 'logs') },
    () => appPage,
    { platform: 'linux' },
    // Electron's net.fetch hands the request to Chromium's network service, which runs in a utility
    // process of its own by default ("The out-of-process configuration is preferred ... and is the
    // default on most platforms": services/network/README.md in Chromium): the main process receives
    // the body, it never parses HTTP. Node's fetch would add undici and its WebAssembly HTTP parser
    // (about 10 MB of this process's RSS) that Electron's main process does not have; node:http's
    // parser is part of Node's binary, and the bodies are still read here, as in Electron.
    { netTransport: nodeHttpFetch as typeof fetch },
  );
  electron.app.platform = 'linux';
  let menuBuilds = 0;
  const { buildFromTemplate } = electron.objects.Menu;
  electron.objects.Menu.buildFromTemplate = (template: TrayMenuTemplateItem[]) => {
    menuBuilds++;
    return buildFromTemplate(template);
  };
  electron.objects.BrowserWindow = CountingWindow;

  const app = startTrayApp(electron.objects, {
    distDir,
    resourcesDir: path.join(options.repo, 'resources'),
    argv: [],
    platform: 'linux',
    env: { XDG_CONFIG_HOME: path.join(options.root, 'config') },
  }) as TrayAppHandle<CountingWindow>;
  await app.ready;

  // As a user connects: the base URL, then the key (checked against Lobstr, then stored), then a check.
  const started = performance.now();
  const settings = await electron.ipcMain.invoke('settings:update', { apiBaseUrl: options.baseUrl });
  if (!settings.ok) throw new Error(`the base URL was refused: ${JSON.stringify(settings)}`);
  const key = await electron.ipcMain.invoke('key:set', options.apiKey);
  if (!key.ok) throw new Error(`the key was refused: ${JSON.stringify(key)}`);
  await app.refreshNow();
  const firstPollMs = performance.now() - started;

  // Where the bench watches for writes: a state file moved elsewhere must fail here, not read as "not written".
  const stateFile = path.join(options.root, 'userData', 'monitor-state.json');
  for (let waited = 0; !existsSync(stateFile); waited += 50) {
    if (waited > 10_000) throw new Error(`the app wrote no state file at ${stateFile} after its first poll`);
    await delay(50);
  }

  const window = app.lifecycle.showWindow();
  if (!window) throw new Error('the app opened no window');
  // As the page does when it loads (renderer/src/lib/appState.svelte.ts): it asks for its first
  // screen's rows, then for the whole snapshot once; from then on the main process pushes it what changed.
  const headAsked = performance.now();
  const head = await electron.ipcMain.invoke('snapshot:head', firstScreenRows(640));
  if (!head.ok) throw new Error(`the window could not read its first screen: ${JSON.stringify(head)}`);
  const headBytes = v8.serialize(head).length;
  const headMs = performance.now() - headAsked;
  const asked = performance.now();
  const whole = await electron.ipcMain.invoke('snapshot:get');
  const answered = performance.now();
  if (!whole.ok) throw new Error(`the window could not read the snapshot: ${JSON.stringify(whole)}`);
  const answerBytes = v8.serialize(whole).length;
  const windowOpen: WindowOpenFigures = { headBytes, headMs, answerBytes, answerMs: answered - asked, serializeMs: performance.now() - answered };

  const menuSets = (): number => electron.trays.reduce((n, tray) => n + tray.calls.filter((c) => c === 'setContextMenu').length, 0);

  return {
    app,
    electron,
    stateFile,
    firstPollMs,
    windowOpen,
    async measurePoll(settle) {
      const contents = () => app.lifecycle.currentWindow()?.webContents;
      (globalThis as { gc?: () => void }).gc?.();
      const before = { pushes: contents()?.pushes ?? 0, bytes: contents()?.pushedBytes ?? 0, builds: menuBuilds, sets: menuSets() };
      const rssBefore = process.memoryUsage.rss();
      const markReset = resetPeakRss();
      let sampledPeak = rssBefore;
      // Sampled only where the kernel keeps no resettable mark: the sampling is work on the very
      // thread whose stalls are measured.
      const sampler = markReset ? undefined : setInterval(() => (sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss())), 5);

      let probeMax = 0;
      let last = performance.now();
      let probe: NodeJS.Timeout;
      const tick = (): void => {
        const now = performance.now();
        probeMax = Math.max(probeMax, now - last);
        last = now;
        probe = setTimeout(tick, 1);
      };
      probe = setTimeout(tick, 1);
      const loopDelay = monitorEventLoopDelay({ resolution: 1 });
      loopDelay.enable();
      loopDelay.reset();

      const t0 = performance.now();
      await app.refreshNow();
      const wallMs = performance.now() - t0;
      await settle(wallMs);
      const activity = () => `${contents()?.pushes ?? 0}/${menuBuilds}/${menuSets()}`;
      let seen = activity();
      let quietSince = performance.now();
      while (performance.now() - quietSince < QUIET_MS) {
        await delay(20);
        if (activity() === seen) continue;
        seen = activity();
        quietSince = performance.now();
      }

      loopDelay.disable();
      clearTimeout(probe!);
      clearInterval(sampler);
      const mark = markReset ? peakRssMark() : null;
      const after = contents();
      return {
        wallMs,
        stallMs: loopDelay.max / 1e6,
        probeStallMs: probeMax,
        rssBeforeMb: rssBefore / MB,
        peakRssMb: Math.max(sampledPeak, mark ?? 0, process.memoryUsage.rss()) / MB,
        pushes: (after?.pushes ?? 0) - before.pushes,
        pushedBytes: (after?.pushedBytes ?? 0) - before.bytes,
        menuBuilds: menuBuilds - before.builds,
        menuSets: menuSets() - before.sets,
      };
    },
    shutdown: () => app.shutdown(),
  };
}
