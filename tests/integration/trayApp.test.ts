/**
 * The whole tray app (main/electron/trayApp.ts) on small fakes of Electron's objects, against the
 * real simulator: what a user sees in the tray, the notifications and the window through scripted
 * scenarios. The Electron runtime itself is covered by tests/electron where a binary exists.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import v8 from 'node:v8';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { runCli } from '../../main/cli.js';
import { startTrayApp, type TrayAppHandle } from '../../main/electron/trayApp.js';
import type { HeldAccount, IpcResult, SnapshotPush, SnapshotView } from '../../main/shared/ipcContract.js';
import { startSimulator, type RunningSimulator } from '../../main/simulator/server.js';
import { recordingIo } from '../fixtures/recordingIo.js';
import { createFakeElectron, type FakeBrowserWindow, type FakeElectron } from '../helpers/fakeElectron.js';
import { FakeBaseWindow } from '../helpers/fakeElectron/loginWindow.js';
import { WindowSnapshot } from '../helpers/windowSnapshot.js';
import { control, fault, requestLog, simulatorAccountIds } from '../helpers/simulatorHarness.js';

// electron-store imports `electron` at its top; there is no runtime here (toolchain.md §2).
vi.mock('electron', () => {
  const stub = { app: undefined, ipcMain: undefined, shell: { openPath: async () => '' } };
  return { default: stub, ...stub };
});

const KEY = '5eed5eed5eed5eed5eed5eed5eed5eed';
const repo = process.cwd();
const distDir = path.join(repo, 'dist');
const appPage = pathToFileURL(path.join(distDir, 'renderer', 'index.html')).href;
const HEALTHY = { status: '200', status_code_info: 'synchronized', status_code_description: 'Success!', lock_time: null, resets_in: null };

let sim: RunningSimulator;
let ids: string[];
let root: string;
let electron: FakeElectron;
let app: TrayAppHandle<FakeBrowserWindow>;

function launch(
  options: { onlineCheckMs?: number; keyringRetryMs?: number; platform?: 'linux' | 'darwin' | 'win32'; locked?: boolean } = {},
  prepare: (electron: FakeElectron) => void = () => {},
): TrayAppHandle<FakeBrowserWindow> {
  const { locked, ...appOptions } = options;
  electron = createFakeElectron(
    { userData: path.join(root, 'userData'), logs: path.join(root, 'logs') },
    () => appPage,
    { platform: options.platform ?? 'linux' },
    { safeStorage: { locked: locked ?? false } },
  );
  prepare(electron);
  electron.app.platform = options.platform ?? 'linux';
  windowView = new WindowSnapshot(electron.ipcMain, () => electron.windows);
  app = startTrayApp(electron.objects, {
    distDir,
    resourcesDir: path.join(repo, 'resources'),
    argv: [],
    platform: 'linux',
    // Login items (Linux: $XDG_CONFIG_HOME/autostart) in the test's folder, never the real home.
    env: { XDG_CONFIG_HOME: path.join(root, 'config') },
    ...appOptions,
  });
  return app;
}

const tray = () => electron.trays.at(-1)!;
const titles = () => electron.notifications.map((n) => n.options.title);
/** What the window shows: the snapshot its page asked for as it loaded, then every push applied (tests/helpers/windowSnapshot.ts). */
let windowView: WindowSnapshot;
const shown = (): Promise<SnapshotView | undefined> => windowView.current();

async function connect(): Promise<void> {
  // The window's page has loaded: it holds the snapshot and follows the pushes from now on.
  await shown();
  expect((await electron.ipcMain.invoke('settings:update', { apiBaseUrl: sim.baseUrl })).ok).toBe(true);
  const set = await electron.ipcMain.invoke('key:set', KEY);
  expect(set).toMatchObject({ ok: true });
  await app.refreshNow();
}

beforeEach(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'lobstr-trayapp-'));
  sim = await startSimulator({ port: 0, accounts: 6, seed: 11, token: KEY });
  ids = await simulatorAccountIds(sim);
  for (const id of ids) await control(sim, 'POST', `/accounts/${id}`, HEALTHY);
});

afterEach(async () => {
  await app?.shutdown();
  await sim.close();
  rmSync(root, { recursive: true, force: true });
});

describe('first start, without a key', () => {
  it('shows the setup icon, says what to do, and opens the window for onboarding', async () => {
    await launch().ready;
    expect(tray().icon).toBe('linux-setup.png');
    expect(tray().tooltip).toMatch(/set your Lobstr API key/i);
    // Linux app indicators need a menu: always attached, "Open Lobstr Tray" first.
    expect(tray().menu!.labels()[0]).toBe('Open Lobstr Tray');
    expect(electron.windows).toHaveLength(1);
    // Esc belongs to the page (back from details, then hide through the preload), not to main.
    expect(electron.windows[0]!.webContents.listeners.has('before-input-event')).toBe(false);
    expect(titles()).toEqual([]);
  });

  it('stores nothing when Lobstr rejects the pasted key', async () => {
    await launch().ready;
    await electron.ipcMain.invoke('settings:update', { apiBaseUrl: sim.baseUrl });
    const result = await electron.ipcMain.invoke('key:set', 'wrong-key-wrong-key-wrong-key-00');
    expect(result).toMatchObject({ ok: false, error: { kind: 'auth', message: 'Lobstr rejected this key' } });
    expect(await electron.ipcMain.invoke('key:status')).toMatchObject({ ok: true, value: { set: false } });
    expect(existsSync(path.join(root, 'userData', 'api-key.json'))).toBe(false);
    expect(tray().icon).toBe('linux-setup.png');
  });
});

