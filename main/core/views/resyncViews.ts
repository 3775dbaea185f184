/**
 * What the window is told of re-syncs: a step as it can hold it (names and counts, never a cookie
 * value, the finished account left to the snapshot's push), and pasted cookie text as read for an
 * account (its format, the account's cookie names found and missing).
 */
import type { Account } from '../lobstr/account.js';
import { cookiesFromText } from '../resync/cookiePick.js';
import { COOKIE_FORMAT_NAMES } from '../resync/cookieText.js';
import type { ResyncProgress } from '../resync/resyncProgress.js';
import type { PastedCookies, ResyncView } from './windowViews.js';

export function resyncView(progress: ResyncProgress, atMs: number): ResyncView {
  const at = new Date(atMs).toISOString();
  if (progress.step !== 'done') return { ...progress, at };
  const { account: _account, ...rest } = progress;
  return { ...rest, at };
}

/** The text read for `account`: what would be sent (names only), and why it cannot be, if it cannot. */
export function pastedCookiesView(text: string, account: Pick<Account, 'cookies' | 'baseurl'>): PastedCookies {
  const read = cookiesFromText(text, account);
  const format = read.format === null ? null : COOKIE_FORMAT_NAMES[read.format];
  if (!read.ok) return { format, found: [], missing: account.cookies.filter((c) => c.required).map((c) => c.name), problem: read.message };
  const { found, missing } = read.report;
  const problem =
    missing.length > 0
      ? `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing: export the cookies again while logged in to the platform.`
      : read.cookies.size === 0
        ? 'None of these cookies is for the account\'s platform.'
        : null;
  return { format, found, missing, problem };
}
