import type { BrowserWindowConstructorOptions } from 'electron';
import { lobstrSiteUrl } from './externalLinks.js';

/**
 * The app window, locked down: the page runs sandboxed and isolated under a strict
 * Content-Security-Policy, reaches the main process only through the preload's small API, and can
 * neither navigate away, open other windows nor attach a <webview>.
 * It belongs to a tray app: closing it or pressing Esc hides it (the app keeps watching), and on
 * macOS the Dock icon is shown only while it is visible.
 * Electron's classes come in as parameters so tests can pass fakes instead of starting Electron.
 */

/** An Electron event whose default can be prevented. */
export interface PreventableEvent {
  preventDefault(): void;
}

/** The keyboard input of webContents' 'before-input-event'. */
export interface KeyInput {
  type: string;
  key: string;
  shift: boolean;
  control: boolean;
  alt: boolean;
  meta: boolean;
}

/** Response headers as session.webRequest.onHeadersReceived gives and takes them. */
export interface HeadersReceived {
  responseHeaders?: Record<string, string[]>;
}
export interface HeadersResponse {
  responseHeaders?: Record<string, string | string[]>;
}

/** The parts of a BrowserWindow this module and the app lifecycle use. */
export interface MainWindowHandle {
  loadFile(filePath: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  on(event: 'show', listener: () => void): unknown;
  on(event: 'hide', listener: () => void): unknown;
  on(event: 'close', listener: (event: PreventableEvent) => void): unknown;
  show(): void;
  hide(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isVisible(): boolean;
  webContents: {
    on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
    on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
    on(event: 'before-input-event', listener: (event: PreventableEvent, input: KeyInput) => void): unknown;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
    session: {
      setPermissionRequestHandler(
        handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
      ): void;
      setPermissionCheckHandler(handler: (webContents: unknown, permission: string, requestingOrigin: string) => boolean): void;
      webRequest: {
        onHeadersReceived(listener: (details: HeadersReceived, callback: (response: HeadersResponse) => void) => void): void;
      };
    };
  };
}

export type MainWindowClass<W extends MainWindowHandle = MainWindowHandle> = new (options: BrowserWindowConstructorOptions) => W;

/** macOS's Dock icon (Electron's app.dock; undefined on other systems). */
export interface DockHandle {
  show(): unknown;
  hide(): void;
}

export interface MainWindowFiles {
  /** The built preload, dist/preload/index.cjs (CommonJS, as a sandboxed preload must be). */
  preload: string;
  /** The built page, dist/renderer/index.html. */
  page: string;
  /** The window icon (Linux and Windows show it; macOS uses the bundle's). */
  icon?: string;
}

export interface MainWindowBehaviour {
  /**
   * True once the app is quitting (appLifecycle's isQuitting): then closing really closes. Until
   * then closing only hides the window. Without it, closing closes: a window that cannot tell a
   * quit from a close must not stand in the way of quitting.
   */
  isQuitting?: () => boolean;
  /** Electron's app: on macOS its Dock icon shows only while the window is visible. */
  app?: { readonly dock?: DockHandle | undefined };
  /** Show the window once painted. Default true; false to open it hidden ("start hidden"). */
  showWhenReady?: boolean;
  /**
   * Esc hides the window. Default true; false when the page handles Esc itself (e.g. "back" from
   * a details view) and hides the window through the preload's hideWindow() on its top view.
   */
  hideOnEscape?: boolean;
  reportLoadFailure?: (error: unknown) => void;
  /**
   * Opens a page in the user's browser (Electron's shell.openExternal): a link of the page to
   * Lobstr's own site (externalLinks.ts's lobstrSiteUrl) goes there; without it, no link opens.
   */
  openExternal?: (url: string) => void;
}

export const MAIN_WINDOW_TITLE = 'Lobstr Tray';

/**
 * The page's policy, also in renderer/index.html's meta tag (a test keeps the two the same):
 * only the app's own scripts run; images come from the app or `data:` (the API's base64 platform
 * icons); no plugins, frames, forms or <base> tricks. Inline styles are allowed for Svelte.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function mainWindowOptions(files: MainWindowFiles): BrowserWindowConstructorOptions {
  return {
    title: MAIN_WINDOW_TITLE,
    width: 960,
    height: 640,
    minWidth: 480,
    minHeight: 360,
    // Shown once painted, so the user never sees an empty white frame.
    show: false,
    ...(files.icon === undefined ? {} : { icon: files.icon }),
    webPreferences: {
      preload: files.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // No text is worth checking here, and on Linux the spellchecker downloads dictionaries.
      spellcheck: false,
    },
  };
}

/** The response headers with our Content-Security-Policy in place of any the response carried. */
export function withContentSecurityPolicy(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return result;
}

/** Esc alone, pressed (not released, not held down). */
export function isPlainEscape(input: KeyInput & { isAutoRepeat?: boolean }): boolean {
  return (
    input.type === 'keyDown' &&
    input.key === 'Escape' &&
    !input.shift &&
    !input.control &&
    !input.alt &&
    !input.meta &&
    input.isAutoRepeat !== true
  );
}

export function createMainWindow<W extends MainWindowHandle>(
  WindowClass: MainWindowClass<W>,
  files: MainWindowFiles,
  behaviour: MainWindowBehaviour = {},
): W {
  const reportLoadFailure =
    behaviour.reportLoadFailure ?? ((error: unknown) => console.error('Lobstr Tray: the window failed to load:', error));
  const window = new WindowClass(mainWindowOptions(files));
  const contents = window.webContents;

  // The page is a single local file: any navigation means something tried to take the window elsewhere.
  // A link to Lobstr's own site (the dashboard's API page) opens in the browser instead, whether the
  // page navigates to it (<a href>) or opens it (target="_blank"); nothing else leaves the window.
  const openLink = (url: string): void => {
    const check = lobstrSiteUrl(url);
    if (check.ok) behaviour.openExternal?.(check.url);
  };
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openLink(url);
  });
  contents.setWindowOpenHandler(({ url }) => {
    openLink(url);
    return { action: 'deny' };
  });
  // webviewTag is off; this also refuses one should anything turn it back on.
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // The UI needs no permission at all: no camera, microphone, geolocation or web notifications (the
  // main process notifies), no clipboard (copying goes through the main process). Electron grants
  // what no handler refuses, and most web APIs check before they request, so both are refused.
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
  // The meta tag covers the built page; the header also covers a page served over http (dev server).
  contents.session.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) }),
  );

  const { isQuitting } = behaviour;
  if (isQuitting) {
    // A tray app: the window goes away, the app keeps watching. Quitting (tray menu, Cmd+Q) closes it for real.
    window.on('close', (event) => {
      if (isQuitting()) return;
      event.preventDefault();
      window.hide();
    });
  }
  if (behaviour.hideOnEscape !== false) {
    contents.on('before-input-event', (event, input) => {
      if (!isPlainEscape(input)) return;
      event.preventDefault();
      window.hide();
    });
  }

  const dock = behaviour.app?.dock;
  if (dock) {
    // Without a visible window there is nothing for the Dock icon to lead to: the tray is the app.
    window.on('show', () => void Promise.resolve(dock.show()).catch(() => {}));
    window.on('hide', () => dock.hide());
    window.on('closed', () => dock.hide());
  }

  if (behaviour.showWhenReady !== false) window.once('ready-to-show', () => window.show());
  window.loadFile(files.page).catch(reportLoadFailure);
  return window;
}

/** Brings the window forward: out of the taskbar if minimized, shown if hidden, focused. */
export function showWindow(window: MainWindowHandle): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
