/**
 * When the window, having shown its first screen's rows, asks for the whole snapshot: once those
 * rows are out, so that reading 100,000 accounts does not hold back the frame that shows them.
 */

/**
 * Runs `next` once the page has shown what it has now: at the next frame's start, when the frame
 * with it is out (a task posted from this frame could run before that frame is done with); after
 * `latestMs` in any case, as a hidden page may draw no frame.
 */
export function afterNextPaint(next: () => void, latestMs = 250): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    next();
  };
  const fallback = setTimeout(once, latestMs);
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => requestAnimationFrame(once));
}
