/**
 * The window's copy of the monitor's snapshot, kept from the pushes: the whole snapshot once
 * (snapshot:get), then what changed (snapshotPushes.ts is the main process's half). A push that does
 * not follow the revision held is not applied: the window asks for the whole snapshot again. Pure,
 * without Node: the window (renderer/src/lib/appState.svelte.ts) runs it.
 *
 * Applying a delta keeps the order a whole snapshot has (worst first, then by username): the
 * accounts that did not change keep their objects and their places, the changed ones are merged in.
 */
import { compareJudged } from '../health/accountHealth.js';
import type { AccountView, SnapshotPush, SnapshotView } from './windowViews.js';

export interface HeldSnapshot {
  revision: number;
  snapshot: SnapshotView;
}

/** The snapshot after `push`, or null when `push` cannot be applied to `held` (ask for the whole one). */
export function applySnapshotPush(held: HeldSnapshot | null, push: SnapshotPush): HeldSnapshot | null {
  if (push.kind === 'full') return held && held.revision > push.revision ? held : { revision: push.revision, snapshot: push.snapshot };
  if (!held || held.revision !== push.base) return null;
  const { upserted, removed, icons, status } = push.changes;
  const accounts = upserted.length + removed.length === 0 ? held.snapshot.accounts : mergeAccounts(held.snapshot.accounts, upserted, removed);
  const mergedIcons = Object.keys(icons).length === 0 ? held.snapshot.icons : { ...held.snapshot.icons, ...icons };
  return { revision: push.revision, snapshot: { ...status, accounts, icons: mergedIcons } };
}

function mergeAccounts(current: readonly AccountView[], upserted: readonly AccountView[], removed: readonly string[]): AccountView[] {
  const leaving = new Set<string>(removed);
  for (const account of upserted) leaving.add(account.id);
  const kept = current.filter((account) => !leaving.has(account.id));
  const incoming = [...upserted].sort(compareJudged);
  const merged = new Array<AccountView>(kept.length + incoming.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < kept.length && j < incoming.length) merged[k++] = compareJudged(kept[i]!, incoming[j]!) <= 0 ? kept[i++]! : incoming[j++]!;
  while (i < kept.length) merged[k++] = kept[i++]!;
  while (j < incoming.length) merged[k++] = incoming[j++]!;
  return merged;
}
