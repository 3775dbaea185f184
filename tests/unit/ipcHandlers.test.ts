/**
 * The IPC handlers as the window meets them: registered on a fake ipcMain and called directly with
 * fake events, from the app's page and from elsewhere, with good and bad payloads. Accounts come
 * from the real simulator through the real client; the settings and key stores are the core's own
 * (in memory); the monitor is a small fake that polls the simulator when asked.
 */
import type { Clipboard, IpcMain, Shell, WebContents } from 'electron';
import { describe, expect, expectTypeOf, test } from 'vitest';
import type { Account } from '../../main/core/lobstr/account.js';
import { createLobstrClient, type LobstrClient } from '../../main/core/lobstr/apiClient.js';
import { LobstrApiError } from '../../main/core/lobstr/apiErrors.js';
import type { MonitorStatus } from '../../main/core/appModel.js';
import { DEFAULT_HEALTH_RULES } from '../../main/core/health/accountHealth.js';
import { assessAll } from '../../main/core/monitor/assessedSnapshot.js';
import { originOf } from '../../main/core/lobstr/baseUrl.js';
import { keyAccess, keyStatusOf } from '../../main/core/settings/keyAccess.js';
import { createMemorySecretStore, type SecretStore } from '../../main/core/settings/secretStore.js';
import { createSettingsStore, type SettingsStore } from '../../main/core/settings/settingsStore.js';
import type { ShellHandle } from '../../main/electron/externalLinks.js';
import {
  appPageSenderCheck,
  createRendererPushes,
  registerIpcHandlers,
  type IpcHandlerDeps,
  type IpcInvokeEventLike,
  type IpcMainLike,
  type LobstrReader,
  type RendererContents,
  type SecretsPort,
  type SettingsPort,
} from '../../main/electron/ipcHandlers.js';
import type { RunningSimulator } from '../../main/simulator/server.js';
import {
  INVOKE,
  PUSH,
  type AccountDetails,
  type HeldAccount,
  type InvokeChannel,
  type IpcResult,
  type KeyStatus,
  type SettingsView,
  type SnapshotView,
} from '../../main/shared/ipcContract.js';
import { FakeIpcMain } from '../helpers/fakeElectron/ipcMain.js';
import { FakeWebContents } from '../helpers/fakeElectron/window.js';
import { control, fault, simulator, simulatorAccountIds } from '../helpers/simulatorHarness.js';

const APP_PAGE = 'file:///opt/Lobstr%20Tray/resources/app.asar/dist/renderer/index.html';
const THE_KEY = 'lobstr-test-key-7f3a9c21e4b5d6a1';
const OTHER_KEY = 'wrong-key-0000000000000000000000';

const fromApp: IpcInvokeEventLike = { senderFrame: { url: `${APP_PAGE}#/accounts`, parent: null } };
const untrustedEvents: Record<string, IpcInvokeEventLike> = {
  'a remote page': { senderFrame: { url: 'https://evil.example/index.html', parent: null } },
  'another local file': { senderFrame: { url: 'file:///tmp/evil.html', parent: null } },
  'an iframe inside the app page': { senderFrame: { url: APP_PAGE, parent: { url: APP_PAGE } } },
  'a frame that is gone': { senderFrame: null },
  'about:blank': { senderFrame: { url: 'about:blank', parent: null } },
};

/** A monitor stand-in: its status is what the simulator listed at the last refresh. */
class FakeMonitor {
  refreshes = 0;
  private current: MonitorStatus = {
    configured: false,
    snapshot: null,
    problem: null,
    lastPollAt: null,
    nextPollAt: null,
    polling: false,
  };
  constructor(private readonly client: () => LobstrClient | null) {}
  /** Forgets every change: pushes after a change are whole snapshots. */
  changesSince(): null {
    return null;
  }
  status(): MonitorStatus {
    return this.current;
  }
  set(status: MonitorStatus): void {
    this.current = status;
  }
  /** Accounts handed over by account:get, in order. */
  readonly accountsRead: Account[] = [];
  async accountRead(account: Account): Promise<void> {
    this.accountsRead.push(account);
  }
  async refreshNow(): Promise<void> {
    this.refreshes++;
    const client = this.client();
    if (client === null) return;
    const list = await client.listAccounts();
    const at = new Date().toISOString();
    this.current = {
      configured: true,
      snapshot: { ...assessAll({ checkedAt: at, accounts: list.accounts, warnings: list.warnings }, Date.now(), DEFAULT_HEALTH_RULES), revision: this.refreshes },
      problem: null,
      lastPollAt: at,
      nextPollAt: new Date(Date.now() + 300_000).toISOString(),
      polling: false,
    };
  }
}

interface Harness {
  ipc: FakeIpcMain;
  deps: IpcHandlerDeps;
  monitor: FakeMonitor;
  secrets: SecretStore;
  settings: SettingsStore;
  opened: string[];
  copied: string[];
  hidden: number;
  testNotifications: number;
  resyncCalls: unknown[][];
  demoCalls: string[];
  logged: unknown[][];
  /** Every answer given during the test, to search for the key. */
  answers: unknown[];
  call(channel: string, ...args: unknown[]): Promise<IpcResult<unknown>>;
  unregister: () => void;
}

