/**
 * What the window may hold of the core's state: the accounts with their health, the counts, the
 * connection problem, the key's status. Defined in the core, which produces them (rendererViews.ts,
 * keyAccess.ts, notificationDelivery.ts); the IPC contract (main/shared/ipcContract.ts) carries them
 * to the window. Types only, and only of modules the window's type check can load.
 */
import type { Account } from '../lobstr/account.js';
import type { Health } from '../health/accountHealth.js';
import type { ApiErrorKind } from '../lobstr/apiErrors.js';
import type { ResyncProgress } from '../resync/resyncProgress.js';

/** appModel's ConnectionProblem: what is wrong with the connection to Lobstr, since when. */
export interface ConnectionProblemView {
  kind: ApiErrorKind;
  /** A sentence a person can act on; never contains the key. */
  message: string;
  /** ISO time of the first failed poll of this run of failures. */
  since: string;
  /** Consecutive failed polls. */
  failures: number;
}

/** The system refuses the app's notifications (main/core/monitor/notificationDelivery.ts). */
export interface NotificationsBlockedView {
  /** unsupported: the system has no notifications at all; failed: it refused one. */
  cause: 'unsupported' | 'failed';
  /** The system's own words for the last refusal; null when it has no notifications. */
  error: string | null;
  /** ISO time they were first seen blocked. */
  since: string;
  /** "Notifications are blocked by the system". */
  message: string;
  /** Where to allow them on this system, in a line. */
  advice: string;
}

/**
 * An account's row in the window's list (core/views/accountRows.ts makes it): what the list shows,
 * sorts and searches by, and the status fields its guidance reads. The rest of the account (params,
 * cookies, squids, descriptions: most of its bytes) is asked for one account at a time (HeldAccount).
 */
export interface AccountRowView {
  id: string;
  username: string;
  /** The platform: "twitter-sync"... (its icon is the snapshot's icons[type]). */
  type: string;
  health: Health;
  /** Short and human: "cookies expired", "locked until 14:05". */
  reason: string;
  status: string;
  status_code_info: string;
  last_synchronization_time: string | null;
  /** Unix seconds when a locked account unlocks; null when not locked. */
  lock_time: number | null;
  /** How many squids use the account. */
  squidCount: number;
}

/** An account as the window shows it in full: everything the API said except the icon, plus its health. */
export type AccountView = Omit<Account, 'icon'> & {
  health: Health;
  /** Short and human: "cookies expired", "locked until 14:05". */
  reason: string;
};

/**
 * What the monitor knows right now, in a form the window may hold: the accounts with their
 * health, the counts, the connection problem and the schedule.
 */
export interface SnapshotView {
  /** False while no API key is set and the demo is off: the window shows onboarding. */
  configured: boolean;
  /** True while the app watches the built-in simulator's demo accounts instead of Lobstr. */
  demo: boolean;
  /** ISO time of the successful poll the accounts come from; null before the first one. */
  checkedAt: string | null;
  /** Each account's row, worst first (needs re-sync, attention, locked, ok), then by username. */
  accounts: AccountRowView[];
  /** Platform icons (the API's base64 image data), one per account `type`, not one per account. */
  icons: Record<string, string>;
  counts: Record<Health, number>;
  total: number;
  /** Oddities met while reading the list (duplicates dropped, unreadable items). */
  warnings: string[];
  /** The current connection problem; the accounts above are still the last good ones. */
  problem: ConnectionProblemView | null;
  /**
   * ISO time of the last check that succeeded (the accounts' `checkedAt`); null before the first. Not
   * `lastPollAt`, which a failed check moves too: the header says this one while checks fail.
   */
  lastSuccessAt: string | null;
  /** ISO time the current run of failed checks began (`problem.since`); null while checks succeed. */
  failingSince: string | null;
  /**
   * The accounts are the last known state, not a fresh one: the latest check failed (`problem` is
   * set) and none has succeeded since. The window marks the list (a stale band, dimmed rows) while
   * true; it turns false with the next successful check (or when the key or base URL changes, which
   * drops the problem). Like the two times above, kept across a restart by the monitor's state file.
   */
  stale: boolean;
  /** ISO times; null before the first poll / when nothing is scheduled. */
  lastPollAt: string | null;
  nextPollAt: string | null;
  /** A poll is running now. */
  polling: boolean;
  /** Set while the system refuses the app's notifications; absent or null while they arrive. */
  notificationsBlocked?: NotificationsBlockedView | null;
}

