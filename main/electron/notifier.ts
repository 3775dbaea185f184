/**
 * Native notifications: implements the core's Notifier port with Electron's Notification class,
 * which comes in as a parameter so tests can pass a fake. A click opens the window on the account
 * the notification is about (with its re-sync ready when it needs one), or on the list for grouped
 * ones, also on Windows once the toast has moved to the Action Center (through
 * Notification.handleActivation). On macOS one about an account needing re-sync carries a
 * "Re-sync" button that starts it at once.
 */
import { randomUUID } from 'node:crypto';
import type { Notifier, PlannedNotification } from '../core/appModel.js';
import type { NotificationDeliveryReport } from '../core/monitor/notificationDelivery.js';
import { parseToastLaunchArguments, toastLaunchArguments, windowsToastXml, type ToastTarget } from './windowsToast.js';

/** electron-builder.yml's appId: Windows shows an app's toasts only under its AppUserModelId. */
export const APP_USER_MODEL_ID = 'io.lobstrtray.app';

/** Notifications kept referenced until clicked or gone; older ones are let go beyond this. */
export const RETAINED_NOTIFICATIONS = 20;
/** The macOS action button of a notification about one account needing re-sync. */
export const RESYNC_BUTTON = 'Re-sync';

/** Clicks remembered so that one reaching the app twice (Windows: instance and activation) opens once. */
const REMEMBERED_CLICKS = 50;

export interface NotificationOptions {
  /** Electron 45: the toast's Tag on Windows, the request's identifier on macOS; unused on Linux. */
  id: string;
  title: string;
  body: string;
  silent: boolean;
  /** Linux: notification daemons may hide or sort down 'low', Electron's default there. */
  urgency: 'low' | 'normal' | 'critical';
  icon?: string;
  /** Windows: the whole toast, superseding the options above (main/electron/windowsToast.ts). */
  toastXml?: string;
  /**
   * Buttons (Electron's NotificationAction): set on macOS only, where the first shows on the
   * notification when the app is signed and its Info.plist sets NSUserNotificationAlertStyle to
   * `alert` (electron-builder.yml); Windows toasts are written whole (toastXml) instead.
   */
  actions?: Array<{ type: 'button'; text: string }>;
}

/** The parts of an Electron Notification used here (electron.d.ts `class Notification`). */
export interface NotificationHandle {
  show(): void;
  on(event: 'click' | 'show', listener: () => void): unknown;
  /** Windows says why: 'timedOut' when the toast moved to the Action Center. */
  on(event: 'close', listener: (details?: { reason?: string }) => void): unknown;
  on(event: 'failed', listener: (event: unknown, error: string) => void): unknown;
  /** A button of `actions` was pressed (instead of a click): details.actionIndex says which. */
  on(event: 'action', listener: (details: { actionIndex: number }) => void): unknown;
}

/** Electron's ActivationArguments, as far as used here. */
export interface ActivationDetails {
  type: string;
  /** The raw activation arguments: the toast's launch attribute. */
  arguments: string;
}

/** Electron's `Notification` class, or a fake. */
export interface NotificationClass {
  new (options: NotificationOptions): NotificationHandle;
  isSupported(): boolean;
  /** Windows only: every click on the app's toasts, whether or not their objects still exist. */
  handleActivation(callback: (details: ActivationDetails) => void): void;
}

export interface ElectronNotifierOptions {
  /**
   * Opens the window: on this account, or on the list when undefined; `resync` when the
   * notification said the account needs re-sync (its details open with the re-sync ready).
   */
  onClick: (accountId: string | undefined, resync: boolean) => void;
  /** macOS: the "Re-sync" button, which starts the account's re-sync at once; without it, no button. */
  onResync?: (accountId: string) => void;
  platform: NodeJS.Platform;
  /** The app icon, shown by Linux notification daemons (macOS and Windows use the app's own). */
  icon?: string;
  /** Told whether the system shows them: each displayed, each refused, or none possible at all. */
  delivery?: NotificationDeliveryReport;
}