function clientFor(sim: RunningSimulator, key: string): LobstrClient {
  return createLobstrClient({ apiKey: key, baseUrl: sim.baseUrl, retries: 0, rateLimitRetries: 0, timeoutMs: 5_000 });
}

function harness(sim: RunningSimulator | null, options: { key?: string | null; overrides?: Partial<IpcHandlerDeps> } = {}): Harness {
  const secrets = createMemorySecretStore(options.key === undefined ? THE_KEY : options.key, {
    kind: 'basic_text',
    label: 'Chromium basic text',
    note: 'No keyring was found: the key is hidden, not protected.',
  });
  const settings = createSettingsStore();
  let storedKey: string | null = options.key === undefined ? THE_KEY : options.key;
  const monitor = new FakeMonitor(() => (sim !== null && storedKey !== null ? clientFor(sim, storedKey) : null));
  const h: Harness = {
    ipc: new FakeIpcMain(),
    monitor,
    secrets,
    settings,
    opened: [],
    copied: [],
    hidden: 0,
    testNotifications: 0,
    resyncCalls: [],
    demoCalls: [],
    logged: [],
    answers: [],
    deps: undefined as unknown as IpcHandlerDeps,
    async call(channel, ...args) {
      const answer = await h.ipc.invokeFrom(fromApp, channel, ...args);
      h.answers.push(answer);
      return answer;
    },
    unregister: () => {},
  };
  const shell: ShellHandle = {
    openExternal: async (url) => {
      h.opened.push(url);
    },
  };
  h.deps = {
    monitor,
    snapshots: createRendererPushes(() => null, { monitor, settings }),
    settings,
    secrets: {
      status: async () => keyStatusOf(keyAccess(await secrets.read(), settings.get().apiBaseUrl), secrets.notice),
      backend: () => secrets.backend(),
      setKey: async (key, origin) => {
        await secrets.setKey(key, origin);
        storedKey = key;
      },
      clearKey: async () => {
        await secrets.clearKey();
        storedKey = null;
      },
    },
    accountReader: async () => (sim !== null && storedKey !== null ? clientFor(sim, storedKey) : null),
    checkKey: async (key) => {
      if (sim === null) throw new LobstrApiError('network', 'Lobstr could not be reached (ECONNREFUSED).');
      await clientFor(sim, key).listAccounts();
      // The simulator stands for the configured base URL, the origin the key is bound to.
      return { origin: originOf(settings.get().apiBaseUrl) };
    },
    demo: {
      start: async () => {
        h.demoCalls.push('start');
        settings.update({ demoMode: true });
      },
      stop: async () => {
        h.demoCalls.push('stop');
        settings.update({ demoMode: false });
      },
    },
    shell,
    hideWindow: () => {
      h.hidden++;
    },
    testNotification: () => {
      h.testNotifications++;
    },
    // Re-syncs are main/electron/resyncActions.ts's (tests/unit/resyncActions.test.ts): here, what reached them.
    resync: {
      start: (request) => (h.resyncCalls.push(['start', request]), { ok: true, value: { step: 'sending', cookieNames: [], at: new Date(0).toISOString() } }),
      checkPaste: (request) => (h.resyncCalls.push(['checkPaste', request]), { ok: true, value: { format: null, found: [], missing: [], problem: null } }),
      cancel: (id) => (h.resyncCalls.push(['cancel', id]), { ok: true, value: null }),
      get: (id) => (h.resyncCalls.push(['get', id]), { ok: true, value: null }),
    },
    clipboard: { writeText: (text) => void h.copied.push(text) },
    logger: {
      warn: (...args) => h.logged.push(args),
      error: (...args) => h.logged.push(args),
    },
    ...options.overrides,
  };
  h.unregister = registerIpcHandlers(h.ipc, h.deps, appPageSenderCheck(APP_PAGE));
  return h;
}

/** The key the store holds now, or null. */
async function storedKey(h: Harness): Promise<string | null> {
  const reading = await h.secrets.read();
  return reading.state === 'stored' ? reading.key : null;
}

function expectOk<T>(result: IpcResult<unknown>): T {
  if (!result.ok) throw new Error(`expected a value, got ${result.error.kind}: ${result.error.message}`);
  return result.value as T;
}

function expectFailure(result: IpcResult<unknown>, kind: string): string {
  expect(result.ok, JSON.stringify(result)).toBe(false);
  if (result.ok) throw new Error('unreachable');
  expect(result.error.kind).toBe(kind);
  return result.error.message;
}

const ALL_CHANNELS = Object.values(INVOKE);

