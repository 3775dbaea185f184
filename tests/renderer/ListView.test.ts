// @vitest-environment jsdom
/**
 * The account list as a user sees it: order and badges, sorting, the health filters, search, the
 * connection state and its problem banner, the empty states, and a snapshot pushed by the app.
 */
import { cleanup, fireEvent, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { clockTime } from '../../main/core/views/timeFormat';
import { clearIconCache } from '../../renderer/src/lib/iconCache';
import { fakeBridge, snapshotOf, TEST_NOW } from './fakeBridge';
import { accountRows, ALICE, BOB, CARL, DORA, grid, groupHeadings, MAYA, mountList, searchBox, SIX, ZED } from './ListViewFixtures';
import { useTestClock } from './testClock';

useTestClock();
beforeEach(() => clearIconCache());

const usernames = () => accountRows().map((row) => row.querySelector('.username')?.textContent);

function columnHeader(name: string): HTMLElement {
  return screen.getByRole('columnheader', { name });
}

describe('the rows', () => {
  test('are worst first, then by username, under a heading per health, each with its mark and reason in words', () => {
    mountList(SIX);
    expect(usernames()).toEqual(['maya', 'zed', 'bob', 'carl', 'alice', 'dora']);
    expect(groupHeadings()).toEqual(['Needs re-sync · 2', 'Attention · 1', 'Locked · 1', 'OK · 2']);
    const [maya, zed, bob, carl, alice] = accountRows();
    // The reason is the readable part; the health is the heading above, the mark and the row's name.
    expect(within(maya!).getByText('Cookies expired')).toBeTruthy();
    expect(within(zed!).getByText('Status 401: cookies rejected')).toBeTruthy();
    // Locked and attention rows say what to do instead (ListViewGuidance.test.ts).
    expect(within(carl!).getByText(/^Nothing to do: LinkedIn lifts this lock$/)).toBeTruthy();
    expect(maya!.querySelector('.health .mark')?.getAttribute('data-health')).toBe('needs_resync');
    expect(bob!.querySelector('.health .mark')?.getAttribute('data-health')).toBe('attention');
    expect(carl!.querySelector('.health .mark')?.getAttribute('data-health')).toBe('locked');
    expect(alice!.querySelector('.health .mark')?.getAttribute('data-health')).toBe('ok');
    // No badge repeating "needs re-sync" on every row.
    expect(within(maya!).queryByText('needs re-sync')).toBeNull();
  });

  test('sorted by another column have no health headings', async () => {
    mountList(SIX);
    await fireEvent.click(within(columnHeader('Account')).getByRole('button'));
    expect(groupHeadings()).toEqual([]);
    expect(grid().getAttribute('aria-rowcount')).toBe('7');
  });

  test('are named for screen readers by username, platform and health', () => {
    mountList(SIX);
    expect(screen.getByRole('row', { name: 'maya · X (Twitter) · needs re-sync: cookies expired' })).toBeTruthy();
    expect(
      screen.getByRole('row', {
        name: 'bob · Sales Navigator · attention: account blocked (The platform blocked this account). Sales Navigator has blocked this account: sign in to Sales Navigator in your browser to see why and what it asks of you',
      }),
    ).toBeTruthy();
    expect(screen.getByRole('row', { name: 'dora · Facebook · OK: synchronized' })).toBeTruthy();
  });

  test('show the platform, the last sync relative with the exact time on hover, and the squids', () => {
    mountList(SIX);
    const maya = screen.getByRole('row', { name: /^maya/ });
    const cells = within(maya).getAllByRole('gridcell');
    expect(cells.map((cell) => cell.getAttribute('aria-colindex'))).toEqual(['1', '2', '3', '4', '5']);
    expect(cells[2]!.textContent).toBe('X (Twitter)');
    const time = maya.querySelector('time')!;
    expect(time.textContent).toBe('3 h ago');
    expect(time.getAttribute('datetime')).toBe(MAYA.last_synchronization_time);
    expect(time.getAttribute('title')).toContain(String(new Date(TEST_NOW).getFullYear()));
    expect(cells[4]!.textContent?.trim()).toBe('1');

    const bob = screen.getByRole('row', { name: /^bob/ });
    // An attention row's line spans the platform's column too (ListViewGuidance.test.ts): its squids are still column 5.
    expect(bob.querySelector('[role="gridcell"][aria-colindex="5"]')!.textContent?.trim()).toBe('3');
    const dora = screen.getByRole('row', { name: /^dora/ });
    expect(within(dora).getAllByRole('gridcell')[3]!.textContent?.trim()).toBe('never');
  });

  test("show each platform's icon from the snapshot, and the platform's initial where there is none", () => {
    mountList(SIX);
    // Drawn by the grid's rule for the platform's class (a row switches a class, not an image).
    const icon = screen.getByRole('row', { name: /^maya/ }).querySelector('.icon');
    const platformClass = [...(icon?.classList ?? [])].find((name) => name.startsWith('platform-icon-'));
    expect(platformClass).toBeDefined();
    const rules = [...document.querySelectorAll('style')].map((style) => style.textContent ?? '').join('\n');
    expect(rules).toMatch(new RegExp(`\\.${platformClass}\\{background-image:url\\("data:image/png;base64,iVBORw0KGgo`));
    const zed = screen.getByRole('row', { name: /^zed/ });
    expect(zed.querySelector('img')).toBeNull();
    expect(zed.querySelector('.tile')?.textContent?.trim()).toBe('L');
  });
});

describe('sorting', () => {
  test('starts by health, and a click on a header sorts by that column, a second click reverses it', async () => {
    mountList(SIX);
    expect(columnHeader('Health').getAttribute('aria-sort')).toBe('ascending');
    expect(columnHeader('Account').hasAttribute('aria-sort')).toBe(false);

    await fireEvent.click(screen.getByRole('button', { name: 'Account' }));
    expect(columnHeader('Account').getAttribute('aria-sort')).toBe('ascending');
    expect(columnHeader('Health').hasAttribute('aria-sort')).toBe(false);
    expect(usernames()).toEqual(['alice', 'bob', 'carl', 'dora', 'maya', 'zed']);

    await fireEvent.click(screen.getByRole('button', { name: 'Account' }));
    expect(columnHeader('Account').getAttribute('aria-sort')).toBe('descending');
    expect(usernames()).toEqual(['zed', 'maya', 'dora', 'carl', 'bob', 'alice']);
  });

  test('by platform, last sync (never first) and squids', async () => {
    mountList(SIX);
    await fireEvent.click(screen.getByRole('button', { name: 'Platform' }));
    // Facebook, LinkedIn (zed before carl: the snapshot's order breaks ties), Sales Navigator, X.
    expect(usernames()).toEqual(['dora', 'zed', 'carl', 'bob', 'maya', 'alice']);

    await fireEvent.click(screen.getByRole('button', { name: 'Last sync' }));
    expect(usernames()).toEqual(['dora', 'zed', 'alice', 'maya', 'carl', 'bob']);

    await fireEvent.click(screen.getByRole('button', { name: 'Squids' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Squids' }));
    expect(columnHeader('Squids').getAttribute('aria-sort')).toBe('descending');
    expect(usernames()[0]).toBe('bob');
  });

  test('by health reversed puts the healthy accounts first', async () => {
    mountList(SIX);
    await fireEvent.click(screen.getByRole('button', { name: 'Health' }));
    expect(columnHeader('Health').getAttribute('aria-sort')).toBe('descending');
    expect(usernames()).toEqual(['alice', 'dora', 'carl', 'bob', 'maya', 'zed']);
  });
});

describe('the summary bar', () => {
  test('a health no account has is shown disabled, so it cannot empty the list', async () => {
    mountList([MAYA, ALICE, DORA]); // needs re-sync and OK only
    const bar = screen.getByRole('group', { name: 'Show accounts by health' });
    const attention = within(bar).getByRole('button', { name: '0 attention' }) as HTMLButtonElement;
    const locked = within(bar).getByRole('button', { name: '0 locked' }) as HTMLButtonElement;
    expect(attention.disabled).toBe(true);
    expect(locked.disabled).toBe(true);
    expect((within(bar).getByRole('button', { name: '1 needs re-sync' }) as HTMLButtonElement).disabled).toBe(false);
    await fireEvent.click(attention);
    expect(accountRows()).toHaveLength(3);
  });

  test('counts each health, and each count filters the list', async () => {
    mountList(SIX);
    const bar = screen.getByRole('group', { name: 'Show accounts by health' });
    const buttons = within(bar).getAllByRole('button');
    expect(buttons.map((b) => b.textContent?.trim())).toEqual(['All 6', '2 need re-sync', '1 attention', '1 locked', '2 OK']);
    const all = within(bar).getByRole('button', { name: 'All 6' });
    expect(all.getAttribute('aria-pressed')).toBe('true');

    const locked = within(bar).getByRole('button', { name: '1 locked' });
    await fireEvent.click(locked);
    expect(locked.getAttribute('aria-pressed')).toBe('true');
    expect(all.getAttribute('aria-pressed')).toBe('false');
    expect(usernames()).toEqual(['carl']);
    expect(screen.getByRole('status').textContent).toContain('Showing 1 of 6 accounts');

    await fireEvent.click(within(bar).getByRole('button', { name: '2 need re-sync' }));
    expect(usernames()).toEqual(['maya', 'zed', 'carl']);

    await fireEvent.click(locked);
    expect(usernames()).toEqual(['maya', 'zed']);

    await fireEvent.click(all);
    expect(usernames()).toHaveLength(6);
    expect(all.getAttribute('aria-pressed')).toBe('true');
  });

  test('says "1 needs re-sync" for one', () => {
    mountList([MAYA, ALICE]);
    expect(screen.getByRole('button', { name: '1 needs re-sync' })).toBeTruthy();
  });
});

describe('the search', () => {
  async function search(text: string): Promise<void> {
    await fireEvent.input(searchBox(), { target: { value: text } });
  }

  test('filters by username as you type', async () => {
    mountList(SIX);
    await search('o');
    expect(usernames()).toEqual(['bob', 'dora']);
    await search('do');
    expect(usernames()).toEqual(['dora']);
    await search('@MAYA');
    expect(usernames()).toEqual(['maya']);
  });

  test('finds accounts by platform name, by type and by id', async () => {
    mountList(SIX);
    await search('linkedin');
    expect(usernames()).toEqual(['zed', 'carl']);
    await search('sales nav');
    expect(usernames()).toEqual(['bob']);
    await search('twitter');
    expect(usernames()).toEqual(['maya', 'alice']);
    await search('facebook-sync');
    expect(usernames()).toEqual(['dora']);
    await search('dddd00');
    expect(usernames()).toEqual(['carl']);
  });

  test('combines with the health filters', async () => {
    mountList(SIX);
    await fireEvent.click(screen.getByRole('button', { name: '2 OK' }));
    await search('x (twitter)');
    expect(usernames()).toEqual(['alice']);
  });
});

describe('the connection state', () => {
  test('says when Lobstr was checked and will be next, and Refresh checks now', async () => {
    const { bridge } = mountList(SIX);
    const checked = clockTime(Date.parse('2026-11-25T14:02:00Z'), TEST_NOW);
    const next = clockTime(Date.parse('2026-11-25T14:07:00Z'), TEST_NOW);
    const section = screen.getByRole('region', { name: 'Accounts' });
    expect(section.textContent).toContain(`Checked ${checked}`);
    expect(section.textContent).toContain('(3 min ago)');
    expect(section.textContent).toContain(`Next check ${next}`);
    expect(section.textContent).toContain('(in 2 min)');

    await fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(bridge.calls).toContainEqual(['refresh']);
  });

  test('while a check runs it says so', () => {
    mountList(SIX, { status: { polling: true } });
    expect(screen.getByText('Checking Lobstr now…')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Refreshing…' }).getAttribute('aria-disabled')).toBe('true');
  });

  test('a refresh that fails says why', async () => {
    const bridge = fakeBridge(snapshotOf(SIX), {
      refresh: async () => ({ ok: false, error: { kind: 'network', message: 'Lobstr cannot be reached.' } }),
    });
    mountList(SIX, { bridge });
    await fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await vi.waitFor(() => expect(screen.getByText('· Refresh failed: Lobstr cannot be reached.')).toBeTruthy());
  });

  test('a check due within the minute is "in less than a minute", one overdue "any moment"', () => {
    mountList(SIX, { status: { nextPollAt: '2026-11-25T14:05:30Z' } });
    expect(screen.getByRole('region', { name: 'Accounts' }).textContent).toContain('(in less than a minute)');
    cleanup();
    mountList(SIX, { status: { nextPollAt: '2026-11-25T14:04:00Z' } });
    expect(screen.getByRole('region', { name: 'Accounts' }).textContent).toContain('Next check any moment');
  });

  test('a failed last check shows a banner with the problem and since when, the list stays, and Retry now checks again', async () => {
    const problem = {
      kind: 'server' as const,
      message: 'Lobstr answered 500 Internal Server Error; trying again in 2 min.',
      since: '2026-11-25T13:45:00Z',
      failures: 3,
    };
    const { bridge } = mountList(SIX, { status: { problem } });
    const banner = screen.getByRole('alert');
    expect(within(banner).getByRole('heading').textContent).toBe('Lobstr is having trouble');
    // The client's message, the start and the count are the details (ProblemBanner.test.ts).
    const details = banner.querySelector('details')!;
    expect(details.textContent).toContain(problem.message);
    expect(details.textContent).toContain(`3 failed checks in a row since ${clockTime(Date.parse(problem.since), TEST_NOW)}`);
    expect(usernames()).toHaveLength(6);

    await fireEvent.click(within(banner).getByRole('button', { name: 'Retry now' }));
    expect(bridge.calls).toContainEqual(['refresh']);
  });

  test('the banner goes once a snapshot without a problem arrives', async () => {
    const problem = { kind: 'network' as const, message: 'Lobstr cannot be reached.', since: '2026-11-25T14:00:00Z', failures: 1 };
    const { bridge } = mountList(SIX, { status: { problem } });
    expect(screen.getByRole('alert').textContent).toContain('Lobstr cannot be reached');
    bridge.pushSnapshot(snapshotOf(SIX));
    await vi.waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  test('a rejected key offers the settings, where the key is changed', async () => {
    const problem = { kind: 'auth' as const, message: 'Lobstr rejected the API key (401).', since: '2026-11-25T14:00:00Z', failures: 1 };
    const { app } = mountList(SIX, { status: { problem } });
    await fireEvent.click(within(screen.getByRole('alert')).getByRole('button', { name: 'Open settings' }));
    expect(app.route).toEqual({ name: 'settings' });
  });

  test('the demo says so', () => {
    mountList(SIX, { demo: true });
    expect(screen.getByText('Demo data')).toBeTruthy();
  });

  test('Settings opens the settings', async () => {
    const { app } = mountList(SIX);
    await fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(app.route).toEqual({ name: 'settings' });
  });
});

describe('empty states', () => {
  test('no accounts at all says where to add them', () => {
    mountList([]);
    expect(screen.getByText('No accounts are connected to Lobstr yet')).toBeTruthy();
    expect(screen.getByText(/Accounts page of your Lobstr dashboard/)).toBeTruthy();
    expect(screen.queryByRole('grid')).toBeNull();
    expect(screen.getByRole('button', { name: 'Refresh' })).toBeTruthy();
  });

  test('no match for the search says so and clears the filters on request', async () => {
    mountList(SIX);
    await fireEvent.click(screen.getByRole('button', { name: '1 locked' }));
    await fireEvent.input(searchBox(), { target: { value: 'nobody' } });
    expect(screen.getByText('No account matches “nobody”')).toBeTruthy();
    expect(screen.getByText('Showing only accounts that are: locked.')).toBeTruthy();
    expect(screen.queryByRole('grid')).toBeNull();

    await fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(usernames()).toHaveLength(6);
    expect((searchBox() as HTMLInputElement).value).toBe('');
  });
});

describe('opening an account', () => {
  test('a click on a row opens its details', async () => {
    const { app } = mountList(SIX);
    await fireEvent.click(within(screen.getByRole('row', { name: /^carl/ })).getByText('carl'));
    expect(app.route).toEqual({ name: 'details', accountId: CARL.id });
  });
});

describe('a snapshot pushed by the app', () => {
  test('moves an account that just expired to the top, with its mark, and updates the counts', async () => {
    const { bridge } = mountList(SIX);
    expect(usernames()).toEqual(['maya', 'zed', 'bob', 'carl', 'alice', 'dora']);
    const expired = { ...ALICE, status_code_info: 'cookies_expired' };
    bridge.pushSnapshot(snapshotOf([DORA, expired, CARL, BOB, ZED, MAYA]));
    await vi.waitFor(() => expect(usernames()).toEqual(['alice', 'maya', 'zed', 'bob', 'carl', 'dora']));
    const alice = screen.getByRole('row', { name: 'alice · X (Twitter) · needs re-sync: cookies expired' });
    expect(alice.querySelector('.health .mark')?.getAttribute('data-health')).toBe('needs_resync');
    expect(screen.getByRole('button', { name: '3 need re-sync' })).toBeTruthy();
  });
});
