/**
 * The one contract between the window (renderer), the preload and the main process: every IPC
 * channel with what it takes and what it answers. Imported by all three, so it holds only types
 * and channel names: no Node, no Electron, no behaviour.
 *
 * Two kinds of channel:
 * - invoke channels: the renderer asks (ipcRenderer.invoke), main answers (ipcMain.handle). Every
 *   answer is an IpcResult: a failure comes back as a value with a kind and a sentence, never as an
 *   exception thrown across IPC, so the window always has something to show.
 * - push channels: main tells the renderer something (webContents.send), the preload hands it to
 *   the subscribers.
 *
 * Nothing here ever carries the API key: the renderer sees only whether one is set and its hint.
 */
import type { Account } from '../core/account.js';
import type { Health } from '../core/accountHealth.js';
import type { ApiErrorKind } from '../core/apiErrors.js';

// The settings and connection-problem shapes are main/core/appModel.ts's, restated here because
// that module also holds Node timers the window's type check cannot load.
// tests/unit/ipcContract.test.ts checks that the two stay the same.

// ---------------------------------------------------------------- results

export type IpcErrorKind =
  | ApiErrorKind
  /** The renderer sent something the channel does not take (wrong type, unknown setting...). */
  | 'invalid_request'
  /** The request did not come from the app's own page. */
  | 'forbidden'
  /** No API key is set and the demo is off: there is nothing to ask Lobstr with. */
  | 'not_configured'
  /** An account's address is not a safe https:// page, so it was not opened. */
  | 'unsafe_url'
  /** Something went wrong in the main process; the message says what could not be done. */
  | 'failed';