describe('registration', () => {
  test('every channel of the contract has exactly one handler, and unregister removes them all', () => {
    const h = harness(null);
    expect([...h.ipc.handlers.keys()].sort()).toEqual([...ALL_CHANNELS].sort());
    h.unregister();
    expect(h.ipc.handlers.size).toBe(0);
  });

  test('the real Electron objects fit the interfaces the handlers are written against', () => {
    expectTypeOf<IpcMain>().toExtend<IpcMainLike>();
    expectTypeOf<WebContents>().toExtend<RendererContents>();
    expectTypeOf<Shell>().toExtend<ShellHandle>();
    expectTypeOf<Clipboard>().toExtend<IpcHandlerDeps['clipboard']>();
    expectTypeOf<SettingsStore>().toExtend<SettingsPort>();
    expectTypeOf<SecretStore['setKey']>().toEqualTypeOf<SecretsPort['setKey']>();
    expectTypeOf<LobstrClient>().toExtend<LobstrReader>();
  });
});

describe('the sender check', () => {
  test.each(Object.entries(untrustedEvents))('a request from %s is refused on every channel, and nothing runs', async (_name, event) => {
    const h = harness(null);
    const anything: Record<InvokeChannel, unknown[]> = {
      'snapshot:get': [],
      'snapshot:head': [40],
      'monitor:refresh': [],
      'account:get': ['6e5f36d27502ec69fda745ec59ead509'],
      'account:held': ['6e5f36d27502ec69fda745ec59ead509'],
      'settings:get': [],
      'settings:update': [{ pollIntervalMinutes: 10 }],
      'key:status': [],
      'key:set': [OTHER_KEY],
      'key:clear': [],
      'demo:start': [],
      'demo:stop': [],
      'account:openPlatform': ['6e5f36d27502ec69fda745ec59ead509'],
      'window:hide': [],
      'clipboard:write': ['6e5f36d27502ec69fda745ec59ead509'],
      'notification:test': [],
      'resync:start': [{ accountId: '6e5f36d27502ec69fda745ec59ead509', via: 'login', keepSignedIn: false }],
      'resync:checkPaste': [{ accountId: '6e5f36d27502ec69fda745ec59ead509', text: 'li_at=x' }],
      'resync:cancel': ['6e5f36d27502ec69fda745ec59ead509'],
      'resync:get': ['6e5f36d27502ec69fda745ec59ead509'],
    };
    for (const channel of ALL_CHANNELS) {
      const answer = await h.ipc.invokeFrom(event, channel, ...anything[channel]);
      const message = expectFailure(answer, 'forbidden');
      expect(message).toBe('This request did not come from the Lobstr Tray window, so it was refused.');
    }
    expect(h.monitor.refreshes).toBe(0);
    expect(await storedKey(h)).toBe(THE_KEY);
    expect(h.settings.get().pollIntervalMinutes).toBe(5);
    expect(h.demoCalls).toEqual([]);
    expect(h.resyncCalls).toEqual([]);
    expect(h.opened).toEqual([]);
    expect(h.hidden).toBe(0);
    expect(h.copied).toEqual([]);
    expect(h.logged.length).toBe(ALL_CHANNELS.length);
  });

  test('the app page is trusted whatever route its fragment or query holds', () => {
    const check = appPageSenderCheck(APP_PAGE);
    expect(check(fromApp)).toBe(true);
    expect(check({ senderFrame: { url: `${APP_PAGE}?view=settings`, parent: null } })).toBe(true);
    expect(check({ senderFrame: { url: APP_PAGE } })).toBe(true);
  });

  test('a sender check that throws counts as untrusted', async () => {
    const ipc = new FakeIpcMain();
    const h = harness(null);
    registerIpcHandlers(ipc, h.deps, () => {
      throw new Error('Object has been destroyed');
    });
    expectFailure(await ipc.invokeFrom(fromApp, INVOKE.getSnapshot), 'forbidden');
  });
});

