/**
 * Accounts and a mounted list for the ListView tests: six accounts of every health on four
 * platforms, a builder of many, the list view mounted on a real AppState over the fake bridge, and
 * the list's parts as a user finds them.
 */
import { render, screen, waitFor } from '@testing-library/svelte';
import { tick } from 'svelte';
import { expect } from 'vitest';
import type { Account } from '../../main/core/lobstr/account';
import type { MonitorStatus } from '../../main/core/appModel';
import { AppState } from '../../renderer/src/lib/appState.svelte';
import ListView from '../../renderer/src/views/ListView.svelte';
import { SEED_ICON } from '../fixtures/rawAccounts';
import { accountWith } from '../fixtures/seedAccounts';
import { fakeBridge, snapshotOf, TEST_NOW, type FakeBridge } from './fakeBridge';

const HOUR_S = 3600;
const hoursBefore = (hours: number) => new Date(TEST_NOW - hours * HOUR_S * 1000).toISOString().replace('.000Z', 'Z');

const twitter = { type: 'twitter-sync', icon: SEED_ICON };
const linkedin = { type: 'linkedin-sync', icon: '' };
const salesNav = { type: 'sales-nav-sync', icon: SEED_ICON };
const facebook = { type: 'facebook-sync', icon: SEED_ICON };

export const MAYA = accountWith({
  ...twitter,
  id: 'aaaa0000000000000000000000000001',
  username: 'maya',
  status_code_info: 'cookies_expired',
  status_code_description: 'Cookies expired',
  last_synchronization_time: hoursBefore(3),
});
export const ZED = accountWith({
  ...linkedin,
  id: 'bbbb0000000000000000000000000002',
  username: 'zed',
  status: '401',
  last_synchronization_time: hoursBefore(30),
  squids: [],
});
export const BOB = accountWith({
  ...salesNav,
  id: 'cccc0000000000000000000000000003',
  username: 'bob',
  status_code_info: 'account_blocked',
  status_code_description: 'The platform blocked this account',
  last_synchronization_time: hoursBefore(1),
  squids: [
    { name: 'Leads', hash_value: 'f1' },
    { name: 'Accounts', hash_value: 'f2' },
    { name: 'Posts', hash_value: 'f3' },
  ],
});
export const CARL = accountWith({
  ...linkedin,
  id: 'dddd0000000000000000000000000004',
  username: 'carl',
  lock_time: TEST_NOW / 1000 + HOUR_S,
  last_synchronization_time: hoursBefore(2),
  squids: [],
});
export const ALICE = accountWith({
  ...twitter,
  id: 'eeee0000000000000000000000000005',
  username: 'alice',
  last_synchronization_time: hoursBefore(5),
});
export const DORA = accountWith({
  ...facebook,
  id: 'ffff0000000000000000000000000006',
  username: 'dora',
  last_synchronization_time: null,
  squids: [],
});

/** Given in an order the list must not keep. */
export const SIX: Account[] = [DORA, ALICE, CARL, BOB, ZED, MAYA];

/** `count` healthy Twitter accounts, user00000 to user{count-1}. */
export function manyAccounts(count: number): Account[] {
  return Array.from({ length: count }, (_, i) =>
    accountWith({
      ...twitter,
      id: i.toString(16).padStart(32, '0'),
      username: `user${String(i).padStart(5, '0')}`,
      squids: [],
    }),
  );
}

export interface MountedList {
  bridge: FakeBridge;
  app: AppState;
  unmount: () => void;
  stop: () => void;
}

/** The list view on a real AppState whose snapshot is already there (App shows "Loading" before). */
export function mountList(
  accounts: Account[],
  options: {
    status?: Partial<MonitorStatus>;
    demo?: boolean;
    app?: AppState;
    bridge?: FakeBridge;
    /** The grid's height in pixels, as the window gives it; the view's default otherwise. */
    viewportHeight?: number;
  } = {},
): MountedList {
  const bridge = options.bridge ?? fakeBridge(snapshotOf(accounts, options.status, options.demo));
  const app = options.app ?? new AppState(bridge);
  app.snapshot ??= snapshotOf(accounts, options.status, options.demo);
  const stop = app.start();
  const props = options.viewportHeight === undefined ? { state: app } : { state: app, viewportHeight: options.viewportHeight };
  const { unmount } = render(ListView, { props });
  return { bridge, app, unmount, stop };
}

/**
 * Until the window has read the whole snapshot (it asks once its first screen is painted): the
 * main process pushes what changed only to a window that has.
 */
export async function wholeSnapshotRead(bridge: FakeBridge): Promise<void> {
  await waitFor(() => expect(bridge.calls.some(([name]) => name === 'getSnapshot')).toBe(true));
  await tick();
}

export const grid = (): HTMLElement => screen.getByRole('grid', { name: 'Accounts' });
export const searchBox = (): HTMLInputElement => screen.getByRole('searchbox', { name: 'Search accounts' }) as HTMLInputElement;

/** The account rows in the page (not the header row, not the health groups' headings), top to bottom. */
export const accountRows = (): HTMLElement[] => [...grid().querySelectorAll<HTMLElement>('[role="row"][data-row-index]')];

/** The health groups' headings in the page, top to bottom ("Needs re-sync · 2"). */
export const groupHeadings = (): string[] =>
  [...grid().querySelectorAll<HTMLElement>('[role="rowheader"]')].map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim() ?? '');
