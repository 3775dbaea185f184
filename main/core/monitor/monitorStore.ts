/**
 * What the monitor keeps across restarts, and where: the port it owns (MonitorStore), the file format,
 * a JSON-file store (plain Node: the headless watch's `--state`, and usable by the app as is) and a
 * memory store (tests, and the watch without `--state`).
 *
 * Kept: the last good snapshot (so a restart shows the last state at once), the connection problem,
 * and the alert ledger (per account the last known health and what was already notified; whether the
 * key rejection was already said). A file that cannot be read is never a crash: the monitor starts
 * fresh (only the history is lost) and the load says so in a warning.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { readFileSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { Account } from '../lobstr/account.js';
import type { AccountsSnapshot, ConnectionProblem } from '../appModel.js';
import type { AlertLedger } from './alertPlanner.js';
import { API_ERROR_KINDS } from '../lobstr/apiErrors.js';

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

export const MONITOR_STATE_VERSION = 1;

// ---------------------------------------------------------------- file format

const HEALTHS = ['ok', 'needs_resync', 'locked', 'attention'] as const;
const isoTime = z.string().refine((s) => Number.isFinite(Date.parse(s)), 'expected an ISO time');

/** An account as this app saved it (already normalised); the icon is an index into `icons`. */
const savedAccount = z.looseObject({
  id: z.string().min(1),
  object: z.string(),
  username: z.string(),
  created_at: z.string().nullable(),
  last_synchronization_time: z.string().nullable(),
  status: z.string(),
  status_code_info: z.string(),
  status_code_description: z.string(),
  type: z.string(),
  params: z.record(z.string(), z.unknown()),
  updated_at: z.string().nullable(),
  account_type_hash: z.string(),
  squids: z.array(z.object({ name: z.string(), hash_value: z.string() })),
  baseurl: z.string(),
  cookies: z.array(z.object({ name: z.string(), required: z.boolean() })),
  icon: z.number().int().nonnegative(),
  primary_color: z.string().nullable(),
  lock_time: z.number().nullable(),
  resets_in: z.number().nullable(),
  extra: z.record(z.string(), z.unknown()),
  problem: z.string().optional(),
});

const savedState = z.object({
  version: z.literal(MONITOR_STATE_VERSION),
  savedAt: isoTime,
  /** Each distinct icon once: every account of a platform carries the same image. */
  icons: z.array(z.string()),
  snapshot: z
    .object({ checkedAt: isoTime, accounts: z.array(savedAccount), warnings: z.array(z.string()) })
    .nullable(),
  problem: z
    .object({ kind: z.enum(API_ERROR_KINDS), message: z.string(), since: isoTime, failures: z.number().int().nonnegative() })
    .nullable(),
  ledger: z.object({
    accounts: z.record(
      z.string(),
      z.object({
        health: z.enum(HEALTHS),
        reason: z.string(),
        since: isoTime,
        notified: z.object({ at: isoTime, health: z.enum(HEALTHS) }).nullable(),
        goneAt: isoTime.optional(),
      }),
    ),
    keyRejectedShown: z.boolean(),
  }),
});

/** The text a store writes: JSON with each icon stored once. */
export function serialiseMonitorState(state: PersistedMonitorState, nowMs: number = Date.now()): string {
  const icons: string[] = [];
  const iconIndex = new Map<string, number>();
  const indexOf = (icon: string): number => {
    let index = iconIndex.get(icon);
    if (index === undefined) {
      index = icons.length;
      icons.push(icon);
      iconIndex.set(icon, index);
    }
    return index;
  };
  const snapshot = state.snapshot && {
    ...state.snapshot,
    accounts: state.snapshot.accounts.map((account) => ({ ...account, icon: indexOf(account.icon) })),
  };
  return JSON.stringify({
    version: MONITOR_STATE_VERSION,
    savedAt: new Date(nowMs).toISOString(),
    icons,
    snapshot,
    problem: state.problem,
    ledger: state.ledger,
  });
}

/**
 * Reads what serialiseMonitorState wrote. Anything else (not JSON, another version, a damaged field)
 * gives no state and a reason; `where` names the source in that reason.
 */
export function parseMonitorState(text: string, where = 'the saved monitor state'): StoreLoad {
  let raw: unknown;
  try {
    raw = JSON.parse(text) as unknown;
  } catch (e) {
    return unusable(where, `it is not valid JSON (${(e as Error).message})`);
  }
  const parsed = savedState.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return unusable(where, `it is not in the expected form (${path}${issue?.message ?? 'unknown problem'})`);
  }
  const { icons, snapshot, problem, ledger } = parsed.data;
  let accounts: Account[] = [];
  if (snapshot) {
    const missing = snapshot.accounts.find((a) => a.icon >= icons.length);
    if (missing) return unusable(where, `account ${missing.id} refers to an icon that is not there`);
    accounts = snapshot.accounts.map((a) => ({ ...a, icon: icons[a.icon]! }) as Account);
  }
  return {
    state: {
      snapshot: snapshot && { checkedAt: snapshot.checkedAt, accounts, warnings: snapshot.warnings },
      problem,
      ledger,
    },
    warning: null,
  };
}

function unusable(where: string, why: string): StoreLoad {
  return {
    state: null,
    warning: `${capitalise(where)} could not be used: ${why}. Starting fresh: the accounts show after the first check, and an alert already shown may be shown once more.`,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
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

/**
 * A JSON file, written whole to a temporary file and renamed over the old one, so a crash mid-write
 * leaves the previous state intact; a failed write removes its temporary file. Readable by the user
 * only. A file that cannot be used is moved aside (`<file>.unreadable`) so the next save does not
 * destroy what someone may want to look at.
 */
export class JsonFileMonitorStore implements MonitorStore {
  private writing: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  load(): StoreLoad {
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
      await makeFolder(folder);
    } catch (e) {
      throw new Error(`its folder ${folder} cannot be created (${errorCode(e)})`);
    }
    const probe = this.temporaryPath();
    try {
      await writeFile(probe, '', { mode: 0o600, flag: 'wx' });
    } catch (e) {
      throw new Error(`nothing can be written in ${folder} (${errorCode(e)})`);
    }
    await rm(probe, { force: true });
  }

  save(state: PersistedMonitorState): Promise<void> {
    const text = serialiseMonitorState(state);
    // One write at a time, in order: the last save wins, never a mix of two.
    const next = this.writing.then(async () => {
      await makeFolder(dirname(this.path));
      const temporary = this.temporaryPath();
      try {
        await writeFile(temporary, text, { mode: 0o600 });
        await rename(temporary, this.path);
      } catch (e) {
        await rm(temporary, { force: true }).catch(() => undefined);
        throw e;
      }
    });
    this.writing = next.catch(() => undefined);
    return next;
  }

  private temporaryPath(): string {
    return `${this.path}.${process.pid}.tmp`;
  }
}

/**
 * `mkdir -p`, one level at a time. Node's own `mkdir(…, { recursive: true })` never returns for a
 * folder under /proc (the kernel answers ENOENT for a parent that exists, and Node retries forever,
 * at full CPU): this gives up with that error instead.
 */
async function makeFolder(folder: string): Promise<void> {
  try {
    await mkdir(folder);
    return;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    if (code !== 'ENOENT') throw e;
  }
  const parent = dirname(folder);
  if (parent === folder) throw new Error(`${folder} does not exist`);
  await makeFolder(parent);
  try {
    await mkdir(folder);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? (error as Error)?.message ?? String(error);
}
