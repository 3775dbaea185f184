// Runs before the page, sandboxed: it may import only 'electron' (and is bundled to CommonJS, the
// IPC contract's channel names included). The page gets purpose-named functions, never ipcRenderer.
import { contextBridge, ipcRenderer } from 'electron';
import {
  INVOKE,
  PUSH,
  type InvokeArgs,
  type InvokeChannel,
  type InvokeResponse,
  type PushChannel,
  type PushPayload,
  type Unsubscribe,
} from '../main/shared/ipcContract.js';
import type { LobstrBridge } from './lobstrBridge.js';

/** A request on one of the contract's channels, typed by it. */
function invoke<C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>): Promise<InvokeResponse<C>> {
  return ipcRenderer.invoke(channel, ...args) as Promise<InvokeResponse<C>>;
}

/**
 * Hands what main pushes on `channel` to `callback`, payload only: the IPC event (which carries
 * ipcRenderer itself as its sender) never reaches the page. Returns the way to stop.
 */
function subscribe<C extends PushChannel>(channel: C, callback: (payload: PushPayload<C>) => void): Unsubscribe {
  if (typeof callback !== 'function') throw new TypeError(`A subscription to ${channel} needs a callback function.`);
  const listener = (_event: unknown, payload: PushPayload<C>): void => callback(payload);
  ipcRenderer.on(channel, listener);
  let subscribed = true;
  return () => {
    if (!subscribed) return;
    subscribed = false;
    ipcRenderer.removeListener(channel, listener);
  };
}

const bridge: LobstrBridge = Object.freeze({
  version: __LOBSTR_TRAY_VERSION__,
  platform: process.platform,

  getSnapshot: () => invoke(INVOKE.getSnapshot),
  getSnapshotHead: (rows) => invoke(INVOKE.getSnapshotHead, rows),
  onSnapshot: (callback) => subscribe(PUSH.snapshotChanged, callback),
  refresh: () => invoke(INVOKE.refresh),
  getAccount: (hash) => invoke(INVOKE.getAccount, hash),
  getHeldAccount: (hash) => invoke(INVOKE.getHeldAccount, hash),

  getSettings: () => invoke(INVOKE.getSettings),
  updateSettings: (patch) => invoke(INVOKE.updateSettings, patch),

  getKeyStatus: () => invoke(INVOKE.getKeyStatus),
  setKey: (key) => invoke(INVOKE.setKey, key),
  clearKey: () => invoke(INVOKE.clearKey),

  startDemo: () => invoke(INVOKE.startDemo),
  stopDemo: () => invoke(INVOKE.stopDemo),

  openPlatform: (hash) => invoke(INVOKE.openPlatform, hash),
  hideWindow: () => invoke(INVOKE.hideWindow),
  copyText: (text) => invoke(INVOKE.copyText, text),
  testNotification: () => invoke(INVOKE.testNotification),
  onNavigate: (callback) => subscribe(PUSH.navigate, callback),

  startResync: (request) => invoke(INVOKE.startResync, request),
  checkPastedCookies: (request) => invoke(INVOKE.checkPastedCookies, request),
  cancelResync: (accountId) => invoke(INVOKE.cancelResync, accountId),
  getResync: (accountId) => invoke(INVOKE.getResync, accountId),
  onResync: (callback) => subscribe(PUSH.resyncChanged, callback),
} satisfies LobstrBridge);

contextBridge.exposeInMainWorld('lobstr', bridge);
