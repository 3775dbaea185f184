/**
 * Each platform's sign-in pages, as the login window judges them (main/core/resync/loginPages.ts):
 * the required cookies alone do not mean the person is through (shared/lobstr-api.md, "Logged-in
 * detection"), and the user agent is desktop Chrome's.
 */
import { describe, expect, it } from 'vitest';
import { desktopChromeUserAgent, loginPagesFor, loginTitle } from '../../main/core/resync/loginPages.js';

const account = (type: string, baseurl: string, cookies: string[] = []) => ({ type, baseurl, cookies: cookies.map((name) => ({ name, required: true })) });

describe("a platform's sign-in pages", () => {
  it('LinkedIn: login, checkpoint, uas and authwall pages are not through; the feed is', () => {
    const pages = loginPagesFor(account('linkedin-sync', 'https://www.linkedin.com', ['li_at', 'JSESSIONID']));
    expect(pages.startUrl).toBe('https://www.linkedin.com/login');
    expect(pages.cookieUrl).toBe('https://www.linkedin.com/');
    for (const path of ['/login', '/checkpoint/challenge/AgH', '/uas/login-submit', '/authwall?trk=x']) {
      expect(pages.isSignInPage(`https://www.linkedin.com${path}`), path).toBe(true);
    }
    expect(pages.isSignInPage('https://www.linkedin.com/feed/')).toBe(false);
    expect(pages.visit).toBeNull();
  });

  it("Sales Navigator: signs in on LinkedIn, then visits /sales/ for li_a", () => {
    const pages = loginPagesFor(account('sales-nav-sync', 'https://www.linkedin.com', ['li_at', 'JSESSIONID', 'li_a']));
    expect(pages.startUrl).toBe('https://www.linkedin.com/login');
    expect(pages.visit).toEqual({ url: 'https://www.linkedin.com/sales/', after: 'li_at', cookie: 'li_a' });
  });

  it("X and Facebook have sign-in flows of their own; an unknown site's are told by their words", () => {
    const x = loginPagesFor(account('twitter-sync', 'https://x.com'));
    expect(x.isSignInPage('https://x.com/i/flow/login')).toBe(true);
    expect(x.isSignInPage('https://x.com/account/access')).toBe(true);
    expect(x.isSignInPage('https://x.com/home')).toBe(false);
    const fb = loginPagesFor(account('facebook-sync', 'https://www.facebook.com'));
    expect(fb.isSignInPage('https://www.facebook.com/checkpoint/1501092823525282/')).toBe(true);
    expect(fb.isSignInPage('https://www.facebook.com/')).toBe(false);
    const other = loginPagesFor(account('instagram-sync', 'https://www.instagram.com'));
    expect(other.startUrl).toBe('https://www.instagram.com/');
    expect(other.isSignInPage('https://www.instagram.com/accounts/login/')).toBe(true);
    expect(other.isSignInPage('https://www.instagram.com/challenge/')).toBe(true);
    expect(other.isSignInPage('https://www.instagram.com/')).toBe(false);
  });

  it('an address that is not an https page (about:blank while loading) is not through', () => {
    const pages = loginPagesFor(account('linkedin-sync', 'https://www.linkedin.com'));
    expect(pages.isSignInPage('about:blank')).toBe(true);
    expect(pages.isSignInPage('')).toBe(true);
  });

  it('the title says what to do, with the account as the person knows it', () => {
    expect(loginTitle({ type: 'sales-nav-sync', username: 'rosa.haddad@proton.me' })).toBe('Log in to Sales Navigator as rosa.haddad@proton.me');
  });

  it("the user agent is desktop Chrome's on each system, with only the major version", () => {
    expect(desktopChromeUserAgent('win32', '140.0.7339.133')).toBe(
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
    );
    expect(desktopChromeUserAgent('linux', '140.0.7339.133')).toContain('(X11; Linux x86_64)');
    expect(desktopChromeUserAgent('darwin', '140.0.7339.133')).toContain('(Macintosh; Intel Mac OS X 10_15_7)');
  });
});
