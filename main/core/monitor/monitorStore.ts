/**
 * What the monitor keeps across restarts, and where: the port it owns (MonitorStore), a JSON-file
 * store (plain Node: the headless watch's `--state`, and usable by the app as is) and a memory store
 * (tests, and the watch without `--state`).
 *
 * Kept: the last good snapshot (so a restart shows the last state at once), the connection problem,
 * and the alert ledger (per account the last known health and what was already notified; whether the
 * key rejection was already said). A file that cannot be read is never a crash: the monitor starts
 * fresh (only the history is lost) and the load says so in a warning. The file's form is in
 * monitorStateFormat.ts, the atomic replacement in atomicFile.ts.
 */
import { readFileSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AccountsSnapshot, ConnectionProblem } from '../appModel.js';
import type { AlertLedger } from './alertPlanner.js';
import {
  makeFolder,
  nodeFileSystem,
  removeLeftoverTemporaries,
  replaceFileAtomically,
  temporaryPathFor,
  type StateFileSystem,
} from './atomicFile.js';
import { createSlicer, type Slicer } from '../yielding.js';
import { monitorStateText, parseMonitorState, serialiseMonitorState, unusable } from './monitorStateFormat.js';

export { MONITOR_STATE_VERSION, parseMonitorState, serialiseMonitorState } from './monitorStateFormat.js';
export type { StateFileSystem } from './atomicFile.js';

export interface PersistedMonitorState {
  snapshot: AccountsSnapshot | null;
  problem: ConnectionProblem | null;
  ledger: AlertLedger;
}

export interface StoreLoad {
  /** null: nothing saved yet, or nothing usable. */
  state: PersistedMonitorState | null;
  /** Set when something was saved but could not be used: a sentence for the user or the log. */
  warning: string | null;
}

/**
 * The persistence port. `load` is synchronous so a starting app can show the last state before its
 * first poll; `save` may be asynchronous (the monitor waits for it before the next poll).
 */
export interface MonitorStore {
  load(): StoreLoad;
  save(state: PersistedMonitorState): void | Promise<void>;
}

// ---------------------------------------------------------------- stores

/** Keeps the state in memory, through the same text form as the file (so tests see the real round trip). */
export class MemoryMonitorStore implements MonitorStore {
  /** The saved text; tests may set it to anything to see how a damaged store is met. */
  text: string | null;
  saves = 0;

  constructor(text: string | null = null) {
    this.text = text;
  }

  load(): StoreLoad {
    if (this.text === null) return { state: null, warning: null };
    return parseMonitorState(this.text);
  }

  save(state: PersistedMonitorState): void {
    this.text = serialiseMonitorState(state);
    this.saves++;
  }
}

/** Options of the file store; the defaults are what the app uses. */
export interface JsonFileStoreOptions {
  /** The file operations (tests make one fail). */
  fs?: StateFileSystem;
  /** When a save gives the event loop a turn (default: every slice of yielding.ts; tests: at every step). */
  slicer?: () => Pick<Slicer, 'maybeYield'>;
}

/**
 * A JSON file, replaced atomically at each save (atomicFile.ts: a crash or a failed write leaves the
 * previous state whole) and built in slices, so saving 100,000 accounts never blocks the event loop
 * for long. Readable by the user only. A file that cannot be used is moved aside (`<file>.unreadable`)
 * so the next save does not destroy what someone may want to look at.
 *
 * Saves are written one after the other in the order asked, even when asked at once: a later save
 * never lands before an earlier one. The state given to `save` is read while it is written: the
 * monitor replaces its snapshot and ledger, never changes them in place.
 */
export class JsonFileMonitorStore implements MonitorStore {
  private writing: Promise<void> = Promise.resolve();
  private readonly fs: StateFileSystem;
  private readonly slicer: () => Pick<Slicer, 'maybeYield'>;
  private readonly temporary: string;

  constructor(
    readonly path: string,
    options: JsonFileStoreOptions = {},
  ) {
    this.fs = options.fs ?? nodeFileSystem;
    this.slicer = options.slicer ?? (() => createSlicer());
    this.temporary = temporaryPathFor(path);
  }

  load(): StoreLoad {
    removeLeftoverTemporaries(this.path);
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (e) {
      const error = e as NodeJS.ErrnoException;
      if (error.code === 'ENOENT') return { state: null, warning: null };
      return unusable(`the monitor state file ${this.path}`, `it could not be read (${error.code ?? error.message})`);
    }
    const loaded = parseMonitorState(text, `the monitor state file ${this.path}`);
    if (loaded.state === null) {
      try {
        renameSync(this.path, `${this.path}.unreadable`);
        loaded.warning = `${loaded.warning} The file was moved to ${this.path}.unreadable.`;
      } catch {
        // Leaving it in place is fine: the next save replaces it.
      }
    }
    return loaded;
  }

  /**
   * Proves, before anything is watched, that the file can be written where it is: its folder is made
   * and a temporary file written and removed. Rejects with a sentence naming what failed.
   */
  async checkWritable(): Promise<void> {
    const folder = dirname(this.path);
    try {
      await makeFolder(folder, this.fs);
    } catch (e) {
      throw new Error(`its folder ${folder} cannot be created (${errorCode(e)})`);
    }
    const probe = this.temporary;
    try {
      await (await this.fs.open(probe, 'wx', 0o600)).close();
    } catch (e) {
      throw new Error(`nothing can be written in ${folder} (${errorCode(e)})`);
    }
    await this.fs.rm(probe, { force: true });
  }

  save(state: PersistedMonitorState): Promise<void> {
    const savedAt = Date.now();
    const next = this.writing.then(() =>
      replaceFileAtomically(this.path, monitorStateText(state, savedAt), {
        temporary: this.temporary,
        fs: this.fs,
        slicer: this.slicer(),
        mode: 0o600,
      }),
    );
    this.writing = next.catch(() => undefined);
    return next;
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? (error as Error)?.message ?? String(error);
}
