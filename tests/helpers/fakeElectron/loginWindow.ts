/**
 * A BaseWindow holding WebContentsViews (the re-sync login window: our note above the platform's own
 * pages), and the site behind it: tests play the site (navigations, cookies it sets, its page titles)
 * and the user (resizing, closing). Modelled on electron.d.ts and docs/api (Electron 45), never more
 * lenient:
 * - A BaseWindow shows nothing of its own: only the views in its `contentView` (View.addChildView;
 *   "If the same View is added to a parent which already contains it, it will be reordered such that
 *   it becomes the topmost view"), each where its bounds put it, relative to the content view; a new
 *   view's bounds are empty (0×0) until setBounds. setBounds emits 'bounds-changed'.
 * - BaseWindow's width/height are the window's outer size unless `useContentSize`; getContentSize is
 *   "the window's client area's width and height". 'resize': "Emitted after the window has been
 *   resized"; the content view follows the client area.
 * - BaseWindow has no page and no 'page-title-updated': its title is the one set ("The title of the
 *   web page can be different from the title of the native window", win.title).
 * - "Resource management" (base-window.md): when the BaseWindow is closed, "the webContents of the
 *   WebContentsView are not destroyed automatically": they live on (and leak) until
 *   webContents.close(), which destroys them and emits 'destroyed'.
 * - 'will-navigate' (details, url, …) precedes a navigation the page starts ("Calling
 *   event.preventDefault() will prevent the navigation"); it is not emitted for loadURL.
 * - WebContentsView's webPreferences.partition: "Sets the session used by the page according to the session's partition
 *   string" (the same Session that session.fromPartition returns for it).
 * - The page's user agent is the session's when the window is made (Session.setUserAgent "doesn't
 *   affect existing WebContents"), unless loadURL's `userAgent` option overrides it for that load.
 * - loadURL "returns a promise that will resolve when the page has finished loading"; the
 *   navigation's 'did-navigate' (event, url, httpResponseCode, httpStatusText) comes first. A page
 *   changing its address itself (history.pushState: LinkedIn and X are single-page apps) fires
 *   'did-navigate-in-page' (event, url, isMainFrame) and no 'did-navigate'.
 * - 'close' can be prevented; 'closed' follows a close that went ahead; after it the window is
 *   destroyed and any call on it throws ("Object has been destroyed"); so does any call on a
 *   webContents after close().
 * - Without setWindowOpenHandler a page's window.open opens a new window; with it, the handler decides.
 * - Every window on Windows and Linux shows the application menu (Electron's default one, with
 *   developer tools) unless removeMenu() or setMenu(null) is called on it.
 */
