/**
 * A small stand-in for the Electron objects the tray app uses, recording what a user would see:
 * the tray's icon, tooltip and menu, the notifications shown, the window and what was pushed to
 * it. There is no Electron runtime on our machines; these fakes let the whole app run in Node.
 */
import path from 'node:path';
import electronLog from 'electron-log/node';
import type { BrowserWindowConstructorOptions } from 'electron';
import type { IpcInvokeEventLike } from '../../main/electron/ipcHandlers.js';
import type { NotificationOptions } from '../../main/electron/notifier.js';
import type { SafeStorageApi } from '../../main/electron/safeStorageSecretStore.js';
import type { TrayMenuTemplateItem } from '../../main/electron/tray.js';
import type { IpcResult } from '../../main/shared/ipcContract.js';

type Listener = (...args: never[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(...args);
  }
}

export class FakeImage {
  template = false;
  constructor(readonly file: string) {}
  isEmpty(): boolean {
    return false;
  }
  setTemplateImage(option: boolean): void {
    this.template = option;
  }
}

export class FakeMenu {
  constructor(readonly template: TrayMenuTemplateItem[]) {}
  /** The labels a user sees, submenus indented by two spaces; separators as "---". */
  labels(items: TrayMenuTemplateItem[] = this.template, indent = ''): string[] {
    return items.flatMap((item) => {
      if (item.type === 'separator') return [`${indent}---`];
      const own = `${indent}${item.label ?? ''}${item.enabled === false ? ' (disabled)' : ''}`;
      return item.submenu ? [own, ...this.labels(item.submenu, `${indent}  `)] : [own];
    });
  }
  /** Clicks the item with this label (searching submenus too). */
  click(label: string, items: TrayMenuTemplateItem[] = this.template): boolean {
    for (const item of items) {
      if (item.label === label && item.click) {
        item.click();
        return true;
      }
      if (item.submenu && this.click(label, item.submenu)) return true;
    }
    return false;
  }
}

export class FakeTray extends Emitter {
  tooltip = '';
  title = '';
  menu: FakeMenu | null = null;
  destroyed = false;
  constructor(public image: FakeImage) {
    super();
  }
  setImage(image: FakeImage): void {
    this.image = image;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setTitle(text: string): void {
    this.title = text;
  }
  setContextMenu(menu: FakeMenu | null): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** The icon file name: how a test tells the states apart. */
  get icon(): string {
    return path.basename(this.image.file);
  }
}

export class FakeNotification extends Emitter {
  constructor(readonly options: NotificationOptions) {
    super();
  }
  show(): void {
    fake().notifications.push(this);
  }
  click(): void {
    this.emit('click');
  }
}

export class FakeWebContents extends Emitter {
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  session = {
    setPermissionRequestHandler: () => {},
    webRequest: { onHeadersReceived: () => {} },
  };
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  isDestroyed(): boolean {
    return false;
  }
  isLoading(): boolean {
    return false;
  }
  setWindowOpenHandler(): void {}
}

export class FakeBrowserWindow extends Emitter {
  visible = false;
  readonly webContents = new FakeWebContents();
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    fake().windows.push(this);
  }
  async loadFile(): Promise<void> {
    queueMicrotask(() => this.emit('ready-to-show'));
  }
  show(): void {
    this.visible = true;
    this.emit('show');
  }
  hide(): void {
    this.visible = false;
    this.emit('hide');
  }
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
  isVisible(): boolean {
    return this.visible;
  }
}

export class FakeIpcMain {
  readonly handlers = new Map<string, (event: IpcInvokeEventLike, ...args: unknown[]) => unknown>();
  constructor(private readonly appPage: () => string) {}
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void {
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What the window's preload would get back for `channel`. */
  async invoke<T = unknown>(channel: string, ...args: unknown[]): Promise<IpcResult<T>> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return (await handler({ senderFrame: { url: this.appPage(), parent: null } }, ...args)) as IpcResult<T>;
  }
}

