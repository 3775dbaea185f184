/**
 * What the end-to-end test (tests/electron/app.spec.ts) reads in the main process: Electron's own
 * Tray and Notification objects that the app created, so the test asserts through them (the image
 * the Tray shows, a Notification's title) and not through the app's model of them.
 *
 * main/index.ts installs it only when LOBSTR_TRAY_E2E=1; otherwise the app gets Electron's classes
 * untouched and nothing is recorded. Notifications are held weakly: under test the app must let go
 * of them exactly as it does for real (a released Notification can be garbage-collected).
 */
import type { NotificationClass, NotificationHandle, NotificationOptions } from './notifier.js';

/** The parts of an Electron Tray the probe watches. */
export interface ProbedTray<Image, Menu> {
  setImage(image: Image): void;
  setContextMenu(menu: Menu | null): void;
}

export interface E2EProbe<Image, Menu, Shown extends NotificationHandle = NotificationHandle> {
  /** The app's tray icon, once created. */
  tray: ProbedTray<Image, Menu> | null;
  /** The image it shows now: given to its constructor or to the last setImage. */
  trayImage: Image | null;
  /** The context menu attached now. */
  trayMenu: Menu | null;
  /** Every Notification the app created, oldest first (weakly held). */
  notifications: Array<WeakRef<Shown>>;
}

export interface ProbeTargets<Image, Menu> {
  Tray: new (image: Image) => ProbedTray<Image, Menu>;
  Notification: NotificationClass;
}

/**
 * The same classes, wrapped so that what they create is recorded in the returned probe. A plain
 * function used with `new` that returns an object yields that object: the app gets Electron's own
 * instances (Electron's classes cannot be subclassed, its docs say).
 */
export function probeElectron<Image, Menu, T extends ProbeTargets<Image, Menu>>(
  targets: T,
): { targets: T; probe: E2EProbe<Image, Menu> } {
  const probe: E2EProbe<Image, Menu> = { tray: null, trayImage: null, trayMenu: null, notifications: [] };
  const { Tray, Notification } = targets;

  const ProbedTrayClass = function (image: Image): ProbedTray<Image, Menu> {
    const tray = new Tray(image);
    probe.tray = tray;
    probe.trayImage = image;
    const setImage = tray.setImage.bind(tray);
    const setContextMenu = tray.setContextMenu.bind(tray);
    tray.setImage = (next) => {
      probe.trayImage = next;
      setImage(next);
    };
    tray.setContextMenu = (menu) => {
      probe.trayMenu = menu;
      setContextMenu(menu);
    };
    return tray;
  };

  // Every static the app uses, forwarded (the mapped type fails to compile when one is missing).
  const statics: { [K in keyof NotificationClass]: NotificationClass[K] } = {
    isSupported: () => Notification.isSupported(),
    handleActivation: (callback) => Notification.handleActivation(callback),
  };
  const ProbedNotification = Object.assign(function (options: NotificationOptions): NotificationHandle {
    const notification = new Notification(options);
    probe.notifications.push(new WeakRef(notification));
    return notification;
  }, statics);

  return {
    targets: { ...targets, Tray: ProbedTrayClass as unknown as T['Tray'], Notification: ProbedNotification as unknown as T['Notification'] },
    probe,
  };
}
