/**
 * Launch at login kept in step with the OS: the setting follows what the OS does at start (the user
 * may have removed the item in the system's settings), a change of the setting is made in the OS,
 * and a change the OS refuses puts the switch back to what the OS really does.
 */
import type { Settings } from '../core/appModel.js';
import { changeLoginItem, isLoginItemEnabled, type LoginItemOptions } from './loginItem.js';

export interface LoginItemSync {
  /** Reads the OS's state once and makes the setting follow it (before listening to changes). */
  followOsAtStart(): Promise<void>;
  /** The settings changed: a change of launch at login (or start hidden) goes to the OS. */
  settingsChanged(next: Settings, previous: Settings): void;
  /** The change in progress, until the OS has taken it; rejects when the OS refused it. */
  pending(): Promise<void>;
}

export function createLoginItemSync(
  settings: { get(): Settings; update(patch: Partial<Settings>): unknown },
  options: LoginItemOptions,
  logger: { info(message: string): void; warn(message: string): void },
): LoginItemSync {
  /** The last change of launch at login, until the OS has taken it (or refused). */
  let change: Promise<void> = Promise.resolve();
  /** True while the setting is put back to what the OS does: nothing is written then. */
  let followingOs = false;

  const follow = (truth: boolean): void => {
    followingOs = true;
    try {
      settings.update({ launchAtLogin: truth });
    } finally {
      followingOs = false;
    }
  };

  /** After a refused change, the switch shows what the OS really does. */
  async function followOs(): Promise<void> {
    const truth = await isLoginItemEnabled(settings.get(), options).catch(() => null);
    if (truth === null || truth === settings.get().launchAtLogin) return;
    follow(truth);
  }

  return {
    async followOsAtStart() {
      const atLogin = await isLoginItemEnabled(settings.get(), options).catch((e: unknown) => {
        logger.warn(`Could not read whether Lobstr Tray launches at login: ${(e as Error).message}`);
        return null;
      });
      if (atLogin !== null && atLogin !== settings.get().launchAtLogin) {
        logger.info(`Launch at login is ${atLogin ? 'on' : 'off'} in the system's settings; the setting follows`);
        follow(atLogin);
      }
    },
    settingsChanged(next, previous) {
      if (followingOs || (next.launchAtLogin === previous.launchAtLogin && next.startHidden === previous.startHidden)) return;
      change = changeLoginItem(next, options).catch(async (e: unknown) => {
        logger.warn(`Could not change launch at login: ${(e as Error).message}`);
        await followOs();
        throw e;
      });
      // Said to the window by the settings change that caused it; nobody else waits for it.
      change.catch(() => undefined);
    },
    pending: () => change,
  };
}
