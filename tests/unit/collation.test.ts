import { afterEach, describe, expect, it, vi } from 'vitest';
import { countCollators } from '../helpers/countedCollators.js';

let counted: ReturnType<typeof countCollators> | null = null;
afterEach(() => {
  counted?.restore();
  counted = null;
});

describe('collators built at their first comparison', () => {
  it('no Intl.Collator is built when the health order loads (the window imports it before its first row)', async () => {
    vi.resetModules();
    counted = countCollators();
    await import('../../main/core/health/accountHealth.js');
    expect(counted.count).toBe(0);
  });

  it('one is built at the first comparison and reused for every later one', async () => {
    vi.resetModules();
    const { collatorOnFirstUse } = await import('../../main/core/health/collation.js');
    counted = countCollators();
    const names = collatorOnFirstUse({ sensitivity: 'base' });
    expect(counted.count).toBe(0);
    const sorted = ['Zoe', 'émile', 'adam', 'Bob'].sort(names.compare);
    ['b', 'a', 'c'].sort(names.compare);
    expect(sorted).toEqual(['adam', 'Bob', 'émile', 'Zoe']);
    expect(counted.count).toBe(1);
  });

  it('warmCollators builds each declared collator once, ahead of its first sort', async () => {
    vi.resetModules();
    const { collatorOnFirstUse, warmCollators } = await import('../../main/core/health/collation.js');
    counted = countCollators();
    const names = collatorOnFirstUse({ sensitivity: 'base' });
    const numbers = collatorOnFirstUse({ numeric: true });
    warmCollators();
    expect(counted.count).toBe(2);
    expect(['item 10', 'item 9'].sort(numbers.compare)).toEqual(['item 9', 'item 10']);
    expect(names.compare('a', 'A')).toBe(0);
    warmCollators();
    expect(counted.count).toBe(2);
  });
});
