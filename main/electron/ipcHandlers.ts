/**
 * The main process's side of the IPC contract (main/shared/ipcContract.ts): one handler per
 * channel, and the pushes to the window.
 *
 * The renderer is untrusted. Every request is checked twice before anything runs: it must come
 * from the app's own page (the sender check), and its payload must be what the channel takes (a
 * zod schema per channel). Whatever happens next, the answer is an IpcResult value: a handler
 * never throws across IPC, and no answer ever holds the API key (the renderer sees "…a1b2").
 *
 * Electron's ipcMain and every service come in as parameters (small interfaces typed here), so
 * tests register the handlers on a fake and call them directly, and the wiring in main/index.ts
 * adapts the real monitor, stores and shell to them.
 */
import { z } from 'zod';
import type { Account } from '../core/lobstr/account.js';
import type { HealthRules } from '../core/health/accountHealth.js';
import { checkApiKey, redactSecrets } from '../core/settings/apiKey.js';
import { isLobstrApiError } from '../core/lobstr/apiErrors.js';
import type { MonitorStatus, Settings } from '../core/appModel.js';
import { accountView, heldAccountView } from '../core/views/rendererViews.js';
import type { AccountsDelta } from '../core/monitor/assessedSnapshot.js';
import { createSnapshotPushes, type FullSnapshotPush, type PushTarget } from '../core/views/snapshotPushes.js';
import { isTrustedSenderUrl } from '../core/views/trustedSender.js';
import { MAX_HEAD_ROWS } from '../core/views/firstScreen.js';
import {
  INVOKE,
  PUSH,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
  type IpcError,
  type IpcResult,
  type KeyStatus,
  type KeyStorage,
  type NavigateTarget,
  type NotificationsBlockedView,
  type PasteCheckRequest,
  type PushChannel,
  type PushPayload,
  type ResyncStartRequest,
  type SettingsPatch,
  type SettingsView,
  type SnapshotHead,
} from '../shared/ipcContract.js';
import { openPlatformPage, type ShellHandle } from './externalLinks.js';
import type { ResyncActions } from './resyncActions.js';

// ---------------------------------------------------------------- Electron, as far as used here

/** The part of an IPC invoke event used here: the frame that sent it (null once it is gone). */
export interface IpcInvokeEventLike {
  readonly senderFrame: { readonly url: string; readonly parent?: unknown } | null;
}

/** The part of Electron's ipcMain used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** The part of a window's webContents the pushes use. */
export interface RendererContents {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  isLoading(): boolean;
  once(event: 'did-finish-load', listener: () => void): unknown;
}

// ---------------------------------------------------------------- what the handlers use

/** The monitor (main/core/monitor/monitor.ts). */
export interface MonitorPort {
  status(): MonitorStatus;
  /** What changed since a snapshot revision, while the monitor still knows (else null). */
  changesSince(revision: number): AccountsDelta | null;
  /** Polls now; resolves when that poll has ended (its failure is in the status, not thrown). */
  refreshNow(): Promise<unknown>;
  /** An account re-read on its own (account:get): the tray, the list and the alerts take it in at once. */
  accountRead(account: Account): Promise<unknown>;
}

/** The settings store (main/core/settings/settingsStore.ts's SettingsStore fits). */
export interface SettingsPort {
  get(): Settings;
  /** Validates and applies; throws InvalidSettingsError (a message for the user) and changes nothing when refused. */
  update(patch: unknown): Settings | Promise<Settings>;
  /** Something the user should be told about their settings; null when all is well. */
  readonly notice?: string | null;
}

/**
 * Where the key is kept (main/core/settings/secretStore.ts's SecretStore, seen through keyAccess.ts's
 * keyStatusOf for the configured base URL). Never asked for the key itself.
 */
export interface SecretsPort {
  /** Whether a key can be used with the configured base URL, its hint, and what to tell the user. */
  status(): Promise<Omit<KeyStatus, 'storage'>>;
  /** Stores the key bound to `origin`; rejects with InvalidApiKeyError (a message for the user, without the key) on a key it refuses. */
  setKey(key: string, origin: string): Promise<void>;
  clearKey(): Promise<void>;
  backend(): Promise<KeyStorage>;
}