/** One account, re-read from Lobstr (GET /v1/accounts/{hash}). */
export interface AccountDetails {
  account: AccountView;
  /** The platform icon (base64 image data); empty when the API sent none. */
  icon: string;
  /** ISO time of the read. */
  fetchedAt: string;
}

/**
 * One account as the main process holds it from the last check (account:held): every field, with
 * the health the monitor judged. The list's snapshot carries less; the details view asks for this.
 */
export interface HeldAccount {
  account: AccountView;
  /** The platform icon (base64 image data); empty when the API sent none. */
  icon: string;
  /** ISO time of the check the account comes from (the snapshot's checkedAt). */
  checkedAt: string;
}

/** Where the API key is kept, for the settings page. */
export interface KeyStorage {
  /** keychain: protected by the OS; basic_text: Linux without a keyring; unavailable: not stored. */
  kind: string;
  /** What protects the key: "macOS Keychain", "GNOME Keyring (libsecret)"... */
  label: string;
  /** What the user should know about it; null when there is nothing to add. */
  note: string | null;
}

/**
 * Whether an API key can be used, and how it is kept: never the key itself. `set` is false too for a
 * key checked with another origin than the configured base URL's: it must be entered again (notice).
 */
export interface KeyStatus {
  set: boolean;
  /** "…a1b2" for a set key, null when there is none. */
  hint: string | null;
  storage: KeyStorage;
  /** Something the user should be told (a stored key that could not be read); null when all is well. */
  notice: string | null;
  /**
   * A key is saved but the system keyring is still locked (or not ready): it is read again at the
   * next check and whenever the window asks; the window says it waits instead of asking for the key.
   */
  waiting: boolean;
}

/**
 * What changed in the window's list since the push it last received (revision `base`): the rows
 * new or changed (as they are now; an account changed only where its row does not look is not
 * sent), the ids gone, the icons of account types first seen, and the
 * rest of the SnapshotView in full (a few hundred bytes). A poll where nothing changed carries no
 * account at all.
 */
export interface SnapshotDelta {
  upserted: AccountRowView[];
  removed: string[];
  icons: Record<string, string>;
  status: Omit<SnapshotView, 'accounts' | 'icons'>;
}

/**
 * One push to the window: the whole list (the first push to a page, or when the main process no
 * longer has the changes since the window's revision), or what changed since `base`. A window whose
 * revision is not `base` asks for the whole snapshot again (snapshot:get) instead of applying it.
 * `revision` grows with every push of a main process's life.
 */
export type SnapshotPush =
  | { kind: 'full'; revision: number; snapshot: SnapshotView }
  | { kind: 'delta'; base: number; revision: number; changes: SnapshotDelta };

/**
 * The window's first screen (snapshot:head): the snapshot with only its first accounts, in its
 * order, and the icons of their platforms; the rest (counts, total, problem, times) whole. The
 * window shows it while it reads the whole snapshot, so its first rows do not wait for 100,000
 * accounts to be sent and read. No push is based on it: pushes follow the whole snapshot only.
 */
export interface SnapshotHead {
  kind: 'head';
  snapshot: SnapshotView;
}

/**
 * A re-sync as the window follows it (core/resync/resyncProgress.ts): its step with names and counts,
 * never a cookie value; a finished one without the account (the snapshot's push carries it).
 */
export type ResyncView = { at: string } & (
  | Exclude<ResyncProgress, { step: 'done' }>
  | Omit<Extract<ResyncProgress, { step: 'done' }>, 'account'>
);

/** Pasted cookie text as read for an account: names only. */
export interface PastedCookies {
  /** "Cookie-Editor JSON export", "cookies.txt (Netscape)", "Cookie header"; null when unreadable. */
  format: string | null;
  /** The account's cookies found in it, and the required ones missing. */
  found: string[];
  missing: string[];
  /** Why it cannot be used as it is (unreadable, a required cookie missing); null when it can be sent. */
  problem: string | null;
}
