/**
 * Re-sync in the assembled tray app (main/electron/trayApp.ts on the fakes of Electron, against the
 * simulator): started from the window, through the login window (the platform's page in a session of
 * the account's own) or pasted cookies; the account turns green in the tray and the window at once,
 * with no "synchronized again" notification; the login session is cleared after.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTrayApp, type TrayAppHandle } from '../../main/electron/trayApp.js';
import type { Account } from '../../main/core/lobstr/account.js';
import type { HeldAccount, IpcResult, ResyncPush, ResyncView, PastedCookies } from '../../main/shared/ipcContract.js';
import { startSimulator, type RunningSimulator } from '../../main/simulator/server.js';
import { createFakeElectron, type FakeBrowserWindow, type FakeElectron } from '../helpers/fakeElectron.js';
import { FakeBaseWindow, latestLoginSite } from '../helpers/fakeElectron/loginWindow.js';
import { control, requestLog, simulatorAccountIds } from '../helpers/simulatorHarness.js';
import { WindowSnapshot } from '../helpers/windowSnapshot.js';

vi.mock('electron', () => {
  const stub = { app: undefined, ipcMain: undefined, shell: { openPath: async () => '' } };
  return { default: stub, ...stub };
});

const KEY = '5eed5eed5eed5eed5eed5eed5eed5eed';
const repo = process.cwd();
const distDir = path.join(repo, 'dist');
const appPage = pathToFileURL(path.join(distDir, 'renderer', 'index.html')).href;
const HEALTHY = { status: '200', status_code_info: 'synchronized', status_code_description: 'Success!', lock_time: null, resets_in: null };
const EXPIRED = { status: '401', status_code_info: 'cookies_expired', status_code_description: 'Cookies expired.' };
const SECRET = 'AQEDAR-do-not-leak-7c1e';

let sim: RunningSimulator;
let root: string;
let electron: FakeElectron;
let app: TrayAppHandle<FakeBrowserWindow>;
let windowView: WindowSnapshot;
let expiredId: string;

async function held(id: string): Promise<Account> {
  const answer = (await electron.ipcMain.invoke('account:held', id)) as IpcResult<HeldAccount>;
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value.account as unknown as Account;
}

/** The re-sync pushes the window received for `id`, in order. */
const pushes = (id: string): ResyncView[] =>
  electron.windows
    .at(-1)!
    .webContents.sent.filter((s) => s.channel === 'resync:changed')
    .map((s) => s.payload as ResyncPush)
    .filter((p) => p.accountId === id)
    .map((p) => p.progress);

const lastStep = (id: string) => pushes(id).at(-1)?.step;
const tray = () => electron.trays.at(-1)!;
/** The tray menu's entry (a submenu) for the account named `username`. */
function accountEntry(username: string): string {
  for (const entry of tray().shownMenu()) {
    const label = typeof entry === 'object' && entry !== null ? Object.keys(entry)[0] : undefined;
    if (label?.includes(username)) return label;
  }
  throw new Error(`no tray menu entry for ${username} in ${JSON.stringify(tray().shownMenu())}`);
}

beforeEach(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'lobstr-resync-app-'));
  sim = await startSimulator({ port: 0, accounts: 4, seed: 5, token: KEY });
  const ids = await simulatorAccountIds(sim);
  for (const id of ids) await control(sim, 'POST', `/accounts/${id}`, HEALTHY);
  expiredId = ids[1]!;
  await control(sim, 'POST', `/accounts/${expiredId}`, EXPIRED);
  // Quick tasks: done by the re-sync's first read of the task, 2 s after sending.
  await control(sim, 'POST', '/sync', { outcome: 'ok', steps_ms: [50, 100] });

  electron = createFakeElectron({ userData: path.join(root, 'userData'), logs: path.join(root, 'logs') }, () => appPage, { platform: 'linux' });
  electron.app.platform = 'linux';
  windowView = new WindowSnapshot(electron.ipcMain, () => electron.windows);
  app = startTrayApp(electron.objects, { distDir, resourcesDir: path.join(repo, 'resources'), argv: [], platform: 'linux', env: { XDG_CONFIG_HOME: path.join(root, 'config') } });
  await app.ready;
  await windowView.current();
  expect((await electron.ipcMain.invoke('settings:update', { apiBaseUrl: sim.baseUrl })).ok).toBe(true);
  expect(await electron.ipcMain.invoke('key:set', KEY)).toMatchObject({ ok: true });
  await app.refreshNow();
  expect(tray().icon).toBe('linux-alert.png');
});

afterEach(async () => {
  await app?.shutdown();
  await sim.close();
  rmSync(root, { recursive: true, force: true });
});

