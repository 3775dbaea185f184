/**
 * The window benchmark's page script, run before the built renderer: a static `window.lobstr`
 * standing for the preload, and the probes that time the first row, each search keystroke and
 * each push of a poll's changes. Written as text: it runs in the page, not here.
 *
 * The snapshot and the pushes are read from the bench's server with a synchronous request before
 * the page's clock starts (they are tens of megabytes at 100,000 accounts: embedded in this script
 * they would cost a compile the app's small preload does not have); the snapshot is parsed from
 * text when the window first asks, as the app's IPC would deserialise it, and that is counted.
 * So is the first screen's answer (snapshot:head), read beforehand for the rows the window asks at
 * the bench's height (firstScreen.ts) and parsed from text when it asks: counted in the first render.
 * Neither counts an IPC round trip (well under a millisecond when the main process is idle).
 */
import { DEFAULT_SETTINGS } from '../main/core/settings/settings.js';

/** An account row of the list's grid (not its header row), and the list's search box. */
export const SELECTORS = {
  row: '[role="grid"] [role="row"][data-row-index]',
  search: 'input[type="search"]',
};

/** Where the page reads what the bench hands it (served by rendererBench.ts); `held` + an id: account:held's answer. */
export const DATA_PATHS = { snapshot: '/__bench/snapshot.json', head: '/__bench/head.json', pushes: '/__bench/pushes.json', held: '/__bench/held/' };

/** One timed change: a keystroke or a push, from its start to the end of the frame that shows it. */
export interface TimedChange {
  /** Start to the list changed and laid out; null when nothing in the page changed. */
  changedMs: number | null;
  /** Start to the end of the next frame after the last change (pushes only: a keystroke's is Chromium's). */
  frameMs: number | null;
  done: boolean;
}

export interface PageProbe {
  pageStartMs: number;
  firstRowMs: number | null;
  /** The first screen's answer read (parsed) before the first row: ms, and its rows. */
  handOverMs: number | null;
  headRows: number | null;
  /** The end of the frame after the whole snapshot was applied (the list complete, searchable). */
  wholeMs: number | null;
  /** The whole snapshot's parse, ms. */
  wholeParseMs: number | null;
  /** Whole snapshots asked for (snapshot:get): 1 when every push was applied as a delta. */
  wholeReads: number;
  keys: TimedChange[];
  pushes: TimedChange[];
}

export type WithProbe = typeof globalThis & {
  __bench: PageProbe;
  __benchPush(index: number): void;
  /** Resolves once the change `index` of `list` has settled: waited for in the page, with no polling there. */
  __benchSettled(list: 'pushes', index: number): Promise<void>;
};

