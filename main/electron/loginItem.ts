/**
 * Launch at login. macOS and Windows have an OS list of login items, reached through Electron's
 * `app.setLoginItemSettings`; Linux desktops start what is in the XDG autostart folder, so there the
 * app writes (and removes) its own desktop entry. `app`, the platform, the environment and the
 * paths come in as parameters so tests can run every platform's branch with fakes.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Settings } from '../core/appModel.js';

/** Given on the command line when the app should start in the tray without opening its window. */
export const HIDDEN_ARG = '--hidden';
export const AUTOSTART_FILE_NAME = 'lobstr-tray.desktop';

/** The parts of Electron's `app` used here (macOS and Windows). */
export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean; path?: string; args?: string[] }): void;
  getLoginItemSettings(options?: { path?: string; args?: string[] }): { openAtLogin: boolean };
}

export interface LoginItemOptions {
  app: LoginItemApp;
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  /** process.execPath unless a test says otherwise. */
  execPath?: string;
  /** os.homedir() unless a test says otherwise. */
  homeDir?: string;
  /**
   * Arguments the app itself needs before its own options; in development that is the app folder,
   * since execPath is then the bare Electron binary. Empty for a packaged app.
   */
  launchArgs?: string[];
  /** The name shown in the desktop's list of startup applications. */
  appName?: string;
}

export type LoginItemChoice = Pick<Settings, 'launchAtLogin' | 'startHidden'>;

/** Launch at login could not be changed; the message says what to do, for the Settings page. */
export class LoginItemError extends Error {
  override readonly name = 'LoginItemError';
}

/** True when this run should stay in the tray without opening the window. */
export function startsHidden(argv: readonly string[], settings: Pick<Settings, 'startHidden'>): boolean {
  return settings.startHidden || argv.includes(HIDDEN_ARG);
}

/**
 * Makes the OS start the app at login, or stop doing so, as `choice` says. Rejects with a message a
 * person can act on when the Linux autostart entry cannot be written or removed.
 */
export async function applyLoginItem(choice: LoginItemChoice, options: LoginItemOptions): Promise<void> {
  const platform = options.platform ?? process.platform;
  const args = launchArguments(choice, options);

  if (platform === 'darwin') {
    // macOS has no "open hidden" any more (SMAppService); startsHidden() covers it from the settings.
    options.app.setLoginItemSettings({ openAtLogin: choice.launchAtLogin });
    return;
  }
  if (platform === 'win32') {
    options.app.setLoginItemSettings({ openAtLogin: choice.launchAtLogin, path: windowsExecutable(options), args });
    return;
  }

  const file = autostartFilePath(options.env ?? process.env, options.homeDir ?? os.homedir());
  if (!choice.launchAtLogin) {
    try {
      await fs.unlink(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new LoginItemError(`Lobstr Tray could not stop launching at login: ${file} could not be removed (${reason(error)}).`);
      }
    }
    return;
  }
  const entry = autostartEntry({
    executable: linuxExecutable(options),
    args,
    appName: options.appName ?? 'Lobstr Tray',
  });
  try {
    await writeAtomically(file, entry);
  } catch (error) {
    throw new LoginItemError(`Lobstr Tray could not set itself to launch at login: ${file} could not be written (${reason(error)}).`);
  }
}

/**
 * Applies `choice`, then reads back what the OS does now: the OS may not take it (macOS waiting for
 * the user's approval, a Windows policy or Task Manager's switch). Rejects with LoginItemError, its
 * message saying where to look, when the OS does not do what was asked.
 */
export async function changeLoginItem(choice: LoginItemChoice, options: LoginItemOptions): Promise<void> {
  await applyLoginItem(choice, options);
  if ((await isLoginItemEnabled(choice, options)) === choice.launchAtLogin) return;
  const platform = options.platform ?? process.platform;
  const where =
    platform === 'darwin'
      ? 'System Settings › General › Login Items'
      : platform === 'win32'
        ? 'Settings › Apps › Startup (or Task Manager › Startup apps)'
        : "your desktop's startup applications";
  throw new LoginItemError(
    choice.launchAtLogin
      ? `The system did not add Lobstr Tray to the apps that start at login; it may need your approval in ${where}.`
      : `The system still starts Lobstr Tray at login; remove it in ${where}.`,
  );
}