export interface IpcError {
  kind: IpcErrorKind;
  /** A sentence a person can act on; never contains the API key. */
  message: string;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

// ---------------------------------------------------------------- what the window sees

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

/** appModel's NotificationKinds: which notifications are on. */
export interface NotificationSwitches {
  needsResync: boolean;
  recovered: boolean;
  keyRejected: boolean;
}

/** appModel's Settings (see there for what each one means). */
export interface SettingsValues {
  apiBaseUrl: string;
  pollIntervalMinutes: number;
  notifications: NotificationSwitches;
  reminderHours: number | null;
  /** Notifications paused until an ISO time, or until resumed (`until: null`). */
  snooze: { until: string | null } | null;
  launchAtLogin: boolean;
  startHidden: boolean;
  demoMode: boolean;
  status429NeedsResync: boolean;
  showCountInMenuBar: boolean;
}

/** The system refuses the app's notifications (main/core/notificationDelivery.ts). */
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

/** An account as the window shows it: everything the API said except the icon, plus its health. */
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
  /** Worst first (needs re-sync, attention, locked, ok), then by username. */
  accounts: AccountView[];
  /** Platform icons (the API's base64 image data), one per account `type`, not one per account. */
  icons: Record<string, string>;
  counts: Record<Health, number>;
  total: number;
  /** Oddities met while reading the list (duplicates dropped, unreadable items). */
  warnings: string[];
  /** The current connection problem; the accounts above are still the last good ones. */
  problem: ConnectionProblemView | null;
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

/** The settings and anything the user should be told about them (a reset file, a failed save). */
export interface SettingsView {
  settings: SettingsValues;
  notice: string | null;
}

/**
 * A change to the settings: any of them, with `notifications` naming only the switches it changes.
 * The demo is not a setting to patch: starting it starts the simulator (demo:start / demo:stop).
 */
export type SettingsPatch = Partial<Omit<SettingsValues, 'notifications' | 'demoMode'>> & {
  notifications?: Partial<NotificationSwitches>;
};

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

/** The page opened in the user's browser. */
export interface OpenedPage {
  url: string;
}

/** Where the window should go: an account's details, or the list (null). */
export interface NavigateTarget {
  /** The account to show; null for the list (or for another view). */
  accountId: string | null;
  /** Absent: the account (or the list). 'settings' from the tray menu's "Settings…". */
  view?: 'settings';
}

// ---------------------------------------------------------------- channels

/** Channel names of the requests the renderer makes, by the preload method that makes them. */
export const INVOKE = {
  getSnapshot: 'snapshot:get',
  refresh: 'monitor:refresh',
  getAccount: 'account:get',
  getSettings: 'settings:get',
  updateSettings: 'settings:update',
  getKeyStatus: 'key:status',
  setKey: 'key:set',
  clearKey: 'key:clear',
  startDemo: 'demo:start',
  stopDemo: 'demo:stop',
  openPlatform: 'account:openPlatform',
  hideWindow: 'window:hide',
  copyText: 'clipboard:write',
  testNotification: 'notification:test',
} as const;

/** Channel names of what main pushes to the renderer. */
export const PUSH = {
  /** The snapshot changed (a poll ended, the settings or the key changed). */
  snapshotChanged: 'snapshot:changed',
  /** Open the window on an account (a notification or a tray item was clicked). */
  navigate: 'window:navigate',
} as const;

export type InvokeChannel = (typeof INVOKE)[keyof typeof INVOKE];
export type PushChannel = (typeof PUSH)[keyof typeof PUSH];

/** Marks a request that takes no payload: the preload method takes no argument. */
export type NoRequest = undefined;

export interface ChannelTypes {
  request: unknown;
  response: unknown;
}

/**
 * The compile-time check: `Types` must give a request and a response for every channel of
 * `Channel`. A channel added to INVOKE without its entry below fails here, and so does an entry
 * that lacks one of the two.
 */
export type CompleteContract<Channel extends string, Types extends { [C in Channel]: ChannelTypes }> = {
  [C in Channel]: Types[C];
};

export type InvokeContract = CompleteContract<
  InvokeChannel,
  {
    'snapshot:get': { request: NoRequest; response: IpcResult<SnapshotView> };
    /** Polls now; answers the snapshot once that poll has ended. */
    'monitor:refresh': { request: NoRequest; response: IpcResult<SnapshotView> };
    /** The account's id (hash). */
    'account:get': { request: string; response: IpcResult<AccountDetails> };
    'settings:get': { request: NoRequest; response: IpcResult<SettingsView> };
    'settings:update': { request: SettingsPatch; response: IpcResult<SettingsView> };
    'key:status': { request: NoRequest; response: IpcResult<KeyStatus> };
    /** The key as pasted; checked with a real call to Lobstr before it is stored. */
    'key:set': { request: string; response: IpcResult<KeyStatus> };
    'key:clear': { request: NoRequest; response: IpcResult<KeyStatus> };
    'demo:start': { request: NoRequest; response: IpcResult<SnapshotView> };
    'demo:stop': { request: NoRequest; response: IpcResult<SnapshotView> };
    /** The account's id; main opens that account's `baseurl`, never an address the renderer sends. */
    'account:openPlatform': { request: string; response: IpcResult<OpenedPage> };
    /** The window hides itself (Esc on the top view, when the renderer handles Esc itself). */
    'window:hide': { request: NoRequest; response: IpcResult<null> };
    /**
     * The text to put on the clipboard (e.g. an account id). Through main, with Electron's
     * clipboard: the page's own navigator.clipboard would need a permission the window refuses.
     */
    'clipboard:write': { request: string; response: IpcResult<null> };
    /** Shows a notification now, so the user sees whether the system lets them through (snapshot's notificationsBlocked). */
    'notification:test': { request: NoRequest; response: IpcResult<null> };
  }
>;

export type PushContract = CompleteContract<
  PushChannel,
  {
    'snapshot:changed': { request: SnapshotView; response: void };
    'window:navigate': { request: NavigateTarget; response: void };
  }
>;

export type InvokeRequest<C extends InvokeChannel> = InvokeContract[C]['request'];
export type InvokeResponse<C extends InvokeChannel> = InvokeContract[C]['response'];
/** The arguments of ipcRenderer.invoke after the channel: none for a NoRequest channel. */
export type InvokeArgs<C extends InvokeChannel> = InvokeRequest<C> extends NoRequest ? [] : [InvokeRequest<C>];
/** What a push channel carries. */
export type PushPayload<C extends PushChannel> = PushContract[C]['request'];

export type Unsubscribe = () => void;