export interface ElectronNotifier extends Notifier {
  /** How many shown notifications are still held (awaiting a click, or in the Action Center). */
  readonly retained: number;
  /**
   * Windows: from now on, clicks on the app's toasts open their account, also for toasts whose
   * object is gone (timed out into the Action Center, or shown before a restart) and for the click
   * that started the app. Call once the window can be opened (after app ready).
   */
  listenForActivations(): void;
  /** Asks the system whether it has notifications at all (reported as unsupported when not); call at start. */
  checkSupport(): boolean;
}

export function createElectronNotifier(Notification: NotificationClass, options: ElectronNotifierOptions): ElectronNotifier {
  // Electron forgets an unreferenced Notification's listeners once it is garbage-collected, so
  // shown ones are held here until clicked or gone for good, newest last. A Windows toast that
  // timed out stays held: it can still be clicked in the Action Center.
  const retained: NotificationHandle[] = [];
  const release = (n: NotificationHandle): void => {
    const at = retained.indexOf(n);
    if (at >= 0) retained.splice(at, 1);
  };
  const clicked: string[] = [];
  /** Whether this is the first time the notification of `key` reached the app (a click or a button). */
  const firstTime = (key: string): boolean => {
    if (clicked.includes(key)) return false;
    clicked.push(key);
    if (clicked.length > REMEMBERED_CLICKS) clicked.shift();
    return true;
  };
  const open = (target: ToastTarget): void => {
    if (firstTime(target.key)) options.onClick(target.accountId, target.resync === true);
  };
  const supported = (): boolean => {
    const yes = Notification.isSupported();
    if (!yes) options.delivery?.unsupported();
    return yes;
  };

  return {
    get retained() {
      return retained.length;
    },
    checkSupport: supported,
    listenForActivations() {
      if (options.platform !== 'win32') return;
      Notification.handleActivation((details) => {
        const target = parseToastLaunchArguments(details.arguments);
        if (target) open(target);
        // Another toast of this app (an older version's names no account): the window, on the list.
        else options.onClick(undefined, false);
      });
    },
    show(planned: PlannedNotification) {
      if (!supported()) return;
      // Unique across restarts too: a toast from an earlier run may still be clicked in the Action Center.
      const needsResync = (planned.kind === 'needs_resync' || planned.kind === 'reminder') && planned.accountId !== undefined;
      const target: ToastTarget = {
        key: randomUUID(),
        ...(planned.accountId === undefined ? {} : { accountId: planned.accountId }),
        ...(needsResync ? { resync: true as const } : {}),
      };
      const { onResync } = options;
      const button = options.platform === 'darwin' && needsResync && onResync !== undefined;
      const notification = new Notification({
        id: target.key,
        title: planned.title,
        body: planned.body,
        silent: false,
        urgency: planned.kind === 'recovered' ? 'low' : 'normal',
        ...(options.icon === undefined ? {} : { icon: options.icon }),
        ...(options.platform === 'win32'
          ? { toastXml: windowsToastXml({ title: planned.title, body: planned.body, launch: toastLaunchArguments(target) }) }
          : {}),
        ...(button ? { actions: [{ type: 'button' as const, text: RESYNC_BUTTON }] } : {}),
      });
      notification.on('show', () => options.delivery?.shown());
      notification.on('click', () => {
        release(notification);
        open(target);
      });
      notification.on('action', (details) => {
        release(notification);
        if (button && details.actionIndex === 0 && firstTime(target.key)) onResync(planned.accountId!);
      });
      notification.on('close', (details) => {
        if (details?.reason !== 'timedOut') release(notification);
      });
      notification.on('failed', (_event, error) => {
        release(notification);
        options.delivery?.failed(error);
      });
      retained.push(notification);
      if (retained.length > RETAINED_NOTIFICATIONS) retained.splice(0, retained.length - RETAINED_NOTIFICATIONS);
      notification.show();
    },
  };
}

/** Call before the first notification (at startup): without it Windows shows none. */
export function setWindowsAppUserModelId(app: { setAppUserModelId(id: string): void }, platform: NodeJS.Platform): void {
  if (platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
}
