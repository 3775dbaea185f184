import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AUTOSTART_FILE_NAME,
  HIDDEN_ARG,
  applyLoginItem,
  autostartEntry,
  autostartFilePath,
  changeLoginItem,
  isLoginItemEnabled,
  startsHidden,
} from '../../main/electron/loginItem.js';
import { FakeApp } from '../helpers/fakeElectron/app.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lobstr-login-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('macOS and Windows: the OS login items', () => {
  it('macOS: turns the login item on and off', async () => {
    const app = new FakeApp({ platform: 'darwin' });
    await applyLoginItem({ launchAtLogin: true, startHidden: true }, { app, platform: 'darwin' });
    await applyLoginItem({ launchAtLogin: false, startHidden: true }, { app, platform: 'darwin' });
    expect(app.loginItemCalls).toEqual([{ openAtLogin: true }, { openAtLogin: false }]);
    expect(await isLoginItemEnabled({ startHidden: true }, { app, platform: 'darwin' })).toBe(false);
  });

  it('Windows: registers the executable, with --hidden when the app should start in the tray', async () => {
    const app = new FakeApp({ platform: 'win32' });
    const options = { app, platform: 'win32' as const, execPath: 'C:\\Program Files\\Lobstr Tray\\Lobstr Tray.exe', env: {} };
    await applyLoginItem({ launchAtLogin: true, startHidden: true }, options);
    await applyLoginItem({ launchAtLogin: true, startHidden: false }, options);
    expect(app.loginItemCalls).toEqual([
      { openAtLogin: true, path: options.execPath, args: [HIDDEN_ARG] },
      { openAtLogin: true, path: options.execPath, args: [] },
    ]);
    expect(await isLoginItemEnabled({ startHidden: false }, options)).toBe(true);
  });

  it('Windows portable build: registers the file the user keeps, not the temporary copy', async () => {
    const app = new FakeApp({ platform: 'win32' });
    await applyLoginItem(
      { launchAtLogin: true, startHidden: false },
      { app, platform: 'win32', execPath: 'C:\\Temp\\x\\app.exe', env: { PORTABLE_EXECUTABLE_FILE: 'D:\\Tools\\LobstrTray.exe' } },
    );
    expect(app.loginItemCalls[0]?.path).toBe('D:\\Tools\\LobstrTray.exe');
  });
});

describe('a change, read back from the system', () => {
  it('macOS: a login item the system does not take (waiting for approval) is refused, saying where to look', async () => {
    const app = new FakeApp({ platform: 'darwin' });
    app.refuseLoginItems = true;
    await expect(changeLoginItem({ launchAtLogin: true, startHidden: false }, { app, platform: 'darwin' })).rejects.toThrow(
      /did not add Lobstr Tray .* System Settings › General › Login Items/,
    );
  });

  it('Windows: read back with the arguments it was registered with, as Windows matches them', async () => {
    const app = new FakeApp({ platform: 'win32' });
    const options = { app, platform: 'win32' as const, execPath: 'C:\\LT\\Lobstr Tray.exe', env: {} };
    await changeLoginItem({ launchAtLogin: true, startHidden: true }, options);
    expect(await isLoginItemEnabled({ startHidden: true }, options)).toBe(true);
    expect(app.getLoginItemSettings({ path: options.execPath }).openAtLogin).toBe(false);
    app.userRemovesLoginItem();
    expect(await isLoginItemEnabled({ startHidden: true }, options)).toBe(false);
  });

  it('Linux has no OS login items in Electron (macOS and Windows only): the fake refuses them', () => {
    expect(() => new FakeApp({ platform: 'linux' }).getLoginItemSettings()).toThrow(TypeError);
    expect(() => new FakeApp().setLoginItemSettings({ openAtLogin: true })).toThrow(/give a platform/);
  });
});

