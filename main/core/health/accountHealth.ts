/**
 * What "needs cookie re-sync" means, per account and for a whole snapshot.
 * The rules are the project's decision in shared/lobstr-api.md ("Account health"):
 * trust the codes, never the human text (a description can read "Success!" while the
 * cookies are expired).
 */
import type { Account, AccountSquid } from '../lobstr/account.js';
import { collatorOnFirstUse } from './collation.js';
import { clockTime, durationText } from '../views/timeFormat.js';

export type Health = 'ok' | 'needs_resync' | 'locked' | 'attention';

/** Worst first: the order of the list, of the tray's concern, and of the CLI table. */
export const HEALTH_ORDER: readonly Health[] = ['needs_resync', 'attention', 'locked', 'ok'];

export interface AccountHealth {
  health: Health;
  /** Short and human: "cookies expired", "status 401: cookies rejected", "locked until 14:05". */
  reason: string;
}

export interface HealthRules {
  /**
   * Lobstr documents account status "429" as cookie expiry, though it may mean the platform
   * rate-limited the account. Default true (the documented meaning); false reports it as attention.
   */
  status429NeedsResync: boolean;
  /** Time zone for "locked until 14:05"; the machine's own when undefined. */
  timeZone?: string;
}

export const DEFAULT_HEALTH_RULES: HealthRules = { status429NeedsResync: true };

/** `status_code_info` values that mean the account is fine. */
const HEALTHY_INFO = new Set(['synchronized']);

export function accountHealth(account: Account, nowMs: number, rules: HealthRules = DEFAULT_HEALTH_RULES): AccountHealth {
  if (account.problem) return { health: 'attention', reason: `unreadable account data: ${account.problem}` };

  const status = account.status.trim();
  const info = account.status_code_info.trim();
  if (info === 'cookies_expired') return { health: 'needs_resync', reason: 'cookies expired' };
  if (status === '401') return { health: 'needs_resync', reason: 'status 401: cookies rejected' };
  if (status === '429') {
    if (rules.status429NeedsResync) return { health: 'needs_resync', reason: 'status 429: cookies need re-sync' };
    return { health: 'attention', reason: 'status 429: the platform may be rate-limiting this account' };
  }

  const lockMs = account.lock_time === null ? null : account.lock_time * 1000;
  if (lockMs !== null && lockMs > nowMs) {
    return { health: 'locked', reason: `locked until ${clockTime(lockMs, nowMs, rules.timeZone)}` };
  }

  if (status !== '200') return { health: 'attention', reason: `status ${status || '(empty)'}: ${describe(account)}` };
  if (!HEALTHY_INFO.has(info)) return { health: 'attention', reason: describe(account) };

  if (account.resets_in !== null && account.resets_in > 0) {
    return { health: 'ok', reason: `usage limit reached, resets in ${durationText(account.resets_in)}` };
  }
  return { health: 'ok', reason: 'synchronized' };
}

/** "account blocked" from `account_blocked`, with the description when it adds something. */
function describe(account: Account): string {
  const info = account.status_code_info.trim();
  const words = info ? info.replace(/[_-]+/g, ' ') : 'unknown state';
  const desc = account.status_code_description.trim();
  return desc && desc.toLowerCase() !== words.toLowerCase() && desc !== 'Success!' ? `${words} (${desc})` : words;
}

export interface AssessedAccount {
  account: Account;
  health: Health;
  reason: string;
}

export interface HealthSummary {
  /** `needs_resync` when any account needs cookie re-sync, else `ok`. */
  state: 'ok' | 'needs_resync';
  total: number;
  counts: Record<Health, number>;
  /** Every account with its health, worst first, then by username. */
  accounts: AssessedAccount[];
  /** Squids used by accounts that need re-sync: they will fail until those are re-synced. */
  affectedSquids: AccountSquid[];
}

/**
 * One collator for every comparison: `localeCompare` with options builds a new one each call, which
 * made sorting 10,000 names take about a second instead of a few milliseconds. Built at the first
 * sort, not at import (collation.ts).
 */
const byUsername = collatorOnFirstUse({ sensitivity: 'base' });
const HEALTH_RANK: Readonly<Record<Health, number>> = { needs_resync: 0, attention: 1, locked: 2, ok: 3 };

/** Worst first (HEALTH_ORDER), then by username (case and accents aside), then by id: the order every view shows. */
export function compareAssessed(a: AssessedAccount, b: AssessedAccount): number {
  const byHealth = HEALTH_RANK[a.health] - HEALTH_RANK[b.health];
  if (byHealth !== 0) return byHealth;
  return compareNames(a.account, b.account);
}

/** The same order for an account that carries its health (the window's AccountView). */
export function compareJudged(a: { health: Health; username: string; id: string }, b: { health: Health; username: string; id: string }): number {
  const byHealth = HEALTH_RANK[a.health] - HEALTH_RANK[b.health];
  if (byHealth !== 0) return byHealth;
  return compareNames(a, b);
}

/** By username (case and accents aside), then by id. */
export function compareNames(a: Pick<Account, 'username' | 'id'>, b: Pick<Account, 'username' | 'id'>): number {
  const byName = byUsername.compare(a.username, b.username);
  if (byName !== 0) return byName;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function summariseHealth(
  accounts: readonly Account[],
  nowMs: number,
  rules: HealthRules = DEFAULT_HEALTH_RULES,
): HealthSummary {
  const counts: Record<Health, number> = { ok: 0, needs_resync: 0, locked: 0, attention: 0 };
  const assessed: AssessedAccount[] = [];
  const squids = new Map<string, AccountSquid>();
  for (const account of accounts) {
    const { health, reason } = accountHealth(account, nowMs, rules);
    counts[health] += 1;
    assessed.push({ account, health, reason });
    if (health === 'needs_resync') {
      for (const squid of account.squids) if (!squids.has(squid.hash_value)) squids.set(squid.hash_value, squid);
    }
  }
  assessed.sort(compareAssessed);
  return {
    state: counts.needs_resync > 0 ? 'needs_resync' : 'ok',
    total: accounts.length,
    counts,
    accounts: assessed,
    affectedSquids: [...squids.values()],
  };
}

/** "2 of 25 accounts need cookie re-sync", "All 25 accounts are healthy", "None of the 4 accounts needs cookie re-sync". */
export function summaryLine(summary: Pick<HealthSummary, 'total' | 'counts'>): string {
  const { total, counts } = summary;
  if (total === 0) return 'No accounts are connected to Lobstr yet';
  const n = counts.needs_resync;
  const plural = total === 1 ? 'account' : 'accounts';
  if (n > 0) return `${n} of ${total} ${plural} ${n === 1 ? 'needs' : 'need'} cookie re-sync`;
  if (counts.ok === total) return total === 1 ? 'The account is healthy' : `All ${total} accounts are healthy`;
  return total === 1 ? 'The account does not need cookie re-sync' : `None of the ${total} accounts needs cookie re-sync`;
}
