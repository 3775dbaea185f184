/** The one JSON object `lobstr-tray check --json` prints: a stable contract for scripts. */
import type { ApiErrorKind } from '../core/lobstr/apiErrors.js';
import type { Health, HealthSummary } from '../core/health/accountHealth.js';

export interface CheckReportAccount {
  id: string;
  username: string;
  type: string;
  health: Health;
  reason: string;
  status: string;
  status_code_info: string;
  last_synchronization_time: string | null;
  squids: number;
}

export interface CheckReport {
  checked_at: string;
  state: 'ok' | 'needs_resync' | 'error';
  /** false when not every account was read: the walk stopped at its page limit, or the check failed. */
  complete: boolean;
  counts: Record<Health, number>;
  accounts: CheckReportAccount[];
  /** The notes also printed on stderr without --json (a page limit reached, duplicates, unreadable items). */
  warnings: string[];
  error: null | { kind: ApiErrorKind | 'usage' | 'internal'; message: string };
}

/** What the listing said about itself, beside its accounts. */
export interface ListingNotes {
  complete: boolean;
  warnings: readonly string[];
}

export function reportFromSummary(summary: HealthSummary, checkedAtMs: number, listing: ListingNotes): CheckReport {
  return {
    checked_at: new Date(checkedAtMs).toISOString(),
    state: summary.state,
    complete: listing.complete,
    counts: {
      ok: summary.counts.ok,
      needs_resync: summary.counts.needs_resync,
      locked: summary.counts.locked,
      attention: summary.counts.attention,
    },
    accounts: summary.accounts.map(({ account, health, reason }) => ({
      id: account.id,
      username: account.username,
      type: account.type,
      health,
      reason,
      status: account.status,
      status_code_info: account.status_code_info,
      last_synchronization_time: account.last_synchronization_time,
      squids: account.squids.length,
    })),
    warnings: [...listing.warnings],
    error: null,
  };
}

export function errorReport(kind: NonNullable<CheckReport['error']>['kind'], message: string, checkedAtMs: number): CheckReport {
  return {
    checked_at: new Date(checkedAtMs).toISOString(),
    state: 'error',
    complete: false,
    counts: { ok: 0, needs_resync: 0, locked: 0, attention: 0 },
    accounts: [],
    warnings: [],
    error: { kind, message },
  };
}
