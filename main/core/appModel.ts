/**
 * The shapes that connect the core (monitor, alerts, settings) to the Electron adapters,
 * the preload API and the headless watch. The core owns these interfaces; main/electron/
 * implements the ports (store, notifier, tray view, secret store) with Electron objects.
 */
import type { Account } from './lobstr/account.js';
import type { ApiErrorKind } from './lobstr/apiErrors.js';
import type { Health } from './health/accountHealth.js';
import type { AssessedSnapshot } from './monitor/assessedSnapshot.js';

// ---------------------------------------------------------------- snapshot and connection

/** The accounts as of the last successful poll. A failed poll never replaces it. */
export interface AccountsSnapshot {
  /** ISO time of the successful poll that produced it. */
  checkedAt: string;
  accounts: Account[];
  /** Oddities the client met on the way (runaway total_pages, duplicates dropped, unreadable items). */
  warnings: string[];
}

/** The current problem of the connection to Lobstr, if any. */
export interface ConnectionProblem {
  kind: ApiErrorKind;
  /** A sentence a person can act on; never contains the key. */
  message: string;
  /** ISO time of the first failed poll of this run of failures. */
  since: string;
  /** Consecutive failed polls. */
  failures: number;
}

/** What the monitor knows right now: what the tray, the window and the watch show. */
export interface MonitorStatus {
  /** False while no API key is set and demo mode is off: the app waits for setup. */
  configured: boolean;
  /** The last good listing, judged once (health, order, counts): every view derives from it. */
  snapshot: AssessedSnapshot | null;
  problem: ConnectionProblem | null;
  /** ISO times; null before the first poll / when nothing is scheduled. */
  lastPollAt: string | null;
  nextPollAt: string | null;
  polling: boolean;
}

// ---------------------------------------------------------------- transitions

export type MonitorEvent =
  | { type: 'account_added'; account: Account; health: Health; reason: string }
  | { type: 'account_removed'; account: Account; previous: Health }
  | { type: 'health_changed'; account: Account; from: Health; to: Health; reason: string }
  | { type: 'connection_error'; problem: ConnectionProblem; previous: ConnectionProblem | null }
  | { type: 'connection_restored'; previous: ConnectionProblem };

// ---------------------------------------------------------------- tray

/**
 * `setup` while unconfigured; otherwise the worst that applies wins:
 * alert (an account needs re-sync, red) > error (key rejected, server errors, invalid responses, amber)
 * > offline (network or timeout, grey) > ok (neutral).
 */
export type TrayState = 'ok' | 'alert' | 'error' | 'offline' | 'setup';

// ---------------------------------------------------------------- settings

export interface NotificationKinds {
  /** An account starts needing cookie re-sync. */
  needsResync: boolean;
  /** An account that needed re-sync is synchronized again. */
  recovered: boolean;
  /** Lobstr rejected the API key (401/403 on the request itself). */
  keyRejected: boolean;
}

/** Notifications paused: until a time, or until resumed (`until: null`). The icon still tells the truth. */
export interface Snooze {
  until: string | null;
}

export interface Settings {
  apiBaseUrl: string;
  /** 1 to 60, default 5. */
  pollIntervalMinutes: number;
  notifications: NotificationKinds;
  /** Remind again about an account still needing re-sync after this many hours; null = never (default). */
  reminderHours: number | null;
  snooze: Snooze | null;
  launchAtLogin: boolean;
  startHidden: boolean;
  /** Watch the built-in simulator's demo accounts instead of the real API. */
  demoMode: boolean;
  /** Lobstr documents account status "429" as cookie expiry; off reports it as attention. */
  status429NeedsResync: boolean;
  /** macOS: the number of accounts needing re-sync beside the menu-bar icon (default on). */
  showCountInMenuBar: boolean;
}

// ---------------------------------------------------------------- ports the core uses

/** A time source and timers, injectable so tests run hours of polling in milliseconds. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const handle: unknown = setTimeout(callback, ms);
    // Node: a pending poll must not keep a headless process alive on its own.
    (handle as { unref?: () => void }).unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** A notification the core decided to show; the Electron notifier renders it. */
export interface PlannedNotification {
  /** `app_notice`: something about the app itself the user must know (settings reset, key unreadable). */
  kind: 'needs_resync' | 'needs_resync_group' | 'reminder' | 'recovered' | 'key_rejected' | 'app_notice';
  title: string;
  body: string;
  /** Clicking it opens the window on this account; absent: the window opens on the list. */
  accountId?: string;
}

export interface Notifier {
  show(notification: PlannedNotification): void;
}
