/**
 * The application menu. An app that sets none gets Electron's default one (File, Edit, View with
 * Reload and Toggle Developer Tools, Window, Help), which Windows and Linux show on top of every
 * window (Menu.setApplicationMenu: "The default menu will be created automatically if the app does
 * not set one"). A tray app's window needs none of it: there, no menu at all. On macOS the menu bar
 * is always there, and its Edit roles are what make Cmd+C, Cmd+V and Cmd+A work in text fields (the
 * key field): a minimal menu of roles, so Electron supplies the labels, shortcuts and behaviour.
 * Electron's Menu comes in as a parameter so tests can pass a fake.
 */
import type { MenuItemConstructorOptions } from 'electron';

/** A menu item made of Electron's roles only (no click handlers of ours). */
export interface AppMenuItem {
  label?: string;
  type?: 'separator';
  role?: MenuItemConstructorOptions['role'];
  submenu?: AppMenuItem[];
}

/** The parts of Electron's Menu used here. */
export interface ApplicationMenuApi<M> {
  buildFromTemplate(template: AppMenuItem[]): M;
  setApplicationMenu(menu: M | null): void;
}

const separator: AppMenuItem = { type: 'separator' };

/** macOS's menu bar: the app menu (About, Hide, Quit), Edit, and Window. */
export function macAppMenuTemplate(appName: string): AppMenuItem[] {
  return [
    {
      label: appName,
      submenu: [{ role: 'about' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }],
    },
    {
      label: 'Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, separator, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    // Cmd+W closes (hides) the window and Cmd+M minimizes it, as in any Mac app.
    { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'close' }] },
  ];
}

/** Sets the app's menu; call once Electron is ready, before the window opens. */
export function applyAppMenu<M>(Menu: ApplicationMenuApi<M>, platform: NodeJS.Platform, appName: string): void {
  // null also removes the menu bar from the windows of Windows and Linux.
  Menu.setApplicationMenu(platform === 'darwin' ? Menu.buildFromTemplate(macAppMenuTemplate(appName)) : null);
}
