/**
 * The list kept from one poll's push to the next: an account the push did not change keeps what
 * was worked out for it (search key, platform, sort fields), the few that changed are merged into
 * the order instead of sorting every account again, and the list in every order equals what a
 * fresh sort of the whole snapshot gives.
 */
import { describe, expect, test } from 'vitest';
import type { Account } from '../../main/core/lobstr/account';
import { applySnapshotPush, type HeldSnapshot } from '../../main/core/views/heldSnapshot';
import { AccountList } from '../../renderer/src/lib/accountList';
import { listAccounts, sortAccounts, type SortColumn, type SortOrder } from '../../renderer/src/lib/accountFilter';
import { manyAccounts } from './ListViewFixtures';
import { firstPoll, nextPoll } from './pollPushes';

/** The window's held snapshot through polls: the core judges each and the window applies its push. */
function window(accounts: Account[]) {
  let { judged, view } = firstPoll(accounts);
  let held: HeldSnapshot = applySnapshotPush(null, { kind: 'full', revision: 1, snapshot: view })!;
  let listed = accounts;
  return {
    get snapshot() {
      return held.snapshot;
    },
    async poll(change: (accounts: Account[]) => Account[]) {
      listed = change(listed.slice());
      const next = await nextPoll(judged, listed, held.snapshot.icons);
      held = applySnapshotPush(held, { kind: 'delta', base: held.revision, revision: held.revision + 1, changes: next.changes })!;
      judged = next.judged;
    },
  };
}

const expire = (account: Account): Account => ({ ...account, status_code_info: 'cookies_expired' });
const ids = (list: readonly { id: string }[]) => list.map((item) => item.id);
const ORDERS: SortOrder[] = (['username', 'platform', 'health', 'lastSync', 'squids'] as SortColumn[]).flatMap((column) => [
  { column, direction: 'ascending' as const },
  { column, direction: 'descending' as const },
]);

describe('the list across pushes', () => {
  test('a push that changes one account of 1,000 lists that account again, and no other', async () => {
    const held = window(manyAccounts(1_000));
    const list = new AccountList();
    list.inOrder(held.snapshot.accounts);
    expect(list.listedCount).toBe(1_000);

    await held.poll((accounts) => {
      accounts[500] = expire(accounts[500]!);
      return accounts;
    });
    const after = list.inOrder(held.snapshot.accounts);
    expect(list.listedCount).toBe(1_001);
    expect(after[0]!.username).toBe('user00500');
    expect(after[0]!.health).toBe('needs_resync');
  });

  test('in every order, the list after polls equals a fresh sort of the whole snapshot, and none sorts every account again', async () => {
    const held = window(manyAccounts(300).map((account, i) => ({ ...account, squids: Array.from({ length: i % 4 }, (_, k) => ({ name: `s${k}`, hash_value: `h${i}-${k}` })) })));
    const lists = ORDERS.map((order) => {
      const list = new AccountList();
      list.inOrder(held.snapshot.accounts);
      list.sorted(order);
      return { order, list };
    });
    const polls: Array<(accounts: Account[]) => Account[]> = [
      (accounts) => accounts.map((account, i) => (i % 37 === 0 ? expire(account) : account)),
      (accounts) => {
        accounts[7] = { ...accounts[7]!, username: 'Aaron' };
        accounts.splice(100, 1);
        return accounts;
      },
      (accounts) => [...accounts, { ...accounts[3]!, id: 'f'.repeat(32), username: 'newcomer', last_synchronization_time: null }],
      (accounts) => accounts.map((account, i) => (i % 37 === 0 ? { ...account, status_code_info: 'synchronized' } : account)),
    ];
    for (const poll of polls) {
      await held.poll(poll);
      const fresh = listAccounts(held.snapshot.accounts);
      for (const { order, list } of lists) {
        list.inOrder(held.snapshot.accounts);
        expect(ids(list.sorted(order)), `${order.column} ${order.direction}`).toEqual(ids(sortAccounts(fresh, order)));
      }
    }
    // One sort when the column was chosen (none for the snapshot's own order), then merges only.
    for (const { order, list } of lists) expect(list.fullSorts).toBe(order.column === 'health' && order.direction === 'ascending' ? 0 : 1);
  });

  test('a whole new snapshot (the page asked again) is listed and sorted afresh', () => {
    const list = new AccountList();
    const order: SortOrder = { column: 'username', direction: 'descending' };
    list.inOrder(window(manyAccounts(50)).snapshot.accounts);
    list.sorted(order);
    const again = window(manyAccounts(60)).snapshot.accounts;
    list.inOrder(again);
    expect(ids(list.sorted(order))).toEqual(ids(sortAccounts(listAccounts(again), order)));
    expect(list.listedCount).toBe(110);
  });
});