describe('watching real accounts', () => {
  it('turns red with one notification when an account needs re-sync, and back when it recovers', async () => {
    await launch().ready;
    await connect();
    expect(tray().icon).toBe('linux-ok.png');
    expect(tray().tooltip).toMatch(/^Lobstr Tray: all 6 accounts OK · checked \d\d:\d\d$/);

    const expired = ids[2]!;
    const account = (await control(sim, 'POST', `/accounts/${expired}`, { status_code_info: 'cookies_expired' })) as {
      username: string;
    };
    await app.refreshNow();
    expect(tray().icon).toBe('linux-alert.png');
    expect(tray().tooltip).toMatch(/1 of 6 accounts needs re-sync/);
    expect(tray().menu!.labels().some((l) => l.startsWith(account.username) || l.startsWith(`@${account.username}`))).toBe(true);
    expect(titles()).toHaveLength(1);
    expect(titles()[0]).toMatch(/needs cookie re-sync$/);
    expect(electron.notifications[0]!.options.body).toContain('cookies expired');

    // The same state on the next polls: no repeat.
    await app.refreshNow();
    await app.refreshNow();
    expect(titles()).toHaveLength(1);

    // Clicking the notification opens the window on that account.
    await electron.notifications[0]!.click();
    const window = electron.windows.at(-1)!;
    expect(window.webContents.sent).toContainEqual({ channel: 'window:navigate', payload: { accountId: expired, resync: true } });

    await control(sim, 'POST', `/accounts/${expired}`, HEALTHY);
    await app.refreshNow();
    expect(tray().icon).toBe('linux-ok.png');
    expect(titles()).toHaveLength(2);
    expect(titles()[1]).toMatch(/synchronized again$/);
  });

  it('keeps no list of the notifications it showed: a real app runs for months (the end-to-end test reads Electron’s own objects)', async () => {
    await launch().ready;
    await connect();
    for (let round = 0; round < 3; round++) {
      await control(sim, 'POST', `/accounts/${ids[round]}`, { status_code_info: 'cookies_expired' });
      await app.refreshNow();
      await control(sim, 'POST', `/accounts/${ids[round]}`, HEALTHY);
      await app.refreshNow();
    }
    expect(titles()).toHaveLength(6);
    expect(Object.keys(app).filter((name) => /notification/i.test(name))).toEqual([]);
  });

  it('on Windows, opens the account of a notification clicked in the Action Center after it timed out', async () => {
    await launch({ platform: 'win32' }).ready;
    await connect();
    await control(sim, 'POST', `/accounts/${ids[5]}`, { status_code_info: 'cookies_expired' });
    await app.refreshNow();
    const [toast] = electron.notifications;
    await toast!.timeOut();
    await toast!.click();
    expect(electron.windows.at(-1)!.webContents.sent).toContainEqual({ channel: 'window:navigate', payload: { accountId: ids[5], resync: true } });
  });

  it('on macOS, the notification\'s "Re-sync" button opens the account\'s sign-in page at once and the window on its details', async () => {
    await launch({ platform: 'darwin' }).ready;
    await connect();
    await control(sim, 'POST', `/accounts/${ids[3]}`, { status_code_info: 'cookies_expired' });
    await app.refreshNow();
    const [notification] = electron.notifications;
    expect(notification!.buttons()).toEqual(['Re-sync']);
    electron.windows.at(-1)!.hide();
    await notification!.pressButton('Re-sync');
    expect(FakeBaseWindow.created).toHaveLength(1);
    expect(electron.windows.at(-1)!.visible).toBe(true);
    expect(electron.windows.at(-1)!.webContents.sent).toContainEqual({ channel: 'window:navigate', payload: { accountId: ids[3], resync: true } });
  });

  it('says in the tray menu and the window when the system refuses notifications, with how to allow them, until one arrives again', async () => {
    await launch({ platform: 'darwin' }).ready;
    await connect();
    electron.objects.Notification.systemDisplays = false;
    await control(sim, 'POST', `/accounts/${ids[0]}`, { status_code_info: 'cookies_expired' });
    await app.refreshNow();
    await electron.notifications[0]!.fail('Notifications are not allowed for this application');

    const blockedLines = ['(Notifications are blocked by the system)', '(To allow them: System Settings → Notifications → Lobstr Tray)'];
    expect(tray().menu!.shown().slice(2, 5)).toEqual([expect.stringMatching(/^\(1 of 6 accounts needs re-sync/), ...blockedLines]);
    expect((await shown())?.notificationsBlocked).toMatchObject({
      message: 'Notifications are blocked by the system',
      advice: 'To allow them: System Settings → Notifications → Lobstr Tray',
      error: 'Notifications are not allowed for this application',
    });
    expect(await electron.ipcMain.invoke('snapshot:get')).toMatchObject({ ok: true, value: { kind: 'full', snapshot: { notificationsBlocked: { cause: 'failed' } } } });

    // The user allows them; the next notification is displayed, and the warning goes.
    electron.objects.Notification.systemDisplays = true;
    await control(sim, 'POST', `/accounts/${ids[0]}`, HEALTHY);
    await app.refreshNow();
    await vi.waitFor(() => expect(tray().menu!.shown()).not.toContain(blockedLines[0]));
    expect((await shown())?.notificationsBlocked ?? null).toBeNull();
  });

  it('sends a test notification from Settings, past a pause; once displayed it clears the warning', async () => {
    await launch({ platform: 'win32' }).ready;
    await connect();
    electron.objects.Notification.systemDisplays = false;
    await control(sim, 'POST', `/accounts/${ids[0]}`, { status_code_info: 'cookies_expired' });
    await app.refreshNow();
    await electron.notifications[0]!.fail('Notifications are turned off');
    expect(tray().menu!.shown()).toContain('(Notifications are blocked by the system)');
    expect(tray().menu!.click('For 1 hour')).toBe(true);

    expect(await electron.ipcMain.invoke('notification:test')).toEqual({ ok: true, value: null });
    expect(titles()).toEqual([expect.stringMatching(/needs cookie re-sync$/), 'Lobstr Tray can notify you']);
    await electron.notifications[1]!.displayed();
    expect(tray().menu!.shown()).not.toContain('(Notifications are blocked by the system)');
    expect((await shown())?.notificationsBlocked ?? null).toBeNull();
  });

  it('says so from the start where the system has no notifications at all', async () => {
    electron = createFakeElectron({ userData: path.join(root, 'userData'), logs: path.join(root, 'logs') }, () => appPage, { supported: false });
    app = startTrayApp(electron.objects, { distDir, resourcesDir: path.join(repo, 'resources'), argv: [], platform: 'linux' });
    await app.ready;
    expect(tray().menu!.shown()).toContain('(Notifications are blocked by the system)');
  });

  it('goes amber on an unreadable answer but keeps the list, and recovers', async () => {
    await launch().ready;
    await connect();
    await fault(sim, { malformed: true, count: 1 });
    await app.refreshNow();
    expect(tray().icon).toBe('linux-error.png');
    expect(app.status().snapshot?.accounts).toHaveLength(6);
    expect((await shown())).toMatchObject({ total: 6, problem: { kind: 'invalid_response' } });
    expect(titles()).toEqual([]); // the icon says it; no notification for a server problem

    await app.refreshNow();
    expect(tray().icon).toBe('linux-ok.png');
    expect((await shown())?.problem).toBeNull();
  });

  it('says once that Lobstr rejected the key when it is revoked', async () => {
    await launch().ready;
    await connect();
    await fault(sim, { status: 401 }); // every request from now on
    await app.refreshNow();
    await app.refreshNow();
    expect(tray().icon).toBe('linux-error.png');
    expect(tray().tooltip).toMatch(/rejected the API key/);
    expect(titles()).toEqual(['Lobstr rejected the API key']);
  });

  it('stays quiet while notifications are paused from the tray menu, but the icon still turns red', async () => {
    await launch().ready;
    await connect();
    expect(tray().menu!.click('For 1 hour')).toBe(true);
    expect(tray().menu!.labels().some((l) => l.startsWith('Notifications paused until'))).toBe(true);
    await control(sim, 'POST', `/accounts/${ids[0]}`, { status: '401' });
    await app.refreshNow();
    expect(tray().icon).toBe('linux-alert.png');
    expect(titles()).toEqual([]);

    expect(tray().menu!.click('Resume notifications')).toBe(true);
    expect(tray().menu!.labels()).toContain('Pause notifications');
  });

  it('shows on macOS how many accounts need re-sync beside the icon, until the user turns the count off', async () => {
    await launch({ platform: 'darwin' }).ready;
    await connect();
    expect(tray().title).toBe('');
    for (const id of [ids[0]!, ids[4]!]) await control(sim, 'POST', `/accounts/${id}`, { status_code_info: 'cookies_expired' });
    await app.refreshNow();
    expect(tray().title).toBe('2');

    expect(await electron.ipcMain.invoke('settings:update', { showCountInMenuBar: false })).toMatchObject({
      ok: true,
      value: { settings: { showCountInMenuBar: false } },
    });
    expect(tray().title).toBe('');
    expect(tray().tooltip).toMatch(/2 of 6 accounts need re-sync/);

    await electron.ipcMain.invoke('settings:update', { showCountInMenuBar: true });
    expect(tray().title).toBe('2');
  });

  it('never lets the key reach the window, the log, or any file in clear', async () => {
    await launch().ready;
    await connect();
    await electron.ipcMain.invoke('account:get', ids[0]);
    for (const channel of electron.ipcMain.handlers.keys()) {
      if (channel === 'key:set' || channel === 'demo:start' || channel === 'window:hide') continue;
      expect(JSON.stringify(await electron.ipcMain.invoke(channel, ids[0]))).not.toContain(KEY);
    }
    const status = await electron.ipcMain.invoke('key:status');
    expect(status).toMatchObject({ ok: true, value: { set: true, hint: `…${KEY.slice(-4)}` } });
    expect(JSON.stringify(electron.windows.map((w) => w.webContents.sent))).not.toContain(KEY);
    const log = readFileSync(path.join(root, 'logs', 'lobstr-tray.log'), 'utf8');
    expect(log).toContain('Lobstr Tray'); // the log is written...
    const files = ['logs', 'userData'].flatMap((dir) =>
      (readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
        .filter((entry) => entry.isFile())
        .map((entry) => path.join(entry.parentPath, entry.name)),
    );
    expect(files.map((f) => path.basename(f))).toEqual(expect.arrayContaining(['api-key.json', 'settings.json', 'monitor-state.json']));
    for (const file of files) expect(readFileSync(file, 'utf8'), file).not.toContain(KEY); // ...and holds no key
  });
});

describe('the key goes only where it was checked', () => {
  it('never sends the key to a base URL on another origin: it asks for the key again there, and uses it once Lobstr accepted it there', async () => {
    await launch().ready;
    await connect();
    const second = await startSimulator({ port: 0, accounts: 3, seed: 5, token: KEY });
    onTestFinished(() => second.close());
    const secondHost = `127.0.0.1:${second.port}`;

    // One IPC call from the window moves the base URL to another origin.
    expect((await electron.ipcMain.invoke('settings:update', { apiBaseUrl: second.baseUrl })).ok).toBe(true);
    await app.refreshNow();
    electron.powerMonitor.emit('resume');
    await electron.ipcMain.invoke('monitor:refresh');
    await electron.ipcMain.invoke('account:get', ids[0]);

    expect((await requestLog(second)).filter((request) => request.authorization)).toEqual([]);
    expect(tray().icon).toBe('linux-setup.png');
    expect(tray().tooltip).toBe(`Lobstr Tray: enter your API key again for ${secondHost}`);
    expect(tray().menu!.labels()).toContain(`Enter your API key again for ${secondHost} (disabled)`);
    expect((await shown())).toMatchObject({ configured: false });
    expect(await electron.ipcMain.invoke('key:status')).toMatchObject({
      ok: true,
      value: { set: false, notice: expect.stringContaining(`Enter your API key again for ${secondHost}`) },
    });
    expect(titles()).toEqual([]); // not "Lobstr rejected the API key": nothing was asked

    // Entered again, checked with the second: from now on the key goes there, and only there.
    expect(await electron.ipcMain.invoke('key:set', KEY)).toMatchObject({ ok: true, value: { set: true } });
    await app.refreshNow();
    expect(app.status().snapshot?.accounts).toHaveLength(3);
    expect((await requestLog(second)).filter((request) => request.authorization).length).toBeGreaterThan(0);
    const keyFile = JSON.parse(readFileSync(path.join(root, 'userData', 'api-key.json'), 'utf8')) as { version: number; origin: string };
    expect(keyFile).toMatchObject({ version: 2, origin: second.origin });

    // And back: the first origin now needs the key again too.
    await control(sim, 'DELETE', '/requests');
    await electron.ipcMain.invoke('settings:update', { apiBaseUrl: sim.baseUrl });
    await app.refreshNow();
    expect((await requestLog(sim)).filter((request) => request.authorization)).toEqual([]);
    expect(tray().tooltip).toBe(`Lobstr Tray: enter your API key again for 127.0.0.1:${sim.port}`);
  });

  it('the demo keeps working whatever origin the key belongs to', async () => {
    await launch().ready;
    await connect();
    await electron.ipcMain.invoke('settings:update', { apiBaseUrl: 'https://lobstr.example.com/v1' });
    expect((await electron.ipcMain.invoke('demo:start')).ok).toBe(true);
    await app.refreshNow();
    expect(tray().icon).toBe('linux-alert.png');
    expect(app.status().snapshot?.accounts.length).toBeGreaterThan(0);
  });
});

describe('a system keyring still locked at login', () => {
  it('says it waits for the keyring instead of asking for the key, keeps the file, and reads the key once the keyring opens', async () => {
    await launch().ready;
    await connect();
    await app.shutdown();
    const keyFile = path.join(root, 'userData', 'api-key.json');
    const saved = readFileSync(keyFile);

    launch({ keyringRetryMs: 20, locked: true });
    await app.ready;
    expect(tray().icon).toBe('linux-setup.png');
    expect(tray().tooltip).toBe('Lobstr Tray: waiting for the system keyring to unlock');
    expect(await electron.ipcMain.invoke('key:status')).toMatchObject({
      ok: true,
      value: { set: false, waiting: true, notice: expect.stringMatching(/^Waiting for the system keyring/) },
    });
    expect(titles()).toEqual([]); // no "enter your key again"
    // Asked again and again while locked: still waiting, and the saved key is left as it is.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await electron.ipcMain.invoke('key:status');
    expect(tray().tooltip).toBe('Lobstr Tray: waiting for the system keyring to unlock');
    expect(readFileSync(keyFile).equals(saved)).toBe(true);

    // The user unlocks the keyring: the next retry reads the key, and the app watches again.
    electron.safeStorageState.locked = false;
    await vi.waitFor(() => expect(app.status().configured).toBe(true));
    await app.refreshNow();
    expect(tray().icon).toBe('linux-ok.png');
    expect(app.status().snapshot?.accounts).toHaveLength(6);
  });

  it('reads the key again when the window asks, without waiting for the next retry', async () => {
    await launch().ready;
    await connect();
    await app.shutdown();
    launch({ locked: true });
    await app.ready;
    expect(await electron.ipcMain.invoke('key:status')).toMatchObject({ ok: true, value: { waiting: true } });
    electron.safeStorageState.locked = false;
    expect(await electron.ipcMain.invoke('key:status')).toMatchObject({ ok: true, value: { set: true, waiting: false } });
    await vi.waitFor(() => expect(app.status().configured).toBe(true));
  });
});

describe('waking up', () => {
  it('checks at once when the machine resumes, is unlocked or comes back online, and redraws the icon', async () => {
    await launch().ready;
    await connect();
    await control(sim, 'DELETE', '/requests');
    await control(sim, 'POST', `/accounts/${ids[4]}`, { status_code_info: 'cookies_expired' });

    electron.powerMonitor.emit('resume');
    await vi.waitFor(() => expect(tray().icon).toBe('linux-alert.png'));
    expect((await requestLog(sim)).length).toBeGreaterThan(0);

    await control(sim, 'POST', `/accounts/${ids[4]}`, HEALTHY);
    electron.powerMonitor.emit('unlock-screen');
    await vi.waitFor(() => expect(tray().icon).toBe('linux-ok.png'));
  });

  it('checks when the network comes back', async () => {
    await launch({ onlineCheckMs: 20 }).ready;
    await connect();
    electron.online.value = false;
    await new Promise((r) => setTimeout(r, 60));
    await control(sim, 'DELETE', '/requests');
    electron.online.value = true;
    await vi.waitFor(async () => expect((await requestLog(sim)).length).toBeGreaterThan(0));
  });
});

describe('bad files', () => {
  it('moves a corrupt settings file aside, starts with defaults and tells the user', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(path.join(root, 'userData'), { recursive: true });
    writeFileSync(path.join(root, 'userData', 'settings.json'), '{"pollIntervalMinutes": 5,, oops');
    await launch().ready;
    expect(app.settings().pollIntervalMinutes).toBe(5);
    expect(readdirSync(path.join(root, 'userData')).some((f) => /^settings\.corrupt-.*\.json$/.test(f))).toBe(true);
    expect(electron.notifications.map((n) => n.options.body).join(' ')).toMatch(/settings/i);
    expect(tray().icon).toBe('linux-setup.png');
  });
});

describe('a restart', () => {
  it('shows the last state at once and does not notify again what the user already saw', async () => {
    await launch().ready;
    await connect();
    await control(sim, 'POST', `/accounts/${ids[1]}`, { status_code_info: 'cookies_expired' });
    await app.refreshNow();
    expect(titles()).toHaveLength(1);
    await app.shutdown();

    // While the app is closed, another account expires: that one is news.
    await control(sim, 'POST', `/accounts/${ids[3]}`, { status: '429' });
    await sim.close();

    launch();
    await app.ready;
    // The simulator is gone: the first poll fails, yet the last state shows.
    await app.refreshNow();
    expect(tray().icon).toBe('linux-alert.png');
    expect(app.status().snapshot?.accounts).toHaveLength(6);
    expect(titles()).toEqual([]);

    sim = await startSimulator({ port: sim.port, accounts: 6, seed: 11, token: KEY });
    for (const id of ids) await control(sim, 'POST', `/accounts/${id}`, HEALTHY);
    await control(sim, 'POST', `/accounts/${ids[1]}`, { status_code_info: 'cookies_expired' });
    await control(sim, 'POST', `/accounts/${ids[3]}`, { status: '429' });
    await app.refreshNow();
    expect(titles()).toHaveLength(1);
    expect(electron.notifications[0]!.options.body).toContain('status 429');
  });
});

describe('the application menu', () => {
  it.each(['linux', 'win32'] as const)('on %s the window has no menu bar: no File, no View › Toggle Developer Tools', async (platform) => {
    await launch({ platform }).ready;
    const window = electron.windows[0]!;
    expect(window.menuBar()?.shown() ?? null).toBeNull();
  });

  it('on macOS the menu bar holds the app menu, Edit (so copy and paste work in the key field) and Window, nothing more', async () => {
    await launch({ platform: 'darwin' }).ready;
    expect(electron.applicationMenu.getApplicationMenu()?.shown().map((top) => Object.keys(top as object)[0])).toEqual([
      'Lobstr Tray',
      'Edit',
      'Window',
    ]);
    expect(electron.applicationMenu.roles()).toEqual(
      expect.arrayContaining(['about', 'hide', 'quit', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'minimize', 'close']),
    );
    for (const role of ['toggleDevTools', 'reload', 'forceReload']) expect(electron.applicationMenu.roles()).not.toContain(role);
  });
});

describe('quitting', () => {
  it.each([
    ['the tray menu', 'linux', () => tray().choose('Quit')],
    ['Cmd+Q', 'darwin', () => electron.applicationMenu.chooseRole('quit')],
  ] as const)('quitting from %s waits for the app to stop, then closes the window for real and ends', async (_from, platform, quit) => {
    await launch({ platform }).ready;
    await connect();
    let trayGoneAtExit = false;
    electron.app.onExit(() => (trayGoneAtExit = tray().destroyed));
    quit();
    // Electron would end the process here unless the quit waits (before-quit listeners are not awaited).
    expect(electron.app.exited).toBe(false);
    await vi.waitFor(() => expect(electron.app.exitCode).toBe(0));
    expect(trayGoneAtExit).toBe(true);
    expect(electron.windows[0]!.destroyed).toBe(true);
  });

  it('a quit just as a notification appears still saves that it was shown: after a restart it is not shown again', async () => {
    const stateFile = path.join(root, 'userData', 'monitor-state.json');
    let quitWhenNotified = false;
    launch({}, (fakes) => {
      // The user quits from the tray the moment the notification appears, before the state is saved.
      fakes.objects.Notification = class extends fakes.objects.Notification {
        override show(): void {
          super.show();
          if (quitWhenNotified) tray().choose('Quit');
        }
      };
    });
    await app.ready;
    await connect();
    let onDiskAtExit = '';
    electron.app.onExit(() => (onDiskAtExit = readFileSync(stateFile, 'utf8')));
    quitWhenNotified = true;
    await control(sim, 'POST', `/accounts/${ids[1]}`, { status_code_info: 'cookies_expired' });
    void app.refreshNow();
    await vi.waitFor(() => expect(electron.app.exited).toBe(true));
    expect(titles()).toHaveLength(1);
    // Whatever the app wrote after the process ended never reached the disk.
    await app.shutdown();
    writeFileSync(stateFile, onDiskAtExit);

    launch();
    await app.ready;
    await app.refreshNow();
    expect(tray().icon).toBe('linux-alert.png');
    expect(titles()).toEqual([]);
  });
});

describe('the demo and the menu', () => {
  it('starts the demo without a key and groups what already needs re-sync', async () => {
    await launch().ready;
    const started = await electron.ipcMain.invoke('demo:start');
    expect(started.ok).toBe(true);
    await app.refreshNow();
    expect(tray().icon).toBe('linux-alert.png');
    expect(titles()).toEqual(['4 accounts need cookie re-sync']);
    expect(app.settings().demoMode).toBe(true);
    await electron.ipcMain.invoke('demo:stop');
    expect(tray().icon).toBe('linux-setup.png');
  });

  it('offers the demo from the tray menu while no key is set, and stops it from there', async () => {
    await launch().ready;
    expect(tray().menu!.labels()).toContain('Try with demo data');
    expect(tray().menu!.click('Try with demo data')).toBe(true);
    await vi.waitFor(() => expect(app.settings().demoMode).toBe(true));
    await app.refreshNow();
    expect(tray().icon).toBe('linux-alert.png');
    expect(tray().menu!.labels()).toContain('Stop the demo');
    expect(tray().menu!.labels()).not.toContain('Try with demo data');
    expect(tray().menu!.click('Stop the demo')).toBe(true);
    await vi.waitFor(() => expect(tray().icon).toBe('linux-setup.png'));
  });

  it("opens the window's link to the dashboard's API page in the browser, and no other site", async () => {
    await launch().ready;
    const contents = electron.windows[0]!.webContents;
    expect(contents.openHandler?.({ url: 'https://app.lobstr.io/dashboard/api' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'https://app.lobstr.io.evil.com/dashboard/api' })).toEqual({ action: 'deny' });
    expect(electron.opened.external).toEqual(['https://app.lobstr.io/dashboard/api']);
  });

  it('opens the log file and settings, and quits, from the menu', async () => {
    await launch().ready;
    expect(tray().menu!.click('Open log file')).toBe(true);
    expect(electron.opened.paths[0]).toMatch(/lobstr-tray\.log$/);
    expect(tray().menu!.click('Settings…')).toBe(true);
    expect(electron.windows.at(-1)!.webContents.sent).toContainEqual({
      channel: 'window:navigate',
      payload: { accountId: null, view: 'settings' },
    });
    expect(tray().menu!.click('Quit')).toBe(true);
    expect(electron.app.quitCalled).toBe(true);
    await app.shutdown();
    expect(tray().destroyed).toBe(true);
  });
});

describe('the network stack', () => {
  it("reaches Lobstr only through Electron's net.fetch (Chromium: proxy, PAC, OS certificates); lobstr-tray check through Node's http", async () => {
    const nodeFetch = vi.spyOn(globalThis, 'fetch');
    const nodeHttp = vi.spyOn(http, 'request');
    const toApi = (urls: string[]) => urls.filter((url) => url.startsWith(`${sim.baseUrl}/`));
    try {
      await launch().ready;
      await connect();
      expect((await electron.ipcMain.invoke('account:get', ids[0])).ok).toBe(true);
      // The key check, the poll and the details read: each through net.fetch, none through Node's fetch.
      expect(toApi(electron.net.requests.map((r) => r.url))).toEqual([
        `${sim.baseUrl}/accounts?page=1&limit=1`,
        `${sim.baseUrl}/accounts?page=1&limit=100`,
        `${sim.baseUrl}/accounts/${ids[0]}`,
      ]);
      expect(toApi(nodeFetch.mock.calls.map(([input]) => String(input)))).toEqual([]);
      expect(toApi(nodeHttp.mock.calls.map(([input]) => String(input)))).toEqual([]);

      // The command line: Node's http module (main/cli/nodeHttpFetch.ts), never Electron's stack.
      const viaNet = electron.net.requests.length;
      const recorded = recordingIo(['check', '--json'], { LOBSTR_API_KEY: KEY, LOBSTR_API_BASE: sim.baseUrl });
      expect(await runCli(recorded.io)).toBe(0);
      expect(toApi(nodeHttp.mock.calls.map(([input]) => String(input)))).toEqual([`${sim.baseUrl}/accounts?page=1&limit=100`]);
      expect(electron.net.requests).toHaveLength(viaNet);
    } finally {
      nodeFetch.mockRestore();
      nodeHttp.mockRestore();
    }
  });

  it("reads Chromium's failures: a port it refuses is said at once, as a setting to change", async () => {
    await launch().ready;
    expect((await electron.ipcMain.invoke('settings:update', { apiBaseUrl: 'http://127.0.0.1:9/v1' })).ok).toBe(true);
    const set = await electron.ipcMain.invoke('key:set', KEY);
    expect(set).toMatchObject({ ok: false, error: { kind: 'config' } });
    expect((set as { error: { message: string } }).error.message).toMatch(/port 9/);
    expect(electron.net.requests).toHaveLength(1);
  });
});

describe("the details view's Refresh", () => {
  const refreshDetails = (id: string) => electron.ipcMain.invoke('account:get', id);
  const listed = async (id: string) => (await shown())?.accounts.find((a) => a.id === id)?.health;

  it('feeds the monitor: an expiry seen there turns the tray red with one notification at once, and the next poll does not repeat it', async () => {
    await launch().ready;
    await connect();
    const account = ids[3]!;
    await control(sim, 'POST', `/accounts/${account}`, { status: '401', status_code_info: 'cookies_expired' });

    expect(await refreshDetails(account)).toMatchObject({ ok: true, value: { account: { id: account, health: 'needs_resync' } } });
    // The tray, the list and the details agree at once, before any poll.
    expect(tray().icon).toBe('linux-alert.png');
    expect(await listed(account)).toBe('needs_resync');
    expect(app.status().snapshot?.accounts.find((a) => a.id === account)?.status).toBe('401');
    expect(titles()).toHaveLength(1);
    expect(titles()[0]).toMatch(/needs cookie re-sync$/);

    await app.refreshNow();
    await app.refreshNow();
    expect(titles()).toHaveLength(1);

    // A recovery seen there is announced once too.
    await control(sim, 'POST', `/accounts/${account}`, HEALTHY);
    await refreshDetails(account);
    expect(tray().icon).toBe('linux-ok.png');
    expect(await listed(account)).toBe('ok');
    expect(titles()).toHaveLength(2);
    expect(titles()[1]).toMatch(/synchronized again$/);
    await app.refreshNow();
    expect(titles()).toHaveLength(2);
  });
});

describe("the details view's account, from the last check", () => {
  it('answers every field of an account the last check listed, without asking Lobstr; an unknown id is not_found, another page is refused', async () => {
    await launch().ready;
    await connect();
    const id = ids[2]!;
    const requests = (await requestLog(sim)).length;
    const listed = app.status().snapshot!.byId.get(id)!.account;

    const held = await windowView.account(id);
    if (!held.ok) throw new Error(held.error.message);
    expect(held.value.account).toMatchObject({ id, username: listed.username, health: 'ok', params: listed.params, cookies: listed.cookies, squids: listed.squids });
    expect(held.value.icon).toBe(listed.icon);
    expect(held.value.checkedAt).toBe(app.status().snapshot!.checkedAt);
    expect((await requestLog(sim)).length).toBe(requests);

    expect(await electron.ipcMain.invoke('account:held', 'ffffffffffffffffffffffffffffffff')).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    const elsewhere = { senderFrame: { url: 'https://elsewhere.invalid/index.html', parent: null } };
    expect(await electron.ipcMain.invokeFrom(elsewhere, 'account:held', id)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });
});

describe('launch at login', () => {
  const autostartFile = () => path.join(root, 'config', 'autostart', 'lobstr-tray.desktop');
  const switchedTo = async (on: boolean) => electron.ipcMain.invoke('settings:update', { launchAtLogin: on });
  const shown = async () => ((await electron.ipcMain.invoke('settings:get')) as { value: { settings: { launchAtLogin: boolean } } }).value.settings.launchAtLogin;

  it('Linux: is read back from the autostart folder at start, so a switch turned off in the desktop shows off', async () => {
    await launch().ready;
    expect(await switchedTo(true)).toMatchObject({ ok: true });
    expect(existsSync(autostartFile())).toBe(true);
    await app.shutdown();

    // Removed in the desktop's startup applications while the app was closed.
    rmSync(autostartFile());
    await launch().ready;
    expect(await shown()).toBe(false);
    expect(app.settings().launchAtLogin).toBe(false);
  });

  it("macOS: is read back from the system's login items at start", async () => {
    await launch({ platform: 'darwin' }).ready;
    expect(await switchedTo(true)).toMatchObject({ ok: true });
    expect(electron.app.loginItem).not.toBeNull();
    await app.shutdown();

    // A new start meets the login items as the user left them: removed in System Settings.
    await launch({ platform: 'darwin' }).ready;
    expect(electron.app.loginItem).toBeNull();
    expect(await shown()).toBe(false);
  });

  it('a change the system refuses is said next to the switch, which keeps showing what the system does', async () => {
    await launch({ platform: 'darwin' }).ready;
    electron.app.refuseLoginItems = true;
    const refused = await switchedTo(true);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'failed' } });
    expect((refused as { error: { message: string } }).error.message).toMatch(/System Settings › General › Login Items/);
    expect(await shown()).toBe(false);
  });

  it('Linux: an autostart folder that cannot be written is said next to the switch', async () => {
    writeFileSync(path.join(root, 'config'), 'a file where the config folder should be');
    await launch().ready;
    const refused = await switchedTo(true);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'failed' } });
    expect((refused as { error: { message: string } }).error.message).toMatch(/could not set itself to launch at login: .*lobstr-tray\.desktop could not be written/);
    expect(await shown()).toBe(false);
  });
});

