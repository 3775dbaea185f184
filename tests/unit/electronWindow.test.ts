/**
 * The app window's security settings, guards and tray-app behaviour, with a fake BrowserWindow
 * (no Electron here): what a user would notice when closing it, pressing Esc, or opening it again.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  createMainWindow,
  MAIN_WINDOW_TITLE,
  showWindow,
  type HeadersResponse,
  type MainWindowBehaviour,
} from '../../main/electron/window.js';
import { FakeDock } from '../helpers/fakeElectron/app.js';
import { FakeApplicationMenu, rolesOf } from '../helpers/fakeElectron/appMenu.js';
import { FakeBrowserWindow } from '../helpers/fakeElectron/window.js';

/** The shared fake window, except that the test fires its first paint ('ready-to-show') itself. */
class FakeWindow extends FakeBrowserWindow {
  static override paintsOnLoad = false;
}

const files = {
  preload: '/app/dist/preload/index.cjs',
  page: '/app/dist/renderer/index.html',
  icon: '/app/resources/icon.png',
};

function openFakeWindow(behaviour?: MainWindowBehaviour): FakeWindow {
  FakeBrowserWindow.created = [];
  const returned = createMainWindow(FakeWindow, files, behaviour);
  const window = FakeBrowserWindow.created[0];
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
      window.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
      expect(prevented, url).toBe(true);
    }
  });

  test('refuses to open new windows', () => {
    const window = openFakeWindow();
    expect(window.webContents.openHandler?.({ url: 'https://lobstr.io/' })).toEqual({ action: 'deny' });
    expect(window.webContents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  test("a link to Lobstr's own https pages opens in the browser (never in the window); any other stays shut", () => {
    const opened: string[] = [];
    const window = openFakeWindow({ openExternal: (url) => void opened.push(url) });
    // <a target="_blank">: the window open handler; a plain <a href>: a navigation of the page.
    expect(window.webContents.openHandler?.({ url: 'https://app.lobstr.io/dashboard/api' })).toEqual({ action: 'deny' });
    let prevented = false;
    window.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, 'https://docs.lobstr.io/');
    expect(prevented).toBe(true);
    for (const url of ['https://app.lobstr.io.evil.com/dashboard/api', 'http://app.lobstr.io/', 'javascript:alert(1)', 'https://x@app.lobstr.io/', 'file:///etc/passwd']) {
      expect(window.webContents.openHandler?.({ url })).toEqual({ action: 'deny' });
      window.webContents.emit('will-navigate', { preventDefault: () => undefined }, url);
    }
    expect(opened).toEqual(['https://app.lobstr.io/dashboard/api', 'https://docs.lobstr.io/']);
  });

  test('refuses to attach a <webview>', () => {
    const window = openFakeWindow();
    let prevented = false;
    window.webContents.emit('will-attach-webview', { preventDefault: () => (prevented = true) }, {}, { src: 'https://evil.example/' });
    expect(prevented).toBe(true);
  });

  test('the page gets no permission, asked or checked: camera, notifications, the clipboard...', async () => {
    const contents = openFakeWindow().webContents;
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'clipboard-sanitized-write']) {
      expect(await contents.pageRequestsPermission(permission), `request ${permission}`).toBe(false);
      expect(contents.pageChecksPermission(permission), `check ${permission}`).toBe(false);
    }
  });

  test('a window that installs no permission handlers grants everything, as Electron does', async () => {
    const contents = new FakeBrowserWindow({}).webContents;
    expect(await contents.pageRequestsPermission('media')).toBe(true);
    expect(contents.pageChecksPermission('clipboard-read')).toBe(true);
  });

  test('on Windows and Linux a window shows Electron’s default menu (Toggle Developer Tools...) until it or the app removes it', () => {
    FakeBrowserWindow.applicationMenu = new FakeApplicationMenu();
    const window = new FakeBrowserWindow({});
    expect(rolesOf(window.menuBar()?.template ?? [])).toContain('toggleDevTools');
    window.removeMenu();
    expect(window.menuBar()).toBeNull();
    const other = new FakeBrowserWindow({});
    FakeBrowserWindow.applicationMenu.setApplicationMenu(null);
    expect(other.menuBar()).toBeNull();
  });

  test('spellcheck is off (on Linux it would download dictionaries)', () => {
    expect(openFakeWindow().options.webPreferences?.spellcheck).toBe(false);
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
    window.webContents.headersHandler?.(
      { responseHeaders: { 'content-type': ['text/html'], 'content-security-policy': ["default-src *"] } },
      (response) => answers.push(response),
    );
    window.webContents.headersHandler?.({}, (response) => answers.push(response));
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
