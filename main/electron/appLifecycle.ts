import type { MainWindowHandle } from './window.js';

/**
 * The app's life: one running instance, a window when ready, the same window brought forward when
 * the app is started again, and quitting when the last window closes (until the tray keeps the app
 * alive without a window). Electron's `app` comes in as a parameter so tests can pass a fake.
 */

/** The parts of Electron's `app` used here. */
export interface AppHandle {
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<unknown>;
  quit(): void;
  on(event: 'second-instance' | 'window-all-closed' | 'activate', listener: () => void): unknown;
}

export interface AppLifecycle {
  /** True when this process holds the single-instance lock and runs the app. */
  readonly primary: boolean;
  /** Resolves once the first window has been opened (or at once when another instance runs). */
  readonly ready: Promise<void>;
}

export function startAppLifecycle(app: AppHandle, openWindow: () => MainWindowHandle): AppLifecycle {
  if (!app.requestSingleInstanceLock()) {
    // Another Lobstr Tray is running; it receives 'second-instance' and shows its window.
    app.quit();
    return { primary: false, ready: Promise.resolve() };
  }

  let current: MainWindowHandle | null = null;
  const showWindow = (): void => {
    if (current) {
      if (current.isMinimized()) current.restore();
      current.show();
      current.focus();
      return;
    }
    const opened = openWindow();
    current = opened;
    opened.on('closed', () => {
      if (current === opened) current = null;
    });
  };

  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  app.on('window-all-closed', () => app.quit());

  const ready = app.whenReady().then(() => {
    showWindow();
  });
  return { primary: true, ready };
}
