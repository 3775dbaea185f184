/**
 * The tray icon files of each state (drawn by scripts/draw-tray-icons.js into resources/tray/) and
 * their loading through Electron's nativeImage, which comes in as a parameter so tests can pass a fake.
 * Each file has an `@2x` sibling that nativeImage picks up by itself on high-density screens.
 */
import path from 'node:path';
import type { TrayState } from '../core/appModel.js';

export const TRAY_STATES: readonly TrayState[] = ['ok', 'alert', 'error', 'offline', 'setup'];

/** The parts of a NativeImage used here. */
export interface TrayIconImage {
  isEmpty(): boolean;
  setTemplateImage(option: boolean): void;
}

/** The part of Electron's `nativeImage` module used here. */
export interface NativeImageLoader<Image extends TrayIconImage> {
  createFromPath(path: string): Image;
}

export interface TrayIconFile {
  /** File name inside the icons folder, at 1x. */
  name: string;
  /** Its `@2x` sibling. */
  hiDpiName: string;
  /** Width and height of the 1x file in pixels; the `@2x` file is twice that. */
  size: number;
  /** A macOS template image: black and alpha only, tinted by the menu bar to suit light or dark. */
  template: boolean;
}

/**
 * macOS: template images (black and alpha, tinted by the menu bar to suit light or dark, like the
 * system's own icons) for every state but alert, which keeps its red and its dot to stand out.
 * Electron's nativeImage docs ("Template Image"): a file name ending in `Template` (`xxxTemplate.png`,
 * `xxxTemplate@2x.png`) makes a template image; `setTemplateImage(true)` says so again explicitly.
 * Linux panels are 22 px high; Windows and the rest use 16 px.
 */
export function trayIconFile(state: TrayState, platform: NodeJS.Platform): TrayIconFile {
  const template = platform === 'darwin' && state !== 'alert';
  const linux = platform === 'linux';
  const base = template ? `${state}Template` : linux ? `linux-${state}` : state;
  return { name: `${base}.png`, hiDpiName: `${base}@2x.png`, size: linux ? 22 : 16, template };
}

/** Loads the five state images once, so switching state is only a `setImage`. */
export function loadTrayIcons<Image extends TrayIconImage>(
  nativeImage: NativeImageLoader<Image>,
  iconsDir: string,
  platform: NodeJS.Platform,
): Record<TrayState, Image> {
  const load = (state: TrayState): Image => {
    const file = trayIconFile(state, platform);
    const filePath = path.join(iconsDir, file.name);
    const image = nativeImage.createFromPath(filePath);
    // An empty image makes an invisible tray icon: better to say which file is missing.
    if (image.isEmpty()) throw new Error(`Lobstr Tray: the tray icon ${filePath} is missing or unreadable`);
    if (file.template) image.setTemplateImage(true);
    return image;
  };
  return { ok: load('ok'), alert: load('alert'), error: load('error'), offline: load('offline'), setup: load('setup') };
}