export interface IpcHandlerDeps {
  monitor: MonitorPort;
  /** The window's snapshot (createRendererPushes): snapshot:get answers the whole of it, snapshot:head its first rows. */
  snapshots: { full(): FullSnapshotPush | Promise<FullSnapshotPush>; head(rows: number): SnapshotHead };
  settings: SettingsPort;
  secrets: SecretsPort;
  /**
   * What reads one account: the Lobstr client with the stored key and the configured base URL, or
   * the demo simulator's client while the demo runs; null when neither is set up. Its getAccount
   * rejects with LobstrApiError (kind and key-free message) on failure.
   */
  accountReader(): Pick<LobstrReader, 'getAccount'> | null | Promise<Pick<LobstrReader, 'getAccount'> | null>;
  /**
   * One real call to Lobstr with `key` at the configured base URL (e.g. a client's first page).
   * Resolves with the origin that accepted the key (the key is bound to it); rejects with
   * LobstrApiError, kind 'auth' for a rejected key.
   */
  checkKey(key: string): Promise<{ origin: string }>;
  demo: {
    /** Resolves once the monitor watches the demo accounts. */
    start(): Promise<unknown>;
    stop(): Promise<unknown>;
  };
  shell: ShellHandle;
  /** Hides the app window (the app stays in the tray). */
  hideWindow(): void;
  /** Shows a test notification, past any pause (the user asked for it). */
  testNotification(): void;
  /** Set while the system refuses the app's notifications. */
  notificationsBlocked?: () => NotificationsBlockedView | null;
  /** Electron's clipboard. */
  clipboard: { writeText(text: string): void };
  /** Re-syncs (main/electron/resyncActions.ts): started, read, cancelled. */
  resync: Pick<ResyncActions, 'start' | 'checkPaste' | 'cancel' | 'get'>;
  /** Default Date.now. */
  now?: () => number;
  /** Where refused senders and unexpected failures are reported (the app's log). */
  logger?: {
    warn(message: string, ...details: unknown[]): void;
    error(message: string, ...details: unknown[]): void;
  };
}

/** The client method account:get uses (main/core/lobstr/apiClient.ts's LobstrClient fits). */
export interface LobstrReader {
  getAccount(hash: string): Promise<Account>;
}

// ---------------------------------------------------------------- the sender check

/**
 * The sender check for registerIpcHandlers: the request must come from the top frame of the app's
 * page, `appPageUrl` (the file:// URL of dist/renderer/index.html, or the dev server's page).
 */
export function appPageSenderCheck(appPageUrl: string): (event: IpcInvokeEventLike) => boolean {
  return (event) => {
    let frame: IpcInvokeEventLike['senderFrame'];
    try {
      // Electron may throw or answer null for a frame that has navigated away or been destroyed.
      frame = event.senderFrame;
    } catch {
      return false;
    }
    if (frame === null || frame === undefined) return false;
    if (frame.parent !== null && frame.parent !== undefined) return false;
    return isTrustedSenderUrl(frame.url, appPageUrl);
  };
}

// ---------------------------------------------------------------- payload schemas

/** The longest account id accepted; Lobstr's are 32 hexadecimal characters. */
const MAX_ACCOUNT_ID_LENGTH = 128;

const noRequest = z.undefined({ error: 'takes no value' });

const headRows = z
  .number({ error: 'must be a number of rows' })
  .int({ error: 'must be a whole number of rows' })
  .min(1, { error: 'must be at least 1 row' })
  .max(MAX_HEAD_ROWS, { error: `must be at most ${MAX_HEAD_ROWS} rows` });

const accountId = z
  .string({ error: 'must be an account id (text)' })
  .trim()
  .min(1, { error: 'must be an account id, not empty text' })
  .max(MAX_ACCOUNT_ID_LENGTH, { error: 'is too long to be an account id' })
  .regex(/^[A-Za-z0-9_-]+$/, { error: 'must be an account id: letters, digits, "-" and "_" only' });

/** The key as pasted, reduced to the key and checked by the same rules as the key store (apiKey.ts). */
const apiKey = z.unknown().transform((input, context) => {
  const checked = checkApiKey(input);
  if (checked.ok) return checked.key;
  context.addIssue({ code: 'custom', message: checked.problem, input });
  return z.NEVER;
});