describe('Linux: an XDG autostart entry', () => {
  const linux = (env: NodeJS.ProcessEnv, extra: { execPath?: string; launchArgs?: string[] } = {}) => ({
    platform: 'linux' as const,
    env,
    homeDir: path.join(dir, 'home'),
    execPath: '/opt/Lobstr Tray/lobstr-tray',
    ...extra,
    app: new FakeApp({ platform: 'linux' }),
  });

  it('writes lobstr-tray.desktop under $XDG_CONFIG_HOME/autostart, starting the AppImage hidden', async () => {
    const env = { XDG_CONFIG_HOME: path.join(dir, 'config'), APPIMAGE: '/home/ana/Apps/Lobstr-Tray-0.1.0.AppImage' };
    const options = linux(env);
    await applyLoginItem({ launchAtLogin: true, startHidden: true }, options);

    const file = path.join(dir, 'config', 'autostart', AUTOSTART_FILE_NAME);
    const content = readFileSync(file, 'utf8');
    expect(content.split('\n')).toEqual([
      '[Desktop Entry]',
      'Type=Application',
      'Version=1.0',
      'Name=Lobstr Tray',
      'Comment=Warns you when a Lobstr.io account needs cookie re-sync',
      'Exec=/home/ana/Apps/Lobstr-Tray-0.1.0.AppImage --hidden',
      'Terminal=false',
      'X-GNOME-Autostart-enabled=true',
      '',
    ]);
    expect(readdirSync(path.dirname(file))).toEqual([AUTOSTART_FILE_NAME]);
    expect(await isLoginItemEnabled({ startHidden: true }, options)).toBe(true);
    expect(options.app.loginItemCalls).toEqual([]);
  });

  it('without an AppImage, starts the executable, quoting a path with spaces; no --hidden unless asked', async () => {
    const options = linux({ XDG_CONFIG_HOME: path.join(dir, 'config') });
    await applyLoginItem({ launchAtLogin: true, startHidden: false }, options);
    const content = readFileSync(path.join(dir, 'config', 'autostart', AUTOSTART_FILE_NAME), 'utf8');
    expect(content).toContain('\nExec="/opt/Lobstr Tray/lobstr-tray"\n');
    expect(content).not.toContain(HIDDEN_ARG);
  });

  it('uses ~/.config when XDG_CONFIG_HOME is unset or relative', async () => {
    expect(autostartFilePath({}, '/home/ana')).toBe('/home/ana/.config/autostart/lobstr-tray.desktop');
    expect(autostartFilePath({ XDG_CONFIG_HOME: 'relative/config' }, '/home/ana')).toBe(
      '/home/ana/.config/autostart/lobstr-tray.desktop',
    );
    await applyLoginItem({ launchAtLogin: true, startHidden: false }, linux({}));
    expect(existsSync(path.join(dir, 'home', '.config', 'autostart', AUTOSTART_FILE_NAME))).toBe(true);
  });

  it('removes the entry when turned off, and turning off twice is fine', async () => {
    const options = linux({ XDG_CONFIG_HOME: path.join(dir, 'config') });
    await applyLoginItem({ launchAtLogin: true, startHidden: true }, options);
    await applyLoginItem({ launchAtLogin: false, startHidden: true }, options);
    expect(existsSync(path.join(dir, 'config', 'autostart', AUTOSTART_FILE_NAME))).toBe(false);
    expect(await isLoginItemEnabled({ startHidden: true }, options)).toBe(false);
    await expect(applyLoginItem({ launchAtLogin: false, startHidden: true }, options)).resolves.toBeUndefined();
  });

  it('sees an entry the desktop switched off in its startup-applications panel', async () => {
    const options = linux({ XDG_CONFIG_HOME: path.join(dir, 'config') });
    await applyLoginItem({ launchAtLogin: true, startHidden: false }, options);
    const file = path.join(dir, 'config', 'autostart', AUTOSTART_FILE_NAME);
    writeFileSync(file, readFileSync(file, 'utf8').replace('X-GNOME-Autostart-enabled=true', 'X-GNOME-Autostart-enabled=false'));
    expect(await isLoginItemEnabled({ startHidden: false }, options)).toBe(false);
  });

  it('development run: the Electron binary is given the app folder first', async () => {
    const options = linux({ XDG_CONFIG_HOME: path.join(dir, 'config') }, { execPath: '/repo/node_modules/electron/dist/electron', launchArgs: ['/repo'] });
    await applyLoginItem({ launchAtLogin: true, startHidden: true }, options);
    expect(readFileSync(path.join(dir, 'config', 'autostart', AUTOSTART_FILE_NAME), 'utf8')).toContain(
      '\nExec=/repo/node_modules/electron/dist/electron /repo --hidden\n',
    );
  });

  it('says what went wrong when the autostart folder cannot be written', async () => {
    writeFileSync(path.join(dir, 'config'), 'a file where a folder should be');
    const attempt = applyLoginItem({ launchAtLogin: true, startHidden: false }, linux({ XDG_CONFIG_HOME: path.join(dir, 'config') }));
    await expect(attempt).rejects.toThrow(/could not set itself to launch at login: .*lobstr-tray\.desktop could not be written/);
  });

  it('says what went wrong when the entry cannot be removed', async () => {
    const blocked = path.join(dir, 'config', 'autostart', AUTOSTART_FILE_NAME);
    mkdirSync(path.join(blocked, 'inside'), { recursive: true });
    const attempt = applyLoginItem({ launchAtLogin: false, startHidden: false }, linux({ XDG_CONFIG_HOME: path.join(dir, 'config') }));
    await expect(attempt).rejects.toThrow(/could not stop launching at login/);
  });
});

describe('the Exec line', () => {
  const exec = (executable: string, args: string[] = []) =>
    autostartEntry({ executable, args, appName: 'Lobstr Tray' })
      .split('\n')
      .find((line) => line.startsWith('Exec='));

  it('quotes and escapes what the Desktop Entry spec reserves', () => {
    expect(exec('/usr/bin/lobstr-tray')).toBe('Exec=/usr/bin/lobstr-tray');
    expect(exec('/opt/a "quoted" $dir/app')).toBe('Exec="/opt/a \\\\"quoted\\\\" \\\\$dir/app"');
    expect(exec('/opt/back\\slash/app')).toBe('Exec="/opt/back\\\\\\\\slash/app"');
    expect(exec('/opt/100%/app')).toBe('Exec=/opt/100%%/app');
  });

  it('refuses a path with a line break rather than write a broken entry', () => {
    expect(() => exec('/opt/a\nb')).toThrow(/control character/);
  });
});

describe('starting hidden', () => {
  it('stays in the tray when the settings say so or the login entry passed --hidden', () => {
    expect(startsHidden(['/app'], { startHidden: false })).toBe(false);
    expect(startsHidden(['/app', HIDDEN_ARG], { startHidden: false })).toBe(true);
    expect(startsHidden(['/app'], { startHidden: true })).toBe(true);
  });
});