/** The page script; `headRows`: the rows the window asks for its first screen at the bench's height. */
export function pageScript(headRows: number): string {
  const keyStatus = { set: true, hint: '…a1b2', storage: { kind: 'keychain', label: 'GNOME Keyring (libsecret)', note: null }, notice: null, waiting: false };
  return `(() => {
  const read = (path) => {
    const request = new XMLHttpRequest();
    request.open('GET', path, false);
    request.send();
    return request.responseText;
  };
  let snapshotText = read(${JSON.stringify(DATA_PATHS.snapshot)});
  const headText = read(${JSON.stringify(DATA_PATHS.head)});
  const pushTexts = JSON.parse(read(${JSON.stringify(DATA_PATHS.pushes)}));
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
      bench.wholeParseMs = performance.now() - started;
    }
    return snapshot;
  };
  const withSnapshot = async () => {
    bench.wholeReads += 1;
    const answer = ok({ kind: 'full', revision: 1, snapshot: await loadSnapshot() });
    // The window applies it as this promise settles; the frame after that shows the whole list.
    if (bench.wholeMs === null) setTimeout(() => requestAnimationFrame(() => afterThisFrame((at) => { bench.wholeMs = at; })), 0);
    return answer;
  };
  const withHead = async (rows) => {
    if (rows !== ${headRows}) throw new Error('the window asked for ' + rows + " rows of its first screen; the bench read ${headRows}");
    const started = performance.now();
    const answer = JSON.parse(headText);
    bench.handOverMs = performance.now() - started;
    bench.headRows = rows;
    return answer;
  };
  const done = async () => ok(null);
  const nothing = () => () => {};
  const snapshotListeners = new Set();
  Object.defineProperty(window, 'lobstr', { value: Object.freeze({
    version: '0.0.0-bench', platform: 'linux',
    getSnapshot: withSnapshot,
    getSnapshotHead: withHead,
    onSnapshot: (listener) => { snapshotListeners.add(listener); return () => snapshotListeners.delete(listener); },
    refresh: done,
    getAccount: async (id) => {
      const held = await (await fetch(${JSON.stringify(DATA_PATHS.held)} + encodeURIComponent(id))).json();
      return held.ok ? ok({ account: held.value.account, icon: held.value.icon, fetchedAt: new Date().toISOString() }) : held;
    },
    // As the app answers them: the account in full from the bench's server (the snapshot holds rows only).
    getHeldAccount: async (id) => (await fetch(${JSON.stringify(DATA_PATHS.held)} + encodeURIComponent(id))).json(),
    getSettings: async () => ok(settings), updateSettings: async () => ok(settings),
    getKeyStatus: async () => ok(keyStatus), setKey: async () => ok(keyStatus), clearKey: async () => ok(keyStatus),
    startDemo: done, stopDemo: done,
    openPlatform: async () => ok({ url: '' }), hideWindow: async () => ok(null), onNavigate: nothing,
    startResync: done, checkPastedCookies: done, cancelResync: done, getResync: async () => ok(null), onResync: nothing,
  }) });

  // A task posted during requestAnimationFrame runs once that frame is painted.
  // One channel for every probe: a new one in each frame's callback was work of the probe's own,
  // in the very frames it times.
  const frameEnds = [];
  const frameChannel = new MessageChannel();
  frameChannel.port1.onmessage = () => {
    const at = performance.now();
    for (const done of frameEnds.splice(0)) done(at);
  };
  const afterThisFrame = (done) => {
    frameEnds.push(done);
    if (frameEnds.length === 1) frameChannel.port2.postMessage(null);
  };

  const bench = { pageStartMs: null, firstRowMs: null, handOverMs: null, headRows: null, wholeMs: null, wholeParseMs: null, wholeReads: 0, keys: [], pushes: [] };
  Object.defineProperty(window, '__bench', { value: bench });
  let open = null; // the change being timed

  new MutationObserver(() => {
    if (bench.firstRowMs === null && !bench.firstRowSeen && document.querySelector(selectors.row)) {
      bench.firstRowSeen = true;
      requestAnimationFrame(() => afterThisFrame((at) => { bench.firstRowMs = at; }));
    }
    if (open && !open.done) {
      // The change's own work, to the end of its task's microtasks (the window lays its rows out in
      // one). Not forced here: a probe that forced the layout did for the window what its frame
      // would have done otherwise, and the figures were not what the app does.
      const change = open;
      queueMicrotask(() => { change.changedMs = performance.now() - change.startedAt; });
      open.changesSinceFrame = true;
    }
  }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });

  /** Times a change started at startedAt until the frame showing its last effect is painted. */
  const timeChange = (list, startedAt) => {
    const change = { startedAt, changedMs: null, changesSinceFrame: false, frameMs: null, done: false, frames: 0, waiting: [] };
    open = change;
    list.push(change);
    const watch = () => requestAnimationFrame(() => {
      change.frames += 1;
      // Settled: the page changed and a frame passed without a further change, or nothing changed for half a second.
      if ((change.changedMs !== null && !change.changesSinceFrame) || (change.changedMs === null && change.frames > 30)) {
        change.done = true;
        for (const resolve of change.waiting.splice(0)) resolve();
        return;
      }
      // This frame shows the latest change (or, while nothing changed, the first frame after the start):
      // the change is on screen once it is painted.
      if (change.changesSinceFrame || change.frames === 1) afterThisFrame((at) => { change.frameMs = at - change.startedAt; });
      change.changesSinceFrame = false;
      watch();
    });
    watch();
  };

  // The bench waits for each change through this promise: a wait that polled the page (Playwright's
  // waitForFunction) would run its checks on the very thread whose frames are timed.
  Object.defineProperty(window, '__benchSettled', { value: (list, index) => new Promise((resolve) => {
    const check = () => {
      const change = bench[list][index];
      if (change === undefined) { setTimeout(check, 50); return; } // its event has not come yet
      if (change.done) resolve();
      else change.waiting.push(resolve);
    };
    check();
  }) });

  // A keystroke's latency is Chromium's own (eventLatency.ts); here only its list work is timed, and
  // with no frame loop of the probe's: a requestAnimationFrame in each of its frames was about
  // 0.5 ms of the very frames that show the keystrokes.
  document.addEventListener('input', (event) => {
    if (!(event.target instanceof Element && event.target.matches(selectors.search))) return;
    open = { startedAt: event.timeStamp, changedMs: null, changesSinceFrame: false, frameMs: null, done: false };
    bench.keys.push(open);
  }, true);

  // A poll's push arrives as IPC delivers it: deserialised (counted), then handed to the listeners.
  Object.defineProperty(window, '__benchPush', { value: (index) => {
    const startedAt = performance.now();
    const push = JSON.parse(pushTexts[index]);
    timeChange(bench.pushes, startedAt);
    for (const listener of snapshotListeners) listener(push);
  } });

  // The page's own loading goes on from here.
  bench.pageStartMs = performance.now();
})();`;
}
