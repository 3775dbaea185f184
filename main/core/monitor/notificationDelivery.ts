/**
 * Whether the system shows the app's notifications. Electron tells when it could not show one
 * (the `failed` event, macOS and Windows: not allowed in System Settings, an unsigned app, Focus
 * assist) and whether the system has notifications at all (`Notification.isSupported()`). A user
 * whose notifications are blocked must learn it where they look (the tray menu, Settings), with how
 * to allow them, not from a log line. The notifier (main/electron/notifier.ts) reports through the
 * port below; the tray view and the window read the state.
 *
 * It clears when the system next shows one of the app's notifications (Electron's `show` event):
 * that is the proof they arrive again. No API answers "are they allowed now?" (macOS and Windows
 * answer only by refusing the next one), so until then the state stays.
 */
import type { NotificationsBlockedView } from '../views/windowViews.js';

export const NOTIFICATIONS_BLOCKED = 'Notifications are blocked by the system';

export interface NotificationsBlocked {
  /** unsupported: the system has no notifications (isSupported() false); failed: it refused one. */
  cause: 'unsupported' | 'failed';
  /** The system's own words for the last refusal; null when it has no notifications at all. */
  error: string | null;
  /** ISO time they were first seen blocked. */
  since: string;
}

/** What the notifier reports: the port the core owns, implemented with Electron's Notification events. */
export interface NotificationDeliveryReport {
  /** The system displayed one (`show`). */
  shown(): void;
  /** The system refused one (`failed`). */
  failed(error: string): void;
  /** The system has no notifications (`isSupported()` false). */
  unsupported(): void;
}

export interface NotificationDelivery extends NotificationDeliveryReport {
  /** Null while notifications arrive (or nothing says otherwise). */
  blocked(): NotificationsBlocked | null;
  /** Called on each change of state (not on a second refusal of the same kind). */
  onChange(listener: (blocked: NotificationsBlocked | null) => void): () => void;
}

export function createNotificationDelivery(now: () => number = Date.now): NotificationDelivery {
  let state: NotificationsBlocked | null = null;
  const listeners = new Set<(blocked: NotificationsBlocked | null) => void>();
  const set = (next: NotificationsBlocked | null): void => {
    const changed = (state === null) !== (next === null) || state?.cause !== next?.cause;
    state = next;
    if (changed) for (const listener of listeners) listener(state);
  };
  const block = (cause: NotificationsBlocked['cause'], error: string | null): void =>
    set({ cause, error, since: state?.since ?? new Date(now()).toISOString() });
  return {
    blocked: () => (state === null ? null : { ...state }),
    shown: () => set(null),
    failed: (error) => block('failed', error),
    unsupported: () => block('unsupported', null),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Where the user allows the app's notifications on this system, in a line. */
export function allowNotificationsAdvice(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return 'To allow them: System Settings → Notifications → Lobstr Tray';
    case 'win32':
      return 'To allow them: Settings → System → Notifications (and turn off Focus assist / Do not disturb)';
    default:
      return 'To allow them: your desktop’s notification settings; a notification service (daemon) must be running';
  }
}

/** The state as the window shows it: what is wrong and how to allow them on this system. */
export function notificationsBlockedView(blocked: NotificationsBlocked | null, platform: NodeJS.Platform): NotificationsBlockedView | null {
  if (blocked === null) return null;
  return { ...blocked, message: NOTIFICATIONS_BLOCKED, advice: allowNotificationsAdvice(platform) };
}
