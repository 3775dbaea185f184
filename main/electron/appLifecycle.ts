import { showWindow as bringForward, type DockHandle, type MainWindowHandle } from './window.js';

/**
 * The life of a tray app: one running instance (starting it again brings its window forward), a
 * window when ready unless the user asked to start hidden, and no quitting when the window goes:
 * the app keeps watching from the tray until the user quits. `before-quit` marks the quit, so the
 * window knows that this time closing means closing.
 * Electron's `app` comes in as a parameter so tests can pass a fake.
 */

/** The parts of Electron's `app` used here. */
export interface AppHandle {
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<unknown>;
  quit(): void;
  on(event: 'second-instance' | 'window-all-closed' | 'activate' | 'before-quit', listener: () => void): unknown;
  /** macOS only. */
  readonly dock?: DockHandle | undefined;
}

/** What the window needs to know from the lifecycle (pass it on to createMainWindow). */
export interface WindowContext {
  isQuitting(): boolean;
}

export interface AppLifecycleOptions {
  /** Read once, when the app is ready: true opens no window (the tray opens it later). */
  startHidden?: () => boolean;
}

export interface AppLifecycle<W extends MainWindowHandle = MainWindowHandle> {
  /** True when this process holds the single-instance lock and runs the app. */
  readonly primary: boolean;
  /** Resolves once the app is ready and the first window, if any, has been opened (at once when another instance runs). */
  readonly ready: Promise<void>;
  /**
   * Opens the window, or brings the existing one forward (tray click, "Open Lobstr Tray", a
   * notification). Before the app is ready it is remembered and done once ready. Returns the
   * window, or null when there is none yet (not ready, or not the primary instance).
   */
  showWindow(): W | null;
  /** The window if one exists (visible or hidden), e.g. to send it a message. */
  currentWindow(): W | null;
  /** True once the app has started quitting. */
  isQuitting(): boolean;
}

export function startAppLifecycle<W extends MainWindowHandle>(
  app: AppHandle,
  openWindow: (context: WindowContext) => W,
  options: AppLifecycleOptions = {},
): AppLifecycle<W> {
  let quitting = false;
  const isQuitting = (): boolean => quitting;

  if (!app.requestSingleInstanceLock()) {
    // Another Lobstr Tray is running; it receives 'second-instance' and shows its window.
    quitting = true;
    app.quit();
    return { primary: false, ready: Promise.resolve(), showWindow: () => null, currentWindow: () => null, isQuitting };
  }

  let isReady = false;
  let showWhenReady = false;
  let current: W | null = null;

  const showWindow = (): W | null => {
    if (!isReady) {
      // Electron cannot create a window before it is ready: do it then.
      showWhenReady = true;
      return null;
    }
    if (current) {
      bringForward(current);
      return current;
    }
    const opened = openWindow({ isQuitting });
    current = opened;
    opened.on('closed', () => {
      if (current === opened) current = null;
    });
    return opened;
  };

  app.on('second-instance', () => void showWindow());
  app.on('activate', () => void showWindow());
  // A tray app keeps running with no window. (Without a listener, Electron would quit here.)
  app.on('window-all-closed', () => {});
  app.on('before-quit', () => {
    quitting = true;
  });

  const ready = app.whenReady().then(() => {
    isReady = true;
    const hidden = options.startHidden?.() === true;
    if (hidden && !showWhenReady) {
      app.dock?.hide();
      return;
    }
    showWindow();
  });
  return { primary: true, ready, showWindow, currentWindow: () => current, isQuitting };
}
