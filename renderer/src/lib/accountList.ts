/**
 * The list's accounts, kept from one snapshot to the next. A poll's push changes a few accounts
 * and heldSnapshot.ts says how (accountsEdit: the positions taken out, the accounts put in where):
 * the list replays that edit on its own array, so only the accounts that changed are listed again
 * (search key, platform, sort fields: accountFilter.ts), and a column's order drops and merges the
 * same few by binary search instead of sorting every account at each poll. A whole snapshot (the
 * first, or after a reload) is listed and sorted afresh. One per list view; plain TypeScript, so
 * its work is counted in tests (listedCount, fullSorts).
 */
import { accountsEdit } from '../../../main/core/views/heldSnapshot';
import type { AccountRowView } from '../../../main/core/views/windowViews';
import { applyEdit, sortedEdit } from '../../../main/core/views/sortedMerge';
import { compareInOrder, DEFAULT_SORT, listedAccount, sortAccounts, type ListedAccount, type SortOrder } from './accountFilter';

interface SortedList {
  order: SortOrder;
  /** The snapshot (generation) it is the order of. */
  generation: number;
  accounts: ListedAccount[];
}

/** What the last snapshot changed in the list, when an edit made it. */
interface Change {
  removed: ListedAccount[];
  inserted: ListedAccount[];
}

/** Above this share of accounts changed, sorting them all is as quick as merging. */
const MERGE_AT_MOST = 0.25;

export class AccountList {
  /** Accounts listed so far: a push that changes one account adds one. */
  listedCount = 0;
  /** Whole sorts so far (a new column, a whole new snapshot); a push merges instead. */
  fullSorts = 0;

  private source: readonly AccountRowView[] | null = null;
  private generation = 0;
  private listed: ListedAccount[] = [];
  /** Null after a whole snapshot. */
  private change: Change | null = null;
  private sortedList: SortedList | null = null;

  /** The snapshot's accounts in its order (worst first, then username), each listed once. */
  inOrder(accounts: readonly AccountRowView[]): readonly ListedAccount[] {
    if (accounts === this.source) return this.listed;
    const edit = accountsEdit(accounts);
    this.generation += 1;
    if (edit && edit.previous === this.source) {
      const inserted = edit.inserted.map(listedAccount);
      this.change = { removed: edit.removedAt.map((at) => this.listed[at]!), inserted };
      this.listed = applyEdit(this.listed, { ...edit, inserted });
      this.listedCount += inserted.length;
    } else {
      this.change = null;
      this.listed = accounts.map(listedAccount);
      this.listedCount += accounts.length;
    }
    this.source = accounts;
    return this.listed;
  }

  /** The current snapshot's accounts in `order`: edited from the previous snapshot's order when it was in the same. */
  sorted(order: SortOrder): readonly ListedAccount[] {
    if (order.column === DEFAULT_SORT.column && order.direction === DEFAULT_SORT.direction) return this.listed;
    const previous = this.sortedList;
    const sameOrder = previous !== null && previous.order.column === order.column && previous.order.direction === order.direction;
    if (sameOrder && previous.generation === this.generation) return previous.accounts;
    const change = this.change;
    let accounts: ListedAccount[];
    if (sameOrder && previous.generation === this.generation - 1 && change && change.inserted.length <= this.listed.length * MERGE_AT_MOST) {
      accounts = applyEdit(previous.accounts, sortedEdit(previous.accounts, change.removed, change.inserted, compareInOrder(order)));
    } else {
      accounts = sortAccounts(this.listed, order);
      this.fullSorts += 1;
    }
    this.sortedList = { order, generation: this.generation, accounts };
    return accounts;
  }
}
