/**
 * The re-sync login window: the platform's own sign-in page in a window of ours, in a session of its
 * own for the account, sandboxed, with no preload and no Node. It is the re-sync's cookie source
 * (core/resync/cookieSource.ts): the session's cookie store sees HttpOnly cookies (li_at,
 * auth_token, xs) that no page script can read; the core waits on it until the account's required
 * cookies are there and the page is past sign-in, checkpoint and challenge pages. Cookie values go
 * from the store to the core's request and nowhere else.
 * Electron objects come in as parameters, so tests pass strict fakes (tests/helpers/fakeElectron/).
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import type { Account } from '../core/lobstr/account.js';
import type { CookieReading, CookieSource } from '../core/resync/cookieSource.js';
import { desktopChromeUserAgent, loginPagesFor, loginTitle } from '../core/resync/loginPages.js';

/** Electron's Cookie, the fields read here. */
export interface SessionCookie {
  name: string;
  value: string;
  domain?: string;
}

type CookieListener = (event: unknown, cookie: SessionCookie, cause: string, removed: boolean) => void;
type NavigationListener = (event: unknown, url: string) => void;

/** The part of Electron's Session the login window uses. */
export interface LoginSession {
  readonly cookies: {
    get(filter: { url: string }): Promise<SessionCookie[]>;
    on(event: 'changed', listener: CookieListener): unknown;
    off(event: 'changed', listener: CookieListener): unknown;
  };
  setUserAgent(userAgent: string): void;
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  clearStorageData(): Promise<void>;
}

export interface LoginContents {
  loadURL(url: string, options?: { userAgent?: string }): Promise<void>;
  getURL(): string;
  on(event: 'did-navigate', listener: NavigationListener): unknown;
  on(event: 'did-navigate-in-page', listener: NavigationListener): unknown;
  off(event: 'did-navigate', listener: NavigationListener): unknown;
  off(event: 'did-navigate-in-page', listener: NavigationListener): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  isDestroyed(): boolean;
}

export interface LoginBrowserWindow {
  readonly webContents: LoginContents;
  on(event: 'closed', listener: () => void): unknown;
  on(event: 'page-title-updated', listener: (event: { preventDefault(): void }, title: string) => void): unknown;
  off(event: 'closed', listener: () => void): unknown;
  removeMenu(): void;
  close(): void;
  isDestroyed(): boolean;
}

export interface LoginWindowElectron {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => LoginBrowserWindow;
  session: { fromPartition(partition: string): LoginSession };
  /** process.platform and process.versions.chrome: the user agent is desktop Chrome's of that version. */
  platform: string;
  chromeVersion: string;
}

export interface LoginWindow extends CookieSource {
  /** Resolves when the person closes the window before the re-sync took the cookies. */
  readonly closedByUser: Promise<void>;
  /** The cookies were taken, or the re-sync ended: the window goes (the sync runs on without it). */
  close(): void;
  /** After the re-sync: the session's storage is cleared unless the person chose to stay signed in here. */
  forget(keepSignedIn: boolean): Promise<void>;
}

type LoginAccount = Pick<Account, 'id' | 'type' | 'username' | 'baseurl' | 'cookies'>;

/**
 * One session per account, kept on disk (`persist:`) so "keep me logged in here" lasts; an account
 * id is a hash, but nothing else may reach the partition's name.
 */
export function loginPartition(accountId: string): string {
  return `persist:resync-${accountId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export function openLoginWindow(electron: LoginWindowElectron, account: LoginAccount): LoginWindow {
  const pages = loginPagesFor(account);
  if (pages.cookieUrl === '') throw new Error(`The account's site (${account.baseurl}) is not an https address: it cannot be signed in to here.`);
  const partition = loginPartition(account.id);
  const session = electron.session.fromPartition(partition);
  const userAgent = desktopChromeUserAgent(electron.platform, electron.chromeVersion);
  // Before the window: a session's agent "doesn't affect existing WebContents".
  session.setUserAgent(userAgent);
  // The site asks for nothing it needs to sign in: no notifications, camera or location from it.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  const title = loginTitle(account);
  const window = new electron.BrowserWindow({
    title,
    width: 520,
    height: 720,
    minWidth: 400,
    minHeight: 480,
    show: true,
    autoHideMenuBar: true,
    webPreferences: { partition, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true },
  });
  // Electron's default menu (with its developer tools) has no place over someone else's site.
  window.removeMenu();
  // The title says what to do; the site's own <title> would replace it.
  window.on('page-title-updated', (event: { preventDefault(): void }) => event.preventDefault());
  // Pop-ups (Google's sign-in among them, which refuses embedded browsers) stay closed.
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));

  let closing = false;
  let userClosed!: () => void;
  const closedByUser = new Promise<void>((resolve) => (userClosed = resolve));
  window.on('closed', () => {
    if (!closing) userClosed();
  });

  const load = (url: string): void => {
    if (window.isDestroyed()) return;
    // A failed load shows the site's own error page; the person can go on from there.
    window.webContents.loadURL(url).catch(() => undefined);
  };
  load(pages.startUrl);

  let visited = false;
  const read = async (): Promise<CookieReading> => {
    const stored = await session.cookies.get({ url: pages.cookieUrl });
    const cookies = stored.map((c) => ({ name: c.name, value: c.value, domain: c.domain ?? null }));
    const names = new Set(cookies.map((c) => c.name));
    const visit = pages.visit;
    if (visit && !visited && names.has(visit.after) && !names.has(visit.cookie)) {
      // Sales Navigator sets li_a only on its own pages: go there once LinkedIn's sign-in is done.
      visited = true;
      load(visit.url);
    }
    const url = window.isDestroyed() ? '' : window.webContents.getURL();
    return { cookies, settled: !pages.isSignInPage(url) };
  };

  return {
    closedByUser,
    read: async (signal) => {
      signal.throwIfAborted();
      return read();
    },
    changed: (signal) => nextChange(session, window, signal),
    close: () => {
      closing = true;
      if (!window.isDestroyed()) window.close();
    },
    forget: async (keepSignedIn) => {
      if (!keepSignedIn) await session.clearStorageData();
    },
  };
}

/** The first cookie change, navigation or close after the call; rejects when `signal` aborts. */
function nextChange(session: LoginSession, window: LoginBrowserWindow, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const contents = window.isDestroyed() ? null : window.webContents;
    const stop = (): void => {
      session.cookies.off('changed', fire);
      contents?.off('did-navigate', fire);
      contents?.off('did-navigate-in-page', fire);
      window.off('closed', fire);
      signal.removeEventListener('abort', aborted);
    };
    function fire(): void {
      stop();
      resolve();
    }
    function aborted(): void {
      stop();
      reject(signal.reason);
    }
    session.cookies.on('changed', fire);
    contents?.on('did-navigate', fire);
    contents?.on('did-navigate-in-page', fire);
    window.on('closed', fire);
    signal.addEventListener('abort', aborted, { once: true });
  });
}
