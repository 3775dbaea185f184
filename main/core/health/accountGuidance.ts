/**
 * One line of guidance per account that is not fine: what to do, or that there is nothing to do.
 * The details view shows it under the health, and a list row can show the same line. It reads the
 * codes, never the human text: a description can read "Success!" while the cookies are expired
 * (shared/lobstr-api.md, "Account health" and §5.1).
 */
import type { Account } from '../lobstr/account.js';
import { clockParts, formatter, sameDay } from '../views/timeFormat.js';
import type { Health } from './accountHealth.js';
import { platformLabel } from './platforms.js';

/**
 * The `status_code_info` values Lobstr documents: `synchronized` and `cookies_expired` for accounts,
 * and the account-error vocabulary of runs (`done_reason`), which accounts may carry too.
 */
export const DOCUMENTED_STATUS_INFO = [
  'synchronized',
  'cookies_expired',
  'account_blocked',
  'account_too_many_requests',
  'wrong_credentials',
  'logged_out',
  'checkpoint_reached',
  'challenge_required',
  'otp_needed',
  'non_premium',
  'sales_seat_required',
  'limit_exceeded',
  'no_accounts',
  'no_account_available',
] as const;

/** What the line needs: an account in full, or the window's list row. */
export type GuidanceAccount = Pick<Account, 'type' | 'status' | 'status_code_info' | 'lock_time'> & { problem?: string };

export interface GuidanceOptions {
  /**
   * A locale for the time of day ("13:12", "1:12 PM"); when undefined, the window's own clock
   * (clockTime: "09:05", "26 Nov"), so the line reads like every other time in the list and details.
   */
  locale?: string;
  /** The machine's zone when undefined; injectable so tests do not depend on it. */
  timeZone?: string;
}

/** What each code asks of the user, on the platform `p` (its label, "LinkedIn"). */
const ON_THE_PLATFORM: Readonly<Record<string, (p: string) => string>> = {
  checkpoint_reached: (p) => `${p} wants to confirm it is you: sign in to ${p} in your browser and complete its security check`,
  challenge_required: (p) => `${p} asks for a security challenge: sign in to ${p} in your browser and answer it`,
  otp_needed: (p) => `${p} asks for a verification code: sign in to ${p} in your browser and enter the code it sends you`,
  account_blocked: (p) => `${p} has blocked this account: sign in to ${p} in your browser to see why and what it asks of you`,
  account_too_many_requests: (p) => `${p} is limiting this account for too many requests: let it rest, or lower its limits in Lobstr`,
  wrong_credentials: (p) => `${p} refused this account's sign-in: check its password on ${p}, then re-sync its cookies`,
  logged_out: (p) => `This account was signed out of ${p}: sign in again in your browser, then re-sync its cookies`,
  non_premium: (p) => `${p} says this account has no premium plan: squids that need one fail until it is upgraded on ${p}`,
  sales_seat_required: () => 'This account has no Sales Navigator seat: squids that need one fail until a seat is added on LinkedIn',
  limit_exceeded: (p) => `This account reached a usage limit on ${p}: it resumes when the limit resets, or lower its limits in Lobstr`,
  no_accounts: (p) => `Lobstr found no usable ${p} account: look at this one in the Lobstr dashboard`,
  no_account_available: (p) => `Lobstr found no usable ${p} account: look at this one in the Lobstr dashboard`,
};

/**
 * The guidance line for an account of the given health (accountHealth's), or null when it is
 * fine. `nowMs` decides whether a lock ends today ("at 13:12") or another day ("on 26 Nov at 15:00").
 */
export function accountGuidance(account: GuidanceAccount, health: Health, nowMs: number, options: GuidanceOptions = {}): string | null {
  if (health === 'ok') return null;
  const platform = platformLabel(account.type);
  const info = account.status_code_info.trim();
  const status = String(account.status).trim();
  const onPlatform = ON_THE_PLATFORM[info];

  if (health === 'locked') {
    const until = lockEndPhrase(account.lock_time, nowMs, options);
    // The account stays judged locked until the next check: a lock whose end has passed is told as past.
    const past = account.lock_time !== null && account.lock_time * 1000 <= nowMs;
    if (onPlatform) return `${onPlatform(platform)}${until ? ` (the lock ${past ? 'ended' : 'ends'} ${until})` : ''}`;
    if (!until) return `Nothing to do: ${platform} lifts this lock by itself`;
    return `Nothing to do: ${platform} ${past ? 'lifted' : 'lifts'} this lock ${until}`;
  }

  if (health === 'needs_resync') {
    if (info === 'cookies_expired') return `The cookies Lobstr holds for this ${platform} account have expired: re-sync them`;
    if (info === 'logged_out' || info === 'wrong_credentials') return onPlatform!(platform);
    if (status === '401') return `${platform} refused the cookies Lobstr holds (status 401): re-sync them`;
    if (status === '429') return 'Lobstr reports status 429, which it documents as expired cookies: re-sync them';
    return `Lobstr can no longer use this ${platform} session: re-sync its cookies`;
  }

  // attention
  if (account.problem) return 'Lobstr sent this account in a form the app could not read: look at it in the Lobstr dashboard';
  if (onPlatform) return onPlatform(platform);
  if (status === '429') return `${platform} may be rate-limiting this account (status 429): let it rest, or lower its limits in Lobstr`;
  if (info === '') return 'Lobstr does not say what state this account is in: look at it in the Lobstr dashboard';
  if (info === 'synchronized') return `Lobstr reports status ${status || '(empty)'} for this account: look at it in the Lobstr dashboard`;
  return `Lobstr reports "${info.replace(/[_-]+/g, ' ')}": look at this account in the Lobstr dashboard and on ${platform}`;
}

/**
 * When a lock (`lock_time`, Unix seconds) ends, as the guidance line says it: "at 13:12" on
 * `nowMs`'s day, "on 26 Nov at 15:00" another day; null without a lock. Exported so a view can
 * find the time in the line and keep it in sight where the line is cut.
 */
export function lockEndPhrase(lockTime: number | null, nowMs: number, { locale, timeZone }: GuidanceOptions = {}): string | null {
  if (lockTime === null || !Number.isFinite(lockTime)) return null;
  const atMs = lockTime * 1000;
  if (locale === undefined) {
    const { day, time } = clockParts(atMs, nowMs, timeZone);
    return day === null ? `at ${time}` : `on ${day} at ${time}`;
  }
  const time = formatter(locale, { hour: 'numeric', minute: '2-digit' }, timeZone).format(atMs);
  if (sameDay(atMs, nowMs, timeZone)) return `at ${time}`;
  return `on ${formatter(locale, { day: 'numeric', month: 'short' }, timeZone).format(atMs)} at ${time}`;
}
