// @vitest-environment jsdom
/**
 * A poll's push reaching the list while it is sorted by a column: the renamed account moves to
 * where its new name sorts, the one removed leaves, the counts follow, the rest keep their order.
 */
import { fireEvent, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, test } from 'vitest';
import type { Account } from '../../main/core/lobstr/account';
import type { SnapshotPush } from '../../main/core/views/windowViews';
import { fakeBridge } from './fakeBridge';
import { accountRows, grid, manyAccounts, mountList, wholeSnapshotRead } from './ListViewFixtures';
import { firstPoll, nextPoll } from './pollPushes';
import { useTestClock } from './testClock';

useTestClock();

const rowNames = () => accountRows().map((row) => row.getAttribute('aria-label') ?? row.textContent ?? '');

describe('a poll pushed to a sorted list', () => {
  test('sorted by account, descending: a renamed account moves to its new place, a removed one leaves', async () => {
    const accounts = manyAccounts(200);
    const { judged, view } = firstPoll(accounts);
    let deliver: (push: SnapshotPush) => void = () => {};
    const bridge = fakeBridge(view, {
      onSnapshot: (listener) => {
        deliver = listener;
        return () => {};
      },
    });
    mountList(accounts, { bridge, viewportHeight: 44 * 10 });
    await fireEvent.click(screen.getByRole('button', { name: /^Account/ }));
    await fireEvent.click(screen.getByRole('button', { name: /^Account/ }));
    await waitFor(() => expect(rowNames()[0]).toMatch(/^user00199/));
    await wholeSnapshotRead(bridge);

    const next: Account[] = accounts.slice();
    next[20] = { ...next[20]!, username: 'zoe' };
    next[21] = { ...next[21]!, status_code_info: 'cookies_expired' };
    next.splice(199, 1);
    const { changes } = await nextPoll(judged, next, view.icons);
    deliver({ kind: 'delta', base: 1, revision: 2, changes });

    await waitFor(() => expect(rowNames()[0]).toMatch(/^zoe/));
    expect(rowNames().slice(1, 3).map((name) => name.slice(0, 9))).toEqual(['user00198', 'user00197']);
    expect(grid().getAttribute('aria-rowcount')).toBe('200');
    expect(screen.getByRole('button', { name: 'All 199' })).toBeTruthy();
  });
});
