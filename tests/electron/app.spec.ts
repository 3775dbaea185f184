/**
 * The real Electron app, through Playwright's Electron driver, against the simulator: the window
 * opens with the preload's API and without Node.js; a key set through the window is checked and
 * stored; when an account expires (through the simulator's control API) the tray turns red and a
 * notification is raised. Both are read through Electron's own objects in the main process (the
 * image the Tray shows, decoded by nativeImage; the Menu attached to it; the Notification instances
 * the app created), recorded by main/electron/e2eProbe.ts, which main/index.ts installs only under
 * LOBSTR_TRAY_E2E=1. A re-sync started from the tray menu's "Re-sync…" opens the login window;
 * the test plays the platform's site in that window's own session (its pages served by the session's
 * protocol handler, so nothing leaves the machine) and sets the account's cookies into that session
 * through the main process, and the account turns green. Runs wherever an Electron binary exists (after `npm start` has fetched one on a
 * machine with internet); reports itself skipped, with the reason, where none does.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { findElectronBinary } from '../../scripts/electron-binary.js';
import { accountName } from '../../main/core/monitor/alertPlanner.js';
import type { TrayState } from '../../main/core/appModel.js';
import type { Account } from '../../main/core/lobstr/account.js';
import { loginPagesFor, loginTitle } from '../../main/core/resync/loginPages.js';
import { loginPartition } from '../../main/electron/loginWindow.js';
import type { E2EProbe } from '../../main/electron/e2eProbe.js';
import { TRAY_STATES, trayIconFile } from '../../main/electron/trayIcons.js';
import { startSimulator, type RunningSimulator } from '../../main/simulator/server.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
const binary = findElectronBinary();
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

test.skip(
  binary === null,
  'No Electron binary on this machine: node_modules/electron has no dist/ and it could not be downloaded (npm start fetches it where there is internet)',
);
test.skip(noDisplay, 'No display for Electron: run under a desktop session or xvfb-run');

/** What main/index.ts installs under LOBSTR_TRAY_E2E=1. */
interface E2EHooks {
  probe: E2EProbe<Electron.NativeImage, Electron.Menu>;
  trayState(): string | null;
  tooltip(): string | null;
  refresh(): Promise<void>;
}
type WithHooks = typeof globalThis & { lobstrTrayE2E: E2EHooks };

let sim: RunningSimulator;
let userData: string;
let app: ElectronApplication;

test.beforeEach(async () => {
  sim = await startSimulator({ port: 0, accounts: 5, seed: 21, token: 'e2e-token-0123456789abcdef' });
  userData = mkdtempSync(path.join(tmpdir(), 'lobstr-e2e-'));
  // Launched on the app folder, as `npm start` does: Electron reads package.json "main".
  app = await electron.launch({
    executablePath: binary ?? '',
    args: [repoRoot],
    env: { ...process.env, LOBSTR_TRAY_E2E: '1', LOBSTR_TRAY_USER_DATA: userData },
  });
});

test.afterEach(async () => {
  await app?.close();
  await sim?.close();
  rmSync(userData, { recursive: true, force: true });
});

// Read in the main process. The functions are sent there as text: they use only their arguments.
const trayState = () => app.evaluate(() => (globalThis as WithHooks).lobstrTrayE2E.trayState());
const tooltip = () => app.evaluate(() => (globalThis as WithHooks).lobstrTrayE2E.tooltip());
const refresh = () => app.evaluate(() => (globalThis as WithHooks).lobstrTrayE2E.refresh());

/** Each state's icon file, as the app picks it for this platform. */
const iconFiles = Object.fromEntries(
  TRAY_STATES.map((state) => [state, path.join(repoRoot, 'resources', 'tray', trayIconFile(state, process.platform).name)]),
) as Record<TrayState, string>;

/**
 * Which state's icon the Tray shows: its current NativeImage compared, pixel data against pixel data,
 * with each icon file loaded by nativeImage. Null without a live tray.
 */
const trayImageState = () =>
  app.evaluate(({ nativeImage }, files) => {
    const { tray, trayImage } = (globalThis as WithHooks).lobstrTrayE2E.probe;
    if (!tray || (tray as Electron.Tray).isDestroyed() || !trayImage || trayImage.isEmpty()) return null;
    const shown = trayImage.toDataURL();
    return Object.entries(files).find(([, file]) => nativeImage.createFromPath(file).toDataURL() === shown)?.[0] ?? 'unknown';
  }, iconFiles);

/** The labels of the Menu attached to the Tray (Electron's MenuItems), submenus left closed. */
const trayMenuLabels = () =>
  app.evaluate(() => (globalThis as WithHooks).lobstrTrayE2E.probe.trayMenu?.items.map((item) => item.label) ?? null);

