/**
 * Replacing a file so that a crash or a failed write at any moment leaves either the old file or the
 * new one, never a mix: the text goes to a temporary file in the same folder (a rename is atomic only
 * within one file system), is flushed to the disk (fsync: a rename can otherwise reach the disk before
 * the data, and a power cut then leaves an empty file), and the temporary file is renamed over the old.
 *
 * The text comes in pieces and is written in batches, giving the event loop a turn between slices, so
 * a 30 MB state never holds the main process for more than a few milliseconds at a time.
 */
import { readdirSync, rmSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Slicer } from '../yielding.js';

/** The file operations used (node:fs/promises by default; tests make one fail). */
export interface StateFileSystem {
  mkdir(path: string): Promise<unknown>;
  /** `w`: create or truncate; `wx`: create only; `r`: a folder, opened to flush it. */
  open(path: string, flags: 'w' | 'wx' | 'r', mode?: number): Promise<StateFileHandle>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { force: boolean }): Promise<void>;
}

export interface StateFileHandle {
  write(buffer: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export const nodeFileSystem: StateFileSystem = {
  mkdir: (path) => mkdir(path),
  open: (path, flags, mode) => open(path, flags, mode),
  rename,
  rm,
};

export interface AtomicWriteOptions {
  /** From temporaryPathFor(path). */
  temporary: string;
  fs: StateFileSystem;
  /** Gives the event loop its turns while the text is made and written. */
  slicer: Pick<Slicer, 'maybeYield'>;
  /** Owner read and write only (the state names the user's accounts). */
  mode: number;
}

/** Text is written to the disk in batches of about this many characters. */
const BATCH_CHARS = 256 * 1024;
let temporaryCount = 0;

/**
 * A temporary file's name beside `path`, for one writer (a store: its saves never overlap), never
 * another's in this process. Stable across the writer's saves, so the same failure reads the same.
 */
export function temporaryPathFor(path: string): string {
  temporaryCount += 1;
  return `${path}.${process.pid}-${temporaryCount}.tmp`;
}

/**
 * Removes what a writer of `path` that crashed mid-save left (its temporary file, as big as the state),
 * never the temporary file of a process still running. Best effort, synchronous (run at load).
 */
export function removeLeftoverTemporaries(path: string): void {
  const prefix = `${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const owner = /^(\d+)-\d+\.tmp$/.exec(name.slice(prefix.length));
    if (!owner || isRunning(Number(owner[1]))) continue;
    try {
      rmSync(join(dirname(path), name), { force: true });
    } catch {
      // Left for the next start.
    }
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, run by someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Writes `pieces` as the new content of `path`; on failure the old content stays and the temporary file is removed. */
export async function replaceFileAtomically(path: string, pieces: Iterable<string>, options: AtomicWriteOptions): Promise<void> {
  const { fs, slicer } = options;
  await makeFolder(dirname(path), fs);
  const { temporary } = options;
  const handle = await fs.open(temporary, 'w', options.mode);
  let open = true;
  try {
    let batch = '';
    for (const piece of pieces) {
      batch += piece;
      if (batch.length >= BATCH_CHARS) {
        await writeAll(handle, batch);
        batch = '';
      }
      const turn = slicer.maybeYield();
      if (turn) await turn;
    }
    await writeAll(handle, batch);
    await handle.sync();
    open = false;
    await handle.close();
    await fs.rename(temporary, path);
  } catch (e) {
    if (open) await handle.close().catch(() => undefined);
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    throw e;
  }
  await flushFolder(dirname(path), fs);
}

async function writeAll(handle: StateFileHandle, text: string): Promise<void> {
  if (text === '') return;
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  // A write may take fewer bytes than given; the rest follows.
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    if (!(bytesWritten > 0)) throw new Error('the disk took none of the data');
    offset += bytesWritten;
  }
}

/**
 * Makes the rename itself durable (POSIX: the folder's entry is data too). Best effort: Windows cannot
 * open a folder this way, and the new file is in place whatever happens here.
 */
async function flushFolder(folder: string, fs: StateFileSystem): Promise<void> {
  let handle: StateFileHandle;
  try {
    handle = await fs.open(folder, 'r');
  } catch {
    return;
  }
  await handle.sync().catch(() => undefined);
  await handle.close().catch(() => undefined);
}

/**
 * `mkdir -p`, one level at a time. Node's own `mkdir(…, { recursive: true })` never returns for a
 * folder under /proc (the kernel answers ENOENT for a parent that exists, and Node retries forever,
 * at full CPU): this gives up with that error instead.
 */
export async function makeFolder(folder: string, fs: StateFileSystem): Promise<void> {
  try {
    await fs.mkdir(folder);
    return;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    if (code !== 'ENOENT') throw e;
  }
  const parent = dirname(folder);
  if (parent === folder) throw new Error(`${folder} does not exist`);
  await makeFolder(parent, fs);
  try {
    await fs.mkdir(folder);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}