import type { BaseWindowConstructorOptions, Rectangle, WebContentsViewConstructorOptions, WebPreferences } from 'electron';
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
  /** The page's own <title>. */
  pageTitle = '';
  private url = '';
  private readonly agent: string;

  constructor(
    readonly session: FakeSession,
    readonly preferences: WebPreferences,
  ) {
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

  /** "Closes the page, as if the web content had called window.close()": destroyed, 'destroyed' emitted. */
  close(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('destroyed');
  }

  setWindowOpenHandler(handler: OpenHandler): void {
    this.alive();
    this.openHandler = handler;
  }

  // ---- the site (or any page shown)

  /**
   * The page goes elsewhere by itself (a redirect, a form post, a link, a link dropped on it):
   * 'will-navigate' first, which the app may prevent. True when the navigation went ahead.
   */
  async pageNavigates(url: string): Promise<boolean> {
    this.alive();
    let prevented = false;
    this.emit('will-navigate', { url, isMainFrame: true, isSameDocument: false, preventDefault: () => (prevented = true) }, url, false, true);
    if (prevented) return false;
    // A navigation the page starts carries the webContents' own agent, not a past loadURL's option.
    this.requests.push({ url, userAgent: this.agent });
    this.url = url;
    this.emit('did-navigate', {}, url, 200, 'OK');
    await later();
    return true;
  }

  /** The site sends the browser elsewhere; it fails the test if the app stopped it. */
  async siteGoesTo(url: string): Promise<void> {
    if (!(await this.pageNavigates(url))) throw new Error(`the app prevented the site's navigation to ${url}`);
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

  /** The page's <title> changes ('page-title-updated' on the webContents; a BaseWindow's title does not follow). */
  siteTitles(title: string): void {
    this.alive();
    this.pageTitle = title;
    this.emit('page-title-updated', { preventDefault: () => undefined }, title, true);
  }

  /** The page calls window.open; true when a new window would open. */
  pageOpensWindow(url: string): boolean {
    return this.openHandler ? this.openHandler({ url }).action === 'allow' : true;
  }
}

const EMPTY: Rectangle = { x: 0, y: 0, width: 0, height: 0 };

/** Electron's View: bounds relative to its parent, visibility, child views in z-order (last on top). */
export class FakeView extends Emitter {
  readonly children: FakeView[] = [];
  private bounds: Rectangle = { ...EMPTY };
  private visible = true;

  addChildView(view: FakeView, index?: number): void {
    const at = this.children.indexOf(view);
    if (at >= 0) this.children.splice(at, 1);
    this.children.splice(index ?? this.children.length, 0, view);
  }

  removeChildView(view: FakeView): void {
    const at = this.children.indexOf(view);
    if (at >= 0) this.children.splice(at, 1);
  }

  setBounds(bounds: Rectangle): void {
    this.bounds = { ...bounds };
    this.emit('bounds-changed');
  }

  getBounds(): Rectangle {
    return { ...this.bounds };
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
  }

  getVisible(): boolean {
    return this.visible;
  }
}

export class FakeWebContentsView extends FakeView {
  /** Every view made since the test reset it. */
  static created: FakeWebContentsView[] = [];
  /** Where partitions come from: the same module the app is given as `session`. */
  static sessions: FakeSessionModule;

  readonly webContents: FakeLoginContents;

  constructor(readonly options: WebContentsViewConstructorOptions = {}) {
    super();
    const preferences = options.webPreferences ?? {};
    // No partition: the app's default session (session.fromPartition('') is the default one).
    this.webContents = new FakeLoginContents(FakeWebContentsView.sessions.fromPartition(preferences.partition ?? ''), preferences);
    FakeWebContentsView.created.push(this);
  }
}

/** The title bar's height in the fake: BaseWindow's width/height are outer sizes unless useContentSize. */
export const FAKE_TITLE_BAR = 28;

export class FakeBaseWindow extends Emitter {
  /** Every window made since the test reset it. */
  static created: FakeBaseWindow[] = [];

  readonly contentView = new FakeView();
  title: string;
  visible: boolean;
  destroyed = false;
  menuRemoved = false;
  private content: { width: number; height: number };

  constructor(readonly options: BaseWindowConstructorOptions = {}) {
    super();
    this.title = options.title ?? '';
    this.visible = options.show ?? true;
    // Electron's defaults: 800×600.
    this.content = this.contentFor(options.width ?? 800, options.height ?? 600);
    this.contentView.setBounds({ x: 0, y: 0, ...this.content });
    FakeBaseWindow.created.push(this);
  }

  private contentFor(width: number, height: number): { width: number; height: number } {
    const w = Math.max(width, this.options.minWidth ?? 0);
    const h = Math.max(height, this.options.minHeight ?? 0);
    return this.options.useContentSize ? { width: w, height: h } : { width: w, height: Math.max(0, h - FAKE_TITLE_BAR) };
  }

  private alive(): void {
    if (this.destroyed) throw destroyedError();
  }

  getContentSize(): number[] {
    this.alive();
    return [this.content.width, this.content.height];
  }

  getContentBounds(): Rectangle {
    this.alive();
    return { x: 0, y: FAKE_TITLE_BAR, ...this.content };
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
    // The views' webContents live on: closing them is the app's job (base-window.md, Resource management).
    this.emit('closed');
  }

  // ---- what the user sees and does

  /**
   * The views the window shows, as the user sees them: its content view's visible children with an
   * area inside the client area, each with its bounds (relative to the client area), last on top.
   */
  shown(): Array<{ view: FakeView; bounds: Rectangle }> {
    if (this.destroyed || !this.visible) return [];
    return this.contentView.children
      .filter((view) => view.getVisible())
      .map((view) => ({ view, bounds: view.getBounds() }))
      .filter(({ bounds: b }) => b.width > 0 && b.height > 0 && b.x < this.content.width && b.y < this.content.height && b.x + b.width > 0 && b.y + b.height > 0);
  }

  /** The user resizes the window to an outer size (kept to its minimum size). */
  userResizes(width: number, height: number): void {
    this.alive();
    this.content = this.contentFor(width, height);
    this.contentView.setBounds({ x: 0, y: 0, ...this.content });
    this.emit('resize');
  }

  /** The user closes the window. */
  userCloses(): void {
    this.close();
  }
}

/**
 * The re-sync login window's two views, told apart as a user would by what they show: the site's is
 * in the account's own kept (`persist:`) session, the note's is not. Throws unless the window holds
 * exactly these two.
 */
export function loginViews(window: FakeBaseWindow): { note: FakeWebContentsView; site: FakeWebContentsView } {
  const views = window.contentView.children.filter((v): v is FakeWebContentsView => v instanceof FakeWebContentsView);
  const site = views.filter((v) => v.webContents.session.persistent);
  const note = views.filter((v) => !v.webContents.session.persistent);
  if (site.length !== 1 || note.length !== 1) throw new Error(`the login window holds ${site.length} site view(s) and ${note.length} other view(s)`);
  return { note: note[0]!, site: site[0]! };
}

/** The site's webContents in the latest login window, where tests play the site. */
export function latestLoginSite(): FakeLoginContents {
  const window = FakeBaseWindow.created.at(-1);
  if (!window) throw new Error('no login window was opened');
  return loginViews(window).site.webContents;
}
