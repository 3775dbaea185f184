/**
 * Searching as you type: a keystroke that narrows the query looks only at what the previous one
 * showed, erasing back returns what that query showed before, and every answer is the one a
 * search of the whole list gives.
 */
import { describe, expect, test } from 'vitest';
import { filterAccounts, listAccounts, type AccountFilter } from '../../renderer/src/lib/accountFilter';
import { AccountSearch } from '../../renderer/src/lib/accountSearch';
import { snapshotOf } from './fakeBridge';
import { manyAccounts } from './ListViewFixtures';

const LIST = listAccounts(snapshotOf(manyAccounts(1_000)).accounts);
const query = (text: string, healths: AccountFilter['healths'] = []): AccountFilter => ({ query: text, healths });

describe('AccountSearch', () => {
  test('typing narrows: each keystroke after the first looks only at what the one before showed', () => {
    const search = new AccountSearch();
    expect(search.filter(LIST, query('user001'))).toHaveLength(100);
    expect(search.examined).toBe(1_000);
    expect(search.filter(LIST, query('user0012'))).toHaveLength(10);
    expect(search.examined).toBe(1_100);
    expect(search.filter(LIST, query('user0012 9'))).toEqual(filterAccounts(LIST, query('user0012 9')));
    expect(search.examined).toBe(1_110);
  });

  test('erasing back to an earlier query returns its answer without looking again', () => {
    const search = new AccountSearch();
    for (const text of ['u', 'us', 'use', 'user0', 'user00', 'user001']) search.filter(LIST, query(text));
    const examined = search.examined;
    for (const text of ['user00', 'user0', 'use', 'us', 'u']) expect(search.filter(LIST, query(text))).toEqual(filterAccounts(LIST, query(text)));
    expect(search.filter(LIST, query(''))).toBe(LIST);
    expect(search.examined).toBe(examined);
  });

  test('a query that is not narrower, or another list, looks at the whole list; a health filter added narrows', () => {
    const search = new AccountSearch();
    search.filter(LIST, query('user001'));
    expect(search.filter(LIST, query('user002'))).toEqual(filterAccounts(LIST, query('user002')));
    expect(search.filter(LIST, query('user002', ['needs_resync']))).toEqual([]);
    const other = listAccounts(snapshotOf(manyAccounts(30)).accounts);
    expect(search.filter(other, query('user0020'))).toEqual(filterAccounts(other, query('user0020')));
    // The health filter narrowed what 'user002' showed (100 accounts); the other list was searched whole.
    expect(search.examined).toBe(1_000 + 1_000 + 100 + 30);
  });
});
