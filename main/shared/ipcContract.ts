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
import type { ApiErrorKind } from '../core/lobstr/apiErrors.js';

// The settings shapes are main/core/appModel.ts's, restated here because
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

// The views of the core's state are the core's own (main/core/views/windowViews.ts); the contract carries them.
export type {
  ConnectionProblemView,
  NotificationsBlockedView,
  AccountRowView,
  AccountView,
  SnapshotView,
  SnapshotDelta,
  SnapshotPush,
  SnapshotHead,
  AccountDetails,
  HeldAccount,
  KeyStorage,
  KeyStatus,
  ResyncView,
  PastedCookies,
} from '../core/views/windowViews.js';
import type { AccountDetails, HeldAccount, KeyStatus, PastedCookies, ResyncView, SnapshotHead, SnapshotPush } from '../core/views/windowViews.js';

/** The whole snapshot, as snapshot:get answers it: later pushes are what changed since its revision. */
export type FullSnapshotPush = Extract<SnapshotPush, { kind: 'full' }>;

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
  /** The account's details open with its re-sync ready (a notification about it was clicked). */
  resync?: boolean;
}

/**
 * Starts an account's re-sync: through a login window of the app (the platform's own sign-in page),
 * or from cookies the person pasted (a Cookie-Editor JSON export, a cookies.txt or a Cookie header).
 */
export type ResyncStartRequest =
  | { accountId: string; via: 'login'; /** The login window's session is kept for next time, not cleared. */ keepSignedIn: boolean }
  | { accountId: string; via: 'paste'; text: string };

/** Pasted cookie text, read for an account before it is sent: which of its cookies it holds (names only). */
export interface PasteCheckRequest {
  accountId: string;
  text: string;
}

/** What a re-sync push carries: the account's latest step. */
export interface ResyncPush {
  accountId: string;
  progress: ResyncView;
}

// ---------------------------------------------------------------- channels

/** Channel names of the requests the renderer makes, by the preload method that makes them. */
export const INVOKE = {
  getSnapshot: 'snapshot:get',
  getSnapshotHead: 'snapshot:head',
  refresh: 'monitor:refresh',
  getAccount: 'account:get',
  getHeldAccount: 'account:held',
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
  startResync: 'resync:start',
  checkPastedCookies: 'resync:checkPaste',
  cancelResync: 'resync:cancel',
  getResync: 'resync:get',
} as const;

/** Channel names of what main pushes to the renderer. */
export const PUSH = {
  /** The snapshot changed (a poll ended, the settings or the key changed). */
  snapshotChanged: 'snapshot:changed',
  /** Open the window on an account (a notification or a tray item was clicked). */
  navigate: 'window:navigate',
  /** A re-sync moved on (waiting for the login, sending, synchronizing, done, failed, cancelled). */
  resyncChanged: 'resync:changed',
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
    'snapshot:get': { request: NoRequest; response: IpcResult<FullSnapshotPush> };
    /** How many rows (1 to MAX_HEAD_ROWS, core/views/firstScreen.ts): the first screen of the list, before the whole of it. */
    'snapshot:head': { request: number; response: IpcResult<SnapshotHead> };
    /** Polls now; answers the snapshot once that poll has ended. */
    'monitor:refresh': { request: NoRequest; response: IpcResult<null> };
    /** The account's id (hash). */
    'account:get': { request: string; response: IpcResult<AccountDetails> };
    /** The account's id: that account as the last check holds it, without asking Lobstr (not_found when it has none). */
    'account:held': { request: string; response: IpcResult<HeldAccount> };
    'settings:get': { request: NoRequest; response: IpcResult<SettingsView> };
    'settings:update': { request: SettingsPatch; response: IpcResult<SettingsView> };
    'key:status': { request: NoRequest; response: IpcResult<KeyStatus> };
    /** The key as pasted; checked with a real call to Lobstr before it is stored. */
    'key:set': { request: string; response: IpcResult<KeyStatus> };
    'key:clear': { request: NoRequest; response: IpcResult<KeyStatus> };
    'demo:start': { request: NoRequest; response: IpcResult<null> };
    'demo:stop': { request: NoRequest; response: IpcResult<null> };
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
    /** Starts the account's re-sync; answers its first step (a re-sync of it already running: failed). */
    'resync:start': { request: ResyncStartRequest; response: IpcResult<ResyncView> };
    /** Reads pasted cookie text for the account: its format and the account's cookie names found and missing. */
    'resync:checkPaste': { request: PasteCheckRequest; response: IpcResult<PastedCookies> };
    /** The account's id: cancels its running re-sync (nothing running is not an error). */
    'resync:cancel': { request: string; response: IpcResult<null> };
    /** The account's id: its re-sync's latest step, null when it never ran since the app started. */
    'resync:get': { request: string; response: IpcResult<ResyncView | null> };
  }
>;

export type PushContract = CompleteContract<
  PushChannel,
  {
    'snapshot:changed': { request: SnapshotPush; response: void };
    'window:navigate': { request: NavigateTarget; response: void };
    'resync:changed': { request: ResyncPush; response: void };
  }
>;

export type InvokeRequest<C extends InvokeChannel> = InvokeContract[C]['request'];
export type InvokeResponse<C extends InvokeChannel> = InvokeContract[C]['response'];
/** The arguments of ipcRenderer.invoke after the channel: none for a NoRequest channel. */
export type InvokeArgs<C extends InvokeChannel> = InvokeRequest<C> extends NoRequest ? [] : [InvokeRequest<C>];
/** What a push channel carries. */
export type PushPayload<C extends PushChannel> = PushContract[C]['request'];

export type Unsubscribe = () => void;
