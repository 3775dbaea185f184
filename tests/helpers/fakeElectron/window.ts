/**
 * The app window and its webContents: what was pushed to the page, the handlers the app installed
 * (new windows, permissions, response headers), and the user's close button and key presses.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import type { RendererContents } from '../../../main/electron/ipcHandlers.js';
import type { HeadersReceived, HeadersResponse, KeyInput, MainWindowHandle } from '../../../main/electron/window.js';
import { FakeApplicationMenu } from './appMenu.js';
import { Emitter } from './emitter.js';
import type { FakeMenu } from './tray.js';

type PermissionHandler = (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void;
type PermissionCheckHandler = (webContents: unknown, permission: string, requestingOrigin: string) => boolean;
type HeadersHandler = (details: HeadersReceived, callback: (response: HeadersResponse) => void) => void;
type OpenHandler = (details: { url: string }) => { action: 'deny' };

export class FakeWebContents extends Emitter implements RendererContents {
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  loading = false;
  destroyed = false;
  openHandler: OpenHandler | null = null;
  permissionHandler: PermissionHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  headersHandler: HeadersHandler | null = null;
  readonly session = {
    setPermissionRequestHandler: (handler: PermissionHandler | null): void => {
      this.permissionHandler = handler;
    },
    setPermissionCheckHandler: (handler: PermissionCheckHandler | null): void => {
      this.permissionCheckHandler = handler;
    },
    webRequest: {
      onHeadersReceived: (handler: HeadersHandler): void => {
        this.headersHandler = handler;
      },
    },
  };
  /**
   * Electron's webContents.send: "Arguments will be serialized with the Structured Clone Algorithm"
   * (electron.d.ts, WebContents.send), on the main thread, at the call: the window gets a copy, never
   * the main process's objects, and what cannot be cloned throws here.
   */
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload: structuredClone(payload) });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isLoading(): boolean {
    return this.loading;
  }
  setWindowOpenHandler(handler: OpenHandler): void {
    this.openHandler = handler;
  }
  /**
   * The page asks for a permission (navigator.clipboard.writeText asks for 'clipboard-sanitized-write',
   * new Notification() for 'notifications'...); resolves with the answer once the handler gives one.
   * Without a handler Electron grants it: "By default, Electron will automatically approve all
   * permission requests unless the developer has manually configured a custom handler"
   * (docs/tutorial/security.md, "Handle session permission requests from remote content").
   */
  pageRequestsPermission(permission: string): Promise<boolean> {
    const handler = this.permissionHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler(this, permission, resolve));
  }
  /**
   * A permission check (navigator.permissions.query, and most web APIs before they request): the
   * check handler's answer, granted without one (Session.setPermissionCheckHandler: "you must also
   * implement setPermissionRequestHandler to get complete permission handling. Most web APIs do a
   * permission check and then make a permission request if the check is denied").
   */
  pageChecksPermission(permission: string, requestingOrigin = 'file://'): boolean {
    return this.permissionCheckHandler ? this.permissionCheckHandler(this, permission, requestingOrigin) : true;
  }
  /** The page finishes loading. */
  finishLoading(): void {
    this.loading = false;
    this.emit('did-finish-load');
  }
  /** A key press reaching the page; true when the window kept it from the page. */
  press(input: Partial<KeyInput> & { isAutoRepeat?: boolean }): boolean {
    let prevented = false;
    const full = { type: 'keyDown', key: 'Escape', shift: false, control: false, alt: false, meta: false, isAutoRepeat: false, ...input };
    this.emit('before-input-event', { preventDefault: () => (prevented = true) }, full);
    return prevented;
  }
}

export class FakeBrowserWindow extends Emitter implements MainWindowHandle {
  /** Every window constructed (subclasses included) since createFakeElectron() or a test reset it. */
  static created: FakeBrowserWindow[] = [];
  /** What loadFile resolves to: a test sets a rejection to play a page that fails to load. */
  static loadResult: Promise<void> = Promise.resolve();
  /** Whether a loaded page paints by itself ('ready-to-show'), as in a running app, or waits for the test to fire it. */
  static paintsOnLoad = true;
  /** The app's menu, which every window of Windows and Linux shows unless it has one of its own. */
  static applicationMenu = new FakeApplicationMenu();

  readonly webContents = new FakeWebContents();
  /** show, hide, focus and restore, in order. */
  readonly calls: string[] = [];
  loadedFile: string | null = null;
  visible = false;
  minimized = false;
  destroyed = false;
  /** undefined: the window has no menu of its own (setMenu / removeMenu were not called). */
  private ownMenu: FakeMenu | null | undefined = undefined;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  loadFile(filePath: string): Promise<void> {
    this.loadedFile = filePath;
    const { loadResult, paintsOnLoad } = this.constructor as typeof FakeBrowserWindow;
    if (paintsOnLoad) loadResult.then(() => this.emit('ready-to-show'), () => {});
    return loadResult;
  }
  /** Like Electron's: 'show' and 'hide' fire only when the window's visibility changes. */
  show(): void {
    this.calls.push('show');
    if (!this.visible) {
      this.visible = true;
      this.emit('show');
    }
  }
  hide(): void {
    this.calls.push('hide');
    if (this.visible) {
      this.visible = false;
      this.emit('hide');
    }
  }
  focus(): void {
    this.calls.push('focus');
  }
  restore(): void {
    this.calls.push('restore');
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isVisible(): boolean {
    return this.visible;
  }
  /** BrowserWindow.removeMenu: "Remove the window's menu bar" (Windows and Linux). */
  removeMenu(): void {
    this.ownMenu = null;
  }
  /** BrowserWindow.setMenu: "Sets the menu as the window's menu bar" (Windows and Linux). */
  setMenu(menu: FakeMenu | null): void {
    this.ownMenu = menu;
  }
  /**
   * The menu bar a Windows or Linux user sees on this window, null for none: its own menu, else
   * the application menu, which is Electron's default (View › Toggle Developer Tools...) until the
   * app sets one (Menu.setApplicationMenu: on Windows and Linux "the menu will be set as each
   * window's top menu"; null removes "the menu bar from the window").
   */
  menuBar(): FakeMenu | null {
    return this.ownMenu !== undefined ? this.ownMenu : FakeBrowserWindow.applicationMenu.getApplicationMenu();
  }
  /** The window is destroyed (e.g. closed while quitting). */
  destroy(): void {
    this.visible = false;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  /** The user clicks the close button (or presses Alt+F4 / Cmd+W); true when the close went ahead. */
  userCloses(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroy();
    return !prevented;
  }
  /** A key press reaching the page; true when the window kept it from the page. */
  press(input: Partial<KeyInput> & { isAutoRepeat?: boolean }): boolean {
    return this.webContents.press(input);
  }
}