describe('a poll, as the window, the tray and the state file see it', () => {
  const stateFile = () => path.join(root, 'userData', 'monitor-state.json');
  const snapshotPushes = () => electron.windows.flatMap((w) => w.webContents.sent.filter((s) => s.channel === 'snapshot:changed').map((s) => s.payload as SnapshotPush));

  it('pushes the window once per poll: nothing but a few hundred bytes when nothing changed, only the changed account otherwise', async () => {
    await launch().ready;
    await connect();
    const before = snapshotPushes().length;

    await app.refreshNow();
    const unchanged = snapshotPushes().slice(before);
    expect(unchanged).toHaveLength(1);
    expect(unchanged[0]).toMatchObject({ kind: 'delta', changes: { upserted: [], removed: [], icons: {} } });
    expect(v8.serialize(unchanged[0]).length).toBeLessThan(10_000);

    await control(sim, 'POST', `/accounts/${ids[2]}`, { status: '401', status_code_info: 'cookies_expired' });
    await app.refreshNow();
    const changed = snapshotPushes().slice(before + 1);
    expect(changed).toHaveLength(1);
    const delta = changed[0] as Extract<SnapshotPush, { kind: 'delta' }>;
    expect(delta.changes.upserted.map((a) => [a.id, a.health])).toEqual([[ids[2], 'needs_resync']]);
    // Its row: what the list shows, not every field (the details ask for those: account:held).
    expect(delta.changes.upserted[0]).not.toHaveProperty('params');
    expect(delta.changes.upserted[0]).toMatchObject({ status: '401', status_code_info: 'cookies_expired' });
    expect(delta.changes.removed).toEqual([]);
    // And the window, applying it, shows what a whole snapshot shows.
    const whole = (await electron.ipcMain.invoke('snapshot:get')) as IpcResult<{ snapshot: SnapshotView }>;
    expect((await shown())?.accounts).toEqual(whole.ok && whole.value.snapshot.accounts);
  });

  it('does not rebuild the tray menu, nor write the state file, for a poll where nothing changed', async () => {
    await launch().ready;
    await connect();
    const menuBuilds = () => tray().calls.filter((c) => c === 'setContextMenu').length;
    const builds = menuBuilds();
    const written = statSync(stateFile());
    const text = readFileSync(stateFile(), 'utf8');

    await new Promise((resolve) => setTimeout(resolve, 20));
    await app.refreshNow();
    await app.refreshNow();
    expect(menuBuilds()).toBe(builds);
    expect(statSync(stateFile()).mtimeMs).toBe(written.mtimeMs);
    expect(readFileSync(stateFile(), 'utf8')).toBe(text);
    // The check's time still reaches the user, in the tooltip.
    expect(tray().tooltip).toMatch(/all 6 accounts OK · checked \d\d:\d\d$/);

    await control(sim, 'POST', `/accounts/${ids[1]}`, { status: '401', status_code_info: 'cookies_expired' });
    await app.refreshNow();
    expect(menuBuilds()).toBe(builds + 1);
    expect(readFileSync(stateFile(), 'utf8')).not.toBe(text);
  });

  it('judges the accounts again at once when the "status 429 means re-sync" setting changes, without asking Lobstr', async () => {
    await launch().ready;
    await connect();
    await control(sim, 'POST', `/accounts/${ids[0]}`, { status: '429', status_code_info: 'synchronized' });
    await app.refreshNow();
    expect(tray().icon).toBe('linux-alert.png');
    const requests = (await requestLog(sim)).length;

    expect((await electron.ipcMain.invoke('settings:update', { status429NeedsResync: false })).ok).toBe(true);
    await vi.waitFor(() => expect(tray().icon).toBe('linux-ok.png'));
    expect((await shown())?.accounts.find((a) => a.id === ids[0])?.health).toBe('attention');
    expect((await requestLog(sim)).length).toBe(requests);
  });
});
