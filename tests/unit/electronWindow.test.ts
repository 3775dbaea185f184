/**
 * The app window's security settings and guards, with a fake BrowserWindow (no Electron here).
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, test } from 'vitest';
import { createMainWindow, MAIN_WINDOW_TITLE, type MainWindowHandle } from '../../main/electron/window.js';

type Listener = (...args: never[]) => unknown;

/** Records what the window module does to it, and lets a test fire the events Electron would. */
class FakeWindow implements MainWindowHandle {
  static created: FakeWindow[] = [];
  static loadResult: Promise<void> = Promise.resolve();

  readonly listeners = new Map<string, Listener>();
  readonly contentsListeners = new Map<string, Listener>();
  loadedFile: string | null = null;
  shown = false;
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  permissionHandler:
    | ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void)
    | null = null;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    FakeWindow.created.push(this);
  }

  loadFile(filePath: string): Promise<void> {
    this.loadedFile = filePath;
    return FakeWindow.loadResult;
  }
  once(event: string, listener: () => void): this {
    this.listeners.set(event, listener);
    return this;
  }
  on(event: string, listener: () => void): this {
    this.listeners.set(event, listener);
    return this;
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
  webContents = {
    on: (event: string, listener: Listener): this => {
      this.contentsListeners.set(event, listener);
      return this;
    },
    setWindowOpenHandler: (handler: (details: { url: string }) => { action: 'deny' }): void => {
      this.openHandler = handler;
    },
    session: {
      setPermissionRequestHandler: (
        handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
      ): void => {
        this.permissionHandler = handler;
      },
    },
  };
}

const files = {
  preload: '/app/dist/preload/index.cjs',
  page: '/app/dist/renderer/index.html',
  icon: '/app/resources/icon.png',
};

function openFakeWindow(reportLoadFailure?: (error: unknown) => void): FakeWindow {
  FakeWindow.created = [];
  createMainWindow(FakeWindow, files, reportLoadFailure);
  const window = FakeWindow.created[0];
  if (!window) throw new Error('createMainWindow did not construct a window');
  return window;
}

describe('the app window', () => {
  test('runs the page isolated and sandboxed, with no Node.js and web security on', () => {
    const prefs = openFakeWindow().options.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  test('loads the built preload and the built page from disk, titled "Lobstr Tray", with the app icon', () => {
    const window = openFakeWindow();
    expect(window.options.webPreferences?.preload).toBe(files.preload);
    expect(window.loadedFile).toBe(files.page);
    expect(window.options.title).toBe(MAIN_WINDOW_TITLE);
    expect(MAIN_WINDOW_TITLE).toBe('Lobstr Tray');
    expect(window.options.icon).toBe(files.icon);
  });

  test('stays hidden until its first paint, then shows', () => {
    const window = openFakeWindow();
    expect(window.options.show).toBe(false);
    expect(window.shown).toBe(false);
    (window.listeners.get('ready-to-show') as () => void)();
    expect(window.shown).toBe(true);
  });

  test('refuses to navigate anywhere', () => {
    const window = openFakeWindow();
    const willNavigate = window.contentsListeners.get('will-navigate') as (
      event: { preventDefault(): void },
      url: string,
    ) => void;
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'http://127.0.0.1:8787/']) {
      let prevented = false;
      willNavigate({ preventDefault: () => (prevented = true) }, url);
      expect(prevented, url).toBe(true);
    }
  });

  test('refuses to open new windows', () => {
    const window = openFakeWindow();
    expect(window.openHandler?.({ url: 'https://lobstr.io/' })).toEqual({ action: 'deny' });
  });

  test('refuses every permission request (camera, notifications, ...)', () => {
    const window = openFakeWindow();
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read']) {
      let granted: boolean | null = null;
      window.permissionHandler?.({}, permission, (answer) => (granted = answer));
      expect(granted, permission).toBe(false);
    }
  });

  test('a page that fails to load is reported, not thrown away', async () => {
    const failure = new Error('ERR_FILE_NOT_FOUND');
    FakeWindow.loadResult = Promise.reject(failure);
    const reported: unknown[] = [];
    try {
      openFakeWindow((error) => reported.push(error));
      await Promise.resolve();
      await Promise.resolve();
    } finally {
      FakeWindow.loadResult = Promise.resolve();
    }
    expect(reported).toEqual([failure]);
  });
});
