/**
 * The app's real preload (the built dist/preload/index.cjs) run inside a Chromium page, with a
 * small `electron` of our own under it: contextBridge puts `lobstr` on the window, ipcRenderer's
 * requests go out through a Playwright binding to the real IPC handlers in the test process, and
 * what main pushes comes back in through `__lobstrPush`. So the page gets exactly the API the app
 * gives its window, built by the app's own code.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The page-side name of the binding that carries ipcRenderer.invoke to the test process. */
export const INVOKE_BINDING = '__lobstrInvoke';
/** The page-side function the test process calls to deliver a push (webContents.send). */
export const PUSH_FUNCTION = '__lobstrPush';

/**
 * The init script: the preload's CommonJS text inside a function that provides `require`,
 * `module`, `exports` and `process` as a sandboxed Electron preload would have them.
 */
export function preloadInitScript(distDir: string, platform = 'linux'): string {
  const preloadFile = path.join(distDir, 'preload', 'index.cjs');
  let source: string;
  try {
    source = readFileSync(preloadFile, 'utf8');
  } catch {
    throw new Error(`No built preload at ${preloadFile}: run \`npm run build\` before the browser tests.`);
  }
  return `(() => {
  const listeners = new Map();
  const ipcRenderer = {
    invoke: (channel, ...args) => window[${JSON.stringify(INVOKE_BINDING)}](channel, ...args),
    on(channel, listener) {
      listeners.set(channel, [...(listeners.get(channel) || []), listener]);
      return ipcRenderer;
    },
    removeListener(channel, listener) {
      listeners.set(channel, (listeners.get(channel) || []).filter((l) => l !== listener));
      return ipcRenderer;
    },
  };
  ipcRenderer.off = ipcRenderer.removeListener;
  // Electron hands listeners an IpcRendererEvent first; the preload drops it.
  Object.defineProperty(window, ${JSON.stringify(PUSH_FUNCTION)}, {
    value: (channel, payload) => {
      for (const listener of listeners.get(channel) || []) listener({ sender: ipcRenderer }, payload);
    },
  });
  const electron = {
    contextBridge: {
      exposeInMainWorld(key, api) {
        Object.defineProperty(window, key, { value: api, enumerable: true });
      },
    },
    ipcRenderer,
  };
  const require = (name) => {
    if (name === 'electron') return electron;
    throw new Error('A sandboxed preload can only require electron, not ' + name);
  };
  const module = { exports: {} };
  const process = Object.freeze({ platform: ${JSON.stringify(platform)} });
  (function (require, module, exports, process) {
${source}
  })(require, module, module.exports, process);
})();`;
}
