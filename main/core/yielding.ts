/**
 * Long loops on the main process give the event loop a turn every few milliseconds, so the tray menu
 * and the window's IPC never wait behind 100,000 accounts. A slicer measures the time since the last
 * turn and yields (setImmediate: after pending I/O, timers and IPC) once a slice is spent.
 */
/** A slice's length: well under a frame, and far under the 50 ms stall budget. */
export const SLICE_MS = 8;

export interface Slicer {
  /** Yields when the current slice is spent; cheap to call in every iteration. */
  maybeYield(): Promise<void> | null;
  /** Yields now (between steps that each fit in a slice). */
  yieldNow(): Promise<void>;
}

// setImmediate in Node (after pending I/O); a 0 ms timer where there is none. No Node import: the
// window's type check loads this module through the monitor's types.
const immediate: (callback: () => void) => unknown =
  (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate ?? ((callback) => setTimeout(callback, 0));
const turn = (): Promise<void> => new Promise((resolve) => void immediate(resolve));

/**
 * `sliceMs` 0 or less never yields (tests that want a synchronous run). `maybeYield` returns null
 * while the slice lasts, so a loop pays for an `await` only when it yields.
 */
export function createSlicer(sliceMs: number = SLICE_MS, now: () => number = () => globalThis.performance.now()): Slicer {
  let sliceStart = now();
  let calls = 0;
  const yieldNow = async (): Promise<void> => {
    if (sliceMs <= 0) return;
    await turn();
    sliceStart = now();
  };
  return {
    maybeYield() {
      // Reading the clock costs more than a comparison: look every 64 calls.
      if (sliceMs <= 0 || (++calls & 63) !== 0) return null;
      return now() - sliceStart >= sliceMs ? yieldNow() : null;
    },
    yieldNow,
  };
}

/** `items.map(fn)`, in slices. */
export async function mapInSlices<T, U>(items: readonly T[], fn: (item: T, index: number) => U, slicer: Slicer): Promise<U[]> {
  const out = new Array<U>(items.length);
  for (let i = 0; i < items.length; i++) {
    out[i] = fn(items[i]!, i);
    const pause = slicer.maybeYield();
    if (pause) await pause;
  }
  return out;
}

/**
 * A stable sort in slices: runs of RUN items sorted by the engine, then merged pairwise, yielding
 * between runs and inside merges once a slice is spent. Same order as `Array.prototype.sort` with
 * `compare`, without one long task for 100,000 items.
 */
export async function sortInSlices<T>(items: readonly T[], compare: (a: T, b: T) => number, slicer: Slicer): Promise<T[]> {
  const RUN = 1024;
  let source = items.slice();
  for (let start = 0; start < source.length; start += RUN) {
    const run = source.slice(start, start + RUN).sort(compare);
    for (let i = 0; i < run.length; i++) source[start + i] = run[i]!;
    await (slicer.maybeYield() ?? Promise.resolve());
  }
  let target = new Array<T>(source.length);
  for (let width = RUN; width < source.length; width *= 2) {
    for (let left = 0; left < source.length; left += 2 * width) {
      const middle = Math.min(left + width, source.length);
      const right = Math.min(left + 2 * width, source.length);
      let i = left;
      let j = middle;
      let k = left;
      while (i < middle && j < right) {
        // `<= 0` keeps equal items in their order: stable, like the engine's sort.
        target[k++] = compare(source[i]!, source[j]!) <= 0 ? source[i++]! : source[j++]!;
        const pause = slicer.maybeYield();
        if (pause) await pause;
      }
      while (i < middle) target[k++] = source[i++]!;
      while (j < right) target[k++] = source[j++]!;
    }
    [source, target] = [target, source];
  }
  return source;
}
