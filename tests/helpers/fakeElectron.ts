/**
 * A small stand-in for the Electron objects the tray app uses, recording what a user would see:
 * the tray's icon, tooltip and menu, the notifications shown, the window and what was pushed to
 * it. There is no Electron runtime on our machines; these fakes let the whole app run in Node.
 * The fakes themselves live in fakeElectron/ (the unit tests of each adapter use them too); this
 * file puts them together as the one object startTrayApp takes.
 */
import electronLog from 'electron-log/node';
import type { SafeStorageApi } from '../../main/electron/safeStorageSecretStore.js';
import type { TrayMenuTemplateItem } from '../../main/electron/tray.js';
import { FakeApp } from './fakeElectron/app.js';
import { FakeApplicationMenu } from './fakeElectron/appMenu.js';
import { Emitter } from './fakeElectron/emitter.js';
import { FakeIpcMain } from './fakeElectron/ipcMain.js';
import { FakeNet } from './fakeElectron/net.js';
import { FakeBaseWindow, FakeWebContentsView } from './fakeElectron/loginWindow.js';
import { FakeSessionModule } from './fakeElectron/session.js';
import { fakeNotificationClass, type FakeNotificationClass, type FakeNotificationOptions, type ShownNotification } from './fakeElectron/notification.js';
import { createFakeSafeStorage, type FakeSafeStorageOptions, type FakeSafeStorageState } from './fakeElectron/safeStorage.js';
import { fakeTrayElectron, type FakeImage, type FakeMenu, type FakeTray } from './fakeElectron/tray.js';
import { FakeBrowserWindow } from './fakeElectron/window.js';

export { FakeApp, FakeDock } from './fakeElectron/app.js';
export { FakeApplicationMenu, rolesOf } from './fakeElectron/appMenu.js';
export { FakeIpcMain } from './fakeElectron/ipcMain.js';
export { FakeNet, type NetRequest } from './fakeElectron/net.js';
export { FakeNotification, fakeNotificationClass, ShownNotification, type FakeNotificationClass } from './fakeElectron/notification.js';
export { createFakeSafeStorage } from './fakeElectron/safeStorage.js';
export { FakeImage, FakeMenu, FakeTray, fakeTrayElectron } from './fakeElectron/tray.js';
export { FakeBrowserWindow, FakeWebContents } from './fakeElectron/window.js';

/** A safeStorage on a machine with a keyring. */
export const fakeSafeStorage: SafeStorageApi = createFakeSafeStorage().api;

export interface FakeElectron {
  app: FakeApp;
  trays: FakeTray[];
  windows: FakeBrowserWindow[];
  /** Menu.setApplicationMenu's state: Electron's default menu until the app sets one. */
  applicationMenu: FakeApplicationMenu;
  /** What the system showed, in order (the click, dismissal or timeout of each is the user's). */
  notifications: ShownNotification[];
  ipcMain: FakeIpcMain;
  opened: { external: string[]; paths: string[] };
  /** What the app put on the clipboard, oldest first (Electron's clipboard.writeText). */
  clipboard: string[];
  powerMonitor: Emitter;
  online: { value: boolean };
  /** Electron's net: what the app sent through net.fetch. */
  net: FakeNet;
  /** What the fake safeStorage reports from now on (lock or unlock the keyring). */
  safeStorageState: FakeSafeStorageState;
  /** The object startTrayApp takes. */
  objects: {
    app: FakeApp;
    BrowserWindow: typeof FakeBrowserWindow;
    Tray: new (image: FakeImage) => FakeTray;
    Menu: {
      buildFromTemplate(template: TrayMenuTemplateItem[]): FakeMenu;
      setApplicationMenu(menu: FakeMenu | null): void;
      getApplicationMenu(): FakeMenu | null;
    };
    nativeImage: { createFromPath(file: string): FakeImage };
    Notification: FakeNotificationClass;
    ipcMain: FakeIpcMain;
    safeStorage: SafeStorageApi;
    shell: { openExternal(url: string): Promise<void>; openPath(file: string): Promise<string> };
    clipboard: { writeText(text: string): void };
    powerMonitor: Emitter;
    net: FakeNet;
    log: ReturnType<typeof electronLog.create>;
    loginWindow: { BaseWindow: typeof FakeBaseWindow; WebContentsView: typeof FakeWebContentsView; session: FakeSessionModule; chromeVersion: string };
  };
  /** The re-sync's login windows' sessions, by partition. */
  sessions: FakeSessionModule;
}

let current: FakeElectron | null = null;
let logCounter = 0;

/**
 * electron-log's logger, writing the log file as in the app but not the console: a passing run
 * prints no line of the app's log (tests read the file; tests/integration/quietTests.test.ts).
 */
function quietLog(): ReturnType<typeof electronLog.create> {
  const log = electronLog.create({ logId: `tray-app-test-${++logCounter}` });
  log.transports.console.level = false;
  return log;
}

/** The fake Electron in use. */
export function fake(): FakeElectron {
  if (!current) throw new Error('call createFakeElectron() first');
  return current;
}

export function createFakeElectron(
  dirs: { userData: string; logs: string },
  appPage: () => string,
  notifications: FakeNotificationOptions = {},
  options: { safeStorage?: FakeSafeStorageOptions; netTransport?: typeof fetch } = {},
): FakeElectron {
  const { trays, Tray, Menu, nativeImage } = fakeTrayElectron();
  const app = new FakeApp({ dirs, windows: () => FakeBrowserWindow.created });
  const ipcMain = new FakeIpcMain(appPage);
  const opened = { external: [] as string[], paths: [] as string[] };
  const powerMonitor = new Emitter();
  const online = { value: true };
  const net = new FakeNet(app, online, options.netTransport);
  // The re-sync's login windows and their sessions (one per partition).
  const sessions = new FakeSessionModule();
  FakeBaseWindow.created = [];
  FakeWebContentsView.created = [];
  FakeWebContentsView.sessions = sessions;
  const clipboard: string[] = [];
  const Notification = fakeNotificationClass(notifications);
  const safeStorage = createFakeSafeStorage(options.safeStorage);
  // The windows this app opens (FakeBrowserWindow and subclasses record into this list).
  FakeBrowserWindow.created = [];
  const applicationMenu = new FakeApplicationMenu({ quit: () => app.quit() });
  FakeBrowserWindow.applicationMenu = applicationMenu;
  current = {
    app,
    trays,
    windows: FakeBrowserWindow.created,
    applicationMenu,
    notifications: Notification.shown,
    ipcMain,
    opened,
    clipboard,
    powerMonitor,
    online,
    net,
    sessions,
    safeStorageState: safeStorage.state,
    objects: {
      app,
      BrowserWindow: FakeBrowserWindow,
      Tray,
      Menu: {
        ...Menu,
        setApplicationMenu: (menu) => applicationMenu.setApplicationMenu(menu),
        getApplicationMenu: () => applicationMenu.getApplicationMenu(),
      },
      nativeImage,
      Notification,
      ipcMain,
      safeStorage: safeStorage.api,
      shell: {
        openExternal: async (url) => void opened.external.push(url),
        openPath: async (file) => {
          opened.paths.push(file);
          return '';
        },
      },
      clipboard: { writeText: (text) => void clipboard.push(text) },
      powerMonitor,
      net,
      log: quietLog(),
      loginWindow: { BaseWindow: FakeBaseWindow, WebContentsView: FakeWebContentsView, session: sessions, chromeVersion: '140.0.7339.133' },
    },
  };
  return current;
}