describe('re-sync through the login window', () => {
  it("takes the cookies once the person is signed in, and the account turns green at once, without a notification", async () => {
    const account = await held(expiredId);
    const required = account.cookies.filter((c) => c.required).map((c) => c.name);
    const started = (await electron.ipcMain.invoke('resync:start', { accountId: expiredId, via: 'login', keepSignedIn: false })) as IpcResult<ResyncView>;
    expect(started).toMatchObject({ ok: true, value: { step: 'waiting_for_login', have: 0, need: required.length } });

    const window = FakeBaseWindow.created.at(-1)!;
    const login = latestLoginSite();
    expect(window.title.startsWith('Log in to ')).toBe(true);
    expect(window.title.endsWith(` as ${account.username}`)).toBe(true);
    const host = new URL(account.baseurl).hostname;
    for (const name of required) await login.siteSetsCookie({ name, value: SECRET, domain: host, httpOnly: true, url: `${account.baseurl}/` });
    await login.siteGoesTo(`${account.baseurl}/home`);

    await vi.waitFor(() => expect(lastStep(expiredId)).toBe('done'), { timeout: 10_000, interval: 50 });
    expect(pushes(expiredId).map((p) => p.step)).toEqual(expect.arrayContaining(['waiting_for_login', 'sending', 'synchronizing', 'done']));
    // The window closed once the cookies were taken, and its session was cleared after.
    expect(window.isDestroyed()).toBe(true);
    expect(login.isDestroyed()).toBe(true);
    await vi.waitFor(() => expect(login.session.cookies.all()).toEqual([]));
    // Green everywhere at once, no poll needed, and no "synchronized again" notification.
    expect(tray().icon).toBe('linux-ok.png');
    expect((await windowView.current())!.accounts.find((a) => a.id === expiredId)!.health).toBe('ok');
    expect(electron.notifications.map((n) => n.options.title).filter((t) => /synchroni[sz]ed again|recovered/i.test(t))).toEqual([]);
    // Lobstr got the names it needs; nothing the app pushed or the simulator logged holds a value.
    const sent = (await requestLog(sim)).find((r) => r.method === 'POST' && r.path.endsWith('/accounts/cookies'));
    expect((sent as unknown as { cookie_names: string[] }).cookie_names.sort()).toEqual([...required].sort());
    expect(JSON.stringify(electron.windows.at(-1)!.webContents.sent)).not.toContain(SECRET);
    expect(JSON.stringify(await requestLog(sim))).not.toContain(SECRET);
    // The app's log says what was sent by name, and how it ended; never a value.
    const log = readFileSync(path.join(root, 'logs', 'lobstr-tray.log'), 'utf8');
    expect(log).toContain(`Re-sync of ${expiredId}: sending ${required.join(', ')} to Lobstr`);
    expect(log).toContain(`Re-sync of ${expiredId}: synchronized`);
    expect(log).not.toContain(SECRET);
  });

  it('is cancelled when the person closes the login window, and nothing is sent', async () => {
    await electron.ipcMain.invoke('resync:start', { accountId: expiredId, via: 'login', keepSignedIn: false });
    FakeBaseWindow.created.at(-1)!.userCloses();
    await vi.waitFor(() => expect(lastStep(expiredId)).toBe('cancelled'));
    expect((await requestLog(sim)).some((r) => r.method === 'POST')).toBe(false);
    expect(tray().icon).toBe('linux-alert.png');
  });

  it('keeps the login session when the person asked to stay signed in there', async () => {
    const account = await held(expiredId);
    await electron.ipcMain.invoke('resync:start', { accountId: expiredId, via: 'login', keepSignedIn: true });
    const login = latestLoginSite();
    for (const c of account.cookies) await login.siteSetsCookie({ name: c.name, value: 'v', domain: new URL(account.baseurl).hostname, url: `${account.baseurl}/` });
    await login.siteGoesTo(`${account.baseurl}/home`);
    await vi.waitFor(() => expect(lastStep(expiredId)).toBe('done'), { timeout: 10_000, interval: 50 });
    expect(login.session.cookies.all().length).toBeGreaterThan(0);
    expect(login.session.storageCleared).toEqual([]);
  });

  it('refuses a second re-sync of the same account while one runs, and an account the last check does not hold', async () => {
    await electron.ipcMain.invoke('resync:start', { accountId: expiredId, via: 'login', keepSignedIn: false });
    expect(await electron.ipcMain.invoke('resync:start', { accountId: expiredId, via: 'login', keepSignedIn: false })).toMatchObject({
      ok: false,
      error: { kind: 'failed', message: expect.stringMatching(/already running/) },
    });
    expect(FakeBaseWindow.created).toHaveLength(1);
    expect(await electron.ipcMain.invoke('resync:start', { accountId: 'ffffffffffffffffffffffffffffffff', via: 'login', keepSignedIn: false })).toMatchObject({
      ok: false,
      error: { kind: 'not_found' },
    });
    await electron.ipcMain.invoke('resync:cancel', expiredId);
    await vi.waitFor(() => expect(lastStep(expiredId)).toBe('cancelled'));
  });
});

