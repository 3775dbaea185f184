/**
 * The preload, loaded with a fake `electron` (no Electron here): what it puts on `window.lobstr`,
 * and that each function reaches the contract's channel and nothing else.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { INVOKE, PUSH } from '../../main/shared/ipcContract.js';
import type { LobstrBridge } from '../../preload/lobstrBridge.js';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** What the fake electron module recorded; reset before each test. */
const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as { channel: string; args: unknown[] }[],
  listeners: new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>(),
}));

vi.mock('electron', () => {
  const ipcRenderer = {
    invoke: async (channel: string, ...args: unknown[]) => {
      fake.invoked.push({ channel, args });
      return { ok: true, value: `answer of ${channel}` };
    },
    on: (channel: string, listener: Listener) => {
      const set = fake.listeners.get(channel) ?? new Set();
      set.add(listener);
      fake.listeners.set(channel, set);
      return ipcRenderer;
    },
    removeListener: (channel: string, listener: Listener) => {
      fake.listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
    send: () => {
      throw new Error('the preload must not use send');
    },
  };
  const contextBridge = {
    exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api),
  };
  return { ipcRenderer, contextBridge, default: { ipcRenderer, contextBridge } };
});

/** main pushing on a channel, as webContents.send would. */
function push(channel: string, payload: unknown): void {
  const sender = { name: 'the real IpcRendererEvent carries ipcRenderer as its sender' };
  for (const listener of fake.listeners.get(channel) ?? []) listener({ sender }, payload);
}

async function loadPreload(): Promise<LobstrBridge> {
  vi.resetModules();
  await import('../../preload/index.js');
  const api = fake.exposed.get('lobstr');
  if (!api) throw new Error('the preload exposed nothing as "lobstr"');
  return api as LobstrBridge;
}

