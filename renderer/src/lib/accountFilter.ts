/**
 * Search, health filters and column sorting of the account list: pure functions over the
 * snapshot's account rows. Everything costly (lowercasing, platform labels, parsing times) happens
 * once per account in `listedAccount` (once per account object: accountList.ts keeps them from
 * push to push), so a keystroke in the search box at 10,000 accounts is a substring test per
 * account and nothing more.
 */
import { collatorOnFirstUse } from '../../../main/core/health/collation';
import { compareJudged, HEALTH_ORDER, type Health } from '../../../main/core/health/accountHealth';
import { platformLabel } from '../../../main/core/health/platforms';
import type { AccountRowView } from '../../../main/shared/ipcContract';

export type SortColumn = 'username' | 'platform' | 'health' | 'lastSync' | 'squids';
export type SortDirection = 'ascending' | 'descending';

export interface SortOrder {
  column: SortColumn;
  direction: SortDirection;
}

/** The snapshot's own order: worst health first, then username. */
export const DEFAULT_SORT: SortOrder = { column: 'health', direction: 'ascending' };

/** An account with what the list sorts and searches by, computed once per account object. */
export interface ListedAccount {
  account: AccountRowView;
  // Copied out of the account once: the list compares and looks these up across every account.
  id: string;
  username: string;
  health: Health;
  squidCount: number;
  /** "X (Twitter)" for twitter-sync. */
  platform: string;
  /** Username, type, platform label and id, lowercased: what the search looks in. */
  searchKey: string;
  /** Last synchronization in ms; -Infinity for never (or unreadable), so it sorts as the oldest. */
  syncMs: number;
  healthRank: number;
}

export interface AccountFilter {
  /** What was typed in the search box. */
  query: string;
  /** The healths to show; empty shows all. */
  healths: readonly Health[];
}

/** Platform labels by type: a handful of types for thousands of accounts. */
const labels = new Map<string, string>();

export function listedAccount(account: AccountRowView): ListedAccount {
  let platform = labels.get(account.type);
  if (platform === undefined) {
    platform = platformLabel(account.type);
    labels.set(account.type, platform);
  }
  const synced = account.last_synchronization_time ? Date.parse(account.last_synchronization_time) : Number.NaN;
  return {
    account,
    id: account.id,
    username: account.username,
    health: account.health,
    squidCount: account.squidCount,
    platform,
    // A separator no one types keeps a query from matching across two fields.
    searchKey: [account.username, account.type, platform, account.id].join('\u0000').toLowerCase(),
    syncMs: Number.isNaN(synced) ? Number.NEGATIVE_INFINITY : synced,
    healthRank: HEALTH_ORDER.indexOf(account.health),
  };
}

/** The snapshot's accounts, in its order, each listed afresh (accountList.ts keeps them instead). */
export function listAccounts(accounts: readonly AccountRowView[]): ListedAccount[] {
  return accounts.map(listedAccount);
}

/** The words of a query, lowercased; a leading "@" is dropped, as people type handles with one. */
export function searchTerms(query: string): string[] {
  return query
    .toLowerCase()
    .split(/\s+/)
    .map((word) => (word.startsWith('@') ? word.slice(1) : word))
    .filter((word) => word !== '');
}

export function isFiltering(filter: AccountFilter): boolean {
  return filter.healths.length > 0 || searchTerms(filter.query).length > 0;
}

/** The accounts whose health is one of the chosen ones and whose key holds every word of the query. */
export function filterAccounts(list: readonly ListedAccount[], filter: AccountFilter): readonly ListedAccount[] {
  const terms = searchTerms(filter.query);
  const healths = filter.healths.length > 0 ? new Set(filter.healths) : null;
  if (terms.length === 0 && healths === null) return list;
  return list.filter(
    (item) =>
      (healths === null || healths.has(item.health)) && terms.every((term) => item.searchKey.includes(term)),
  );
}

// Built at the first column sort, not before the window's first row (collation.ts).
const collator = collatorOnFirstUse({ sensitivity: 'base', numeric: true });

const COMPARE: Record<SortColumn, (a: ListedAccount, b: ListedAccount) => number> = {
  username: (a, b) => collator.compare(a.username, b.username),
  platform: (a, b) => collator.compare(a.platform, b.platform),
  health: (a, b) => a.healthRank - b.healthRank,
  lastSync: (a, b) => (a.syncMs === b.syncMs ? 0 : a.syncMs < b.syncMs ? -1 : 1),
  squids: (a, b) => a.squidCount - b.squidCount,
};

/**
 * The accounts ordered by a column; ties keep the snapshot's order (worst first, then username)
 * in either direction, so reversing a column does not shuffle the accounts within a group.
 * `list` is in the snapshot's order: its positions break the ties (no collator call for them).
 */
export function sortAccounts(list: readonly ListedAccount[], order: SortOrder): ListedAccount[] {
  const compare = COMPARE[order.column];
  const sign = order.direction === 'ascending' ? 1 : -1;
  const positions = Array.from(list.keys());
  positions.sort((a, b) => sign * compare(list[a]!, list[b]!) || a - b);
  return positions.map((position) => list[position]!);
}

/**
 * The same order as sortAccounts, between any two accounts: ties go by the snapshot's order itself
 * (compareJudged), for accounts merged into a sorted list without their positions.
 */
export function compareInOrder(order: SortOrder): (a: ListedAccount, b: ListedAccount) => number {
  const compare = COMPARE[order.column];
  const sign = order.direction === 'ascending' ? 1 : -1;
  return (a, b) => sign * compare(a, b) || compareJudged(a, b);
}

/** The order after a click on a column's header: the same column flips, another starts ascending. */
export function nextSort(current: SortOrder, column: SortColumn): SortOrder {
  if (current.column !== column) return { column, direction: 'ascending' };
  return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}
