/**
 * From cookies at hand (read from text, or a session's jar) to what is sent: the account's cookies for
 * the platform's site, and a report of the names found and missing. The report holds names only, so
 * it can go to the window, a log or the terminal; the values stay in `cookies`, for the request.
 */
import type { Account } from '../lobstr/account.js';
import { cookieDomainMatches, cookieNeeds, type CookieNeeds } from './cookieNeeds.js';
import { readCookieText, type CookieTextFormat, type CookieEntry } from './cookieText.js';

/** Names only. */
export interface CookieReport {
  /** The wanted names present (all of the site's cookies when the whole session is wanted), in the account's order. */
  found: string[];
  /** Required names absent. */
  missing: string[];
}

export interface CookieChoice {
  /** Name → value, as stored: what the request sends. */
  cookies: Map<string, string>;
  report: CookieReport;
}

/**
 * Picks what `needs` asks from `available`. A cookie with a domain counts only where the platform's
 * site would receive it; when two such cookies share a name, the more specific domain wins, as the
 * browser lists it first.
 */
export function pickCookies(available: readonly CookieEntry[], needs: CookieNeeds): CookieChoice {
  const best = new Map<string, CookieEntry>();
  for (const cookie of available) {
    if (cookie.domain !== null && needs.host !== null && !cookieDomainMatches(cookie.domain, needs.host)) continue;
    const held = best.get(cookie.name);
    if (!held || domainLength(cookie) > domainLength(held)) best.set(cookie.name, cookie);
  }
  const wanted = needs.wholeSession ? [...best.keys()] : [...needs.required, ...needs.optional];
  const cookies = new Map<string, string>();
  for (const name of wanted) {
    const cookie = best.get(name);
    if (cookie) cookies.set(name, cookie.value);
  }
  return { cookies, report: { found: [...cookies.keys()], missing: needs.required.filter((name) => !cookies.has(name)) } };
}

export type CookiesFromText =
  | ({ ok: true; format: CookieTextFormat } & CookieChoice)
  | { ok: false; format: CookieTextFormat | null; message: string };

/** Pasted or file text read and picked for `account` in one step (the paste box, the command's --cookies-file). */
export function cookiesFromText(text: string, account: Pick<Account, 'cookies' | 'baseurl'>): CookiesFromText {
  const read = readCookieText(text);
  if (!read.ok) return read;
  return { ok: true, format: read.format, ...pickCookies(read.cookies, cookieNeeds(account)) };
}

function domainLength(cookie: CookieEntry): number {
  return cookie.domain?.replace(/^\./, '').length ?? 0;
}
