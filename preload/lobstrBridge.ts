/**
 * What the preload exposes to the page as `window.lobstr`: the one door between the sandboxed
 * window and the app. Shared by the preload (which builds it) and the renderer (which reads it).
 * Every request answers an IpcResult (`{ ok: true, value }` or `{ ok: false, error: { kind, message } }`);
 * the types come from the IPC contract, main/shared/ipcContract.ts.
 */
import type {
  InvokeResponse,
  NavigateTarget,
  PasteCheckRequest,
  ResyncPush,
  ResyncStartRequest,
  SettingsPatch,
  SnapshotPush,
  Unsubscribe,
} from '../main/shared/ipcContract.js';

export interface LobstrBridge {
  /** The app's version, e.g. "0.1.0". */
  readonly version: string;
  /** Node's name for the operating system: "linux", "darwin" or "win32". */
  readonly platform: string;

  /** What the monitor knows now, whole: accounts with their health, counts, connection problem, schedule. */
  getSnapshot(): Promise<InvokeResponse<'snapshot:get'>>;
  /**
   * The snapshot's first `rows` accounts (1 to MAX_HEAD_ROWS, main/core/views/firstScreen.ts), counts and total whole: what the
   * window shows while the whole snapshot is read. No push is based on it.
   */
  getSnapshotHead(rows: number): Promise<InvokeResponse<'snapshot:head'>>;
  /**
   * Called with what changed since the snapshot held (after a poll, a key change, the demo starting or
   * stopping): at most one push per poll. main/core/views/heldSnapshot.ts applies them.
   */
  onSnapshot(callback: (push: SnapshotPush) => void): Unsubscribe;
  /** Polls Lobstr now; answers once that poll has ended (its result arrives as a push). */
  refresh(): Promise<InvokeResponse<'monitor:refresh'>>;
  /** One account re-read from Lobstr (GET /v1/accounts/{hash}), with its health. */
  getAccount(hash: string): Promise<InvokeResponse<'account:get'>>;
  /** One account as the last check holds it (every field), from the app, without asking Lobstr. */
  getHeldAccount(hash: string): Promise<InvokeResponse<'account:held'>>;

  getSettings(): Promise<InvokeResponse<'settings:get'>>;
  /** Changes some settings; a refused change changes nothing and says why. */
  updateSettings(patch: SettingsPatch): Promise<InvokeResponse<'settings:update'>>;

  /** Whether a key is set ("…a1b2") and where it is kept; never the key. */
  getKeyStatus(): Promise<InvokeResponse<'key:status'>>;
  /** Checks the key with Lobstr, then stores it; a rejected key is not stored ("Lobstr rejected this key"). */
  setKey(key: string): Promise<InvokeResponse<'key:set'>>;
  clearKey(): Promise<InvokeResponse<'key:clear'>>;

  /** Watches the built-in simulator's demo accounts instead of Lobstr. */
  startDemo(): Promise<InvokeResponse<'demo:start'>>;
  stopDemo(): Promise<InvokeResponse<'demo:stop'>>;

  /** Opens the account's platform (its `baseurl`, https only) in the user's browser. */
  openPlatform(hash: string): Promise<InvokeResponse<'account:openPlatform'>>;
  /** Hides the window (the app stays in the tray). */
  hideWindow(): Promise<InvokeResponse<'window:hide'>>;
  /** Puts `text` on the clipboard (through the app: the window itself has no clipboard permission). */
  copyText(text: string): Promise<InvokeResponse<'clipboard:write'>>;
  /** Shows a notification now; whether the system let it through comes with the next snapshot. */
  testNotification(): Promise<InvokeResponse<'notification:test'>>;
  /** Called when a notification or a tray item asks the window to show an account (or the list). */
  onNavigate(callback: (target: NavigateTarget) => void): Unsubscribe;

  /**
   * Starts an account's re-sync: a login window of the app on the platform's sign-in page, or cookies
   * the person pasted. Answers its first step; the next ones arrive through onResync.
   */
  startResync(request: ResyncStartRequest): Promise<InvokeResponse<'resync:start'>>;
  /** Reads pasted cookie text for an account: its format and the account's cookie names found and missing (names only). */
  checkPastedCookies(request: PasteCheckRequest): Promise<InvokeResponse<'resync:checkPaste'>>;
  /** Cancels the account's running re-sync (its login window closes). */
  cancelResync(accountId: string): Promise<InvokeResponse<'resync:cancel'>>;
  /** The account's re-sync's latest step; null when none ran since the app started. */
  getResync(accountId: string): Promise<InvokeResponse<'resync:get'>>;
  /** Called at each step of any account's re-sync. */
  onResync(callback: (push: ResyncPush) => void): Unsubscribe;
}

/** What the window's "About" shows: the two plain values of the bridge. */
export type AppInfo = Pick<LobstrBridge, 'version' | 'platform'>;
