/**
 * The app's state file as another process sees it while the app runs: its stat polled every 2 ms,
 * and after each change the file read whole. A write is atomic when every change comes with a new
 * inode (a temporary file renamed over the old one) and no read ever finds the file missing, empty
 * or cut off mid-JSON (as a reader would after the app truncated it in place, or crashed mid-write).
 */
import { readFileSync, statSync } from 'node:fs';

export interface StateFileFigures {
  /** Times the file was seen to change (inode, size or mtime). */
  writes: number;
  /** Of them, with a new inode (a rename over the old file). */
  newInodes: number;
  /** Times the file was found missing, empty or cut off. */
  incomplete: number;
  /** Its size when the watch stopped. */
  sizeBytes: number;
}

export interface StateFileWatch {
  /** Milliseconds since the file last changed (or since the watch started). */
  quietFor(): number;
  /** What was seen so far. */
  figures(): StateFileFigures;
  stop(): StateFileFigures;
}

type FileStat = { ino: bigint; size: bigint; mtimeNs: bigint } | null;

function statOf(file: string): FileStat {
  try {
    const s = statSync(file, { bigint: true });
    return { ino: s.ino, size: s.size, mtimeNs: s.mtimeNs };
  } catch {
    return null;
  }
}

const sameStat = (a: FileStat, b: FileStat): boolean =>
  a === b || (a !== null && b !== null && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs);

/** Whether the file as read now is whole JSON text: there, not empty, not cut off. */
function looksComplete(file: string): boolean {
  try {
    const text = readFileSync(file, 'utf8').trim();
    return text.startsWith('{') && text.endsWith('}');
  } catch {
    return false;
  }
}

export function watchStateFile(file: string, intervalMs = 2): StateFileWatch {
  let last = statOf(file);
  let lastChangeAt = performance.now();
  const seen = { writes: 0, newInodes: 0, incomplete: 0 };
  const timer = setInterval(() => {
    const now = statOf(file);
    if (sameStat(now, last)) return;
    lastChangeAt = performance.now();
    seen.writes++;
    if (now && last && now.ino !== last.ino) seen.newInodes++;
    if (!now || !looksComplete(file)) seen.incomplete++;
    last = now;
  }, intervalMs);
  const figures = (): StateFileFigures => ({ ...seen, sizeBytes: Number(statOf(file)?.size ?? 0) });
  return {
    quietFor: () => performance.now() - lastChangeAt,
    figures,
    stop() {
      clearInterval(timer);
      return figures();
    },
  };
}