describe('payload validation', () => {
  const refusals: [string, string, unknown[], RegExp][] = [
    ['account:get', 'a number', [42], /^The account id was refused: must be an account id \(text\)\.$/],
    ['account:get', 'empty text', ['  '], /not empty text/],
    ['account:get', 'a path', ['../../etc/passwd'], /letters, digits, "-" and "_" only/],
    ['account:get', 'an object', [{ id: 'x' }], /must be an account id/],
    ['account:get', 'a huge string', ['a'.repeat(10_000)], /too long to be an account id/],
    ['account:get', 'two values', ['abc', 'def'], /takes at most one value/],
    ['account:openPlatform', 'nothing', [], /must be an account id/],
    ['account:held', 'a path', ['../../etc/passwd'], /^The account id was refused: .*letters, digits, "-" and "_" only/],
    ['settings:update', 'text', ['fast please'], /^The settings change was refused: must be an object of the settings to change\.$/],
    ['settings:update', 'null', [null], /must be an object of the settings to change/],
    ['settings:update', 'an interval as text', [{ pollIntervalMinutes: '5' }], /pollIntervalMinutes must be a number of minutes/],
    ['settings:update', 'an unknown setting', [{ pollInterval: 5 }], /there is no setting called "pollInterval"/],
    ['settings:update', 'a switch as text', [{ notifications: { recovered: 'no' } }], /notifications\.recovered must be true or false/],
    ['settings:update', 'an unknown notification', [{ notifications: { everything: true } }], /notifications has no "everything"/],
    ['settings:update', 'the demo as a setting', [{ demoMode: true }], /the demo is started and stopped on its own/],
    ['settings:update', 'a snooze without until', [{ snooze: { minutes: 5 } }], /snooze/],
    ['key:set', 'a number', [12345], /^The API key was refused: must be text\.$/],
    ['key:set', 'empty text', ['   '], /is empty; paste the key from your Lobstr dashboard/],
    ['key:set', 'two words', ['lobstr key-7f3a9c21'], /no spaces/],
    ['key:set', 'a megabyte', ['k'.repeat(1_000_000)], /far longer than a Lobstr API key/],
    ['snapshot:get', 'a value it does not take', [{ all: true }], /^Reading the accounts was refused: takes no value\.$/],
    ['snapshot:head', 'nothing', [], /^The number of rows was refused: must be a number of rows\.$/],
    ['snapshot:head', 'text', ['40'], /must be a number of rows/],
    ['snapshot:head', 'a fraction', [2.5], /must be a whole number of rows/],
    ['snapshot:head', 'no rows', [0], /must be at least 1 row/],
    ['snapshot:head', 'every account', [100_000], /must be at most 500 rows/],
    ['key:clear', 'a value it does not take', ['now'], /takes no value/],
    ['demo:start', 'a value it does not take', [{ scenario: 'x' }], /takes no value/],
    ['clipboard:write', 'nothing', [], /^The text to copy was refused: must be text\.$/],
    ['clipboard:write', 'empty text', [''], /nothing to copy/],
    ['clipboard:write', 'a megabyte', ['x'.repeat(1_000_000)], /longer than 2048 characters/],
  ];

  test.each(refusals)('%s with %s is refused with a readable message', async (channel, _what, args, message) => {
    const h = harness(null);
    const refusal = expectFailure(await h.call(channel, ...args), 'invalid_request');
    expect(refusal).toMatch(message);
    expect(refusal.length).toBeLessThan(300);
  });

  test('a refused payload changes nothing', async () => {
    const h = harness(null);
    await h.call(INVOKE.updateSettings, { pollIntervalMinutes: 'often', startHidden: true });
    await h.call(INVOKE.setKey, 'not a key');
    expect(h.settings.get().startHidden).toBe(false);
    expect(await storedKey(h)).toBe(THE_KEY);
  });
});

/** The whole snapshot, as the window asks for it at start. */
async function whole(h: Harness): Promise<SnapshotView> {
  return expectOk<{ kind: 'full'; revision: number; snapshot: SnapshotView }>(await h.call(INVOKE.getSnapshot)).snapshot;
}

