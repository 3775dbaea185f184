/**
 * What the re-sync login window needs to know of each platform's site: where to sign in, which
 * addresses are still sign-in, checkpoint or challenge pages (the required cookies alone do not mean
 * the person is through: LinkedIn sets li_at before its checkpoint), the address whose cookies the
 * site's pages receive, and a page to visit for a cookie that only it sets (Sales Navigator's li_a,
 * set after a visit to /sales/). Facts from shared/lobstr-api.md, "Re-sync decisions".
 */
import type { Account } from '../lobstr/account.js';
import { platformLabel } from '../health/platforms.js';

export interface LoginPages {
  /** Where the window opens. */
  startUrl: string;
  /** The address whose cookies count (session.cookies.get({ url }) gives what the site receives). */
  cookieUrl: string;
  /** The address is still a sign-in, checkpoint or challenge page. */
  isSignInPage(url: string): boolean;
  /** A page opened once `after` is present while `cookie` is still missing; null when none is needed. */
  visit: { url: string; after: string; cookie: string } | null;
}

interface SiteRules {
  signIn: string;
  /** Path prefixes (lowercase) of pages where the person is not through yet. */
  notThrough: readonly string[];
}

const LINKEDIN: SiteRules = { signIn: 'https://www.linkedin.com/login', notThrough: ['/login', '/checkpoint/', '/uas/', '/authwall', '/signup'] };

/** By host: Sales Navigator signs in on LinkedIn itself. */
const SITES: Record<string, SiteRules> = {
  'www.linkedin.com': LINKEDIN,
  'x.com': { signIn: 'https://x.com/i/flow/login', notThrough: ['/i/flow/', '/login', '/account/access', '/logout'] },
  'www.facebook.com': { signIn: 'https://www.facebook.com/login/', notThrough: ['/login', '/checkpoint/', '/two_step_verification/', '/recover/'] },
};

/** Anywhere else: the words sites use in the paths of those pages. */
const GENERIC_NOT_THROUGH = /(^|\/)(log-?in|sign-?in|auth|checkpoint|challenge|verify|2fa|two[-_]?factor)/i;

export function loginPagesFor(account: Pick<Account, 'type' | 'baseurl' | 'cookies'>): LoginPages {
  const base = safeHttpsUrl(account.baseurl);
  const host = base?.hostname.toLowerCase() ?? '';
  const rules = SITES[host];
  const cookieUrl = base ? `${base.origin}/` : '';
  const needs = new Set(account.cookies.filter((c) => c.required).map((c) => c.name));
  const visit =
    host === 'www.linkedin.com' && needs.has('li_a') ? { url: 'https://www.linkedin.com/sales/', after: 'li_at', cookie: 'li_a' } : null;
  return {
    startUrl: rules?.signIn ?? cookieUrl,
    cookieUrl,
    isSignInPage: (url) => {
      const page = safeHttpsUrl(url);
      // An address the window cannot read (about:blank while loading) is not a page the person got through to.
      if (!page) return true;
      const path = page.pathname.toLowerCase();
      return rules ? rules.notThrough.some((prefix) => path.startsWith(prefix)) : GENERIC_NOT_THROUGH.test(path);
    },
    visit,
  };
}

/** "Log in to LinkedIn as rosa.haddad@proton.me": the login window's title says what to do. */
export function loginTitle(account: Pick<Account, 'type' | 'username'>): string {
  return `Log in to ${platformLabel(account.type)} as ${account.username}`;
}

/**
 * The user agent of desktop Chrome of the same version as Electron's Chromium, in Chrome's reduced
 * form (only the major version; the platform's fixed token): without "Electron" or the app's name,
 * which sites meet with captchas or refuse.
 */
export function desktopChromeUserAgent(platform: string, chromeVersion: string): string {
  const major = /^\d+/.exec(chromeVersion)?.[0] ?? '140';
  const system =
    platform === 'darwin' ? 'Macintosh; Intel Mac OS X 10_15_7' : platform === 'win32' ? 'Windows NT 10.0; Win64; x64' : 'X11; Linux x86_64';
  return `Mozilla/5.0 (${system}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 Safari/537.36`;
}

function safeHttpsUrl(text: string): URL | null {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}
