/** Electron's `app`: single-instance lock, readiness, quitting, its folders, login items and the macOS Dock. */
import { Emitter } from './emitter.js';

/** macOS's Dock icon, recording show and hide. */
export class FakeDock {
  readonly calls: string[] = [];
  show(): Promise<void> {
    this.calls.push('show');
    return Promise.resolve();
  }
  hide(): void {
    this.calls.push('hide');
  }
}

export interface LoginItemCall {
  openAtLogin: boolean;
  path?: string;
  args?: string[];
}

export interface FakeAppOptions {
  /** Where getPath('userData'|'logs') points. */
  dirs?: { userData: string; logs: string };
  /** False plays a second start of the app (another instance holds the lock). */
  gotLock?: boolean;
  /** False keeps whenReady() pending until becomeReady(). */
  readyAtOnce?: boolean;
  /** A Dock, as on macOS (Electron's app.dock is undefined elsewhere). */
  dock?: boolean;
  /** The open windows, which a quit closes (Electron's BrowserWindow.getAllWindows()). */
  windows?: () => readonly QuittableWindow[];
  /** The OS the login items belong to; login items are refused until it is given. */
  platform?: NodeJS.Platform;
}

/** A window as app.quit() and app.exit() close it. */
export interface QuittableWindow {
  readonly destroyed: boolean;
  /** Emits 'close' (preventable) and closes unless prevented; true when it closed. */
  userCloses(): boolean;
  destroy(): void;
}

/** An Electron Event whose default can be prevented; `prevented` tells whether a listener did. */
function preventableEvent(): { preventDefault(): void; readonly prevented: boolean } {
  let prevented = false;
  return {
    preventDefault: () => void (prevented = true),
    get prevented() {
      return prevented;
    },
  };
}

export class FakeApp extends Emitter {
  readonly isPackaged = false;
  quitCalls = 0;
  /** Every setLoginItemSettings call, in order. */
  readonly loginItemCalls: LoginItemCall[] = [];
  readonly dock: FakeDock | undefined;
  /** The exit code once the process has ended (a quit that went through, or exit()); null while it runs. */
  exitCode: number | null = null;
  /** Called at the moment the process ends: a test reads there what is on disk (anything written later is lost). */
  private readonly exitHooks: Array<() => void> = [];
  private readonly windows: () => readonly QuittableWindow[];
  private readonly dirs: { userData: string; logs: string };
  private readonly gotLock: boolean;
  private resolveReady: () => void = () => {};
  private readonly readyPromise = new Promise<void>((resolve) => (this.resolveReady = resolve));
  private isReadyNow = false;
  private markReady(): void {
    this.isReadyNow = true;
    this.resolveReady();
  }

  constructor(options: FakeAppOptions = {}) {
    super();
    this.dirs = options.dirs ?? { userData: '/nonexistent/userData', logs: '/nonexistent/logs' };
    this.gotLock = options.gotLock ?? true;
    this.dock = options.dock ? new FakeDock() : undefined;
    this.windows = options.windows ?? (() => []);
    this.platform = options.platform;
    if (options.readyAtOnce ?? true) this.markReady();
  }
  requestSingleInstanceLock(): boolean {
    return this.gotLock;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  /** Electron becomes ready (with readyAtOnce: false). */
  /** Electron's app.isReady(): true once Electron has finished initializing (net needs it). */
  isReady(): boolean {
    return this.isReadyNow;
  }
  becomeReady(): void {
    this.markReady();
  }
  get quitCalled(): boolean {
    return this.quitCalls > 0;
  }
  /**
   * Electron's app.quit(): "The before-quit event will be emitted first. If all windows are
   * successfully closed, the will-quit event will be emitted and by default the application will
   * terminate." Each step is preventable (before-quit, a window's close, will-quit), and nothing is
   * waited for: a listener's promise is ignored, so work it started is cut off when the process ends.
   */
  quit(): void {
    this.quitCalls++;
    if (this.exited) return;
    const beforeQuit = preventableEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.prevented) return;
    for (const window of this.windows()) {
      if (!window.destroyed && !window.userCloses()) return;
    }
    const willQuit = preventableEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.prevented) return;
    this.emit('quit', preventableEvent(), 0);
    this.end(0);
  }
  /**
   * Electron's app.exit(): "Exits immediately with exitCode. All windows will be closed immediately
   * without asking the user, and the before-quit and will-quit events will not be emitted."
   */
  exit(exitCode = 0): void {
    if (this.exited) return;
    for (const window of this.windows()) if (!window.destroyed) window.destroy();
    this.end(exitCode);
  }
  get exited(): boolean {
    return this.exitCode !== null;
  }
  /** Runs `hook` when the process ends. */
  onExit(hook: () => void): void {
    this.exitHooks.push(hook);
  }
  private end(exitCode: number): void {
    this.exitCode = exitCode;
    for (const hook of this.exitHooks) hook();
  }
  getPath(name: 'userData' | 'logs'): string {
    return this.dirs[name];
  }
  getAppPath(): string {
    return process.cwd();
  }
  /** Every AppUserModelId set (Windows shows no notifications without one). */
  readonly appUserModelIds: string[] = [];
  setAppUserModelId(id: string): void {
    this.appUserModelIds.push(id);
  }
  // ------------------------------------------------ login items (electron.d.ts, app.setLoginItemSettings)
  /**
   * The OS the login items belong to: app.setLoginItemSettings and getLoginItemSettings exist for
   * macOS and Windows only (`@platform darwin,win32`); given here or in the options, else refused.
   */
  platform: NodeJS.Platform | undefined;
  /**
   * What the OS has registered, as the user sees it in the system's settings (macOS's login items,
   * Windows's Run key: one entry for the app, with the path and arguments it was given).
   */
  loginItem: { path: string; args: string[] } | null = null;
  /**
   * The OS does not take a new login item: macOS can leave it waiting for the user's approval (status
   * `requires-approval`), Windows keeps it off by policy or Task Manager (`enabled` false).
   */
  refuseLoginItems = false;
  setLoginItemSettings(settings: LoginItemCall): void {
    this.loginItemPlatform('setLoginItemSettings');
    this.loginItemCalls.push(settings);
    if (this.refuseLoginItems) return;
    // The path and arguments only mean something on Windows; they default to the running executable, none.
    this.loginItem = settings.openAtLogin ? { path: settings.path ?? process.execPath, args: settings.args ?? [] } : null;
  }
  /**
   * Strict as Electron's: on Windows `openAtLogin` is true only when asked with the same path and
   * arguments the item was registered with ("you need to pass the same arguments here").
   */
  getLoginItemSettings(options: { path?: string; args?: string[] } = {}): { openAtLogin: boolean } {
    const platform = this.loginItemPlatform('getLoginItemSettings');
    const item = this.loginItem;
    if (item === null) return { openAtLogin: false };
    if (platform === 'darwin') return { openAtLogin: true };
    const args = options.args ?? [];
    const same = (options.path ?? process.execPath) === item.path && args.length === item.args.length && args.every((a, i) => a === item.args[i]);
    return { openAtLogin: same };
  }
  /** The user removes the app from the login items in the system's settings. */
  userRemovesLoginItem(): void {
    this.loginItem = null;
  }
  private loginItemPlatform(method: string): NodeJS.Platform {
    if (this.platform === undefined) throw new Error(`FakeApp: give a platform to use ${method} (login items differ by OS)`);
    if (this.platform !== 'darwin' && this.platform !== 'win32') {
      throw new TypeError(`app.${method} exists on macOS and Windows only, not ${this.platform}`);
    }
    return this.platform;
  }
}