/** The Notification objects the app created and still holds, as Electron reports them. */
const notifications = () =>
  app.evaluate(({ Notification }) =>
    (globalThis as WithHooks).lobstrTrayE2E.probe.notifications
      .map((ref) => ref.deref())
      .filter((n): n is Electron.Notification => n instanceof Notification)
      .map((n) => ({ title: n.title, body: n.body })),
  );

test('the window opens with the preload API and without Node.js', async () => {
  const window = await app.firstWindow();
  await expect(window).toHaveTitle('Lobstr Tray');
  const bridge = await window.evaluate(() => {
    const api = (globalThis as { lobstr?: Record<string, unknown> }).lobstr ?? {};
    return { version: api.version, platform: api.platform, functions: Object.keys(api).filter((k) => typeof api[k] === 'function').sort() };
  });
  expect(bridge.version).toBe(version);
  expect(bridge.platform).toBe(process.platform);
  expect(bridge.functions).toEqual(expect.arrayContaining(['getSnapshot', 'onSnapshot', 'refresh', 'setKey', 'getAccount']));
  expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  expect(await trayState()).toBe('setup');
  await expect.poll(trayImageState).toBe('setup');
  expect((await trayMenuLabels())?.[0]).toBe('Open Lobstr Tray');
});

/** The key and base URL set through the window, as a person does in onboarding. */
async function connect(): Promise<void> {
  const window = await app.firstWindow();
  const setUp = await window.evaluate(
    async ({ baseUrl, token }) => {
      const api = (globalThis as unknown as { lobstr: { updateSettings(p: unknown): Promise<{ ok: boolean }>; setKey(k: string): Promise<{ ok: boolean }> } }).lobstr;
      const settings = await api.updateSettings({ apiBaseUrl: baseUrl });
      const key = await api.setKey(token);
      return settings.ok && key.ok;
    },
    { baseUrl: sim.baseUrl, token: sim.token },
  );
  expect(setUp).toBe(true);
}

/** Every account healthy, as the simulator's control API sets them; the list, in its order. */
async function allHealthy(): Promise<Array<{ id: string; username: string }>> {
  const accounts = (await (await fetch(`${sim.origin}/__sim/accounts`)).json()) as Array<{ id: string; username: string }>;
  const healthy = { status: '200', status_code_info: 'synchronized', lock_time: null };
  for (const a of accounts) {
    await fetch(`${sim.origin}/__sim/accounts/${a.id}`, { method: 'POST', body: JSON.stringify(healthy) });
  }
  return accounts;
}

test('an account expiring turns the tray red and raises one notification', async () => {
  await connect();
  // Make every account healthy, then expire one.
  const accounts = await allHealthy();
  await refresh();
  expect(await trayState()).toBe('ok');
  expect(await trayImageState()).toBe('ok');

  await fetch(`${sim.origin}/__sim/accounts/${accounts[0]!.id}`, {
    method: 'POST',
    body: JSON.stringify({ status_code_info: 'cookies_expired' }),
  });
  await refresh();
  expect(await trayState()).toBe('alert');
  expect(await trayImageState()).toBe('alert');
  expect(await tooltip()).toContain('1 of 5 accounts needs re-sync');
  expect(await trayMenuLabels()).toContainEqual(expect.stringContaining('1 of 5 accounts needs re-sync'));
  // Where the system has no notifications (no libnotify), the app says so in the menu instead.
  if (await app.evaluate(({ Notification }) => Notification.isSupported())) {
    expect(await notifications()).toEqual([
      { title: `${accountName(accounts[0]!)} needs cookie re-sync`, body: expect.stringContaining('cookies expired') },
    ]);
  } else {
    expect(await notifications()).toEqual([]);
    expect(await trayMenuLabels()).toContain('Notifications are blocked by the system');
  }
});

