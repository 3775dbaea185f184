// Runs before the page, sandboxed: it may import only 'electron' (and is bundled to CommonJS).
import { contextBridge } from 'electron';
import type { LobstrBridge } from './lobstrBridge.js';

const bridge: LobstrBridge = Object.freeze({
  version: __LOBSTR_TRAY_VERSION__,
  platform: process.platform,
});

contextBridge.exposeInMainWorld('lobstr', bridge);
