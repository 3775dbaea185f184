/** The tray icon, its images and its context menu, recording what the user would see and every call made. */
import path from 'node:path';
import type { TrayElectron, TrayHandle, TrayMenuTemplateItem } from '../../../main/electron/tray.js';
import type { TrayIconImage } from '../../../main/electron/trayIcons.js';
import { decodePng, firstNonBlackPixel, type RgbaImage } from '../pngImage.js';
import { Emitter } from './emitter.js';

/**
 * A NativeImage read from a real file. As Electron's nativeImage docs say ("Template Image"): a file
 * whose name ends with `Template` (before `@2x`) is a template image from the start, and a template
 * image is black and clear only, because macOS draws it as a silhouette in the menu bar's own colour;
 * so marking a coloured image as a template throws here (the user would see a blob). A missing or
 * unreadable file gives an empty image, as `createFromPath` does.
 */
export class FakeImage implements TrayIconImage {
  template: boolean;
  private readonly image: RgbaImage | undefined;
  constructor(readonly file: string) {
    this.image = readPng(file);
    this.template = /Template(@[\d.]+x)?\.png$/.test(path.basename(file));
    if (this.template) this.checkTemplate();
  }
  isEmpty(): boolean {
    return this.image === undefined;
  }
  setTemplateImage(option: boolean): void {
    this.template = option;
    if (option) this.checkTemplate();
  }
  private checkTemplate(): void {
    const coloured = this.image && firstNonBlackPixel(this.image);
    if (coloured) throw new Error(`${this.file} is marked as a macOS template image but is not black and alpha only (${coloured})`);
  }
}

function readPng(file: string): RgbaImage | undefined {
  try {
    return decodePng(file);
  } catch {
    return undefined;
  }
}

/** A label as Electron displays it: `&&` shows one `&`, a lone `&` marks a mnemonic and is hidden. */
function displayed(label: string | undefined): string {
  return (label ?? '').replace(/&(&?)/g, '$1');
}

export class FakeMenu {
  constructor(readonly template: TrayMenuTemplateItem[]) {}
  /** The labels as given, submenus indented by two spaces; separators as "---". */
  labels(items: TrayMenuTemplateItem[] = this.template, indent = ''): string[] {
    return items.flatMap((item) => {
      if (item.type === 'separator') return [`${indent}---`];
      const own = `${indent}${item.label ?? ''}${item.enabled === false ? ' (disabled)' : ''}`;
      return item.submenu ? [own, ...this.labels(item.submenu, `${indent}  `)] : [own];
    });
  }
  /** Clicks the item with this label (searching submenus too); false when there is none. */
  click(label: string, items: TrayMenuTemplateItem[] = this.template): boolean {
    for (const item of items) {
      if (item.label === label && item.click) {
        item.click();
        return true;
      }
      if (item.submenu && this.click(label, item.submenu)) return true;
    }
    return false;
  }
  /** The menu as displayed: a submenu as { label: items }, a disabled item as "(label)". */
  shown(items: TrayMenuTemplateItem[] = this.template): unknown[] {
    return items.map((i) => {
      if (i.type === 'separator') return '---';
      // An item with a role and no label shows the role's own label; the role's name stands for it here.
      const label = displayed(i.label ?? (i as { role?: string }).role);
      if (i.submenu) return { [label]: this.shown(i.submenu) };
      return i.enabled === false ? `(${label})` : label;
    });
  }
  /** Clicks an item by its displayed label path, e.g. choose('Pause notifications', 'For 1 hour'); throws when the user could not. */
  choose(...labelPath: string[]): void {
    let items = this.template;
    let found: TrayMenuTemplateItem | undefined;
    for (const label of labelPath) {
      found = items.find((i) => displayed(i.label) === label);
      if (!found) throw new Error(`no menu item "${label}" in ${JSON.stringify(this.shown(items))}`);
      items = found.submenu ?? [];
    }
    if (found?.enabled === false) throw new Error(`"${labelPath.join(' › ')}" is disabled`);
    if (!found?.click) throw new Error(`"${labelPath.join(' › ')}" does nothing when clicked`);
    found.click();
  }
}

export class FakeTray extends Emitter implements TrayHandle<FakeImage, FakeMenu> {
  /** Every setter called, in order: how a test tells that an unchanged view cost nothing. */
  readonly calls: string[] = [];
  tooltip = '';
  title = '';
  menu: FakeMenu | null = null;
  destroyed = false;
  constructor(public image: FakeImage) {
    super();
  }
  setImage(image: FakeImage): void {
    this.calls.push('setImage');
    this.image = image;
  }
  setToolTip(text: string): void {
    this.calls.push('setToolTip');
    this.tooltip = text;
  }
  setTitle(text: string): void {
    this.calls.push('setTitle');
    this.title = text;
  }
  setContextMenu(menu: FakeMenu | null): void {
    this.calls.push('setContextMenu');
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** The icon file name: how a test tells the states apart. */
  get icon(): string {
    return path.basename(this.image.file);
  }
  /** The context menu as displayed (empty without one). */
  shownMenu(): unknown[] {
    return this.menu?.shown() ?? [];
  }
  /** Picks an item of the context menu by its displayed label path. */
  choose(...labelPath: string[]): void {
    (this.menu ?? new FakeMenu([])).choose(...labelPath);
  }
  /** The user clicks the icon itself. */
  clickIcon(): void {
    this.emit('click');
  }
}

/** Tray, Menu and nativeImage as the tray adapter takes them, with every tray created kept in `trays`. */
export function fakeTrayElectron(): TrayElectron<FakeImage, FakeMenu> & { Tray: new (image: FakeImage) => FakeTray; trays: FakeTray[] } {
  const trays: FakeTray[] = [];
  return {
    trays,
    Tray: class extends FakeTray {
      constructor(image: FakeImage) {
        super(image);
        trays.push(this);
      }
    },
    Menu: { buildFromTemplate: (template) => new FakeMenu(template) },
    nativeImage: { createFromPath: (file) => new FakeImage(file) },
  };
}