/** Whether the OS will start the app at login now (the settings may say otherwise if the user changed it there). */
export async function isLoginItemEnabled(choice: Pick<Settings, 'startHidden'>, options: LoginItemOptions): Promise<boolean> {
  const platform = options.platform ?? process.platform;
  if (platform === 'darwin') return options.app.getLoginItemSettings().openAtLogin;
  if (platform === 'win32') {
    // Windows matches the entry by path and arguments: ask with the ones it was registered with.
    return options.app.getLoginItemSettings({
      path: windowsExecutable(options),
      args: launchArguments({ ...choice, launchAtLogin: true }, options),
    }).openAtLogin;
  }
  let content: string;
  try {
    content = await fs.readFile(autostartFilePath(options.env ?? process.env, options.homeDir ?? os.homedir()), 'utf8');
  } catch {
    return false;
  }
  // A desktop's startup-applications panel turns an entry off in place rather than deleting it.
  return !/^Hidden\s*=\s*true\s*$/m.test(content) && !/^X-GNOME-Autostart-enabled\s*=\s*false\s*$/m.test(content);
}

/** $XDG_CONFIG_HOME/autostart/lobstr-tray.desktop; the spec says to ignore a relative XDG_CONFIG_HOME. */
export function autostartFilePath(env: NodeJS.ProcessEnv, homeDir: string): string {
  const configured = env.XDG_CONFIG_HOME;
  const configHome = configured !== undefined && path.isAbsolute(configured) ? configured : path.join(homeDir, '.config');
  return path.join(configHome, 'autostart', AUTOSTART_FILE_NAME);
}

/** The desktop entry that starts the app at login (freedesktop Desktop Entry and Autostart specs). */
export function autostartEntry(entry: { executable: string; args: readonly string[]; appName: string }): string {
  const exec = [entry.executable, ...entry.args].map(execArgument).join(' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${entry.appName.replace(/[\r\n]/g, ' ')}`,
    'Comment=Warns you when a Lobstr.io account needs cookie re-sync',
    `Exec=${exec}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Characters that oblige an Exec argument to be quoted (Desktop Entry spec, "The Exec key"). */
const RESERVED = /[\s"'\\><~|&;$*?#()`]/;

function execArgument(argument: string): string {
  if (/[\0-\x1f\x7f]/.test(argument)) {
    throw new Error('The app path contains a control character, which a desktop entry cannot hold.');
  }
  // "%" starts a field code; a literal one is written twice.
  const literal = argument.replace(/%/g, '%%');
  if (literal !== '' && !RESERVED.test(literal)) return literal;
  // Inside quotes, " ` $ \ take a backslash; then the string-value rule doubles every backslash.
  const quoted = `"${literal.replace(/(["`$\\])/g, '\\$1')}"`;
  return quoted.replace(/\\/g, '\\\\');
}

function launchArguments(choice: LoginItemChoice, options: LoginItemOptions): string[] {
  return [...(options.launchArgs ?? []), ...(choice.startHidden ? [HIDDEN_ARG] : [])];
}

function windowsExecutable(options: LoginItemOptions): string {
  // electron-builder's portable build runs from a temporary copy; the real file is named here.
  return (options.env ?? process.env).PORTABLE_EXECUTABLE_FILE ?? options.execPath ?? process.execPath;
}

function linuxExecutable(options: LoginItemOptions): string {
  // An AppImage runs from a temporary mount; $APPIMAGE is the file the user keeps.
  return (options.env ?? process.env).APPIMAGE ?? options.execPath ?? process.execPath;
}

async function writeAtomically(file: string, content: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await fs.writeFile(temporary, content, { encoding: 'utf8', mode: 0o644, flag: 'wx' });
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
