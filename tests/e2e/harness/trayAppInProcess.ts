/**
 * The whole app core (main/electron/trayApp.ts: settings, encrypted key, client, monitor, tray,
 * notifications, IPC) running in the Playwright test process on the fake Electron objects of
 * tests/helpers/fakeElectron.ts, wired to one Chromium page: the page's `window.lobstr` is the real
 * preload, its requests reach the real IPC handlers (validation and sender check included), and what
 * the app sends its window is delivered to the page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import type { TrayAppHandle } from '../../../main/electron/trayApp.js';
import type { InvokeChannel, IpcResult } from '../../../main/shared/ipcContract.js';
import { createFakeElectron, FakeBrowserWindow, type FakeElectron } from '../../helpers/fakeElectron.js';
import { PERMISSION_BINDING, permissionsInitScript } from './permissionsInPage.js';
import type { FakeSafeStorageOptions } from '../../helpers/fakeElectron/safeStorage.js';
import { INVOKE_BINDING, PUSH_FUNCTION, preloadInitScript } from './preloadInPage.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const distDir = path.join(repoRoot, 'dist');
/** The page the app's IPC sender check accepts (the packaged window's own file). */
const appPage = pathToFileURL(path.join(distDir, 'renderer', 'index.html')).href;

export interface TrayAppInPage {
  app: TrayAppHandle<FakeBrowserWindow>;
  electron: FakeElectron;
  /** The temporary folder holding userData/ and logs/. */
  root: string;
  /** The app's log file (lobstr-tray.log). */
  logFile: string;
  /** A request as the window's preload makes it, answered by the app's real handlers. */
  ipc<T = unknown>(channel: InvokeChannel, ...args: unknown[]): Promise<IpcResult<T>>;
  /** Stops the app and removes its folders. */
  close(): Promise<void>;
}

type PushTarget = typeof globalThis & Record<string, ((channel: string, payload: unknown) => void) | undefined>;

/** Delivers one push to the page; a page that is navigating or closed simply misses it, as a window would. */
function deliver(page: Page, channel: string, payload: unknown): void {
  void page
    .evaluate(
      ([fn, c, p]) => {
        (globalThis as PushTarget)[fn as string]?.(c as string, p);
      },
      [PUSH_FUNCTION, channel, payload] as const,
    )
    .catch(() => {});
}

/**
 * Starts the app for `page` (before the page is opened): the preload script and the IPC binding
 * are installed on the page, the app is started with a fresh user-data folder and waited for.
 */
export async function startTrayAppInPage(page: Page, options: { safeStorage?: FakeSafeStorageOptions } = {}): Promise<TrayAppInPage> {
  // electron-store imports `electron` at its top; with this set it gets a path string instead of a
  // download attempt, and works with the absolute folder the settings adapter gives it (toolchain.md §2).
  process.env.ELECTRON_OVERRIDE_DIST_PATH ??= '/nonexistent-electron';
  const { startTrayApp } = await import('../../../main/electron/trayApp.js');

  const root = mkdtempSync(path.join(tmpdir(), 'lobstr-e2e-'));
  const electron = createFakeElectron({ userData: path.join(root, 'userData'), logs: path.join(root, 'logs') }, () => appPage, {}, options);

  // Every window the app opens forwards what it is sent to the page (one page stands for the window).
  electron.objects.BrowserWindow = class PageWindow extends FakeBrowserWindow {
    constructor(...args: ConstructorParameters<typeof FakeBrowserWindow>) {
      super(...args);
      const record = this.webContents.send.bind(this.webContents);
      this.webContents.send = (channel: string, payload: unknown) => {
        record(channel, payload);
        deliver(page, channel, payload);
      };
    }
  };

  await page.exposeBinding(INVOKE_BINDING, (_source, channel: string, ...args: unknown[]) =>
    electron.ipcMain.invoke(channel, ...args),
  );
  await page.addInitScript({ content: preloadInitScript(distDir) });
  // The page stands for the app's window: its permission requests go to that window's handler.
  await page.exposeBinding(PERMISSION_BINDING, (_source, permission: string) =>
    electron.windows.at(-1)?.webContents.pageRequestsPermission(permission) ?? false,
  );
  await page.addInitScript({ content: permissionsInitScript() });

  const app = startTrayApp(electron.objects, {
    distDir,
    resourcesDir: path.join(repoRoot, 'resources'),
    argv: [],
    platform: 'linux',
    // Launch at login writes its autostart entry in the test's folder, never the real home.
    env: { XDG_CONFIG_HOME: path.join(root, 'config') },
  });
  await app.ready;

  let closed = false;
  return {
    app,
    electron,
    root,
    logFile: path.join(root, 'logs', 'lobstr-tray.log'),
    ipc: <T>(channel: InvokeChannel, ...args: unknown[]) => electron.ipcMain.invoke<T>(channel, ...args),
    async close() {
      if (closed) return;
      closed = true;
      await app.shutdown();
      // The app's log catches unhandled errors for the process; here that process is the test runner's.
      electron.objects.log.errorHandler.stopCatching();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
