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
}

export class FakeApp extends Emitter {
  readonly isPackaged = false;
  quitCalls = 0;
  /** Every setLoginItemSettings call, in order. */
  readonly loginItemCalls: LoginItemCall[] = [];
  readonly dock: FakeDock | undefined;
  private readonly dirs: { userData: string; logs: string };
  private readonly gotLock: boolean;
  private markReady: () => void = () => {};
  private readonly readyPromise = new Promise<void>((resolve) => (this.markReady = resolve));

  constructor(options: FakeAppOptions = {}) {
    super();
    this.dirs = options.dirs ?? { userData: '/nonexistent/userData', logs: '/nonexistent/logs' };
    this.gotLock = options.gotLock ?? true;
    this.dock = options.dock ? new FakeDock() : undefined;
    if (options.readyAtOnce ?? true) this.markReady();
  }
  requestSingleInstanceLock(): boolean {
    return this.gotLock;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  /** Electron becomes ready (with readyAtOnce: false). */
  becomeReady(): void {
    this.markReady();
  }
  get quitCalled(): boolean {
    return this.quitCalls > 0;
  }
  quit(): void {
    this.quitCalls++;
    // Electron announces a quit before closing the windows.
    this.emit('before-quit');
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
  setLoginItemSettings(settings: LoginItemCall): void {
    this.loginItemCalls.push(settings);
  }
  getLoginItemSettings(): { openAtLogin: boolean } {
    return { openAtLogin: this.loginItemCalls.at(-1)?.openAtLogin ?? false };
  }
}