export class FakeApp extends Emitter {
  readonly isPackaged = false;
  quitCalled = false;
  loginItem = { openAtLogin: false };
  constructor(private readonly dirs: { userData: string; logs: string }) {
    super();
  }
  requestSingleInstanceLock(): boolean {
    return true;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  quit(): void {
    this.quitCalled = true;
    this.emit('before-quit');
  }
  getPath(name: 'userData' | 'logs'): string {
    return this.dirs[name];
  }
  getAppPath(): string {
    return process.cwd();
  }
  setAppUserModelId(): void {}
  setLoginItemSettings(settings: { openAtLogin: boolean }): void {
    this.loginItem = { openAtLogin: settings.openAtLogin };
  }
  getLoginItemSettings(): { openAtLogin: boolean } {
    return this.loginItem;
  }
}

/** Reversible "encryption" that never leaves the key readable in the file. */
export const fakeSafeStorage: SafeStorageApi = {
  isAsyncEncryptionAvailable: async () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptStringAsync: async (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
  decryptStringAsync: async (cipher) => ({
    result: Buffer.from(cipher.map((b) => b ^ 0x5a)).toString('utf8'),
    shouldReEncrypt: false,
  }),
};

export interface FakeElectron {
  app: FakeApp;
  trays: FakeTray[];
  windows: FakeBrowserWindow[];
  notifications: FakeNotification[];
  ipcMain: FakeIpcMain;
  opened: { external: string[]; paths: string[] };
  powerMonitor: Emitter;
  online: { value: boolean };
  /** The object startTrayApp takes. */
  objects: {
    app: FakeApp;
    BrowserWindow: typeof FakeBrowserWindow;
    Tray: new (image: FakeImage) => FakeTray;
    Menu: { buildFromTemplate(template: TrayMenuTemplateItem[]): FakeMenu };
    nativeImage: { createFromPath(file: string): FakeImage };
    Notification: typeof FakeNotification & { isSupported(): boolean };
    ipcMain: FakeIpcMain;
    safeStorage: SafeStorageApi;
    shell: { openExternal(url: string): Promise<void>; openPath(file: string): Promise<string> };
    powerMonitor: Emitter;
    net: { isOnline(): boolean };
    log: ReturnType<typeof electronLog.create>;
  };
}

let current: FakeElectron | null = null;
let logCounter = 0;

/** The fake Electron in use (the classes record into it). */
export function fake(): FakeElectron {
  if (!current) throw new Error('call createFakeElectron() first');
  return current;
}

export function createFakeElectron(dirs: { userData: string; logs: string }, appPage: () => string): FakeElectron {
  const trays: FakeTray[] = [];
  const app = new FakeApp(dirs);
  const ipcMain = new FakeIpcMain(appPage);
  const opened = { external: [] as string[], paths: [] as string[] };
  const powerMonitor = new Emitter();
  const online = { value: true };
  const NotificationClass = Object.assign(FakeNotification, { isSupported: () => true });
  current = {
    app,
    trays,
    windows: [],
    notifications: [],
    ipcMain,
    opened,
    powerMonitor,
    online,
    objects: {
      app,
      BrowserWindow: FakeBrowserWindow,
      Tray: class extends FakeTray {
        constructor(image: FakeImage) {
          super(image);
          trays.push(this);
        }
      },
      Menu: { buildFromTemplate: (template) => new FakeMenu(template) },
      nativeImage: { createFromPath: (file) => new FakeImage(file) },
      Notification: NotificationClass,
      ipcMain,
      safeStorage: fakeSafeStorage,
      shell: {
        openExternal: async (url) => void opened.external.push(url),
        openPath: async (file) => {
          opened.paths.push(file);
          return '';
        },
      },
      powerMonitor,
      net: { isOnline: () => online.value },
      log: electronLog.create({ logId: `tray-app-test-${++logCounter}` }),
    },
  };
  return current;
}
