// The Electron entry (package.json "main" once built: dist/main/index.js). Thin on purpose:
// it wires Electron's objects into main/electron/, where the behaviour lives and is tested.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow } from 'electron';
import { startAppLifecycle } from './electron/appLifecycle.js';
import { createMainWindow } from './electron/window.js';

// This file is bundled to dist/main/index.js, so dist/ is one level up, in the repo or in app.asar.
const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// resources/ is shipped beside app.asar (electron-builder extraResources); in development it is the repo's.
const resourcesDir = app.isPackaged ? process.resourcesPath : path.join(distDir, '..', 'resources');

startAppLifecycle(app, () =>
  createMainWindow(BrowserWindow, {
    preload: path.join(distDir, 'preload', 'index.cjs'),
    page: path.join(distDir, 'renderer', 'index.html'),
    icon: path.join(resourcesDir, 'icon.png'),
  }),
);
