/**
 * The list's rows when it is sorted by health: a heading before each health's run of accounts
 * ("Needs re-sync · 4"), so the problems read as a group at a glance. Sorted by any other column
 * the rows are the accounts alone. The accounts stay one array (10,000 of them): a grouping is at
 * most four runs, and a row's place is found from them, so no array of rows is ever built.
 */
import type { Health } from '../../../main/core/health/accountHealth';
import type { ListedAccount, SortOrder } from './accountFilter';

export interface HealthRun {
  health: Health;
  /** Index of the run's first account in the shown accounts. */
  start: number;
  count: number;
}

export type ListRow = { kind: 'group'; run: HealthRun } | { kind: 'account'; index: number };

export interface Grouping {
  /** Rows in all: the accounts, plus one heading per run. */
  readonly rowCount: number;
  readonly runs: readonly HealthRun[];
  /** The rows of the runs' headings, ascending. */
  readonly headingRows: readonly number[];
  /** What is at row `row` (from 0). */
  rowAt(row: number): ListRow | undefined;
  /** The row of the shown account at `index`; -1 for none. */
  rowOf(index: number): number;
}

/** The runs of one health in accounts sorted by health (either direction): one pass, at most four runs. */
export function healthRuns(accounts: readonly ListedAccount[]): HealthRun[] {
  const runs: HealthRun[] = [];
  for (let i = 0; i < accounts.length; i++) {
    const health = accounts[i]!.health;
    const last = runs[runs.length - 1];
    if (last && last.health === health) last.count += 1;
    else runs.push({ health, start: i, count: 1 });
  }
  return runs;
}

const NO_GROUPS = (count: number): Grouping => ({
  rowCount: count,
  runs: [],
  headingRows: [],
  rowAt: (row) => (row >= 0 && row < count ? { kind: 'account', index: row } : undefined),
  rowOf: (index) => (index >= 0 && index < count ? index : -1),
});

/** The rows of the shown accounts: grouped by health when that is the sort, as they are otherwise. */
export function groupRows(accounts: readonly ListedAccount[], sort: SortOrder): Grouping {
  if (sort.column !== 'health' || accounts.length === 0) return NO_GROUPS(accounts.length);
  const runs = healthRuns(accounts);
  return {
    rowCount: accounts.length + runs.length,
    runs,
    headingRows: runs.map((run, r) => run.start + r),
    rowAt(row) {
      // Each run takes its heading's row, then one row per account.
      let first = 0;
      for (const run of runs) {
        if (row === first) return { kind: 'group', run };
        if (row <= first + run.count) return { kind: 'account', index: run.start + (row - first - 1) };
        first += run.count + 1;
      }
      return undefined;
    },
    rowOf(index) {
      if (index < 0 || index >= accounts.length) return -1;
      for (let r = 0; r < runs.length; r++) {
        const run = runs[r]!;
        if (index < run.start + run.count) return index + r + 1;
      }
      return -1;
    },
  };
}
