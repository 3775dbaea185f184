// The Electron entry (package.json "main" once built: dist/main/index.js). Thin on purpose: it
// hands Electron's objects to main/electron/trayApp.ts, where the app is assembled and tested.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BaseWindow,
  BrowserWindow,
  clipboard,
  Menu,
  nativeImage,
  net,
  Notification,
  ipcMain,
  powerMonitor,
  safeStorage,
  session,
  shell,
  Tray,
  WebContentsView,
} from 'electron';
import type { NativeImage } from 'electron';
import log from 'electron-log/main';
import { probeElectron } from './electron/e2eProbe.js';
import { startTrayApp } from './electron/trayApp.js';

// This file is bundled to dist/main/index.js, so dist/ is one level up, in the repo or in app.asar.
const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// resources/ is shipped beside app.asar (electron-builder extraResources); in development it is the repo's.
const resourcesDir = app.isPackaged ? process.resourcesPath : path.join(distDir, '..', 'resources');

// A separate profile for the end-to-end test (and for trying things without touching your own).
if (process.env.LOBSTR_TRAY_USER_DATA) app.setPath('userData', path.resolve(process.env.LOBSTR_TRAY_USER_DATA));

// The end-to-end test reads Electron's own Tray and Notification objects the app created; only
// under that test are the classes wrapped to record them (main/electron/e2eProbe.ts).
const e2e = process.env.LOBSTR_TRAY_E2E === '1' ? probeElectron<NativeImage, Menu, { Tray: typeof Tray; Notification: typeof Notification }>({ Tray, Notification }) : null;

const trayApp = startTrayApp<BrowserWindow, NativeImage, Menu>(
  {
    app,
    BrowserWindow,
    Tray,
    Menu,
    nativeImage,
    Notification,
    ipcMain,
    safeStorage,
    shell,
    clipboard,
    powerMonitor,
    net,
    log,
    loginWindow: { BaseWindow, WebContentsView, session, chromeVersion: process.versions.chrome },
    ...e2e?.targets,
  },
  { distDir, resourcesDir, argv: process.argv },
);

if (e2e) {
  (globalThis as { lobstrTrayE2E?: unknown }).lobstrTrayE2E = {
    probe: e2e.probe,
    trayState: () => trayApp.trayView()?.state ?? null,
    tooltip: () => trayApp.trayView()?.tooltip ?? null,
    refresh: () => trayApp.refreshNow(),
  };
}
