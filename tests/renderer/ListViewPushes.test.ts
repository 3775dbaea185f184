// @vitest-environment jsdom
/**
 * A poll's push reaching the list while it is sorted by a column: the renamed account moves to
 * where its new name sorts, the one removed leaves, the counts follow, the rest keep their order.
 */
import { fireEvent, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, test } from 'vitest';
import type { MonitorStatus } from '../../main/core/appModel';
import type { Account } from '../../main/core/lobstr/account';
import { assessAll, assessSnapshot, type AssessedSnapshot } from '../../main/core/monitor/assessedSnapshot';
import { snapshotDeltaView, snapshotView, type ViewContext } from '../../main/core/views/rendererViews';
import type { SnapshotPush } from '../../main/core/views/windowViews';
import { fakeBridge, TEST_NOW } from './fakeBridge';
import { accountRows, grid, manyAccounts, mountList } from './ListViewFixtures';
import { useTestClock } from './testClock';

useTestClock();

const rules = { status429NeedsResync: true, timeZone: 'UTC' };
const context: ViewContext = { nowMs: TEST_NOW, demo: false, rules };
const status = (snapshot: AssessedSnapshot): MonitorStatus => ({
  configured: true,
  snapshot,
  problem: null,
  lastPollAt: snapshot.checkedAt,
  nextPollAt: null,
  polling: false,
});
const rowNames = () => accountRows().map((row) => row.getAttribute('aria-label') ?? row.textContent ?? '');

describe('a poll pushed to a sorted list', () => {
  test('sorted by account, descending: a renamed account moves to its new place, a removed one leaves', async () => {
    const accounts = manyAccounts(200);
    const judged = assessAll({ checkedAt: '2026-11-25T14:02:00Z', accounts, warnings: [] }, TEST_NOW, rules);
    let deliver: (push: SnapshotPush) => void = () => {};
    const bridge = fakeBridge(snapshotView(status(judged), context), {
      onSnapshot: (listener) => {
        deliver = listener;
        return () => {};
      },
    });
    mountList(accounts, { bridge, viewportHeight: 44 * 10 });
    await fireEvent.click(screen.getByRole('button', { name: /^Account/ }));
    await fireEvent.click(screen.getByRole('button', { name: /^Account/ }));
    await waitFor(() => expect(rowNames()[0]).toMatch(/^user00199/));

    const next: Account[] = accounts.slice();
    next[20] = { ...next[20]!, username: 'zoe' };
    next[21] = { ...next[21]!, status_code_info: 'cookies_expired' };
    next.splice(199, 1);
    const { snapshot, delta } = await assessSnapshot(judged, { checkedAt: '2026-11-25T14:07:00Z', accounts: next, warnings: [] }, TEST_NOW, rules);
    deliver({ kind: 'delta', base: 1, revision: 2, changes: snapshotDeltaView(status(snapshot), delta, {}, context) });

    await waitFor(() => expect(rowNames()[0]).toMatch(/^zoe/));
    expect(rowNames().slice(1, 3).map((name) => name.slice(0, 9))).toEqual(['user00198', 'user00197']);
    expect(grid().getAttribute('aria-rowcount')).toBe('200');
    expect(screen.getByRole('button', { name: 'All 199' })).toBeTruthy();
  });
});
