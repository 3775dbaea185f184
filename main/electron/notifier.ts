/**
 * Native notifications: implements the core's Notifier port with Electron's Notification class,
 * which comes in as a parameter so tests can pass a fake. A click opens the window on the account
 * the notification is about (or on the list for grouped ones).
 */
import type { Notifier, PlannedNotification } from '../core/appModel.js';

/** electron-builder.yml's appId: Windows shows an app's toasts only under its AppUserModelId. */
export const APP_USER_MODEL_ID = 'io.lobstrtray.app';

/** Notifications kept referenced until clicked or closed; older ones are let go beyond this. */
export const RETAINED_NOTIFICATIONS = 20;

export interface NotificationOptions {
  title: string;
  body: string;
  silent: boolean;
  /** Linux: notification daemons may hide or sort down 'low', Electron's default there. */
  urgency: 'low' | 'normal' | 'critical';
  icon?: string;
}

/** The parts of an Electron Notification used here. */
export interface NotificationHandle {
  show(): void;
  on(event: 'click' | 'close', listener: () => void): unknown;
  on(event: 'failed', listener: (event: unknown, error: string) => void): unknown;
}

/** Electron's `Notification` class, or a fake. */
export interface NotificationClass {
  new (options: NotificationOptions): NotificationHandle;
  isSupported(): boolean;
}

export interface ElectronNotifierOptions {
  /** Opens the window: on this account, or on the list when undefined. */
  onClick: (accountId: string | undefined) => void;
  /** The app icon, shown by Linux notification daemons (macOS and Windows use the app's own). */
  icon?: string;
  /** Told once when the system has no notifications, and about each one that failed to show. */
  onProblem?: (message: string) => void;
}

export interface ElectronNotifier extends Notifier {
  /** How many shown notifications are still held (awaiting a click or close). */
  readonly retained: number;
}

export function createElectronNotifier(Notification: NotificationClass, options: ElectronNotifierOptions): ElectronNotifier {
  // Electron forgets an unreferenced Notification's click handler once it is garbage-collected,
  // so shown ones are held here until clicked or closed, newest last.
  const retained: NotificationHandle[] = [];
  const release = (n: NotificationHandle): void => {
    const at = retained.indexOf(n);
    if (at >= 0) retained.splice(at, 1);
  };
  let toldUnsupported = false;

  return {
    get retained() {
      return retained.length;
    },
    show(planned: PlannedNotification) {
      if (!Notification.isSupported()) {
        if (!toldUnsupported) options.onProblem?.('This system does not support desktop notifications; the tray icon still shows the state.');
        toldUnsupported = true;
        return;
      }
      const notification = new Notification({
        title: planned.title,
        body: planned.body,
        silent: false,
        urgency: planned.kind === 'recovered' ? 'low' : 'normal',
        ...(options.icon === undefined ? {} : { icon: options.icon }),
      });
      notification.on('click', () => {
        release(notification);
        options.onClick(planned.accountId);
      });
      notification.on('close', () => release(notification));
      notification.on('failed', (_event, error) => {
        release(notification);
        options.onProblem?.(`A notification could not be shown: ${error}`);
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