describe('the snapshot', () => {
  test('shows every account with its health and reason, worst first, the counts, and one icon per platform', async () => {
    const sim = await simulator({ accounts: 30, token: THE_KEY });
    const h = harness(sim);
    const before = await whole(h);
    expect(before).toMatchObject({ configured: false, accounts: [], total: 0, checkedAt: null });

    await h.monitor.refreshNow();
    const view = await whole(h);
    expect(view.configured).toBe(true);
    expect(view.demo).toBe(false);
    expect(view.total).toBe(30);
    expect(view.accounts).toHaveLength(30);
    expect(view.counts.needs_resync).toBeGreaterThan(0);
    expect(view.counts.needs_resync + view.counts.attention + view.counts.locked + view.counts.ok).toBe(30);
    expect(view.accounts[0]?.health).toBe('needs_resync');
    expect(view.accounts.at(-1)?.health).toBe('ok');
    const expired = view.accounts.find((a) => a.status_code_info === 'cookies_expired');
    expect(expired).toMatchObject({ health: 'needs_resync', reason: 'cookies expired' });
    // Icons travel once per platform, not with each account.
    for (const account of view.accounts) expect(account).not.toHaveProperty('icon');
    expect(Object.keys(view.icons).sort()).toEqual([...new Set(view.accounts.map((a) => a.type))].sort());
    expect(JSON.stringify(view)).not.toContain(THE_KEY);
  });

  test('a failed poll shows the problem with the last good accounts still listed', async () => {
    const sim = await simulator({ accounts: 5, token: THE_KEY });
    const h = harness(sim);
    await h.monitor.refreshNow();
    const status = h.monitor.status();
    h.monitor.set({
      ...status,
      problem: { kind: 'server', message: 'Lobstr answered 503 Service Unavailable (tried 4 times).', since: '2026-11-25T14:02:00.000Z', failures: 2 },
    });
    const view = await whole(h);
    expect(view.problem).toEqual({
      kind: 'server',
      message: 'Lobstr answered 503 Service Unavailable (tried 4 times).',
      since: '2026-11-25T14:02:00.000Z',
      failures: 2,
    });
    expect(view.total).toBe(5);
  });

  test('"refresh now" polls and answers once that poll has ended (its result reaches the window as a push, not as a whole list)', async () => {
    const sim = await simulator({ accounts: 3, token: THE_KEY });
    const h = harness(sim);
    await h.monitor.refreshNow();
    const [first] = await simulatorAccountIds(sim);
    await control(sim, 'POST', `/accounts/${first}`, { status: '401', status_code_info: 'cookies_expired' });
    expect(await h.call(INVOKE.refresh)).toEqual({ ok: true, value: null });
    expect(h.monitor.refreshes).toBe(2);
    expect((await whole(h)).accounts.find((a) => a.id === first)?.health).toBe('needs_resync');
  });

  test("the first screen (snapshot:head): the whole snapshot's first rows and their icons, its counts and total whole, and nothing pushed from it", async () => {
    const sim = await simulator({ accounts: 30, token: THE_KEY });
    const h = harness(sim);
    await h.monitor.refreshNow();
    const { accounts, icons, ...rest } = await whole(h);
    const head = expectOk<{ kind: 'head'; snapshot: SnapshotView }>(await h.call(INVOKE.getSnapshotHead, 7));
    expect(head.kind).toBe('head');
    expect(head.snapshot.accounts).toEqual(accounts.slice(0, 7));
    expect(head.snapshot).toMatchObject({ ...rest, total: 30 });
    // The icons of the platforms on those rows only: the whole snapshot brings the others.
    expect(Object.keys(head.snapshot.icons).sort()).toEqual([...new Set(accounts.slice(0, 7).map((a) => a.type))].sort());
    for (const type of Object.keys(head.snapshot.icons)) expect(head.snapshot.icons[type]).toBe(icons[type]);
    // More rows than accounts: all of them.
    expect(expectOk<{ snapshot: SnapshotView }>(await h.call(INVOKE.getSnapshotHead, 500)).snapshot.accounts).toEqual(accounts);
  });

  test('the window is told the health the monitor judged, never judged again here', async () => {
    const sim = await simulator({ accounts: 3, token: THE_KEY });
    const h = harness(sim);
    const [first] = await simulatorAccountIds(sim);
    await control(sim, 'POST', `/accounts/${first}`, { status: '429', status_code_info: 'synchronized' });
    await h.monitor.refreshNow();
    const judged = h.monitor.status().snapshot!.assessed.find((a) => a.account.id === first)!;
    expect((await whole(h)).accounts.find((a) => a.id === first)).toMatchObject({ health: judged.health, reason: judged.reason });
  });
});

describe('one account', () => {
  test('is re-read from Lobstr (GET /v1/accounts/{hash}) with its current health', async () => {
    const sim = await simulator({ accounts: 4, token: THE_KEY });
    const h = harness(sim);
    const [id] = await simulatorAccountIds(sim);
    if (!id) throw new Error('no account');
    await control(sim, 'POST', `/accounts/${id}`, { status: '200', status_code_info: 'cookies_expired', status_code_description: 'Success!' });
    const details = expectOk<AccountDetails>(await h.call(INVOKE.getAccount, ` ${id} `));
    expect(details.account).toMatchObject({ id, health: 'needs_resync', reason: 'cookies expired', status_code_description: 'Success!' });
    expect(details.account).not.toHaveProperty('icon');
    expect(details.icon.length).toBeGreaterThan(100);
    expect(Date.parse(details.fetchedAt)).not.toBeNaN();
    const requests = (await control(sim, 'GET', '/requests')) as { path: string }[];
    expect(requests.map((r) => r.path)).toContain(`/v1/accounts/${id}`);
    // Handed to the monitor, so the tray and the list show the same account.
    expect(h.monitor.accountsRead.map((a) => [a.id, a.status_code_info])).toEqual([[id, 'cookies_expired']]);
  });

  test('as the last check holds it: every field, its health as judged, its icon and the check\'s time, without asking Lobstr', async () => {
    const sim = await simulator({ accounts: 4, token: THE_KEY });
    const h = harness(sim);
    const [id] = await simulatorAccountIds(sim);
    if (!id) throw new Error('no account');
    await control(sim, 'POST', `/accounts/${id}`, { status: '401', status_code_info: 'cookies_expired' });
    await h.monitor.refreshNow();
    const requests = ((await control(sim, 'GET', '/requests')) as unknown[]).length;

    const held = expectOk<HeldAccount>(await h.call(INVOKE.getHeldAccount, id));
    const snapshot = h.monitor.status().snapshot!;
    const listed = snapshot.byId.get(id)!;
    expect(held.account).toMatchObject({ id, health: listed.health, reason: listed.reason, status: '401' });
    expect(held.account.params).toEqual(listed.account.params);
    expect(held.account.squids).toEqual(listed.account.squids);
    expect(held.account.cookies).toEqual(listed.account.cookies);
    expect(held.account).not.toHaveProperty('icon');
    expect(held.icon).toBe(listed.account.icon);
    expect(held.checkedAt).toBe(snapshot.checkedAt);
    expect(((await control(sim, 'GET', '/requests')) as unknown[]).length).toBe(requests);
    expect(h.monitor.accountsRead).toEqual([]);

    expect(expectFailure(await h.call(INVOKE.getHeldAccount, 'ffffffffffffffffffffffffffffffff'), 'not_found')).toBe(
      'There is no account ffffffffffffffffffffffffffffffff in the last check.',
    );
    // Before any check there is nothing held.
    expectFailure(await harness(sim).call(INVOKE.getHeldAccount, id), 'not_found');
  });

  test('an unknown account, a server error and a missing key come back as values, not exceptions', async () => {
    const sim = await simulator({ accounts: 2, token: THE_KEY });
    const h = harness(sim);
    expect(expectFailure(await h.call(INVOKE.getAccount, 'ffffffffffffffffffffffffffffffff'), 'not_found')).toMatch(/not found/i);
    await fault(sim, { status: 500, count: 1 });
    const [id] = await simulatorAccountIds(sim);
    expectFailure(await h.call(INVOKE.getAccount, id), 'server');

    const unset = harness(sim, { key: null });
    expect(expectFailure(await unset.call(INVOKE.getAccount, id), 'not_configured')).toBe(
      'Set your Lobstr API key, or start the demo, to read an account.',
    );
    expect(JSON.stringify([...h.answers, ...unset.answers])).not.toContain(THE_KEY);
  });
});