const onOff = z.boolean({ error: 'must be true or false' });

/** What the window copies is a value it shows (an id, a hash), never a document. */
const MAX_COPIED_TEXT_LENGTH = 2048;
const copiedText = z
  .string({ error: 'must be text' })
  .min(1, { error: 'is empty: there is nothing to copy' })
  .max(MAX_COPIED_TEXT_LENGTH, { error: `is longer than ${MAX_COPIED_TEXT_LENGTH} characters` });

/** Cookie text as pasted: an export of a few sites' cookies is a few kilobytes; a whole browser's, under a megabyte. */
const MAX_COOKIE_TEXT_LENGTH = 1024 * 1024;
const cookieText = z
  .string({ error: 'must be text: a Cookie-Editor JSON export, a cookies.txt file or a Cookie header' })
  .max(MAX_COOKIE_TEXT_LENGTH, { error: 'is longer than a megabyte: paste only the cookies of the platform' });

const resyncStart: z.ZodType<ResyncStartRequest> = z.discriminatedUnion(
  'via',
  [
    z.strictObject({ accountId, via: z.literal('login'), keepSignedIn: onOff }),
    z.strictObject({ accountId, via: z.literal('paste'), text: cookieText }),
  ],
  { error: 'must be {"accountId", "via": "login", "keepSignedIn"} or {"accountId", "via": "paste", "text"}' },
);

const pasteCheck: z.ZodType<PasteCheckRequest> = z.strictObject({ accountId, text: cookieText }, { error: 'must be {"accountId", "text"}' });

/**
 * The types of a settings change; the store checks the values (ranges, a valid base URL) and
 * explains a refusal in its own words.
 */
const settingsPatch: z.ZodType<SettingsPatch> = z.strictObject(
  {
    apiBaseUrl: z.string({ error: 'must be text, such as https://api.lobstr.io/v1' }).max(2048, { error: 'is too long' }).optional(),
    pollIntervalMinutes: z.number({ error: 'must be a number of minutes' }).optional(),
    notifications: z
      .strictObject(
        { needsResync: onOff.optional(), recovered: onOff.optional(), keyRejected: onOff.optional() },
        { error: 'must be an object of true/false switches, such as {"recovered": false}' },
      )
      .optional(),
    reminderHours: z.number({ error: 'must be a number of hours, or null for no reminder' }).nullable().optional(),
    snooze: z
      .strictObject(
        { until: z.string({ error: 'must be an ISO 8601 time, or null until resumed' }).max(64).nullable() },
        { error: 'must be null, or {"until": an ISO 8601 time or null}' },
      )
      .nullable()
      .optional(),
    launchAtLogin: onOff.optional(),
    startHidden: onOff.optional(),
    status429NeedsResync: onOff.optional(),
    showCountInMenuBar: onOff.optional(),
  },
  { error: 'must be an object of the settings to change' },
);

/** What each channel takes. A mapped type: a channel added to the contract without a schema does not compile. */
const REQUEST_SCHEMAS: { [C in InvokeChannel]: z.ZodType<InvokeRequest<C>, unknown> } = {
  'snapshot:get': noRequest,
  'snapshot:head': headRows,
  'monitor:refresh': noRequest,
  'account:get': accountId,
  'account:held': accountId,
  'settings:get': noRequest,
  'settings:update': settingsPatch,
  'key:status': noRequest,
  'key:set': apiKey,
  'key:clear': noRequest,
  'demo:start': noRequest,
  'demo:stop': noRequest,
  'account:openPlatform': accountId,
  'window:hide': noRequest,
  'clipboard:write': copiedText,
  'notification:test': noRequest,
  'resync:start': resyncStart,
  'resync:checkPaste': pasteCheck,
  'resync:cancel': accountId,
  'resync:get': accountId,
};

