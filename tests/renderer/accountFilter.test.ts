/**
 * The list's search, filters and sorting as pure functions: what matches, in what order, and
 * that reversing a column keeps the snapshot's order among equals.
 */
import { describe, expect, test, vi } from 'vitest';
import { countCollators } from '../helpers/countedCollators';
import {
  DEFAULT_SORT,
  filterAccounts,
  isFiltering,
  listAccounts,
  nextSort,
  searchTerms,
  sortAccounts,
} from '../../renderer/src/lib/accountFilter';
import { snapshotOf } from './fakeBridge';
import { manyAccounts, SIX } from './ListViewFixtures';

const listed = () => listAccounts(snapshotOf(SIX).accounts);
const names = (list: readonly { username: string }[]) => list.map((item) => item.username);

describe('listAccounts', () => {
  test('keeps the snapshot order and precomputes the platform label and a lowercase search key', () => {
    const list = listed();
    expect(names(list)).toEqual(['maya', 'zed', 'bob', 'carl', 'alice', 'dora']);
    expect(list[2]!.platform).toBe('Sales Navigator');
    expect(list[2]!.searchKey).toContain('sales navigator');
    expect(list[2]!.searchKey).toContain('sales-nav-sync');
    expect(list[5]!.syncMs).toBe(Number.NEGATIVE_INFINITY);
  });

  test('an unknown platform type is labelled from its slug', () => {
    const snapshot = snapshotOf([{ ...SIX[0]!, type: 'instagram-sync' }]);
    expect(listAccounts(snapshot.accounts)[0]!.platform).toBe('instagram');
  });
});

describe('searchTerms and filterAccounts', () => {
  test('a query is its lowercase words, without a leading @', () => {
    expect(searchTerms('  @Maya   X ')).toEqual(['maya', 'x']);
    expect(searchTerms('   ')).toEqual([]);
  });

  test('every word must match; words may hit different fields', () => {
    expect(names(filterAccounts(listed(), { query: 'linkedin carl', healths: [] }))).toEqual(['carl']);
    expect(names(filterAccounts(listed(), { query: 'twitter zed', healths: [] }))).toEqual([]);
  });

  test('a query never matches across two fields', () => {
    // "maya" then "twitter-sync": "yatw" would straddle the two.
    expect(filterAccounts(listed(), { query: 'yatw', healths: [] })).toEqual([]);
  });

  test('health filters keep only the chosen healths; nothing chosen keeps all, as the same list', () => {
    const list = listed();
    expect(names(filterAccounts(list, { query: '', healths: ['locked', 'attention'] }))).toEqual(['bob', 'carl']);
    expect(filterAccounts(list, { query: ' ', healths: [] })).toBe(list);
    expect(isFiltering({ query: ' ', healths: [] })).toBe(false);
    expect(isFiltering({ query: 'x', healths: [] })).toBe(true);
    expect(isFiltering({ query: '', healths: ['ok'] })).toBe(true);
  });

  test('finds one account among 10,000 by part of its id', () => {
    const list = listAccounts(snapshotOf(manyAccounts(10_000)).accounts);
    const found = filterAccounts(list, { query: (4242).toString(16).padStart(32, '0').slice(-6), healths: [] });
    expect(names(found)).toContain('user04242');
  });
});

describe('sortAccounts and nextSort', () => {
  test('the default order is the snapshot order', () => {
    expect(names(sortAccounts(listed(), DEFAULT_SORT))).toEqual(names(listed()));
  });

  test('ties keep the snapshot order in both directions', () => {
    // LinkedIn: zed (needs re-sync) before carl (locked), whichever way the platforms go.
    const up = names(sortAccounts(listed(), { column: 'platform', direction: 'ascending' }));
    const down = names(sortAccounts(listed(), { column: 'platform', direction: 'descending' }));
    expect(up).toEqual(['dora', 'zed', 'carl', 'bob', 'maya', 'alice']);
    expect(down).toEqual(['maya', 'alice', 'bob', 'zed', 'carl', 'dora']);
  });

  test('usernames sort as people read them: case-blind, numbers by value', () => {
    const snapshot = snapshotOf([
      { ...SIX[0]!, id: '1', username: 'user10' },
      { ...SIX[0]!, id: '2', username: 'User9' },
      { ...SIX[0]!, id: '3', username: 'anna' },
    ]);
    const sorted = sortAccounts(listAccounts(snapshot.accounts), { column: 'username', direction: 'ascending' });
    expect(names(sorted)).toEqual(['anna', 'User9', 'user10']);
  });

  test('a click on the sorted column flips it, on another starts ascending', () => {
    expect(nextSort(DEFAULT_SORT, 'health')).toEqual({ column: 'health', direction: 'descending' });
    expect(nextSort({ column: 'health', direction: 'descending' }, 'health')).toEqual(DEFAULT_SORT);
    expect(nextSort({ column: 'health', direction: 'descending' }, 'squids')).toEqual({ column: 'squids', direction: 'ascending' });
  });
});

describe('the collators of the column sorts', () => {
  test('none is built when the list loads its filters (before the first row), one at the first sort by name', async () => {
    vi.resetModules();
    const counted = countCollators();
    try {
      const filters = await import('../../renderer/src/lib/accountFilter');
      expect(counted.count).toBe(0);
      const list = filters.listAccounts(snapshotOf(SIX).accounts);
      filters.sortAccounts(list, { column: 'username', direction: 'ascending' });
      filters.sortAccounts(list, { column: 'platform', direction: 'descending' });
      expect(counted.count).toBe(1);
    } finally {
      counted.restore();
    }
  });
});
