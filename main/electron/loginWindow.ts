/**
 * The re-sync login window: a BaseWindow holding two WebContentsViews, a band with our note (sign in
 * with email and password) above the platform's own sign-in page, each sandboxed with no preload and
 * no Node, the site's in a session of its own for the account. Nothing of ours runs in the site's
 * page. The window is the re-sync's cookie source
 * (core/resync/cookieSource.ts): the session's cookie store sees HttpOnly cookies (li_at,
 * auth_token, xs) that no page script can read; the core waits on it until the account's required
 * cookies are there and the page is past sign-in, checkpoint and challenge pages. Cookie values go
 * from the store to the core's request and nowhere else.
 * Electron objects come in as parameters, so tests pass strict fakes (tests/helpers/fakeElectron/).
 */
import type { BaseWindowConstructorOptions, Rectangle, WebContentsViewConstructorOptions } from 'electron';
import type { Account } from '../core/lobstr/account.js';
import type { CookieReading, CookieSource } from '../core/resync/cookieSource.js';
import { desktopChromeUserAgent, loginPagesFor, loginTitle } from '../core/resync/loginPages.js';
import { LOGIN_NOTE_HEIGHT, LOGIN_NOTE_URL } from './loginNote.js';

/** Electron's Cookie, the fields read here. */
export interface SessionCookie {
  name: string;
  value: string;
  domain?: string;
}

type CookieListener = (event: unknown, cookie: SessionCookie, cause: string, removed: boolean) => void;
type NavigationListener = (event: unknown, url: string) => void;
type WillNavigateListener = (event: { preventDefault(): void }) => void;

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
  on(event: 'will-navigate', listener: WillNavigateListener): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  /** WebContents.close: "the WebContents will be destroyed and no longer usable". */
  close(): void;
  isDestroyed(): boolean;
}

/** The part of Electron's View a window's content view holds (View.setBounds: relative to its parent). */
export interface LoginView {
  setBounds(bounds: Rectangle): void;
}

/** A WebContentsView: a View showing its webContents. */
export interface LoginContentsView extends LoginView {
  readonly webContents: LoginContents;
}

export interface LoginBaseWindow {
  /** BaseWindow.contentView: only the views added to it are shown. */
  readonly contentView: { addChildView(view: LoginView): void };
  /** "Contains the window's client area's width and height." */
  getContentSize(): number[];
  on(event: 'closed', listener: () => void): unknown;
  on(event: 'resize', listener: () => void): unknown;
  off(event: 'closed', listener: () => void): unknown;
  removeMenu(): void;
  close(): void;
  isDestroyed(): boolean;
}

export interface LoginWindowElectron {
  BaseWindow: new (options: BaseWindowConstructorOptions) => LoginBaseWindow;
  WebContentsView: new (options: WebContentsViewConstructorOptions) => LoginContentsView;
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

/** The note's session: without `persist:` a partition lives in memory only (Session.fromPartition); it stores nothing. */
const NOTE_PARTITION = 'resync-note';

/**
 * Our note, the band above the site: a static page with JavaScript off, in a session of its own,
 * that neither navigates (a link or file dropped on it would: 'will-navigate' prevented) nor opens
 * windows.
 */
function noteView(electron: LoginWindowElectron): LoginContentsView {
  const view = new electron.WebContentsView({
    webPreferences: { partition: NOTE_PARTITION, sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true },
  });
  view.webContents.on('will-navigate', (event) => event.preventDefault());
  view.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  view.webContents.loadURL(LOGIN_NOTE_URL).catch(() => undefined);
  return view;
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

  // The title says what to do; a BaseWindow has no page of its own, so the site's <title> never
  // replaces it (win.title: "The title of the web page can be different from the title of the native window").
  const window = new electron.BaseWindow({
    title: loginTitle(account),
    width: 520,
    height: 720,
    minWidth: 400,
    minHeight: 480,
    show: true,
    autoHideMenuBar: true,
  });
  // Electron's default menu (with its developer tools) has no place over someone else's site.
  window.removeMenu();
  const note = noteView(electron);
  const site = new electron.WebContentsView({
    webPreferences: { partition, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true },
  });
  // Pop-ups (Google's sign-in among them, which refuses embedded browsers) stay closed.
  site.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // A view shows only once in the content view, where its bounds put it (new views are 0×0).
  window.contentView.addChildView(note);
  window.contentView.addChildView(site);
  const layout = (): void => {
    if (window.isDestroyed()) return;
    const [width = 0, height = 0] = window.getContentSize();
    note.setBounds({ x: 0, y: 0, width, height: LOGIN_NOTE_HEIGHT });
    site.setBounds({ x: 0, y: LOGIN_NOTE_HEIGHT, width, height: Math.max(0, height - LOGIN_NOTE_HEIGHT) });
  };
  layout();
  window.on('resize', layout);

  let closing = false;
  let userClosed!: () => void;
  const closedByUser = new Promise<void>((resolve) => (userClosed = resolve));
  window.on('closed', () => {
    // A BaseWindow leaves its views' webContents alive when it closes (base-window.md, "Resource
    // management"): close them, or the site's page would run on unseen.
    for (const contents of [note.webContents, site.webContents]) if (!contents.isDestroyed()) contents.close();
    if (!closing) userClosed();
  });

  const load = (url: string): void => {
    if (window.isDestroyed() || site.webContents.isDestroyed()) return;
    // A failed load shows the site's own error page; the person can go on from there.
    site.webContents.loadURL(url).catch(() => undefined);
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
    const url = site.webContents.isDestroyed() ? '' : site.webContents.getURL();
    return { cookies, settled: !pages.isSignInPage(url) };
  };

  return {
    closedByUser,
    read: async (signal) => {
      signal.throwIfAborted();
      return read();
    },
    changed: (signal) => nextChange(session, window, site.webContents, signal),
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
function nextChange(session: LoginSession, window: LoginBaseWindow, site: LoginContents, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const contents = window.isDestroyed() || site.isDestroyed() ? null : site;
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
