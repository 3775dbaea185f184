/**
 * The app window's security settings, guards and tray-app behaviour, with a fake BrowserWindow
 * (no Electron here): what a user would notice when closing it, pressing Esc, or opening it again.
 */
import { readFileSync } from 'node:fs';
import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, test } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  createMainWindow,
  MAIN_WINDOW_TITLE,
  showWindow,
  type HeadersReceived,
  type HeadersResponse,
  type KeyInput,
  type MainWindowBehaviour,
  type MainWindowHandle,
  type PreventableEvent,
} from '../../main/electron/window.js';

type Listener = (...args: never[]) => unknown;

/** Records what the window module does to it, and lets a test fire the events Electron would. */
class FakeWindow implements MainWindowHandle {
  static created: FakeWindow[] = [];
  static loadResult: Promise<void> = Promise.resolve();

  readonly listeners = new Map<string, Listener[]>();
  readonly contentsListeners = new Map<string, Listener[]>();
  readonly calls: string[] = [];
  loadedFile: string | null = null;
  visible = false;
  minimized = false;
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  permissionHandler:
    | ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void)
    | null = null;
  headersHandler: ((details: HeadersReceived, callback: (response: HeadersResponse) => void) => void) | null = null;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    FakeWindow.created.push(this);
  }

  loadFile(filePath: string): Promise<void> {
    this.loadedFile = filePath;
    return FakeWindow.loadResult;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
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
  webContents = {
    on: (event: string, listener: Listener): this => {
      this.contentsListeners.set(event, [...(this.contentsListeners.get(event) ?? []), listener]);
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
      webRequest: {
        onHeadersReceived: (handler: (details: HeadersReceived, callback: (response: HeadersResponse) => void) => void): void => {
          this.headersHandler = handler;
        },
      },
    },
  };

  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(...args);
  }
  emitContents(event: string, ...args: unknown[]): void {
    for (const listener of this.contentsListeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(...args);
  }

  /** The user clicks the close button (or presses Alt+F4 / Cmd+W); true when the close went ahead. */
  userCloses(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) {
      this.visible = false;
      this.emit('closed');
    }
    return !prevented;
  }

  /** A key press reaching the page; true when the window kept it from the page. */
  press(input: Partial<KeyInput> & { isAutoRepeat?: boolean }): boolean {
    let prevented = false;
    const full = { type: 'keyDown', key: 'Escape', shift: false, control: false, alt: false, meta: false, isAutoRepeat: false, ...input };
    this.emitContents('before-input-event', { preventDefault: () => (prevented = true) }, full);
    return prevented;
  }
}

class FakeDock {
  readonly calls: string[] = [];
  show(): Promise<void> {
    this.calls.push('show');
    return Promise.resolve();
  }
  hide(): void {
    this.calls.push('hide');
  }
}

const files = {
  preload: '/app/dist/preload/index.cjs',
  page: '/app/dist/renderer/index.html',
  icon: '/app/resources/icon.png',
};

function openFakeWindow(behaviour?: MainWindowBehaviour): FakeWindow {
  FakeWindow.created = [];
  const returned = createMainWindow(FakeWindow, files, behaviour);
  const window = FakeWindow.created[0];
  if (!window) throw new Error('createMainWindow did not construct a window');
  expect(returned).toBe(window);
  return window;
}

/** A window of the tray app, shown, with a quitting flag the test controls. */
function trayWindow(extra: MainWindowBehaviour = {}): { window: FakeWindow; quit: () => void } {
  let quitting = false;
  const window = openFakeWindow({ isQuitting: () => quitting, ...extra });
  window.emit('ready-to-show');
  return { window, quit: () => (quitting = true) };
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
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  test('opened hidden ("start hidden"), it stays hidden after its first paint', () => {
    const window = openFakeWindow({ showWhenReady: false });
    window.emit('ready-to-show');
    expect(window.visible).toBe(false);
  });

  test('refuses to navigate anywhere', () => {
    const window = openFakeWindow();
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'http://127.0.0.1:8787/']) {
      let prevented = false;
      window.emitContents('will-navigate', { preventDefault: () => (prevented = true) }, url);
      expect(prevented, url).toBe(true);
    }
  });

  test('refuses to open new windows', () => {
    const window = openFakeWindow();
    expect(window.openHandler?.({ url: 'https://lobstr.io/' })).toEqual({ action: 'deny' });
  });

  test('refuses to attach a <webview>', () => {
    const window = openFakeWindow();
    let prevented = false;
    window.emitContents('will-attach-webview', { preventDefault: () => (prevented = true) }, {}, { src: 'https://evil.example/' });
    expect(prevented).toBe(true);
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
      openFakeWindow({ reportLoadFailure: (error) => reported.push(error) });
      await Promise.resolve();
      await Promise.resolve();
    } finally {
      FakeWindow.loadResult = Promise.resolve();
    }
    expect(reported).toEqual([failure]);
  });
});

