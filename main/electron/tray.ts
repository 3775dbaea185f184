/**
 * The tray icon: turns a TrayView (main/core/views/trayView.ts) into Electron calls. Idempotent, so it can
 * be given a fresh view after every poll and on resume or online events: the image changes only with
 * the state, and the menu is rebuilt only when its content changed (rebuilding closes an open menu).
 * Electron's Tray, Menu and nativeImage come in as parameters so tests can pass fakes.
 */
import type { TrayState } from '../core/appModel.js';
import type { TrayAction, TrayMenuItem, TrayView } from '../core/views/trayView.js';
import { loadTrayIcons, type NativeImageLoader, type TrayIconImage } from './trayIcons.js';

/** The subset of Electron's MenuItemConstructorOptions the tray menu uses. */
export interface TrayMenuTemplateItem {
  id?: string;
  type?: 'normal' | 'separator' | 'submenu';
  label?: string;
  enabled?: boolean;
  submenu?: TrayMenuTemplateItem[];
  click?: () => void;
}

/** The parts of an Electron Tray used here. */
export interface TrayHandle<Image, ContextMenu> {
  setImage(image: Image): void;
  setToolTip(toolTip: string): void;
  setTitle(title: string): void;
  setContextMenu(menu: ContextMenu | null): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

/** What the controller needs from Electron: pass `{ Tray, Menu, nativeImage }`. */
export interface TrayElectron<Image extends TrayIconImage, ContextMenu> {
  Tray: new (image: Image) => TrayHandle<Image, ContextMenu>;
  Menu: { buildFromTemplate(template: TrayMenuTemplateItem[]): ContextMenu };
  nativeImage: NativeImageLoader<Image>;
}

export interface TrayControllerOptions {
  /** resources/tray/ in the repo, or beside app.asar once packaged. */
  iconsDir: string;
  platform: NodeJS.Platform;
  /** Called with the action of a clicked menu item, and `{ type: 'open' }` for a click on the icon. */
  onAction: (action: TrayAction) => void;
}

export interface TrayController {
  render(view: TrayView): void;
  destroy(): void;
}

/**
 * Whether a click on the icon itself opens the window. Windows: yes (right click shows the menu).
 * macOS: the attached menu opens on click, and Electron would emit `click` at the same time, so the
 * window would jump up under the menu; its first item opens the window instead. Linux app indicators
 * deliver no clicks at all; the menu is the way in.
 */
export function clickOpensWindow(platform: NodeJS.Platform): boolean {
  return platform === 'win32';
}

/** Electron reads a single `&` as a keyboard mnemonic and hides it; `&&` shows one. */
export function escapeMenuLabel(label: string): string {
  return label.replace(/&/g, '&&');
}

export function menuTemplateOf(menu: readonly TrayMenuItem[], onAction: (action: TrayAction) => void): TrayMenuTemplateItem[] {
  return menu.map((item): TrayMenuTemplateItem => {
    switch (item.type) {
      case 'separator':
        return { type: 'separator' };
      case 'submenu':
        return { id: item.id, type: 'submenu', label: escapeMenuLabel(item.label), submenu: menuTemplateOf(item.items, onAction) };
      case 'item': {
        const { action } = item;
        return {
          id: item.id,
          type: 'normal',
          label: escapeMenuLabel(item.label),
          enabled: item.enabled,
          ...(action ? { click: () => onAction(action) } : {}),
        };
      }
    }
  });
}

export function createTrayController<Image extends TrayIconImage, ContextMenu>(
  electron: TrayElectron<Image, ContextMenu>,
  options: TrayControllerOptions,
): TrayController {
  const icons = loadTrayIcons(electron.nativeImage, options.iconsDir, options.platform);
  let tray: TrayHandle<Image, ContextMenu> | null = null;
  let destroyed = false;
  let shown: { state: TrayState; tooltip: string; title: string; menuKey: string } | null = null;

  return {
    render(view) {
      if (destroyed) return;
      const menuKey = JSON.stringify(view.menu);
      if (!tray) {
        // Created on the first view, so the icon never shows a state the app is not in.
        tray = new electron.Tray(icons[view.state]);
        if (clickOpensWindow(options.platform)) tray.on('click', () => options.onAction({ type: 'open' }));
      } else if (shown && shown.state !== view.state) {
        tray.setImage(icons[view.state]);
      }
      if (shown?.tooltip !== view.tooltip) tray.setToolTip(view.tooltip);
      if (options.platform === 'darwin' && (shown?.title ?? '') !== view.title) tray.setTitle(view.title);
      if (shown?.menuKey !== menuKey) {
        // Always a menu, from the first render: Linux app indicators show nothing usable without one.
        tray.setContextMenu(electron.Menu.buildFromTemplate(menuTemplateOf(view.menu, options.onAction)));
      }
      shown = { state: view.state, tooltip: view.tooltip, title: view.title, menuKey };
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      tray?.destroy();
      tray = null;
    },
  };
}
