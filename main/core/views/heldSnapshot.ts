/**
 * The window's copy of the monitor's snapshot, kept from the pushes: the whole snapshot once
 * (snapshot:get), then what changed (snapshotPushes.ts is the main process's half). A push that does
 * not follow the revision held is not applied: the window asks for the whole snapshot again. Pure,
 * without Node: the window (renderer/src/lib/appState.svelte.ts) runs it.
 *
 * Applying a delta keeps the order a whole snapshot has (worst first, then by username): the
 * accounts that did not change keep their objects and their places, the changed ones are merged in
 * (each by binary search: a poll that changes a few accounts of 100,000 compares a few dozen times).
 */
import { compareJudged } from '../health/accountHealth.js';
import { applyEdit, sortedEdit, type ArrayEdit } from './sortedMerge.js';
import type { AccountRowView, SnapshotPush, SnapshotView } from './windowViews.js';

export interface HeldSnapshot {
  revision: number;
  snapshot: SnapshotView;
}

/** How a held accounts array became the next one: kept for the window's list to replay (accountList.ts). */
export interface AccountsEdit extends ArrayEdit<AccountRowView> {
  previous: readonly AccountRowView[];
  /** The accounts taken out of `previous` (at `removedAt`): gone, or replaced by a changed one. */
  removed: readonly AccountRowView[];
}

const edits = new WeakMap<readonly AccountRowView[], AccountsEdit>();

/** How `accounts` (a held snapshot's) was made from the previous held snapshot's, when a delta made it. */
export function accountsEdit(accounts: readonly AccountRowView[]): AccountsEdit | undefined {
  return edits.get(accounts);
}

/**
 * Each held snapshot's accounts by id, to find where a changed or removed account was without
 * looking at every account: made for a whole snapshot (ahead, in slices: indexAhead; or at its
 * first delta), then handed from each held snapshot to the next (a snapshot handed over has none:
 * applying a delta to it again builds one afresh).
 */
interface AccountIndex {
  byId: Map<string, AccountRowView>;
  /** How many of the snapshot's accounts are in it (the first ones). */
  indexed: number;
}
const indexes = new WeakMap<HeldSnapshot, AccountIndex>();

function indexOf(held: HeldSnapshot, count: number): AccountIndex {
  let index = indexes.get(held);
  if (!index) {
    index = { byId: new Map(), indexed: 0 };
    indexes.set(held, index);
  }
  const accounts = held.snapshot.accounts;
  const end = Math.min(accounts.length, index.indexed + count);
  for (let i = index.indexed; i < end; i++) index.byId.set(accounts[i]!.id, accounts[i]!);
  index.indexed = end;
  return index;
}

/**
 * Indexes up to `count` more accounts of `held`; true once every one is. The window calls it
 * between tasks after a whole snapshot, so that the first delta does not index 100,000 accounts
 * in one go (about 90 ms in Chromium).
 */
export function indexAhead(held: HeldSnapshot, count: number): boolean {
  return indexOf(held, count).indexed === held.snapshot.accounts.length;
}

/** The snapshot after `push`, or null when `push` cannot be applied to `held` (ask for the whole one). */
export function applySnapshotPush(held: HeldSnapshot | null, push: SnapshotPush): HeldSnapshot | null {
  if (push.kind === 'full') return held && held.revision > push.revision ? held : { revision: push.revision, snapshot: push.snapshot };
  if (!held || held.revision !== push.base) return null;
  const { upserted, removed, icons, status } = push.changes;
  const mergedIcons = Object.keys(icons).length === 0 ? held.snapshot.icons : { ...held.snapshot.icons, ...icons };
  if (upserted.length + removed.length === 0) {
    const next = { revision: push.revision, snapshot: { ...status, accounts: held.snapshot.accounts, icons: mergedIcons } };
    handIndex(held, next);
    return next;
  }
  const current = held.snapshot.accounts;
  const { byId } = indexOf(held, Number.POSITIVE_INFINITY);
  const leaving: AccountRowView[] = [];
  for (const id of removed) {
    const old = byId.get(id);
    if (old) leaving.push(old);
  }
  for (const account of upserted) {
    const old = byId.get(account.id);
    if (old) leaving.push(old);
  }
  const edit = sortedEdit(current, leaving, upserted, compareJudged);
  const accounts = applyEdit(current, edit);
  edits.set(accounts, { ...edit, previous: current, removed: edit.removedAt.map((at) => current[at]!) });
  for (const id of removed) byId.delete(id);
  for (const account of upserted) byId.set(account.id, account);
  const next = { revision: push.revision, snapshot: { ...status, accounts, icons: mergedIcons } };
  indexes.delete(held);
  indexes.set(next, { byId, indexed: accounts.length });
  return next;
}

function handIndex(from: HeldSnapshot, to: HeldSnapshot): void {
  const index = indexes.get(from);
  if (!index) return;
  indexes.delete(from);
  indexes.set(to, index);
}