describe('settings', () => {
  test('reads the settings with the store notice, and applies a valid change', async () => {
    const h = harness(null);
    const view = expectOk<SettingsView>(await h.call(INVOKE.getSettings));
    expect(view.settings.pollIntervalMinutes).toBe(5);
    expect(view.notice).toBeNull();
    const changed = expectOk<SettingsView>(
      await h.call(INVOKE.updateSettings, { pollIntervalMinutes: 15, notifications: { recovered: false }, snooze: { until: null } }),
    );
    expect(changed.settings).toMatchObject({ pollIntervalMinutes: 15, notifications: { needsResync: true, recovered: false }, snooze: { until: null } });
    expect(h.settings.get().pollIntervalMinutes).toBe(15);
  });

  test('a value the store refuses comes back with the store’s own explanation, and nothing changes', async () => {
    const h = harness(null);
    const refusal = expectFailure(await h.call(INVOKE.updateSettings, { pollIntervalMinutes: 0, startHidden: true }), 'invalid_request');
    expect(refusal).toMatch(/poll interval.*1 to 60/i);
    const insecure = expectFailure(await h.call(INVOKE.updateSettings, { apiBaseUrl: 'http://api.lobstr.io/v1' }), 'invalid_request');
    expect(insecure).toMatch(/unencrypted/);
    expect(h.settings.get()).toMatchObject({ pollIntervalMinutes: 5, startHidden: false, apiBaseUrl: 'https://api.lobstr.io/v1' });
  });
});

