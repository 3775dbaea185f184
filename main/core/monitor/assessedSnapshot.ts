/**
 * The one place where a listing becomes what every view shows: each account's health, the order
 * (worst first, then by username) and the counts, judged once per poll, plus what changed since
 * the previous snapshot. The tray, the window and the state file derive from it without judging
 * again.
 *
 * Unchanged accounts keep their previous object (same Account, same SnapshotAccount, same row for
 * the window's list), so what changed is found by identity downstream, and the window's whole
 * snapshot is the rows already made. The work is
 * cut in slices (yielding.ts): at 100,000 accounts no single task holds the main process.
 */
import type { Account } from '../lobstr/account.js';
import { sameJson } from '../lobstr/sharedValues.js';
import { accountHealth, compareAssessed, type AssessedAccount, type Health, type HealthRules } from '../health/accountHealth.js';
import { createSlicer, mapInSlices, sortInSlices, type Slicer } from '../yielding.js';
import { accountRow, sameRow } from '../views/accountRows.js';
import type { AccountRowView } from '../views/windowViews.js';

/**
 * A judged account of the snapshot, with its row for the window's list: made once when the account
 * or its health changes, and kept (the same object) while what the row shows stays the same.
 */
export interface SnapshotAccount extends AssessedAccount {
  readonly row: AccountRowView;
}

function snapshotAccount(account: Account, health: Health, reason: string, previous?: SnapshotAccount): SnapshotAccount {
  const row = previous && sameRow(previous.row, account, health, reason) ? previous.row : accountRow(account, health, reason);
  return { account, health, reason, row };
}

export interface AssessedSnapshot {
  /** Grows by one whenever an account, its health or the list changes (never for a mere re-check). */
  revision: number;
  /** ISO time of the successful poll the accounts come from. */
  checkedAt: string;
  /** Oddities met while reading the list (duplicates dropped, unreadable items). */
  warnings: string[];
  /** The accounts as listed by the API (unchanged ones are the previous snapshot's objects). */
  accounts: Account[];
  /** Every account with its health and row: worst first, then by username (compareAssessed). */
  assessed: readonly SnapshotAccount[];
  /** The same, by account id. */
  byId: ReadonlyMap<string, SnapshotAccount>;
  counts: Record<Health, number>;
}

/** What changed from one revision to the next (from nothing, base 0, on a first run). */
export interface AccountsDelta {
  base: number;
  revision: number;
  /** Accounts new, changed, or whose health or reason changed, as they are now, in the API's order. */
  upserted: SnapshotAccount[];
  /** For each of `upserted`, what the previous snapshot held for that id (null: a new account). */
  replaced: Array<SnapshotAccount | null>;
  /** Accounts no longer listed, as the previous snapshot held them, in the API's order. */
  removed: SnapshotAccount[];
}

export interface Assessment {
  snapshot: AssessedSnapshot;
  /** null when nothing changed: the snapshot keeps its revision. */
  delta: AccountsDelta | null;
}

const emptyCounts = (): Record<Health, number> => ({ ok: 0, needs_resync: 0, locked: 0, attention: 0 });

/**
 * Judges `accounts` at `nowMs` against `previous` (null on a first run): health once per account,
 * one sort (or, when no account moved in the order, the previous order reused), one diff.
 */
export async function assessSnapshot(
  previous: AssessedSnapshot | null,
  listing: { checkedAt: string; accounts: readonly Account[]; warnings: readonly string[] },
  nowMs: number,
  rules: HealthRules,
  slicer: Slicer = createSlicer(),
  /** The highest revision handed out before (a forgotten snapshot's): revisions never repeat. */
  lastRevision: number = previous?.revision ?? 0,
): Promise<Assessment> {
  const before: ReadonlyMap<string, SnapshotAccount> = previous?.byId ?? new Map();
  const byId = new Map<string, SnapshotAccount>();

  const counts = emptyCounts();
  const accounts = new Array<Account>(listing.accounts.length);
  const assessed = new Array<SnapshotAccount>(listing.accounts.length);
  const upserted: SnapshotAccount[] = [];
  const replaced: Array<SnapshotAccount | null> = [];
  /** True while every account keeps its place in the order: the previous order can be reused. */
  let orderKept = previous !== null;
  for (let i = 0; i < listing.accounts.length; i++) {
    const fresh = listing.accounts[i]!;
    const old = before.get(fresh.id);
    const account = old && sameAccount(old.account, fresh) ? old.account : fresh;
    const { health, reason } = accountHealth(account, nowMs, rules);
    let item: SnapshotAccount;
    if (old && old.account === account && old.health === health && old.reason === reason) {
      item = old;
    } else {
      item = snapshotAccount(account, health, reason, old);
      upserted.push(item);
      replaced.push(old ?? null);
      if (!old || old.health !== health || old.account.username !== account.username) orderKept = false;
    }
    accounts[i] = account;
    assessed[i] = item;
    byId.set(account.id, item);
    counts[health] += 1;
    const pause = slicer.maybeYield();
    if (pause) await pause;
  }

  const removed: SnapshotAccount[] = [];
  if (previous && (accounts.length !== previous.accounts.length || upserted.length > 0)) {
    // Same count and no new id means none left: the common case costs nothing more.
    for (const account of previous.accounts) {
      if (!byId.has(account.id)) removed.push(before.get(account.id)!);
      const pause = slicer.maybeYield();
      if (pause) await pause;
    }
    if (removed.length > 0) orderKept = false;
  }

  const changed = previous === null || upserted.length > 0 || removed.length > 0;
  const sorted = orderKept ? await mapInSlices(previous!.assessed, (item) => byId.get(item.account.id)!, slicer) : await sortInSlices(assessed, compareAssessed, slicer);
  const revision = changed ? Math.max(lastRevision, previous?.revision ?? 0) + 1 : previous!.revision;
  const snapshot: AssessedSnapshot = {
    revision,
    checkedAt: listing.checkedAt,
    warnings: [...listing.warnings],
    accounts,
    assessed: sorted,
    byId,
    counts,
  };
  return {
    snapshot,
    delta: changed ? { base: previous?.revision ?? 0, revision, upserted, replaced, removed } : null,
  };
}

