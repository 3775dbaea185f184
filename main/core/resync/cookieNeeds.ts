/**
 * Which cookies an account's re-sync needs, and for which site. The account's own `cookies[]` decides
 * (shared/lobstr-api.md, Re-sync decisions: the sources disagree on the types' lists, the account's
 * wins); an empty list means the whole session of the platform's site.
 */
import type { Account } from '../lobstr/account.js';

export interface CookieNeeds {
  /** Names that must all be present before anything is sent. */
  required: string[];
  /** Names the account lists as not required: sent when present. */
  optional: string[];
  /** The account names no cookie: every cookie of the platform's site is sent. */
  wholeSession: boolean;
  /** The platform's host (from the account's `baseurl`), whose cookies count; null when unknown. */
  host: string | null;
}

export function cookieNeeds(account: Pick<Account, 'cookies' | 'baseurl'>): CookieNeeds {
  const required: string[] = [];
  const optional: string[] = [];
  for (const cookie of account.cookies) {
    const list = cookie.required ? required : optional;
    if (!required.includes(cookie.name) && !optional.includes(cookie.name)) list.push(cookie.name);
  }
  return { required, optional, wholeSession: account.cookies.length === 0, host: hostOf(account.baseurl) };
}

/**
 * Whether a browser would send a cookie set on `domain` to `host` (RFC 6265 domain-match): the same
 * host, or a parent domain of it (".linkedin.com" for www.linkedin.com). A leading dot changes nothing.
 */
export function cookieDomainMatches(domain: string, host: string): boolean {
  const d = domain.trim().toLowerCase().replace(/^\./, '');
  const h = host.toLowerCase();
  return d !== '' && (h === d || h.endsWith(`.${d}`));
}

function hostOf(baseurl: string): string | null {
  try {
    return new URL(baseurl).hostname.toLowerCase() || null;
  } catch {
    return null;
  }
}
