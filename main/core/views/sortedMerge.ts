/**
 * A few items merged into a long sorted array, and the same edit replayed on an array parallel to
 * it. Each item finds its place by binary search, so k items into N cost about k·log2 N
 * comparisons and one copy of the array, where a merge walk compares up to N times (at 100,000
 * accounts sorted by name, 100,000 collator calls per poll). Pure: the window's held snapshot
 * (heldSnapshot.ts) and its list (renderer/src/lib/accountList.ts) use it.
 */

/** An array's change into the next: the positions dropped from it, and what is inserted where in the next. */
export interface ArrayEdit<T> {
  /** Ascending positions in the previous array. */
  removedAt: readonly number[];
  /** Ascending positions in the next array, one per inserted item. */
  insertedAt: readonly number[];
  inserted: readonly T[];
}

/**
 * Where each of `items` (in order) goes when merged into `sorted`: its position in the result.
 * An item equal to one already there goes after it.
 */
export function mergePositions<T>(sorted: readonly T[], items: readonly T[], compare: (a: T, b: T) => number): number[] {
  const positions = new Array<number>(items.length);
  let low = 0;
  for (let j = 0; j < items.length; j++) {
    // The items are in order, so each search starts where the last one ended.
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(sorted[middle]!, items[j]!) <= 0) low = middle + 1;
      else high = middle;
    }
    positions[j] = low + j;
  }
  return positions;
}

/** `previous` after `edit`: one copy, no comparison. */
export function applyEdit<T, U extends T = T>(previous: readonly T[], edit: ArrayEdit<U>): T[] {
  const { removedAt, insertedAt, inserted } = edit;
  const next = new Array<T>(previous.length - removedAt.length + inserted.length);
  let from = 0;
  let removed = 0;
  let added = 0;
  for (let to = 0; to < next.length; to++) {
    if (added < insertedAt.length && insertedAt[added] === to) {
      next[to] = inserted[added++]!;
      continue;
    }
    while (removed < removedAt.length && removedAt[removed] === from) {
      from++;
      removed++;
    }
    next[to] = previous[from++]!;
  }
  return next;
}

/**
 * The position of `item` in `sorted` (ordered by `compare`, a total order), by binary search; by a
 * scan when it is not where the order says (-1 when absent).
 */
export function positionOf<T>(sorted: readonly T[], item: T, compare: (a: T, b: T) => number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(sorted[middle]!, item) < 0) low = middle + 1;
    else high = middle;
  }
  return sorted[low] === item ? low : sorted.indexOf(item);
}

/**
 * The edit that takes `items` out of `sorted` and merges `incoming` in, keeping the order: found
 * by binary search, so it costs a few comparisons per item, whatever the length of `sorted`.
 */
export function sortedEdit<T>(sorted: readonly T[], leaving: readonly T[], incoming: readonly T[], compare: (a: T, b: T) => number): ArrayEdit<T> {
  const removedAt = [...new Set(leaving.map((item) => positionOf(sorted, item, compare)).filter((at) => at >= 0))].sort((a, b) => a - b);
  const kept = removedAt.length === 0 ? sorted : applyEdit(sorted, { removedAt, insertedAt: [], inserted: [] });
  const inserted = [...incoming].sort(compare);
  return { removedAt, insertedAt: mergePositions(kept, inserted, compare), inserted };
}

/** `incoming` merged into `sorted`, keeping the order. */
export function mergeSorted<T>(sorted: readonly T[], incoming: readonly T[], compare: (a: T, b: T) => number): T[] {
  return applyEdit(sorted, sortedEdit(sorted, [], incoming, compare));
}
