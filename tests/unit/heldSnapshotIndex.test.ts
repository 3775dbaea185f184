/**
 * The window's held snapshot finds a changed account's old place through an index by id: made
 * ahead after a whole snapshot, a slice at a time (so the first poll's push does not build it in
 * one long task), handed on from push to push, and never wrong when a push comes before it is done.
 */
import { describe, expect, test } from 'vitest';
import { applySnapshotPush, indexAhead, type HeldSnapshot } from '../../main/core/views/heldSnapshot.js';
import type { AccountRowView, SnapshotPush, SnapshotView } from '../../main/core/views/windowViews.js';

const account = (i: number, health: AccountRowView['health'] = 'ok'): AccountRowView =>
  ({ id: `id${String(i).padStart(5, '0')}`, username: `user${String(i).padStart(5, '0')}`, health, reason: '' }) as AccountRowView;

function whole(count: number): HeldSnapshot {
  const snapshot = { accounts: Array.from({ length: count }, (_, i) => account(i)), icons: {} } as unknown as SnapshotView;
  return applySnapshotPush(null, { kind: 'full', revision: 1, snapshot })!;
}

function delta(held: HeldSnapshot, upserted: AccountRowView[], removed: string[]): SnapshotPush {
  const { accounts: _a, icons: _i, ...status } = held.snapshot;
  return { kind: 'delta', base: held.revision, revision: held.revision + 1, changes: { upserted, removed, icons: {}, status } };
}

describe('the held snapshot index', () => {
  test('is made a slice at a time, and a push hands it on whole', () => {
    const held = whole(25_000);
    expect(indexAhead(held, 10_000)).toBe(false);
    expect(indexAhead(held, 10_000)).toBe(false);
    expect(indexAhead(held, 10_000)).toBe(true);
    const next = applySnapshotPush(held, delta(held, [account(7, 'needs_resync')], ['id00009']))!;
    expect(indexAhead(next, 0)).toBe(true);
    expect(next.snapshot.accounts[0]!.id).toBe('id00007');
    expect(next.snapshot.accounts).toHaveLength(24_999);
  });

  test('a push before the index is done still finds every account it changes', () => {
    const held = whole(1_000);
    indexAhead(held, 100);
    const next = applySnapshotPush(held, delta(held, [account(900, 'needs_resync'), account(50, 'attention')], ['id00999']))!;
    expect(next.snapshot.accounts.slice(0, 2).map((a) => a.id)).toEqual(['id00900', 'id00050']);
    expect(next.snapshot.accounts.filter((a) => a.id === 'id00900' || a.id === 'id00050' || a.id === 'id00999')).toHaveLength(2);
    expect(next.snapshot.accounts).toHaveLength(999);
  });
});
