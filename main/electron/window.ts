import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The app window, locked down: the page runs sandboxed and isolated, reaches the main process only
 * through the preload's small API, and can neither navigate away nor open other windows.
 * Electron's classes come in as parameters so tests can pass fakes instead of starting Electron.
 */

/** The parts of a BrowserWindow this module and the app lifecycle use. */
export interface MainWindowHandle {
  loadFile(filePath: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  show(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  webContents: {
    on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
    session: {
      setPermissionRequestHandler(
        handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
      ): void;
    };
  };
}

export type MainWindowClass = new (options: BrowserWindowConstructorOptions) => MainWindowHandle;

export interface MainWindowFiles {
  /** The built preload, dist/preload/index.cjs (CommonJS, as a sandboxed preload must be). */
  preload: string;
  /** The built page, dist/renderer/index.html. */
  page: string;
  /** The window icon (Linux and Windows show it; macOS uses the bundle's). */
  icon?: string;
}

export const MAIN_WINDOW_TITLE = 'Lobstr Tray';

export function mainWindowOptions(files: MainWindowFiles): BrowserWindowConstructorOptions {
  return {
    title: MAIN_WINDOW_TITLE,
    width: 960,
    height: 640,
    minWidth: 480,
    minHeight: 360,
    // Shown once painted, so the user never sees an empty white frame.
    show: false,
    ...(files.icon === undefined ? {} : { icon: files.icon }),
    webPreferences: {
      preload: files.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    },
  };
}

export function createMainWindow(
  WindowClass: MainWindowClass,
  files: MainWindowFiles,
  reportLoadFailure: (error: unknown) => void = (error) => console.error('Lobstr Tray: the window failed to load:', error),
): MainWindowHandle {
  const window = new WindowClass(mainWindowOptions(files));
  const contents = window.webContents;

  // The page is a single local file: any navigation means something tried to take the window elsewhere.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // The UI needs no camera, microphone, geolocation or web notifications (the main process notifies).
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  window.once('ready-to-show', () => window.show());
  window.loadFile(files.page).catch(reportLoadFailure);
  return window;
}