describe('the API key', () => {
  test('the status says whether a key is set, its last four characters, and how it is kept', async () => {
    const h = harness(null);
    const status = expectOk<KeyStatus>(await h.call(INVOKE.getKeyStatus));
    expect(status).toEqual({
      set: true,
      hint: '…d6a1',
      storage: { kind: 'basic_text', label: 'Chromium basic text', note: 'No keyring was found: the key is hidden, not protected.' },
      notice: null,
      waiting: false,
    });
  });

  test('a key Lobstr rejects (401) is not stored: "Lobstr rejected this key"', async () => {
    const sim = await simulator({ accounts: 2, token: THE_KEY });
    const h = harness(sim, { key: null });
    const answer = await h.call(INVOKE.setKey, OTHER_KEY);
    expect(answer).toEqual({ ok: false, error: { kind: 'auth', message: 'Lobstr rejected this key' } });
    expect(await storedKey(h)).toBeNull();
    expect(expectOk<KeyStatus>(await h.call(INVOKE.getKeyStatus))).toMatchObject({ set: false, hint: null });
  });

  test('a key Lobstr accepts is stored; pasted as a header, only the key is kept', async () => {
    const sim = await simulator({ accounts: 2, token: THE_KEY });
    const h = harness(sim, { key: null });
    const status = expectOk<KeyStatus>(await h.call(INVOKE.setKey, `  Authorization: Token ${THE_KEY}\n`));
    expect(status).toMatchObject({ set: true, hint: '…d6a1' });
    expect(await storedKey(h)).toBe(THE_KEY);
  });

  test('a key that cannot be checked (Lobstr unreachable or failing) is not stored, and the reason is given', async () => {
    const unreachable = harness(null, { key: null });
    const offline = expectFailure(await unreachable.call(INVOKE.setKey, THE_KEY), 'network');
    expect(offline).toBe('The key could not be checked with Lobstr, so it was not stored: Lobstr could not be reached (ECONNREFUSED).');
    expect(await storedKey(unreachable)).toBeNull();

    const sim = await simulator({ accounts: 2, token: THE_KEY });
    await fault(sim, { status: 500, count: 1 });
    const failing = harness(sim, { key: null });
    expectFailure(await failing.call(INVOKE.setKey, THE_KEY), 'server');
    expect(await storedKey(failing)).toBeNull();
  });

  test('clearing the key leaves no key and no hint', async () => {
    const h = harness(null);
    expect(expectOk<KeyStatus>(await h.call(INVOKE.clearKey))).toMatchObject({ set: false, hint: null });
    expect(await storedKey(h)).toBeNull();
  });

  test('the key never appears in any answer, even when the services fail with it in their message', async () => {
    const sim = await simulator({ accounts: 3, token: THE_KEY });
    const leaky = new Error(`keyring said no to ${THE_KEY}`);
    const h = harness(sim, {
      overrides: {
        demo: {
          start: async () => {
            throw leaky;
          },
          stop: async () => {
            throw leaky;
          },
        },
      },
    });
    await h.monitor.refreshNow();
    const [id] = await simulatorAccountIds(sim);
    for (const channel of ALL_CHANNELS) {
      const arg = channel === 'account:get' || channel === 'account:held' || channel === 'account:openPlatform' ? [id] : channel === 'key:set' ? [THE_KEY] : [];
      await h.call(channel, ...arg);
    }
    await h.call(INVOKE.setKey, 42);
    await h.call(INVOKE.updateSettings, { apiBaseUrl: `https://user:${THE_KEY}@api.lobstr.io/v1` });
    expect(h.answers.length).toBe(ALL_CHANNELS.length + 2);
    expect(JSON.stringify(h.answers)).not.toContain(THE_KEY);
    expect(JSON.stringify(h.answers)).not.toContain(THE_KEY.slice(0, 12));
  });

  test('a store failure while saving the key says so without the key, and logs the detail without it', async () => {
    const sim = await simulator({ accounts: 1, token: THE_KEY });
    const h = harness(sim, {
      key: null,
      overrides: {},
    });
    h.deps.secrets.setKey = async (key) => {
      throw new Error(`could not encrypt ${key}`);
    };
    const message = expectFailure(await h.call(INVOKE.setKey, THE_KEY), 'failed');
    expect(message).toBe('Lobstr accepted the key, but it could not be stored on this computer.');
    expect(JSON.stringify(h.logged)).not.toContain(THE_KEY);
    expect(JSON.stringify(h.logged)).toContain('[redacted]');
  });
});

describe('the demo, the platform page and the window', () => {
  test('starting and stopping the demo: the snapshot carries the demo flag', async () => {
    const h = harness(null);
    expect(await h.call(INVOKE.startDemo)).toEqual({ ok: true, value: null });
    expect((await whole(h)).demo).toBe(true);
    expect(await h.call(INVOKE.stopDemo)).toEqual({ ok: true, value: null });
    expect((await whole(h)).demo).toBe(false);
    expect(h.demoCalls).toEqual(['start', 'stop']);
  });

  test('a demo that fails to start says so plainly and logs the detail', async () => {
    const busy = new Error('listen EADDRINUSE 127.0.0.1:8787');
    const h = harness(null, {
      overrides: {
        demo: {
          start: async () => {
            throw busy;
          },
          stop: async () => {},
        },
      },
    });
    const message = expectFailure(await h.call(INVOKE.startDemo), 'failed');
    expect(message).toBe("Lobstr Tray could not start the demo; the app's log has the details.");
    expect(h.logged).toEqual([['IPC demo:start failed:', busy]]);
  });

  test('opening an account’s platform opens its https baseurl from the last check, never an address the window sends', async () => {
    const sim = await simulator({ accounts: 6, token: THE_KEY });
    const h = harness(sim);
    await h.monitor.refreshNow();
    const account = h.monitor.status().snapshot?.accounts[0];
    if (!account) throw new Error('no account');
    const opened = expectOk<{ url: string }>(await h.call(INVOKE.openPlatform, account.id));
    expect(opened.url).toBe(new URL(account.baseurl).href);
    expect(h.opened).toEqual([opened.url]);

    expectFailure(await h.call(INVOKE.openPlatform, 'https://evil.example'), 'invalid_request');
    expectFailure(await h.call(INVOKE.openPlatform, 'ffffffffffffffffffffffffffffffff'), 'not_found');
    expect(h.opened).toHaveLength(1);
  });

  test('an account whose baseurl is not https is not opened', async () => {
    const sim = await simulator({ accounts: 2, token: THE_KEY });
    const [id] = await simulatorAccountIds(sim);
    await control(sim, 'POST', `/accounts/${id}`, { baseurl: 'javascript:alert(1)' });
    const h = harness(sim);
    await h.monitor.refreshNow();
    const account = h.monitor.status().snapshot?.accounts.find((a) => a.id === id);
    const message = expectFailure(await h.call(INVOKE.openPlatform, id), 'unsafe_url');
    expect(message).toBe(`The platform page of @${account?.username} was not opened: its platform address is not an https:// page (javascript:).`);
    expect(h.opened).toEqual([]);
  });

  test('the window copies through the app, with Electron’s clipboard', async () => {
    const h = harness(null);
    expect(await h.call(INVOKE.copyText, '6e5f36d27502ec69fda745ec59ead509')).toEqual({ ok: true, value: null });
    expect(h.copied).toEqual(['6e5f36d27502ec69fda745ec59ead509']);
  });

  test('the window can ask to be hidden', async () => {
    const h = harness(null);
    expect(await h.call(INVOKE.hideWindow)).toEqual({ ok: true, value: null });
    expect(h.hidden).toBe(1);
    expect(await h.call(INVOKE.testNotification)).toEqual({ ok: true, value: null });
    expect(h.testNotifications).toBe(1);
  });
});