describe('the Content-Security-Policy', () => {
  test('runs only the app’s own scripts and loads images only from the app and data: (the API’s icons)', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((part) => {
        const [name, ...values] = part.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:']);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
  });

  test('the page’s meta tag states the same policy', () => {
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
    // No script from anywhere but the app itself.
    for (const [, src] of html.matchAll(/<script[^>]*src="([^"]*)"/g)) expect(src).toMatch(/^\/(?!\/)/);
  });

  test('is also sent as a header on every response, replacing any other policy', () => {
    const window = openFakeWindow();
    const answers: HeadersResponse[] = [];
    window.headersHandler?.(
      { responseHeaders: { 'content-type': ['text/html'], 'content-security-policy': ["default-src *"] } },
      (response) => answers.push(response),
    );
    window.headersHandler?.({}, (response) => answers.push(response));
    expect(answers).toEqual([
      { responseHeaders: { 'content-type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } },
      { responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } },
    ]);
  });
});

describe('a window of a tray app', () => {
  test('closing it hides it: the app keeps running', () => {
    const { window } = trayWindow();
    expect(window.userCloses()).toBe(false);
    expect(window.visible).toBe(false);
  });

  test('once the app is quitting, closing really closes', () => {
    const { window, quit } = trayWindow();
    quit();
    expect(window.userCloses()).toBe(true);
  });

  test('without a way to tell a quit from a close, closing closes (never blocks quitting)', () => {
    const window = openFakeWindow();
    window.emit('ready-to-show');
    expect(window.userCloses()).toBe(true);
  });

  test('Esc hides it, and the page does not see that Esc', () => {
    const { window } = trayWindow();
    expect(window.press({ key: 'Escape' })).toBe(true);
    expect(window.visible).toBe(false);
  });

  test.each([
    ['another key', { key: 'Enter' }],
    ['Esc released', { type: 'keyUp' }],
    ['Esc held down', { isAutoRepeat: true }],
    ['Shift+Esc', { shift: true }],
    ['Ctrl+Esc', { control: true }],
    ['Alt+Esc', { alt: true }],
    ['Cmd+Esc', { meta: true }],
  ])('%s leaves it open and goes to the page', (_what, input) => {
    const { window } = trayWindow();
    expect(window.press(input)).toBe(false);
    expect(window.visible).toBe(true);
  });

  test('when the page handles Esc itself, Esc goes to the page', () => {
    const { window } = trayWindow({ hideOnEscape: false });
    expect(window.press({ key: 'Escape' })).toBe(false);
    expect(window.visible).toBe(true);
  });

  test('showing it again restores it if minimized, shows it and focuses it', () => {
    const { window } = trayWindow();
    window.hide();
    window.minimized = true;
    window.calls.length = 0;
    showWindow(window);
    expect(window.calls).toEqual(['restore', 'show', 'focus']);
    expect(window.visible).toBe(true);
  });

  test('on macOS the Dock icon shows only while the window is visible', () => {
    const dock = new FakeDock();
    const { window } = trayWindow({ app: { dock } });
    expect(dock.calls).toEqual(['show']);
    window.press({ key: 'Escape' });
    expect(dock.calls).toEqual(['show', 'hide']);
    showWindow(window);
    expect(dock.calls).toEqual(['show', 'hide', 'show']);
    window.userCloses();
    expect(dock.calls).toEqual(['show', 'hide', 'show', 'hide']);
  });

  test('on other systems (no Dock) nothing is asked of one', () => {
    const { window } = trayWindow({ app: { dock: undefined } });
    window.userCloses();
    showWindow(window);
    expect(window.visible).toBe(true);
  });
});