describe('re-sync from the tray menu', () => {
  it('"Re-sync…" under the account opens its sign-in page at once and the window on its details; signing in turns it green', async () => {
    const account = await held(expiredId);
    const label = accountEntry(account.username);
    const appWindow = electron.windows.at(-1)!;
    appWindow.hide();
    tray().choose(label, 'Re-sync…');

    // One click: the platform's page is up, and the app window shows the account with its re-sync.
    expect(FakeBaseWindow.created).toHaveLength(1);
    expect(FakeBaseWindow.created[0]!.title.endsWith(` as ${account.username}`)).toBe(true);
    expect(appWindow.visible).toBe(true);
    expect(appWindow.webContents.sent).toContainEqual({ channel: 'window:navigate', payload: { accountId: expiredId, resync: true } });
    await vi.waitFor(() => expect(lastStep(expiredId)).toBe('waiting_for_login'));

    const login = latestLoginSite();
    for (const c of account.cookies.filter((c) => c.required)) {
      await login.siteSetsCookie({ name: c.name, value: SECRET, domain: new URL(account.baseurl).hostname, url: `${account.baseurl}/` });
    }
    await login.siteGoesTo(`${account.baseurl}/home`);
    await vi.waitFor(() => expect(lastStep(expiredId)).toBe('done'), { timeout: 10_000, interval: 50 });
    expect(tray().icon).toBe('linux-ok.png');
    // The same steps as the _electron test's re-sync (tests/electron/app.spec.ts): the window gone, its session cleared.
    expect(login.isDestroyed()).toBe(true);
    await vi.waitFor(() => expect(login.session.cookies.all()).toEqual([]));
  });

  it('"Re-sync…" again while that re-sync runs opens no second sign-in page, only the details showing it', async () => {
    const label = accountEntry((await held(expiredId)).username);
    tray().choose(label, 'Re-sync…');
    tray().choose(label, 'Re-sync…');
    expect(FakeBaseWindow.created).toHaveLength(1);
    const navigations = electron.windows.at(-1)!.webContents.sent.filter((s) => s.channel === 'window:navigate');
    expect(navigations.map((n) => n.payload)).toEqual([{ accountId: expiredId, resync: true }, { accountId: expiredId, resync: true }]);
    FakeBaseWindow.created[0]!.userCloses();
    await vi.waitFor(() => expect(lastStep(expiredId)).toBe('cancelled'));
  });

  it('"Show details" opens the window on the account without starting anything', async () => {
    const account = await held(expiredId);
    const label = accountEntry(account.username);
    tray().choose(label, 'Show details');
    expect(FakeBaseWindow.created).toEqual([]);
    expect(electron.windows.at(-1)!.webContents.sent).toContainEqual({ channel: 'window:navigate', payload: { accountId: expiredId } });
  });
});

describe('re-sync from pasted cookies', () => {
  it('says which cookies the text holds, then sends them, and the account turns green', async () => {
    const account = await held(expiredId);
    const [first, ...rest] = account.cookies.filter((c) => c.required).map((c) => c.name);
    const partial = (await electron.ipcMain.invoke('resync:checkPaste', { accountId: expiredId, text: `${first}=${SECRET}` })) as IpcResult<PastedCookies>;
    expect(partial).toMatchObject({ ok: true, value: { format: 'Cookie header', found: [first], missing: rest } });
    expect(JSON.stringify(partial)).not.toContain(SECRET);
    expect(await electron.ipcMain.invoke('resync:start', { accountId: expiredId, via: 'paste', text: `${first}=${SECRET}` })).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });

    const header = [first, ...rest].map((name) => `${name}=${SECRET}`).join('; ');
    expect(await electron.ipcMain.invoke('resync:start', { accountId: expiredId, via: 'paste', text: header })).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(lastStep(expiredId)).toBe('done'), { timeout: 10_000, interval: 50 });
    expect(tray().icon).toBe('linux-ok.png');
    expect(FakeBaseWindow.created).toEqual([]);
    expect(await electron.ipcMain.invoke('resync:get', expiredId)).toMatchObject({ ok: true, value: { step: 'done' } });
  });
});
