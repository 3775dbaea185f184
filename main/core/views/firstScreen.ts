/**
 * The window's first screen: how many of the snapshot's first accounts it asks for (snapshot:head)
 * before the whole snapshot. Here, beside the views, so that the window, the IPC handlers that
 * bound the request and the window benchmark that prepares the answer use the same numbers.
 */

/** The most rows snapshot:head gives: more than any screen shows, few enough to cost nothing to send. */
export const MAX_HEAD_ROWS = 500;

/** The smallest height of a list row, in px (a group's heading): the first screen's rows are counted with it. */
const SMALLEST_ROW_PX = 20;
/** Rows beyond the window's height: the list's overscan, and a margin. */
const MORE_ROWS = 8;

/** Every row a window `heightPx` tall can show, and a few more; as for 640 px when the height is unknown (0). */
export function firstScreenRows(heightPx: number): number {
  const px = heightPx > 0 ? heightPx : 640;
  return Math.min(MAX_HEAD_ROWS, Math.ceil(px / SMALLEST_ROW_PX) + MORE_ROWS);
}