/** Field by field: the API's JSON, so plain values, arrays and records only. */
export function sameAccount(a: Account, b: Account): boolean {
  if (a === b) return true;
  return (
    a.id === b.id &&
    a.username === b.username &&
    a.status === b.status &&
    a.status_code_info === b.status_code_info &&
    a.status_code_description === b.status_code_description &&
    a.last_synchronization_time === b.last_synchronization_time &&
    a.updated_at === b.updated_at &&
    a.created_at === b.created_at &&
    a.lock_time === b.lock_time &&
    a.resets_in === b.resets_in &&
    a.type === b.type &&
    a.object === b.object &&
    a.account_type_hash === b.account_type_hash &&
    a.baseurl === b.baseurl &&
    a.icon === b.icon &&
    a.primary_color === b.primary_color &&
    a.problem === b.problem &&
    sameJson(a.squids, b.squids) &&
    sameJson(a.cookies, b.cookies) &&
    sameJson(a.params, b.params) &&
    sameJson(a.extra, b.extra)
  );
}

/**
 * The same judgement in one go, for a snapshot made by a test or by the headless check: every
 * account new, revision 1.
 */
export function assessAll(listing: { checkedAt: string; accounts: readonly Account[]; warnings: readonly string[] }, nowMs: number, rules: HealthRules): AssessedSnapshot {
  const counts = emptyCounts();
  const assessed = listing.accounts.map((account) => {
    const { health, reason } = accountHealth(account, nowMs, rules);
    const item = snapshotAccount(account, health, reason);
    counts[item.health] += 1;
    return item;
  });
  assessed.sort(compareAssessed);
  return { revision: 1, checkedAt: listing.checkedAt, warnings: [...listing.warnings], accounts: [...listing.accounts], assessed, byId: indexOf(assessed), counts };
}

/**
 * The snapshot read from the state file, judged as it was when saved: each account with the health
 * and reason the alert ledger remembers (judged now only when it has none), so the first poll after
 * a restart compares with what was known, and a lock that ran out while the app was closed is a change.
 */
export function restoreSnapshot(
  saved: { checkedAt: string; accounts: readonly Account[]; warnings: readonly string[] },
  remembered: Readonly<Record<string, { health: Health; reason: string }>>,
  nowMs: number,
  rules: HealthRules,
): AssessedSnapshot {
  const counts = emptyCounts();
  const assessed = saved.accounts.map((account) => {
    const memory = Object.hasOwn(remembered, account.id) ? remembered[account.id]! : null;
    const { health, reason } = memory ?? accountHealth(account, nowMs, rules);
    const item = snapshotAccount(account, health, reason);
    counts[item.health] += 1;
    return item;
  });
  assessed.sort(compareAssessed);
  return { revision: 1, checkedAt: saved.checkedAt, warnings: [...saved.warnings], accounts: [...saved.accounts], assessed, byId: indexOf(assessed), counts };
}

const indexOf = (assessed: readonly SnapshotAccount[]): Map<string, SnapshotAccount> => new Map(assessed.map((item) => [item.account.id, item]));

/**
 * For the client's ListOptions.reuse: the account the snapshot holds when the fresh copy says the
 * same, else the fresh copy. Unchanged accounts then cost the next poll no object that lives on.
 */
export function reuseFrom(snapshot: AssessedSnapshot | null): (fresh: Account) => Account {
  if (!snapshot) return (fresh) => fresh;
  /** The icon string the snapshot holds per account type, found when a changed account needs it. */
  let icons: Map<string, string> | null = null;
  const heldIcon = (type: string): string | undefined => {
    if (!icons) {
      icons = new Map();
      for (const account of snapshot.accounts) if (!icons.has(account.type)) icons.set(account.type, account.icon);
    }
    return icons.get(type);
  };
  return (fresh) => {
    const held = snapshot.byId.get(fresh.id)?.account;
    if (held && sameAccount(held, fresh)) return held;
    // A changed or new account of a known platform: the icon string already held, not a second copy.
    const icon = heldIcon(fresh.type);
    if (icon !== undefined && icon !== fresh.icon) return fresh;
    if (icon !== undefined) fresh.icon = icon;
    return fresh;
  };
}
