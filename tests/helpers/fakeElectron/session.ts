/**
 * Electron's `session` module for the re-sync login window: sessions by partition, each with its
 * cookie store, user agent and storage. What this fake models, each from electron.d.ts (Electron 45)
 * or Electron's issue tracker, never more lenient than Electron:
 * - session.fromPartition: "When there is an existing Session with the same partition, it will be
 *   returned"; a `persist:` partition is kept on disk, any other lives in memory (Session.fromPartition).
 * - cookies.get(filter) resolves asynchronously ("Sends a request to get all cookies matching filter").
 *   `url` matches as a browser sends cookies: the cookie's domain domain-matches the URL's host (a
 *   host-only cookie only its own host), its path is a prefix of the URL's path, a Secure cookie only
 *   over https. `domain` is matched as a host since Electron 37 (electron/electron PR 46748,
 *   CanonicalCookie::IsDomainMatch): {domain:'www.linkedin.com'} finds a cookie of
 *   `.www.linkedin.com` and of `.linkedin.com`; {domain:'linkedin.com'} does not find one of
 *   `.www.linkedin.com` (shared/lobstr-api.md, Re-sync decisions).
 * - The 'changed' event (event, cookie, cause, removed) comes from the network service, later than
 *   the change itself: emitted on a later task here, never synchronously. An overwrite is a removal
 *   ('overwrite', removed true) then an insertion ('inserted'); a removal by clearStorageData or
 *   cookies.remove is 'explicit'.
 * - HttpOnly cookies are in the store like any other: only page script cannot read them.
 * - setUserAgent "doesn't affect existing WebContents" (Session.setUserAgent): a window made before
 *   keeps the agent it was made with.
 * - clearStorageData() with no options clears every kind of storage, cookies included.
 */
import { Emitter } from './emitter.js';

/** Electron's Cookie structure (the fields the app reads). */
export interface FakeCookie {
  name: string;
  value: string;
  /** With a leading dot for a domain cookie; without one for a host-only cookie. */
  domain: string;
  hostOnly: boolean;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  session: boolean;
}

export interface CookieFilter {
  url?: string;
  name?: string;
  domain?: string;
  path?: string;
  secure?: boolean;
  session?: boolean;
  httpOnly?: boolean;
}

/** Electron 45's default user agent carries the app's name and "Electron/": sites flag it. */
export const ELECTRON_DEFAULT_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) lobstr-tray/0.1.0 Chrome/140.0.7339.133 Electron/45.5.0 Safari/537.36';

const later = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function domainMatches(cookie: FakeCookie, host: string): boolean {
  const domain = cookie.domain.replace(/^\./, '').toLowerCase();
  const h = host.toLowerCase();
  if (cookie.hostOnly) return h === domain;
  return h === domain || h.endsWith(`.${domain}`);
}

function pathMatches(cookiePath: string, urlPath: string): boolean {
  if (cookiePath === urlPath) return true;
  if (!urlPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || urlPath[cookiePath.length] === '/';
}

export class FakeCookies extends Emitter {
  private readonly jar: FakeCookie[] = [];

  async get(filter: CookieFilter): Promise<FakeCookie[]> {
    await later();
    const url = filter.url ? new URL(filter.url) : null;
    return this.jar
      .filter((c) => {
        if (url && (!domainMatches(c, url.hostname) || !pathMatches(c.path, url.pathname) || (c.secure && url.protocol !== 'https:'))) return false;
        if (filter.domain !== undefined && !domainMatches(c, filter.domain.replace(/^\./, ''))) return false;
        if (filter.name !== undefined && c.name !== filter.name) return false;
        if (filter.path !== undefined && c.path !== filter.path) return false;
        if (filter.secure !== undefined && c.secure !== filter.secure) return false;
        if (filter.session !== undefined && c.session !== filter.session) return false;
        if (filter.httpOnly !== undefined && c.httpOnly !== filter.httpOnly) return false;
        return true;
      })
      .map((c) => ({ ...c }));
  }

  /** What a site's Set-Cookie (or cookies.set) does: insert, or overwrite the same name, domain and path. */
  async set(details: { url: string; name: string; value: string; domain?: string; path?: string; secure?: boolean; httpOnly?: boolean }): Promise<void> {
    const url = new URL(details.url);
    const cookie: FakeCookie = {
      name: details.name,
      value: details.value,
      domain: details.domain ? `.${details.domain.replace(/^\./, '')}` : url.hostname,
      hostOnly: details.domain === undefined,
      path: details.path ?? '/',
      secure: details.secure ?? url.protocol === 'https:',
      httpOnly: details.httpOnly ?? false,
      session: true,
    };
    const at = this.jar.findIndex((c) => c.name === cookie.name && c.domain === cookie.domain && c.path === cookie.path);
    const old = at >= 0 ? this.jar.splice(at, 1)[0]! : null;
    this.jar.push(cookie);
    await later();
    if (old) this.emit('changed', {}, { ...old }, 'overwrite', true);
    this.emit('changed', {}, { ...cookie }, 'inserted', false);
  }

  async remove(url: string, name: string): Promise<void> {
    const host = new URL(url).hostname;
    const gone = this.jar.filter((c) => c.name === name && domainMatches(c, host));
    for (const c of gone) this.jar.splice(this.jar.indexOf(c), 1);
    await later();
    for (const c of gone) this.emit('changed', {}, { ...c }, 'explicit', true);
  }

  /** Every cookie, for tests (what would be on disk for a persistent session). */
  all(): FakeCookie[] {
    return this.jar.map((c) => ({ ...c }));
  }

  async clear(): Promise<void> {
    const gone = this.jar.splice(0, this.jar.length);
    await later();
    for (const c of gone) this.emit('changed', {}, { ...c }, 'explicit', true);
  }
}

export class FakeSession {
  readonly cookies = new FakeCookies();
  /** clearStorageData calls, with their options. */
  readonly storageCleared: Array<Record<string, unknown> | undefined> = [];
  private userAgent = ELECTRON_DEFAULT_USER_AGENT;
  acceptLanguages: string | undefined;

  constructor(
    readonly partition: string,
    readonly persistent: boolean,
  ) {}

  setUserAgent(userAgent: string, acceptLanguages?: string): void {
    this.userAgent = userAgent;
    this.acceptLanguages = acceptLanguages;
  }

  getUserAgent(): string {
    return this.userAgent;
  }

  /**
   * Without a handler Electron grants every permission a page asks for ("By default, Electron will
   * automatically approve all permission requests unless the developer has manually configured a
   * custom handler": docs/tutorial/security.md).
   */
  permissionHandler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  setPermissionRequestHandler(handler: FakeSession['permissionHandler']): void {
    this.permissionHandler = handler;
  }
  /** A page of this session asks for a permission; resolves with the answer. */
  pageRequestsPermission(permission: string): Promise<boolean> {
    const handler = this.permissionHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler(null, permission, resolve));
  }

  async clearStorageData(options?: Record<string, unknown>): Promise<void> {
    this.storageCleared.push(options);
    const storages = options?.['storages'] as string[] | undefined;
    if (storages === undefined || storages.includes('cookies')) await this.cookies.clear();
    else await later();
  }
}

/** Electron's `session` module: one Session per partition string. */
export class FakeSessionModule {
  readonly sessions = new Map<string, FakeSession>();

  fromPartition(partition: string): FakeSession {
    let session = this.sessions.get(partition);
    if (!session) {
      session = new FakeSession(partition, partition.startsWith('persist:'));
      this.sessions.set(partition, session);
    }
    return session;
  }
}
