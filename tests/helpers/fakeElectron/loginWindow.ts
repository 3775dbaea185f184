/**
 * A BrowserWindow showing a platform's own pages (the re-sync login window), and the site behind it:
 * tests play the site (navigations, cookies it sets, its page titles) and the user (closing it).
 * Modelled on electron.d.ts (Electron 45), never more lenient:
 * - webPreferences.partition: "Sets the session used by the page according to the session's partition
 *   string" (the same Session that session.fromPartition returns for it).
 * - The page's user agent is the session's when the window is made (Session.setUserAgent "doesn't
 *   affect existing WebContents"), unless loadURL's `userAgent` option overrides it for that load.
 * - loadURL "returns a promise that will resolve when the page has finished loading"; the
 *   navigation's 'did-navigate' (event, url, httpResponseCode, httpStatusText) comes first. A page
 *   changing its address itself (history.pushState: LinkedIn and X are single-page apps) fires
 *   'did-navigate-in-page' (event, url, isMainFrame) and no 'did-navigate'.
 * - 'page-title-updated' (event, title): "Calling event.preventDefault() will prevent the native
 *   window's title from changing".
 * - 'close' can be prevented; 'closed' follows a close that went ahead; after it the window and its
 *   webContents are destroyed and any call on them throws ("Object has been destroyed").
 * - Without setWindowOpenHandler a page's window.open opens a new window; with it, the handler decides.
 * - Every window on Windows and Linux shows the application menu (Electron's default one, with
 *   developer tools) unless removeMenu() or setMenu(null) is called on it.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { Emitter } from './emitter.js';
import type { FakeSession, FakeSessionModule } from './session.js';

const later = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

type OpenHandler = (details: { url: string }) => { action: 'deny' | 'allow' };

function destroyedError(): Error {
  return new TypeError('Object has been destroyed');
}

export class FakeLoginContents extends Emitter {
  readonly loads: Array<{ url: string; userAgent: string }> = [];
  /** Every page request, the app's loads and the site's own navigations, with the agent it carried. */
  readonly requests: Array<{ url: string; userAgent: string }> = [];
  openHandler: OpenHandler | null = null;
  destroyed = false;
  private url = '';
  private readonly agent: string;

  constructor(readonly session: FakeSession) {
    super();
    this.agent = session.getUserAgent();
  }

  private alive(): void {
    if (this.destroyed) throw destroyedError();
  }

  async loadURL(url: string, options: { userAgent?: string } = {}): Promise<void> {
    this.alive();
    this.loads.push({ url, userAgent: options.userAgent ?? this.agent });
    this.requests.push(this.loads.at(-1)!);
    await later();
    if (this.destroyed) throw new Error('ERR_ABORTED (-3) loading ' + url);
    this.url = url;
    this.emit('did-navigate', {}, url, 200, 'OK');
  }

  getURL(): string {
    this.alive();
    return this.url;
  }

  /** The agent the site saw on the last page request. */
  userAgentSeen(): string {
    return this.requests.at(-1)?.userAgent ?? this.agent;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  setWindowOpenHandler(handler: OpenHandler): void {
    this.alive();
    this.openHandler = handler;
  }

  // ---- the site

  /** The site sends the browser elsewhere (a redirect, a form post, a link). */
  async siteGoesTo(url: string): Promise<void> {
    this.alive();
    // A navigation the page starts carries the webContents' own agent, not a past loadURL's option.
    this.requests.push({ url, userAgent: this.agent });
    this.url = url;
    this.emit('did-navigate', {}, url, 200, 'OK');
    await later();
  }

  /** The site's script changes the address (history.pushState). */
  async siteGoesInPage(url: string): Promise<void> {
    this.alive();
    this.url = url;
    this.emit('did-navigate-in-page', {}, url, true, 0, 0);
    await later();
  }

  /** The site sets a cookie (Set-Cookie), for its own host unless `domain` is given. */
  async siteSetsCookie(cookie: { name: string; value: string; domain?: string; path?: string; httpOnly?: boolean; url?: string }): Promise<void> {
    this.alive();
    await this.session.cookies.set({ url: cookie.url ?? this.url, ...cookie });
  }

  /** The page calls window.open; true when a new window would open. */
  pageOpensWindow(url: string): boolean {
    return this.openHandler ? this.openHandler({ url }).action === 'allow' : true;
  }
}

export class FakeLoginWindow extends Emitter {
  /** Every login window made since the test reset it. */
  static created: FakeLoginWindow[] = [];
  /** Where partitions come from: the same module the app is given as `session`. */
  static sessions: FakeSessionModule;

  readonly webContents: FakeLoginContents;
  title: string;
  visible = false;
  destroyed = false;
  menuRemoved = false;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    const partition = options.webPreferences?.partition ?? '';
    this.webContents = new FakeLoginContents(FakeLoginWindow.sessions.fromPartition(partition));
    this.title = options.title ?? '';
    this.visible = options.show ?? true;
    FakeLoginWindow.created.push(this);
  }

  private alive(): void {
    if (this.destroyed) throw destroyedError();
  }

  setTitle(title: string): void {
    this.alive();
    this.title = title;
  }

  getTitle(): string {
    this.alive();
    return this.title;
  }

  show(): void {
    this.alive();
    this.visible = true;
  }

  focus(): void {
    this.alive();
  }

  removeMenu(): void {
    this.alive();
    this.menuRemoved = true;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  close(): void {
    this.alive();
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroy();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.webContents.destroyed = true;
    this.emit('closed');
  }

  // ---- the site and the user

  /** The page's <title> changes; the window's title follows unless the app prevents it. */
  siteTitles(title: string): void {
    let prevented = false;
    this.emit('page-title-updated', { preventDefault: () => (prevented = true) }, title, true);
    if (!prevented) this.title = title;
  }

  /** The user closes the window. */
  userCloses(): void {
    this.close();
  }
}