describe('pushes to the window', () => {
  test('a page gets pushes only once it has asked for the snapshot; then a change is pushed, and no change is not', async () => {
    const sim = await simulator({ accounts: 5, token: THE_KEY });
    const h = harness(sim);
    await h.monitor.refreshNow();
    const contents = new FakeWebContents();
    const pushes = createRendererPushes(() => contents, h.deps);
    // A page still starting asks for the whole snapshot itself: nothing is pushed before.
    pushes.snapshotChanged();
    expect(contents.sent).toEqual([]);
    const asked = await pushes.full();
    pushes.snapshotChanged();
    expect(contents.sent).toEqual([]);

    await h.monitor.refreshNow();
    pushes.snapshotChanged();
    expect(contents.sent).toHaveLength(1);
    expect(contents.sent[0]?.channel).toBe(PUSH.snapshotChanged);
    // This monitor keeps no changes: the whole snapshot again, with the next revision.
    expect(contents.sent[0]?.payload).toMatchObject({ kind: 'full', revision: asked.revision + 1 });
  });

  test('"open on this account" waits for a window that is still loading, and nothing goes to a closed one', () => {
    const h = harness(null);
    let contents: FakeWebContents | null = null;
    const pushes = createRendererPushes(() => contents, h.deps);
    pushes.navigate('abc');
    pushes.snapshotChanged();

    const opening = new FakeWebContents();
    opening.loading = true;
    contents = opening;
    pushes.navigate('6e5f36d27502ec69fda745ec59ead509');
    expect(opening.sent).toEqual([]);
    opening.finishLoading();
    expect(opening.sent).toEqual([{ channel: PUSH.navigate, payload: { accountId: '6e5f36d27502ec69fda745ec59ead509' } }]);

    pushes.navigate(null);
    expect(opening.sent.at(-1)).toEqual({ channel: PUSH.navigate, payload: { accountId: null } });
    // From a notification or the tray's "Re-sync…": the details open with the re-sync ready.
    pushes.navigate('6e5f36d27502ec69fda745ec59ead509', { resync: true });
    expect(opening.sent.at(-1)).toEqual({ channel: PUSH.navigate, payload: { accountId: '6e5f36d27502ec69fda745ec59ead509', resync: true } });
    pushes.navigate(null, { view: 'settings' });
    expect(opening.sent.at(-1)).toEqual({ channel: PUSH.navigate, payload: { accountId: null, view: 'settings' } });

    opening.destroyed = true;
    pushes.snapshotChanged();
    pushes.navigate('x');
    expect(opening.sent).toHaveLength(4);
  });
});

describe('re-sync requests', () => {
  const id = '6e5f36d27502ec69fda745ec59ead509';

  test('reach the re-syncs as sent when they are well formed', async () => {
    const h = harness(null);
    expectOk(await h.call('resync:start', { accountId: id, via: 'login', keepSignedIn: true }));
    expectOk(await h.call('resync:start', { accountId: id, via: 'paste', text: 'li_at=AQ; JSESSIONID="ajax:1"' }));
    expectOk(await h.call('resync:checkPaste', { accountId: id, text: '[]' }));
    expectOk(await h.call('resync:cancel', id));
    expectOk(await h.call('resync:get', id));
    expect(h.resyncCalls.map(([call]) => call)).toEqual(['start', 'start', 'checkPaste', 'cancel', 'get']);
  });

  test.each([
    ['no way of signing in', { accountId: id }],
    ['an unknown way', { accountId: id, via: 'magic' }],
    ['login without the keep choice', { accountId: id, via: 'login' }],
    ['paste without text', { accountId: id, via: 'paste' }],
    ['a cookie inline beside the text', { accountId: id, via: 'paste', text: 'x', cookies: { li_at: 'x' } }],
    ['an id that is not one', { accountId: '../../etc', via: 'login', keepSignedIn: false }],
    ['pasted text over a megabyte', { accountId: id, via: 'paste', text: 'x'.repeat(1024 * 1024 + 1) }],
  ])('are refused with a reason when malformed: %s', async (_name, request) => {
    const h = harness(null);
    const message = expectFailure(await h.ipc.invokeFrom(fromApp, 'resync:start', request), 'invalid_request');
    expect(message).toMatch(/^The re-sync request was refused: /);
    expect(h.resyncCalls).toEqual([]);
  });
});
