/**
 * Merging a poll's few changed accounts into a long sorted list: each finds its place by binary
 * search, so the comparisons (collator calls, for names) grow with log N, not with N.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { mergeSorted } from '../../main/core/views/sortedMerge.js';

const byValue = (a: number, b: number) => a - b;

describe('mergeSorted', () => {
  test('3 items into 10,000 take about 3·log2(10,000) comparisons, not 10,000', () => {
    const sorted = Array.from({ length: 10_000 }, (_, i) => i * 2);
    let comparisons = 0;
    const counting = (a: number, b: number) => {
      comparisons += 1;
      return a - b;
    };
    const merged = mergeSorted(sorted, [19_999, 1, 5_001], counting);
    expect(merged).toHaveLength(10_003);
    expect(merged.slice(0, 3)).toEqual([0, 1, 2]);
    expect(merged.at(-1)).toBe(19_999);
    // Sorting the 3 incoming, then one binary search each over at most 10,000.
    expect(comparisons).toBeLessThanOrEqual(3 + 3 * 15);
  });

  test('equals sorting everything, and an item equal to one already there goes after it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 })), fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 8 }), (base, incoming) => {
        const sorted = [...base].sort(byValue).map((value) => ({ value, from: 'sorted' }));
        const items = incoming.map((value) => ({ value, from: 'incoming' }));
        const merged = mergeSorted(sorted, items, (a, b) => a.value - b.value);
        const expected = [...sorted, ...[...items].sort((a, b) => a.value - b.value)].sort((a, b) => a.value - b.value);
        expect(merged).toEqual(expected);
      }),
    );
  });
});
