/**
 * Electron's application menu (Menu.setApplicationMenu / getApplicationMenu), and the default one an
 * app gets when it sets none. From Menu.setApplicationMenu's docs: "The default menu will be created
 * automatically if the app does not set one. It contains standard items such as File, Edit, View, and
 * Window", and "Passing null will suppress the default menu. On Windows and Linux, this has the
 * additional effect of removing the menu bar from the window" (the window fake reads it from here).
 */
import type { TrayMenuTemplateItem } from '../../../main/electron/tray.js';
import { FakeMenu } from './tray.js';

/** A menu item that may carry a role (Electron's MenuItemConstructorOptions.role). */
export type FakeMenuItem = TrayMenuTemplateItem & { role?: string; submenu?: FakeMenuItem[] };

const separator: FakeMenuItem = { type: 'separator' };
const roles = (...names: Array<string | null>): FakeMenuItem[] => names.map((role) => (role === null ? separator : { role }));

/** Electron's default menu on Windows and Linux (lib/browser/default-menu.ts), by role. */
export const ELECTRON_DEFAULT_MENU: FakeMenuItem[] = [
  { label: 'File', submenu: roles('quit') },
  { label: 'Edit', submenu: roles('undo', 'redo', null, 'cut', 'copy', 'paste', 'delete', null, 'selectAll') },
  {
    label: 'View',
    submenu: roles('reload', 'forceReload', 'toggleDevTools', null, 'resetZoom', 'zoomIn', 'zoomOut', null, 'togglefullscreen'),
  },
  { label: 'Window', submenu: roles('minimize', 'zoom', 'close') },
  { label: 'Help', role: 'help', submenu: [] },
];

/** Every role in `items`, submenus included, in order. */
export function rolesOf(items: readonly FakeMenuItem[]): string[] {
  return items.flatMap((item) => [...(item.role ? [item.role] : []), ...rolesOf(item.submenu ?? [])]);
}

export class FakeApplicationMenu {
  private set = false;
  private menu: FakeMenu | null = null;
  /**
   * `roleActions`: what a role's item does when chosen (the role `quit` calls app.quit(), per
   * MenuItem's docs: "quit - Quit the application").
   */
  constructor(private readonly roleActions: Partial<Record<string, () => void>> = {}) {}

  setApplicationMenu(menu: FakeMenu | null): void {
    this.set = true;
    this.menu = menu;
  }
  /** The app's menu; Electron's default (built when the app is ready) while the app has set none. */
  getApplicationMenu(): FakeMenu | null {
    return this.set ? this.menu : new FakeMenu(ELECTRON_DEFAULT_MENU);
  }
  /** Every role the user can reach in the application menu. */
  roles(): string[] {
    return rolesOf(this.getApplicationMenu()?.template ?? []);
  }
  /** The user picks the application menu's item with `role` (e.g. Cmd+Q is the `quit` item's shortcut). */
  chooseRole(role: string): void {
    if (!this.roles().includes(role)) throw new Error(`no "${role}" item in the application menu (${this.roles().join(', ')})`);
    const action = this.roleActions[role];
    if (!action) throw new Error(`the fake does not play the "${role}" role`);
    action();
  }
}
