/**
 * The re-sync login window (main/electron/loginWindow.ts) on strict fakes of Electron's BaseWindow,
 * WebContentsView and session (tests/helpers/fakeElectron/loginWindow.ts, session.ts): our note above
 * the platform's own pages, each in a sandboxed view, the site's with a session of the account's own,
 * read as the re-sync's cookie source.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { openLoginWindow, type LoginWindowElectron } from '../../main/electron/loginWindow.js';
import { FakeBaseWindow, FakeWebContentsView, loginViews } from '../helpers/fakeElectron/loginWindow.js';
import { FakeSessionModule } from '../helpers/fakeElectron/session.js';

const linkedin = {
  id: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  type: 'linkedin-sync',
  username: 'rosa.haddad@proton.me',
  baseurl: 'https://www.linkedin.com',
  cookies: [
    { name: 'li_at', required: true },
    { name: 'JSESSIONID', required: true },
  ],
};
const salesNav = {
  ...linkedin,
  id: 'ffeeddccbbaa99887766554433221100',
  type: 'sales-nav-sync',
  cookies: [...linkedin.cookies, { name: 'li_a', required: true }],
};

let sessions: FakeSessionModule;
let electron: LoginWindowElectron;

beforeEach(() => {
  sessions = new FakeSessionModule();
  FakeBaseWindow.created = [];
  FakeWebContentsView.created = [];
  FakeWebContentsView.sessions = sessions;
  electron = { BaseWindow: FakeBaseWindow, WebContentsView: FakeWebContentsView, session: sessions, platform: 'darwin', chromeVersion: '140.0.7339.133' };
});

const windowAt = (i: number) => FakeBaseWindow.created[i]!;
/** The site's webContents in the i-th login window. */
const siteAt = (i: number) => loginViews(windowAt(i)).site.webContents;
/** The text a data: URL's HTML shows, tags and styles left out. */
function shownText(url: string): string {
  expect(url).toMatch(/^data:text\/html/);
  const html = decodeURIComponent(url.slice(url.indexOf(',') + 1));
  return html.replace(/<style[\s\S]*?<\/style>|<title[\s\S]*?<\/title>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const names = (reading: { cookies: readonly { name: string }[] }) => reading.cookies.map((c) => c.name).sort();
const signal = () => new AbortController().signal;

describe('the login window', () => {
  it("opens the platform's sign-in page, sandboxed, without preload or Node, in a session of the account's own", async () => {
    openLoginWindow(electron, linkedin);
    await settle();
    const site = siteAt(0);
    const prefs = site.preferences;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(prefs.preload).toBeUndefined();
    expect(prefs.partition).toBe(`persist:resync-${linkedin.id}`);
    expect(site.session.persistent).toBe(true);
    expect(site.getURL()).toBe('https://www.linkedin.com/login');

    openLoginWindow(electron, salesNav);
    expect(siteAt(1).preferences.partition).not.toBe(prefs.partition);
  });

  it('says what to do in its title and keeps it when the site sets its own', () => {
    openLoginWindow(electron, linkedin);
    const window = windowAt(0);
    expect(window.title).toBe('Log in to LinkedIn as rosa.haddad@proton.me');
    siteAt(0).siteTitles('LinkedIn Login, Sign in | LinkedIn');
    expect(window.title).toBe('Log in to LinkedIn as rosa.haddad@proton.me');
  });

  it("shows the site as desktop Chrome of Electron's version, without Electron or the app's name", async () => {
    openLoginWindow(electron, linkedin);
    await settle();
    const contents = siteAt(0);
    // The first page, and the pages the site goes to by itself afterwards.
    await contents.siteGoesTo('https://www.linkedin.com/checkpoint/lg/login-submit');
    expect(contents.requests).toHaveLength(2);
    for (const { userAgent } of contents.requests) {
      expect(userAgent).toMatch(/Chrome\/140\.0\.0\.0 Safari\/537\.36$/);
      expect(userAgent).toContain('Macintosh');
      expect(userAgent).not.toMatch(/electron|lobstr/i);
    }
  });

  it('has no menu, opens no pop-up and grants the site no permission', async () => {
    openLoginWindow(electron, linkedin);
    expect(windowAt(0).menuRemoved).toBe(true);
    expect(siteAt(0).pageOpensWindow('https://accounts.google.com/o/oauth2/auth')).toBe(false);
    expect(await siteAt(0).session.pageRequestsPermission('notifications')).toBe(false);
  });

  it('reads the HttpOnly cookies, and is not settled while the page is a sign-in or checkpoint page', async () => {
    const login = openLoginWindow(electron, linkedin);
    await settle();
    const contents = siteAt(0);
    await contents.siteSetsCookie({ name: 'JSESSIONID', value: '"ajax:1234567890"', domain: '.www.linkedin.com' });
    await contents.siteSetsCookie({ name: 'li_at', value: 'AQEDAR-secret', domain: '.www.linkedin.com', httpOnly: true });
    await contents.siteGoesTo('https://www.linkedin.com/checkpoint/challenge/AgHk');
    let reading = await login.read(signal());
    expect(names(reading)).toEqual(['JSESSIONID', 'li_at']);
    expect(reading.settled).toBe(false);

    await contents.siteGoesInPage('https://www.linkedin.com/feed/');
    reading = await login.read(signal());
    expect(reading.settled).toBe(true);
    // As stored, quotes included (shared/lobstr-api.md, "JSESSIONID quotes").
    expect(reading.cookies.find((c) => c.name === 'JSESSIONID')!.value).toBe('"ajax:1234567890"');
  });

  it("goes to Sales Navigator once LinkedIn's li_at is there, for li_a", async () => {
    const login = openLoginWindow(electron, salesNav);
    await settle();
    const contents = siteAt(0);
    await contents.siteSetsCookie({ name: 'li_at', value: 'AQEDAR-secret', domain: '.www.linkedin.com', httpOnly: true });
    await contents.siteGoesTo('https://www.linkedin.com/feed/');
    await login.read(signal());
    await settle();
    expect(contents.getURL()).toBe('https://www.linkedin.com/sales/');
    await contents.siteSetsCookie({ name: 'li_a', value: 'AQJ2-secret', domain: '.linkedin.com', httpOnly: true });
    await login.read(signal());
    expect(contents.loads.map((l) => l.url)).toEqual(['https://www.linkedin.com/login', 'https://www.linkedin.com/sales/']);
    expect(names(await login.read(signal()))).toContain('li_a');
  });

  it('tells of the next change: a cookie, a page, or the window closing; and lets go when the wait is aborted', async () => {
    const login = openLoginWindow(electron, linkedin);
    await settle();
    const window = windowAt(0);
    const site = siteAt(0);
    const session = site.session;

    const onCookie = login.changed!(signal());
    await site.siteSetsCookie({ name: 'li_at', value: 'x', domain: '.www.linkedin.com' });
    await expect(onCookie).resolves.toBeUndefined();

    const onPage = login.changed!(signal());
    await site.siteGoesInPage('https://www.linkedin.com/feed/');
    await expect(onPage).resolves.toBeUndefined();

    const abort = new AbortController();
    const aborted = login.changed!(abort.signal);
    abort.abort(new Error('cancelled'));
    await expect(aborted).rejects.toThrow('cancelled');
    expect(session.cookies.listeners.get('changed') ?? []).toHaveLength(0);
    expect(site.listeners.get('did-navigate') ?? []).toHaveLength(0);

    const onClose = login.changed!(signal());
    window.userCloses();
    await expect(onClose).resolves.toBeUndefined();
  });

  it('tells when the person closes it, not when the app does', async () => {
    const byUser = openLoginWindow(electron, linkedin);
    const byApp = openLoginWindow(electron, salesNav);
    let userClosedSecond = false;
    void byApp.closedByUser.then(() => (userClosedSecond = true));
    windowAt(0).userCloses();
    byApp.close();
    await expect(byUser.closedByUser).resolves.toBeUndefined();
    await settle();
    expect(windowAt(1).isDestroyed()).toBe(true);
    expect(userClosedSecond).toBe(false);
    // Both windows' pages are gone with them, the note's and the site's: nothing left running unseen.
    for (const window of [windowAt(0), windowAt(1)]) {
      const { note, site } = loginViews(window);
      expect(window.shown()).toEqual([]);
      expect(note.webContents.isDestroyed()).toBe(true);
      expect(site.webContents.isDestroyed()).toBe(true);
    }
  });

  it('shows, above the site, a note: sign in with email and password, Google sign-in is refused inside apps', async () => {
    openLoginWindow(electron, linkedin);
    await settle();
    const window = windowAt(0);
    const { note, site } = loginViews(window);
    const [width, height] = window.getContentSize() as [number, number];
    const shown = window.shown();
    expect(shown.map((s) => s.view)).toEqual(expect.arrayContaining([note, site]));
    expect(shown).toHaveLength(2);
    const noteBounds = note.getBounds();
    // A thin band across the top, the site's page filling the rest below it.
    expect(noteBounds).toMatchObject({ x: 0, y: 0, width });
    expect(noteBounds.height).toBeGreaterThanOrEqual(36);
    expect(noteBounds.height).toBeLessThanOrEqual(44);
    expect(site.getBounds()).toEqual({ x: 0, y: noteBounds.height, width, height: height - noteBounds.height });
    const text = shownText(note.webContents.getURL());
    expect(text).toBe('Sign in with your email and password. Google sign-in is refused inside apps.');
    const html = decodeURIComponent(note.webContents.getURL());
    expect(html).toContain('system-ui');
    expect(html).toMatch(/@media \(prefers-color-scheme: dark\)/);
    expect(html).not.toMatch(/<script|https?:/i);
  });

  it('keeps the note to itself: no preload, no Node, no script, a session of its own in memory, no navigation, no pop-up', async () => {
    openLoginWindow(electron, linkedin);
    await settle();
    const { note, site } = loginViews(windowAt(0));
    const prefs = note.webContents.preferences;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false });
    expect(prefs.preload).toBeUndefined();
    expect(note.webContents.session).not.toBe(site.webContents.session);
    expect(note.webContents.session.persistent).toBe(false);
    const shown = note.webContents.getURL();
    // A link dropped on the note, say: it stays the note.
    expect(await note.webContents.pageNavigates('https://accounts.google.com/')).toBe(false);
    expect(note.webContents.getURL()).toBe(shown);
    expect(note.webContents.pageOpensWindow('https://accounts.google.com/')).toBe(false);
    // The site's page, as today, goes where it goes.
    expect(await site.webContents.pageNavigates('https://www.linkedin.com/feed/')).toBe(true);
  });

  it('lays the note and the site out again when the window is resized', async () => {
    openLoginWindow(electron, linkedin);
    await settle();
    const window = windowAt(0);
    const { note, site } = loginViews(window);
    const band = note.getBounds().height;
    window.userResizes(900, 640);
    const [width, height] = window.getContentSize() as [number, number];
    expect(width).toBe(900);
    expect(note.getBounds()).toEqual({ x: 0, y: 0, width, height: band });
    expect(site.getBounds()).toEqual({ x: 0, y: band, width, height: height - band });
    expect(window.shown()).toHaveLength(2);
  });

  it("forgets the session after the re-sync, by clearing its storage, never through the site's sign-out", async () => {
    const login = openLoginWindow(electron, linkedin);
    await settle();
    const contents = siteAt(0);
    await contents.siteSetsCookie({ name: 'li_at', value: 'x', domain: '.www.linkedin.com', httpOnly: true });
    login.close();
    await login.forget(false);
    expect(contents.session.cookies.all()).toEqual([]);
    expect(contents.loads.map((l) => l.url).some((url) => /logout|signout/i.test(url))).toBe(false);
  });

  it('keeps the session when the person chose to stay signed in, and the next re-sync finds it', async () => {
    const first = openLoginWindow(electron, linkedin);
    await settle();
    await siteAt(0).siteSetsCookie({ name: 'li_at', value: 'x', domain: '.www.linkedin.com', httpOnly: true });
    first.close();
    await first.forget(true);

    const again = openLoginWindow(electron, linkedin);
    expect(names(await again.read(signal()))).toEqual(['li_at']);
  });

  it('refuses an account whose site is not https', () => {
    expect(() => openLoginWindow(electron, { ...linkedin, baseurl: 'http://www.linkedin.com' })).toThrow(/not an https address/);
  });
});