/** What each channel's value is called in a refusal. */
const REQUEST_NAMES: Record<InvokeChannel, string> = {
  'snapshot:get': 'Reading the accounts',
  'snapshot:head': 'The number of rows',
  'monitor:refresh': 'Refreshing',
  'account:get': 'The account id',
  'account:held': 'The account id',
  'settings:get': 'Reading the settings',
  'settings:update': 'The settings change',
  'key:status': 'Reading the key status',
  'key:set': 'The API key',
  'key:clear': 'Removing the key',
  'demo:start': 'Starting the demo',
  'demo:stop': 'Stopping the demo',
  'account:openPlatform': 'The account id',
  'window:hide': 'Hiding the window',
  'clipboard:write': 'The text to copy',
  'notification:test': 'Sending a test notification',
  'resync:start': 'The re-sync request',
  'resync:checkPaste': 'The pasted cookies',
  'resync:cancel': 'The account id',
  'resync:get': 'The account id',
};

/** What could not be done, for the message of an unexpected failure: "Lobstr Tray could not …". */
const ACTIONS: Record<InvokeChannel, string> = {
  'snapshot:get': 'read the accounts',
  'snapshot:head': 'read the accounts',
  'monitor:refresh': 'refresh the accounts',
  'account:get': 'read this account',
  'account:held': 'read this account',
  'settings:get': 'read the settings',
  'settings:update': 'change the settings',
  'key:status': 'read whether an API key is set',
  'key:set': 'store the API key',
  'key:clear': 'remove the API key',
  'demo:start': 'start the demo',
  'demo:stop': 'stop the demo',
  'account:openPlatform': "open the account's platform",
  'window:hide': 'hide the window',
  'clipboard:write': 'copy to the clipboard',
  'notification:test': 'send a test notification',
  'resync:start': 're-sync this account',
  'resync:checkPaste': 'read the pasted cookies',
  'resync:cancel': 'cancel the re-sync',
  'resync:get': 'read the re-sync',
};

/** "The settings change was refused: pollIntervalMinutes must be a number of minutes." */
function describeRefusal(channel: InvokeChannel, error: z.ZodError): string {
  const parts = error.issues.map((issue) => {
    const where = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      const names = issue.keys.map((key) => JSON.stringify(key)).join(', ');
      if (channel === 'settings:update' && where === '' && issue.keys.includes('demoMode')) {
        return 'the demo is started and stopped on its own (startDemo / stopDemo), not changed as a setting';
      }
      return where === '' ? `there is no setting called ${names}` : `${where} has no ${names}`;
    }
    return where === '' ? issue.message : `${where} ${issue.message}`;
  });
  return `${REQUEST_NAMES[channel]} was refused: ${parts.join('; ')}.`;
}

// ---------------------------------------------------------------- results

const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });
const fail = (kind: IpcError['kind'], message: string): { ok: false; error: IpcError } => ({ ok: false, error: { kind, message } });

/** Errors whose message was written for the user by the stores (and never holds the key). */
const USER_FACING_ERRORS = new Set(['InvalidSettingsError', 'InvalidApiKeyError']);

/** The text with the key hidden, as everywhere else (apiKey.ts). */
const without = (text: string, key: string): string => redactSecrets(text, [key]);

// ---------------------------------------------------------------- the handlers

type Handlers = { [C in InvokeChannel]: (request: InvokeRequest<C>) => Promise<InvokeResponse<C>> };

