// The Electron entry (package.json "main" once built: dist/main/index.js). Thin on purpose: it
// hands Electron's objects to main/electron/trayApp.ts, where the app is assembled and tested.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  clipboard,
  Menu,
  nativeImage,
  net,
  Notification,
  ipcMain,
  powerMonitor,
  safeStorage,
  shell,
  Tray,
} from 'electron';
import type { NativeImage } from 'electron';
import log from 'electron-log/main';
import { startTrayApp } from './electron/trayApp.js';

// This file is bundled to dist/main/index.js, so dist/ is one level up, in the repo or in app.asar.
const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// resources/ is shipped beside app.asar (electron-builder extraResources); in development it is the repo's.
const resourcesDir = app.isPackaged ? process.resourcesPath : path.join(distDir, '..', 'resources');

// A separate profile for the end-to-end test (and for trying things without touching your own).
if (process.env.LOBSTR_TRAY_USER_DATA) app.setPath('userData', path.resolve(process.env.LOBSTR_TRAY_USER_DATA));

const trayApp = startTrayApp<BrowserWindow, NativeImage, Menu>(
  { app, BrowserWindow, Tray, Menu, nativeImage, Notification, ipcMain, safeStorage, shell, clipboard, powerMonitor, net, log },
  { distDir, resourcesDir, argv: process.argv },
);

// The end-to-end test reads what the user would see through the main process.
if (process.env.LOBSTR_TRAY_E2E === '1') {
  (globalThis as { lobstrTrayE2E?: unknown }).lobstrTrayE2E = {
    trayState: () => trayApp.trayView()?.state ?? null,
    tooltip: () => trayApp.trayView()?.tooltip ?? null,
    notifications: () => trayApp.shownNotifications.map((n) => ({ kind: n.kind, title: n.title, body: n.body })),
    refresh: () => trayApp.refreshNow(),
  };
}