beforeEach(() => {
  fake.exposed.clear();
  fake.invoked.length = 0;
  fake.listeners.clear();
  vi.stubGlobal('__LOBSTR_TRAY_VERSION__', '1.2.3');
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the preload', () => {
  test('exposes one object, window.lobstr, with the app’s purpose-named functions and nothing else', async () => {
    const api = await loadPreload();
    expect([...fake.exposed.keys()]).toEqual(['lobstr']);
    expect(Object.keys(api).sort()).toEqual(
      [
        'version',
        'platform',
        'getSnapshot',
        'getSnapshotHead',
        'onSnapshot',
        'refresh',
        'getAccount',
        'getHeldAccount',
        'getSettings',
        'updateSettings',
        'getKeyStatus',
        'setKey',
        'clearKey',
        'startDemo',
        'stopDemo',
        'openPlatform',
        'hideWindow',
        'copyText',
        'testNotification',
        'onNavigate',
        'startResync',
        'checkPastedCookies',
        'cancelResync',
        'getResync',
        'onResync',
      ].sort(),
    );
    expect(api.version).toBe('1.2.3');
    expect(api.platform).toBe(process.platform);
    expect(Object.isFrozen(api)).toBe(true);
  });

  test('never hands out ipcRenderer or a way to reach an arbitrary channel', async () => {
    const api = (await loadPreload()) as unknown as Record<string, unknown>;
    const electron = await import('electron');
    for (const value of Object.values(api)) {
      expect(value).not.toBe(electron.ipcRenderer);
      expect(value).not.toBe(electron.ipcRenderer.invoke);
    }
    for (const name of ['ipcRenderer', 'invoke', 'send', 'on', 'sendSync']) expect(api).not.toHaveProperty(name);
  });

  test('each request goes to its contract channel, with at most the one value it takes', async () => {
    const api = await loadPreload();
    const calls: [keyof typeof INVOKE, () => Promise<unknown>, unknown[]][] = [
      ['getSnapshot', () => api.getSnapshot(), []],
      ['getSnapshotHead', () => api.getSnapshotHead(40), [40]],
      ['refresh', () => api.refresh(), []],
      ['getAccount', () => api.getAccount('6e5f36d27502ec69fda745ec59ead509'), ['6e5f36d27502ec69fda745ec59ead509']],
      ['getHeldAccount', () => api.getHeldAccount('6e5f36d27502ec69fda745ec59ead509'), ['6e5f36d27502ec69fda745ec59ead509']],
      ['getSettings', () => api.getSettings(), []],
      ['updateSettings', () => api.updateSettings({ pollIntervalMinutes: 10 }), [{ pollIntervalMinutes: 10 }]],
      ['getKeyStatus', () => api.getKeyStatus(), []],
      ['setKey', () => api.setKey('the-key'), ['the-key']],
      ['clearKey', () => api.clearKey(), []],
      ['startDemo', () => api.startDemo(), []],
      ['stopDemo', () => api.stopDemo(), []],
      ['openPlatform', () => api.openPlatform('abc'), ['abc']],
      ['hideWindow', () => api.hideWindow(), []],
      ['copyText', () => api.copyText('abc'), ['abc']],
      ['testNotification', () => api.testNotification(), []],
      ['startResync', () => api.startResync({ accountId: 'abc', via: 'login', keepSignedIn: false }), [{ accountId: 'abc', via: 'login', keepSignedIn: false }]],
      ['checkPastedCookies', () => api.checkPastedCookies({ accountId: 'abc', text: 'li_at=x' }), [{ accountId: 'abc', text: 'li_at=x' }]],
      ['cancelResync', () => api.cancelResync('abc'), ['abc']],
      ['getResync', () => api.getResync('abc'), ['abc']],
    ];
    // Every request channel of the contract is reached by exactly one function.
    expect(calls.map(([name]) => name).sort()).toEqual(Object.keys(INVOKE).sort());
    for (const [name, call, args] of calls) {
      const answer = await call();
      expect(answer).toEqual({ ok: true, value: `answer of ${INVOKE[name]}` });
      expect(fake.invoked.at(-1)).toEqual({ channel: INVOKE[name], args });
    }
    // Extra arguments from the page are not passed on.
    await (api.getAccount as (...args: unknown[]) => Promise<unknown>)('abc', { extra: true });
    expect(fake.invoked.at(-1)).toEqual({ channel: INVOKE.getAccount, args: ['abc'] });
  });

  test('onSnapshot hands over each new snapshot (not the IPC event), until unsubscribed', async () => {
    const api = await loadPreload();
    const seen: unknown[] = [];
    const unsubscribe = api.onSnapshot((snapshot) => seen.push(snapshot));
    push(PUSH.snapshotChanged, { total: 1 });
    push(PUSH.snapshotChanged, { total: 2 });
    push(PUSH.navigate, { accountId: 'x' });
    expect(seen).toEqual([{ total: 1 }, { total: 2 }]);

    unsubscribe();
    unsubscribe();
    push(PUSH.snapshotChanged, { total: 3 });
    expect(seen).toEqual([{ total: 1 }, { total: 2 }]);
    expect(fake.listeners.get(PUSH.snapshotChanged)?.size).toBe(0);
  });

  test('onNavigate hands over where to go, and subscribers are independent', async () => {
    const api = await loadPreload();
    const first: unknown[] = [];
    const second: unknown[] = [];
    const stopFirst = api.onNavigate((target) => first.push(target));
    api.onNavigate((target) => second.push(target));
    push(PUSH.navigate, { accountId: 'abc' });
    stopFirst();
    push(PUSH.navigate, { accountId: null });
    expect(first).toEqual([{ accountId: 'abc' }]);
    expect(second).toEqual([{ accountId: 'abc' }, { accountId: null }]);
  });

  test('a subscription without a function is refused at once, not when the first push arrives', async () => {
    const api = await loadPreload();
    expect(() => api.onSnapshot(undefined as unknown as () => void)).toThrow('A subscription to snapshot:changed needs a callback function.');
    expect(fake.listeners.get(PUSH.snapshotChanged)?.size ?? 0).toBe(0);
  });
});