/**
 * Registers one handler per invoke channel on `ipcMain`. Each checks the sender with
 * `isTrustedSender` (see appPageSenderCheck) and the payload with its schema before running.
 * Returns the function that removes them all.
 */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  deps: IpcHandlerDeps,
  isTrustedSender: (event: IpcInvokeEventLike) => boolean,
): () => void {
  const now = deps.now ?? Date.now;
  const rules = (): HealthRules => ({ status429NeedsResync: deps.settings.get().status429NeedsResync });
  const settingsView = (settings: Settings): SettingsView => ({ settings, notice: deps.settings.notice ?? null });
  const keyStatus = async (): Promise<KeyStatus> => {
    const [status, storage] = await Promise.all([deps.secrets.status(), deps.secrets.backend()]);
    return {
      set: status.set,
      hint: status.set ? status.hint : null,
      storage: { kind: storage.kind, label: storage.label, note: storage.note },
      notice: status.notice,
      waiting: status.waiting,
    };
  };

  const handlers: Handlers = {
    'snapshot:get': async () => ok(await deps.snapshots.full()),
    // The first screen's rows: no push is based on them, the window asks for the whole snapshot next.
    'snapshot:head': async (rows) => ok(deps.snapshots.head(rows)),

    // The poll's result reaches the window as a push (what changed), not as a whole list here.
    'monitor:refresh': async () => {
      await deps.monitor.refreshNow();
      return ok(null);
    },

    'account:get': async (hash) => {
      const reader = await deps.accountReader();
      if (reader === null) return fail('not_configured', 'Set your Lobstr API key, or start the demo, to read an account.');
      try {
        const account = await reader.getAccount(hash);
        // One truth: what the details show is what the tray and the list show, and alerts follow it.
        await deps.monitor.accountRead(account);
        const fetchedAt = now();
        return ok({ account: accountView(account, fetchedAt, rules()), icon: account.icon, fetchedAt: new Date(fetchedAt).toISOString() });
      } catch (error) {
        if (isLobstrApiError(error)) return fail(error.kind, error.message);
        throw error;
      }
    },

    // From the monitor's snapshot: what the list shows of an account, in full, with no request to Lobstr.
    'account:held': async (id) => {
      const held = heldAccountView(deps.monitor.status(), id);
      if (held === null) return fail('not_found', `There is no account ${id} in the last check.`);
      return ok(held);
    },

    'settings:get': async () => ok(settingsView(deps.settings.get())),

    'settings:update': async (patch) => ok(settingsView(await deps.settings.update(patch))),

    'key:status': async () => ok(await keyStatus()),

    'key:set': async (key) => {
      let origin: string;
      try {
        ({ origin } = await deps.checkKey(key));
      } catch (error) {
        if (isLobstrApiError(error)) {
          if (error.kind === 'auth') return fail('auth', 'Lobstr rejected this key');
          return fail(error.kind, `The key could not be checked with Lobstr, so it was not stored: ${without(error.message, key)}`);
        }
        deps.logger?.error('Checking an API key failed:', without(String(error), key));
        return fail('failed', 'The key could not be checked with Lobstr, so it was not stored.');
      }
      try {
        await deps.secrets.setKey(key, origin);
      } catch (error) {
        if (error instanceof Error && USER_FACING_ERRORS.has(error.name)) return fail('invalid_request', without(error.message, key));
        deps.logger?.error('Storing the API key failed:', without(String(error), key));
        return fail('failed', 'Lobstr accepted the key, but it could not be stored on this computer.');
      }
      return ok(await keyStatus());
    },

    'key:clear': async () => {
      await deps.secrets.clearKey();
      return ok(await keyStatus());
    },

    'demo:start': async () => {
      await deps.demo.start();
      return ok(null);
    },

    'demo:stop': async () => {
      await deps.demo.stop();
      return ok(null);
    },

    'account:openPlatform': async (hash) => {
      const account = deps.monitor.status().snapshot?.accounts.find((candidate) => candidate.id === hash);
      if (account === undefined) return fail('not_found', `There is no account ${hash} in the last check; refresh and try again.`);
      return openPlatformPage(deps.shell, account);
    },

    'window:hide': async () => {
      deps.hideWindow();
      return ok(null);
    },

    'clipboard:write': async (text) => {
      deps.clipboard.writeText(text);
      return ok(null);
    },

    'notification:test': async () => {
      deps.testNotification();
      return ok(null);
    },

    'resync:start': async (request) => deps.resync.start(request),
    'resync:checkPaste': async (request) => deps.resync.checkPaste(request),
    'resync:cancel': async (id) => deps.resync.cancel(id),
    'resync:get': async (id) => deps.resync.get(id),
  };

  const channels = Object.values(INVOKE);
  for (const channel of channels) {
    ipcMain.handle(channel, (event, ...args) => answer(channel, event, args));
  }

  async function answer<C extends InvokeChannel>(channel: C, event: IpcInvokeEventLike, args: unknown[]): Promise<InvokeResponse<C>> {
    // Every result type of the contract admits a failure; TypeScript cannot see that through C.
    const refuse = (kind: IpcError['kind'], message: string) => fail(kind, message) as InvokeResponse<C>;

    let trusted = false;
    try {
      trusted = isTrustedSender(event);
    } catch {
      trusted = false;
    }
    if (!trusted) {
      deps.logger?.warn(`IPC ${channel} refused: it did not come from the app's own page.`);
      return refuse('forbidden', 'This request did not come from the Lobstr Tray window, so it was refused.');
    }

    if (args.length > 1) return refuse('invalid_request', `${REQUEST_NAMES[channel]} was refused: it takes at most one value.`);
    const parsed = REQUEST_SCHEMAS[channel].safeParse(args[0]);
    if (!parsed.success) return refuse('invalid_request', describeRefusal(channel, parsed.error));

    try {
      return await (handlers[channel] as (request: InvokeRequest<C>) => Promise<InvokeResponse<C>>)(parsed.data);
    } catch (error) {
      if (isLobstrApiError(error)) return refuse(error.kind, error.message);
      if (error instanceof Error && USER_FACING_ERRORS.has(error.name)) return refuse('invalid_request', error.message);
      // The system refused a change (launch at login): its message says where to look.
      if (error instanceof Error && error.name === 'LoginItemError') return refuse('failed', error.message);
      // Unexpected: its text may be anything, so the window gets a plain sentence and the log the detail.
      deps.logger?.error(`IPC ${channel} failed:`, error);
      return refuse('failed', `Lobstr Tray could not ${ACTIONS[channel]}; the app's log has the details.`);
    }
  }

  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

// ---------------------------------------------------------------- pushes to the window

/** Sends a push of the contract to the window, if there is one that can receive it. */
export function pushToRenderer<C extends PushChannel>(
  contents: RendererContents | null | undefined,
  channel: C,
  payload: PushPayload<C>,
): boolean {
  if (!contents || contents.isDestroyed()) return false;
  contents.send(channel, payload);
  return true;
}

export interface RendererPushes {
  /** The whole snapshot for the window (snapshot:get), made in slices; later pushes to that page are what changed. */
  full(): Promise<FullSnapshotPush>;
  /** The first `rows` accounts of the snapshot (snapshot:head), for the window's first screen. */
  head(rows: number): SnapshotHead;
  /** After every poll result and every settings, key or demo change: one push of what changed, if anything. */
  snapshotChanged(): void;
  /**
   * Asks the window to show an account (or the list, for null), or a view, or an account's details
   * with its re-sync ready. When the window is still loading (just opened by the same click), it is
   * sent once the page has loaded and subscribed.
   */
  navigate(accountId: string | null, extra?: Omit<NavigateTarget, 'accountId'>): void;
}

export function createRendererPushes(
  contents: () => RendererContents | null | undefined,
  deps: Pick<IpcHandlerDeps, 'monitor' | 'settings' | 'now' | 'notificationsBlocked'>,
): RendererPushes {
  const now = deps.now ?? Date.now;
  // One target per page's contents, so the pushes know whether the window is still the one they fed.
  const targets = new WeakMap<RendererContents, PushTarget>();
  const target = (): PushTarget | null => {
    const current = contents();
    if (!current || current.isDestroyed()) return null;
    let wrapped = targets.get(current);
    if (!wrapped) {
      wrapped = { send: (push) => pushToRenderer(current, PUSH.snapshotChanged, push) };
      targets.set(current, wrapped);
    }
    return wrapped;
  };
  const snapshots = createSnapshotPushes(target, deps.monitor, () => {
    const settings = deps.settings.get();
    return {
      nowMs: now(),
      demo: settings.demoMode,
      rules: { status429NeedsResync: settings.status429NeedsResync },
      notificationsBlocked: deps.notificationsBlocked?.() ?? null,
    };
  });
  return {
    full: () => snapshots.fullInSlices(),
    head: (rows) => snapshots.head(rows),
    snapshotChanged: () => snapshots.changed(),
    navigate(accountId, extra = {}) {
      const target = contents();
      const payload: NavigateTarget = { accountId, ...(extra.view ? { view: extra.view } : {}), ...(extra.resync ? { resync: true } : {}) };
      if (target && !target.isDestroyed() && target.isLoading()) {
        target.once('did-finish-load', () => pushToRenderer(target, PUSH.navigate, payload));
        return;
      }
      pushToRenderer(target, PUSH.navigate, payload);
    },
  };
}
