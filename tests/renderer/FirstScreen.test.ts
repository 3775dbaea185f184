// @vitest-environment jsdom
/**
 * The window's first screen: it asks for the first rows of the snapshot (snapshot:head), shows
 * them with the whole counts and total, and reads the whole snapshot only then, so the first rows
 * do not wait for every account to be sent and read. Until the whole snapshot is there the grid is
 * busy; pushes wait for it; a whole snapshot that cannot be read is an error, not part of a list.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, test } from 'vitest';
import App from '../../renderer/src/App.svelte';
import type { Account } from '../../main/core/lobstr/account';
import type { SnapshotPush } from '../../main/core/views/windowViews';
import { accountWith } from '../fixtures/seedAccounts';
import { fakeBridge, snapshotOf, type FakeBridge } from './fakeBridge';
import { accountRows, grid, groupHeadings, manyAccounts } from './ListViewFixtures';
import { firstPoll, nextPoll } from './pollPushes';
import { useTestClock } from './testClock';

afterEach(cleanup);
useTestClock();

/** 1,000 accounts: the first 10 need a re-sync, the 990 others are fine. */
function accounts(): Account[] {
  return manyAccounts(1_000).map((account, i) => (i < 10 ? accountWith({ ...account, status: '401', status_code_info: 'cookies_expired' }) : account));
}

/** A bridge whose whole snapshot is held back until `release` (as a main process busy sending 100,000 rows). */
function heldBack(bridge: FakeBridge): { release: () => void } {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const whole = bridge.getSnapshot.bind(bridge);
  bridge.getSnapshot = async () => {
    bridge.calls.push(['getSnapshot']);
    await gate;
    return whole();
  };
  return { release };
}

/** The bridge's calls, by name, in order. */
const names = (bridge: FakeBridge) => bridge.calls.map(([name]) => name);

describe('the first screen', () => {
  test('shows its rows with the whole counts and total while the whole snapshot is still being read', async () => {
    const view = snapshotOf(accounts());
    const bridge = fakeBridge(view);
    const { release } = heldBack(bridge);
    render(App, { props: { bridge } });

    await waitFor(() => expect(accountRows().length).toBeGreaterThan(10));
    // Only the first screen's accounts came: a few dozen rows, not the thousand.
    const asked = bridge.calls.find(([name]) => name === 'getSnapshotHead')![1] as number;
    expect(asked).toBeGreaterThanOrEqual(20);
    expect(asked).toBeLessThanOrEqual(100);
    expect(accountRows()[0]!.getAttribute('aria-label')).toMatch(/^user00000 /);
    // The headings and the footer say the whole snapshot's numbers, not the rows at hand.
    expect(groupHeadings()).toEqual(['Needs re-sync · 10', 'OK · 990']);
    expect(screen.getByText('1,000 accounts').getAttribute('role')).toBe('status');
    expect(screen.getByRole('button', { name: 'All 1,000' })).toBeTruthy();
    expect(grid().getAttribute('aria-busy')).toBe('true');
    // As long as the whole list will be (its scroll bar does not jump when the rest arrives): every
    // account and both headings, after the header row.
    expect(grid().getAttribute('aria-rowcount')).toBe('1003');
    expect(grid().querySelector<HTMLElement>('.spacer')!.style.height).toBe(`${1_002 * 32 - 2 * (32 - 24)}px`); // rows of 32 px, headings of 24

    // Asked for once the first screen was painted, and applied when it comes.
    await waitFor(() => expect(names(bridge)).toContain('getSnapshot'));
    expect(names(bridge).indexOf('getSnapshotHead')).toBeLessThan(names(bridge).indexOf('getSnapshot'));
    release();
    await waitFor(() => expect(grid().getAttribute('aria-busy')).toBe('false'));
    await fireEvent.keyDown(document.body, { key: 'End' });
    expect(screen.getByRole('row', { name: /^user00999 / }).getAttribute('aria-selected')).toBe('true');
    // Every account and both headings, after the header row.
    expect(grid().getAttribute('aria-rowcount')).toBe('1003');
  });

  test('a push that arrives before the whole snapshot waits for it, and what it changed is shown', async () => {
    const list = accounts();
    const { judged, view } = firstPoll(list);
    let deliver: (push: SnapshotPush) => void = () => {};
    const bridge = fakeBridge(view, {
      onSnapshot: (listener) => {
        deliver = listener;
        return () => {};
      },
    });
    const { release } = heldBack(bridge);
    render(App, { props: { bridge } });
    await waitFor(() => expect(accountRows().length).toBeGreaterThan(10));

    // A poll ends: user00003's cookies are fine again. Its push is based on a snapshot this window
    // has not read whole, so it cannot be applied to the first screen.
    const next = list.slice();
    next[3] = manyAccounts(4)[3]!;
    const { changes, view: after } = await nextPoll(judged, next, view.icons);
    deliver({ kind: 'delta', base: 1, revision: 2, changes });
    expect(groupHeadings()[0]).toBe('Needs re-sync · 10');
    // The whole snapshot the main process answers is the one after that poll.
    bridge.getSnapshot = async () => ({ ok: true, value: { kind: 'full', revision: 2, snapshot: after } });
    release();
    await waitFor(() => expect(groupHeadings()).toEqual(['Needs re-sync · 9', 'OK · 991']));
    expect(grid().getAttribute('aria-busy')).toBe('false');
  });

  test('a whole snapshot that cannot be read is an error, not a list cut after its first rows', async () => {
    const bridge = fakeBridge(snapshotOf(accounts()), {
      getSnapshot: async () => ({ ok: false, error: { kind: 'failed', message: 'the monitor is not running' } }),
    });
    render(App, { props: { bridge } });
    expect((await screen.findByRole('alert')).textContent).toBe('Lobstr Tray could not read its state: the monitor is not running');
    expect(screen.queryByRole('grid')).toBeNull();
  });

  test('a first screen that cannot be read still leads to the whole snapshot', async () => {
    const bridge = fakeBridge(snapshotOf(accounts()), {
      getSnapshotHead: async () => ({ ok: false, error: { kind: 'failed', message: 'busy' } }),
    });
    render(App, { props: { bridge } });
    await waitFor(() => expect(grid().getAttribute('aria-busy')).toBe('false'));
    expect(screen.getByText('1,000 accounts').getAttribute('role')).toBe('status');
  });

  test("an account's details opened before the whole list is read do not call it gone for not being among the first rows", async () => {
    const list = accounts();
    // A check newer than the account's read from Lobstr: then only the list can say it is gone.
    const view = snapshotOf(list, { snapshot: { checkedAt: '2026-11-25T14:10:00Z', accounts: list, warnings: [] } });
    const bridge = fakeBridge(view);
    const { release } = heldBack(bridge);
    render(App, { props: { bridge } });
    await waitFor(() => expect(accountRows().length).toBeGreaterThan(10));
    // A notification's click opens an account far down the list.
    const far = list[900]!;
    bridge.navigate({ accountId: far.id });
    await waitFor(() => expect(bridge.calls.some(([name, id]) => name === 'getAccount' && id === far.id)).toBe(true));
    await screen.findByRole('heading', { level: 2, name: far.username });
    expect(screen.queryByText('This account is no longer in your Lobstr account list')).toBeNull();
    release();
    await waitFor(() => expect(bridge.calls.some(([name]) => name === 'getSnapshot')).toBe(true));
    expect(screen.queryByText('This account is no longer in your Lobstr account list')).toBeNull();
  });
});
