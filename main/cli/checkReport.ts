/** The one JSON object `lobstr-tray check --json` prints: a stable contract for scripts. */
import type { ApiErrorKind } from '../core/lobstr/apiErrors.js';
import type { AssessedAccount, Health, HealthSummary } from '../core/health/accountHealth.js';
import { accountRow } from '../core/views/accountRows.js';

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
  return { ...reportWithoutAccounts(summary, checkedAtMs, listing), accounts: summary.accounts.map(reportAccount) };
}

/** The report with an empty `accounts`, every other field in its place. */
function reportWithoutAccounts(summary: HealthSummary, checkedAtMs: number, listing: ListingNotes): CheckReport {
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
    accounts: [],
    warnings: [...listing.warnings],
    error: null,
  };
}

function reportAccount({ account, health, reason }: AssessedAccount): CheckReportAccount {
  // The window's row, in the command's published shape: no lock time, the squid count as `squids`.
  const { lock_time: _lock, squidCount, ...row } = accountRow(account, health, reason);
  return { ...row, squids: squidCount };
}

const ACCOUNTS_PER_PIECE = 500;

/**
 * The text of JSON.stringify(reportFromSummary(…)) and a newline, in pieces of a few hundred
 * accounts: at 100,000 accounts the whole text is 25 MB, and held at once (then copied to be
 * written) it doubled the command's memory at its end.
 */
export function* reportJsonPieces(summary: HealthSummary, checkedAtMs: number, listing: ListingNotes): Generator<string> {
  const shell = JSON.stringify(reportWithoutAccounts(summary, checkedAtMs, listing));
  // Unique: inside a JSON string a quote is escaped, so this exact text can only be the field itself.
  const slot = shell.indexOf('"accounts":[]') + '"accounts":['.length;
  yield shell.slice(0, slot);
  for (let start = 0; start < summary.accounts.length; start += ACCOUNTS_PER_PIECE) {
    // One stringify per piece (each call has a cost of its own), its brackets dropped.
    const piece = JSON.stringify(summary.accounts.slice(start, start + ACCOUNTS_PER_PIECE).map(reportAccount));
    yield (start === 0 ? '' : ',') + piece.slice(1, -1);
  }
  yield `${shell.slice(slot)}\n`;
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