test('"Re-sync…" in the tray menu: signing in on the login window turns the account green', async () => {
  await connect();
  const accounts = await allHealthy();
  const id = accounts[0]!.id;
  await fetch(`${sim.origin}/__sim/accounts/${id}`, { method: 'POST', body: JSON.stringify({ status_code_info: 'cookies_expired' }) });
  // Quick sync tasks: done by the re-sync's first read of the task.
  await fetch(`${sim.origin}/__sim/sync`, { method: 'POST', body: JSON.stringify({ outcome: 'ok', steps_ms: [100, 200] }) });
  await refresh();
  expect(await trayState()).toBe('alert');

  // The account as Lobstr sends it: its site and the cookies it needs.
  const account = (await (await fetch(`${sim.baseUrl}/accounts/${id}`, { headers: { Authorization: `Token ${sim.token}` } })).json()) as Account;
  const pages = loginPagesFor(account);
  const site = {
    partition: loginPartition(id),
    title: loginTitle(account),
    cookieUrl: pages.cookieUrl,
    names: account.cookies.filter((c) => c.required).map((c) => c.name),
    // A page past sign-in (no platform's sign-in, checkpoint or challenge path).
    home: new URL('/home', pages.cookieUrl).href,
  };

  // The platform's site, played in the account's own session before the window opens: every page a
  // plain local answer, so no request leaves the machine and no real account is involved.
  await app.evaluate(({ session }, partition) => {
    session.fromPartition(partition).protocol.handle('https', (request) => {
      const page = `<!doctype html><title>${new URL(request.url).pathname}</title><p>A page of the platform</p>`;
      return new Response(page, { headers: { 'content-type': 'text/html' } });
    });
  }, site.partition);

  // "Re-sync…" under the account: Electron's own MenuItem in the Menu attached to the Tray, clicked.
  const clicked = await app.evaluate((_electron, itemId) => {
    const item = (globalThis as WithHooks).lobstrTrayE2E.probe.trayMenu?.getMenuItemById(itemId);
    item?.click();
    return item?.label ?? null;
  }, `resync:${id}`);
  expect(clicked).toBe('Re-sync…');
  // A BaseWindow titled with what to do, the platform's page in a view of its own (main/electron/loginWindow.ts).
  const loginWindowOpen = () =>
    app.evaluate(({ BaseWindow }, title) => BaseWindow.getAllWindows().some((w) => !w.isDestroyed() && w.getTitle() === title), site.title);
  await expect.poll(loginWindowOpen).toBe(true);

  // The person signs in: the site's cookies land in that window's session (set here through the main
  // process, HttpOnly as the platforms set them), and the site leaves its sign-in page.
  await app.evaluate(async ({ session, webContents }, { partition, cookieUrl, names, home }) => {
    const ses = session.fromPartition(partition);
    for (const name of names) await ses.cookies.set({ url: cookieUrl, name, value: `e2e-${name}-value`, httpOnly: true, secure: true });
    // The platform's page: the one web contents in the account's own session.
    const page = webContents.getAllWebContents().find((contents) => !contents.isDestroyed() && contents.session === ses);
    // The window closes once the cookies are taken, which may cut this load short.
    await page?.loadURL(home).catch(() => undefined);
  }, site);

  await expect.poll(trayState, { timeout: 20_000 }).toBe('ok');
  await expect.poll(trayImageState).toBe('ok');
  // The login window is gone, and its session cleared ("keep me logged in here" was not ticked).
  expect(await loginWindowOpen()).toBe(false);
  await expect
    .poll(() => app.evaluate(({ session }, partition) => session.fromPartition(partition).cookies.get({}).then((c) => c.length), site.partition))
    .toBe(0);
  // Lobstr got the cookies' names it needs (the simulator keeps names, never values).
  const log = (await (await fetch(`${sim.origin}/__sim/requests`)).json()) as Array<{ method: string; path: string; cookie_names?: string[] }>;
  const sent = log.find((r) => r.method === 'POST' && r.path.endsWith('/accounts/cookies'));
  expect([...(sent?.cookie_names ?? [])].sort()).toEqual([...site.names].sort());
});

test('the window: no Electron default menu, no permission for the page, copying through the app', async () => {
  const window = await app.firstWindow();
  // Windows and Linux: no menu bar at all; macOS: the app's own minimal menu (no View › Toggle Developer Tools).
  const roles = await app.evaluate(({ Menu }) => {
    const collect = (menu: Electron.Menu | null | undefined): string[] =>
      (menu?.items ?? []).flatMap((item) => [String(item.role ?? '').toLowerCase(), ...collect(item.submenu)]);
    const menu = Menu.getApplicationMenu();
    return menu === null ? null : collect(menu);
  });
  if (process.platform === 'darwin') {
    expect(roles).toEqual(expect.arrayContaining(['copy', 'paste', 'selectall', 'quit']));
    expect(roles).not.toContain('toggledevtools');
  } else {
    expect(roles).toBeNull();
  }

  // The page's own clipboard is refused; the app's copy goes through Electron's clipboard.
  type Page = { navigator: { clipboard: { writeText(text: string): Promise<void> } }; lobstr: { copyText(text: string): Promise<{ ok: boolean }> } };
  const own = await window.evaluate(() =>
    (globalThis as unknown as Page).navigator.clipboard.writeText('x').then(() => 'written', (e: Error) => e.name),
  );
  expect(own).toBe('NotAllowedError');
  const copied = await window.evaluate(() => (globalThis as unknown as Page).lobstr.copyText('lobstr-tray-e2e-copy'));
  expect(copied.ok).toBe(true);
  expect(await app.evaluate(({ clipboard }) => clipboard.readText())).toBe('lobstr-tray-e2e-copy');
});
