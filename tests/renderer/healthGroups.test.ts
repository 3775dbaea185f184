import { describe, expect, test } from 'vitest';
import { groupRows } from '../../renderer/src/lib/healthGroups';
import type { Health } from '../../main/core/health/accountHealth';
import type { ListedAccount } from '../../renderer/src/lib/accountFilter';

const byHealth = { column: 'health', direction: 'ascending' } as const;
const listed = (healths: Health[]) => healths.map((health, i) => ({ id: `a${i}`, health }) as ListedAccount);

describe('the list grouped by health', () => {
  test('a heading before each health, with the accounts of that health after it', () => {
    const accounts = listed(['needs_resync', 'needs_resync', 'locked', 'ok', 'ok', 'ok']);
    const rows = groupRows(accounts, byHealth);
    expect(rows.rowCount).toBe(9);
    const shown = Array.from({ length: rows.rowCount }, (_, r) => {
      const row = rows.rowAt(r)!;
      return row.kind === 'group' ? `# ${row.run.health} ${row.run.count}` : accounts[row.index]!.id;
    });
    expect(shown).toEqual(['# needs_resync 2', 'a0', 'a1', '# locked 1', 'a2', '# ok 3', 'a3', 'a4', 'a5']);
    expect(rows.rowAt(9)).toBeUndefined();
    expect(rows.headingRows).toEqual([0, 3, 5]);
  });

  test('an account’s row and the account at that row agree, both ways, for 10,000 accounts', () => {
    const healths: Health[] = ['needs_resync', 'attention', 'locked', 'ok'];
    const accounts = listed(Array.from({ length: 10_000 }, (_, i) => healths[Math.min(3, Math.floor(i / 700))]!));
    const rows = groupRows(accounts, byHealth);
    expect(rows.rowCount).toBe(10_004);
    for (let index = 0; index < accounts.length; index += 7) {
      expect(rows.rowAt(rows.rowOf(index))).toEqual({ kind: 'account', index });
    }
    expect(rows.rowOf(-1)).toBe(-1);
    expect(rows.rowOf(10_000)).toBe(-1);
  });

  test('descending health puts OK first, still one heading per health', () => {
    const accounts = listed(['ok', 'ok', 'attention', 'needs_resync']);
    const rows = groupRows(accounts, { column: 'health', direction: 'descending' });
    expect(rows.runs.map((run) => [run.health, run.count])).toEqual([['ok', 2], ['attention', 1], ['needs_resync', 1]]);
  });

  test('sorted by another column, the rows are the accounts alone', () => {
    const accounts = listed(['ok', 'needs_resync', 'ok']);
    const rows = groupRows(accounts, { column: 'username', direction: 'ascending' });
    expect(rows.rowCount).toBe(3);
    expect(rows.rowAt(1)).toEqual({ kind: 'account', index: 1 });
    expect(rows.rowOf(2)).toBe(2);
  });
});
