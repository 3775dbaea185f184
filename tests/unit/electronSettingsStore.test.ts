/**
 * The settings file through the real electron-store, on disk in a temporary folder. electron-store
 * imports `electron` at the top; there is no Electron runtime here, so `electron` is replaced by a
 * small fake (toolchain.md §2), and vitest.config.ts inlines electron-store so the fake reaches it.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Store from 'electron-store';
import { InvalidSettingsError, defaultSettings, settingsFileJsonSchema } from '../../main/core/settings/settings.js';
import { openElectronSettingsStore } from '../../main/electron/electronSettingsStore.js';

vi.mock('electron', () => {
  // No `app` or `ipcMain`: electron-store then needs an absolute `cwd`, which the adapter always gives.
  const fake = { app: undefined, ipcMain: undefined, shell: { openPath: async () => '' } };
  return { default: fake, ...fake };
});

const FIXED_TIME = new Date('2026-11-25T14:02:03.456Z');
const CORRUPT_NAME = 'settings.corrupt-2026-11-25T14-02-03-456Z.json';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lobstr-settings-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const open = () => openElectronSettingsStore({ directory: dir, now: () => FIXED_TIME });
const readJson = (name: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(dir, name), 'utf8'));

describe('settings kept by electron-store', () => {
  it('starts with the defaults on first launch', () => {
    const store = open();
    expect(store.get()).toEqual(defaultSettings());
    expect(store.notice).toBeNull();
    expect(store.filePath).toBe(path.join(dir, 'settings.json'));
  });

  it('saves a change to settings.json and finds it again after a restart', () => {
    open().update({ pollIntervalMinutes: 15, notifications: { recovered: false }, apiBaseUrl: 'http://127.0.0.1:4010/v1/' });
    expect(readJson('settings.json')).toMatchObject({ pollIntervalMinutes: 15, apiBaseUrl: 'http://127.0.0.1:4010/v1' });
    if (process.platform !== 'win32') expect(statSync(path.join(dir, 'settings.json')).mode & 0o777).toBe(0o600);

    const restarted = open();
    expect(restarted.get().pollIntervalMinutes).toBe(15);
    expect(restarted.get().notifications).toEqual({ needsResync: true, recovered: false, keyRejected: true });
    expect(restarted.get().apiBaseUrl).toBe('http://127.0.0.1:4010/v1');
    expect(restarted.notice).toBeNull();
  });

  it('refuses a bad change from the renderer and leaves the file as it was', () => {
    const store = open();
    store.update({ startHidden: true });
    const before = readFileSync(store.filePath, 'utf8');
    expect(() => store.update({ apiBaseUrl: 'http://api.lobstr.io/v1' })).toThrow(InvalidSettingsError);
    expect(() => store.update({ pollIntervalMinutes: 0 })).toThrow(/from 1 to 60/);
    expect(readFileSync(store.filePath, 'utf8')).toBe(before);
    expect(open().get().startHidden).toBe(true);
  });

  it('tells listeners about changes', () => {
    const store = open();
    const seen: boolean[] = [];
    store.onChange((next) => seen.push(next.demoMode));
    store.update({ demoMode: true });
    expect(seen).toEqual([true]);
  });

  it('keeps settings a newer version wrote, and fills in ones an older version did not know', () => {
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ pollIntervalMinutes: 9, notifications: { recovered: false }, theme: 'dark' }));
    const store = open();
    expect(store.notice).toBeNull();
    expect(store.get().pollIntervalMinutes).toBe(9);
    expect(store.get().notifications).toEqual({ needsResync: true, recovered: false, keyRejected: true });
    store.update({ demoMode: true });
    expect(readJson('settings.json')).toMatchObject({ theme: 'dark', demoMode: true, pollIntervalMinutes: 9 });
    expect(readdirSync(dir).filter((f) => f.includes('corrupt'))).toEqual([]);
  });
});

describe('the schema electron-store checks every write against', () => {
  it('accepts the defaults and refuses values of the wrong type or out of range', () => {
    const raw = new Store<Record<string, unknown>>({ cwd: dir, name: 'schema-check', schema: settingsFileJsonSchema() });
    raw.store = { ...defaultSettings() };
    expect(() => raw.set('pollIntervalMinutes', 0)).toThrow(/Config schema violation: `pollIntervalMinutes` must be >= 1/);
    expect(() => raw.set('demoMode', 'yes')).toThrow(/must be boolean/);
    expect(() => raw.set('snooze', { until: 'later' })).toThrow(/Config schema violation/);
    expect(() => raw.set('snooze', { until: '2026-11-26T08:00:00.000Z' })).not.toThrow();
  });
});

describe('a corrupt settings file', () => {
  it('that is not JSON: moved aside, defaults used, the user told where the old file is', () => {
    const garbage = '{"pollIntervalMinutes": 10, "notifications": {';
    writeFileSync(path.join(dir, 'settings.json'), garbage);

    const store = open();
    expect(store.get()).toEqual(defaultSettings());
    expect(store.notice).toBe(
      `Your settings file was unreadable and has been reset; the old file is at ${path.join(dir, CORRUPT_NAME)}`,
    );
    expect(readFileSync(path.join(dir, CORRUPT_NAME), 'utf8')).toBe(garbage);
    // A fresh, valid file replaces it, so the next start is clean.
    expect(readJson('settings.json')).toEqual(defaultSettings());
    expect(open().notice).toBeNull();
  });

  it('that is empty (a write cut short): the same', () => {
    writeFileSync(path.join(dir, 'settings.json'), '');
    const store = open();
    expect(store.get()).toEqual(defaultSettings());
    expect(store.notice).toMatch(/unreadable and has been reset/);
    expect(readdirSync(dir)).toContain(CORRUPT_NAME);
  });

  it('with values of the wrong type: the valid part kept, the rest reset, the old file moved aside', () => {
    const broken = { apiBaseUrl: 'https://eu.lobstr.example/v1', pollIntervalMinutes: 'often', launchAtLogin: true, demoMode: 3 };
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(broken));

    const store = open();
    expect(store.get()).toEqual({ ...defaultSettings(), apiBaseUrl: 'https://eu.lobstr.example/v1', launchAtLogin: true });
    expect(store.notice).toMatch(/^Some of your settings were unreadable and have been reset: /);
    expect(store.notice).toMatch(/poll interval must be a whole number of minutes from 1 to 60 \(got "often"\)/);
    expect(store.notice).toMatch(/"Demo mode" must be true or false \(got 3\)/);
    expect(store.notice).toContain(`the old file is at ${path.join(dir, CORRUPT_NAME)}`);
    expect(readJson(CORRUPT_NAME)).toEqual(broken);
    expect(readJson('settings.json')).toMatchObject({ apiBaseUrl: 'https://eu.lobstr.example/v1', launchAtLogin: true, pollIntervalMinutes: 5 });
  });

  it('that holds no object at all: reset', () => {
    writeFileSync(path.join(dir, 'settings.json'), '[1, 2, 3]');
    const store = open();
    expect(store.get()).toEqual(defaultSettings());
    expect(store.notice).toMatch(/^Your settings file was unreadable and has been reset; the old file is at /);
  });

  it('corrupt twice in the same millisecond: neither old file is overwritten', () => {
    writeFileSync(path.join(dir, 'settings.json'), 'first');
    open();
    writeFileSync(path.join(dir, 'settings.json'), 'second');
    open();
    const moved = readdirSync(dir).filter((f) => f.startsWith('settings.corrupt-')).sort();
    expect(moved).toHaveLength(2);
    expect(moved.map((f) => readFileSync(path.join(dir, f), 'utf8')).sort()).toEqual(['first', 'second']);
  });

  it('damaged while the app runs: the next save still succeeds', () => {
    const store = open();
    writeFileSync(store.filePath, '{oops');
    store.update({ pollIntervalMinutes: 20 });
    expect(store.notice).toBeNull();
    expect(readJson('settings.json')).toMatchObject({ pollIntervalMinutes: 20 });
  });
});

describe('a settings folder that cannot be written', () => {
  it('runs on the loaded settings in memory and says changes will not be kept', () => {
    // A file where the folder should be: the folder cannot be created, even by root.
    writeFileSync(path.join(dir, 'not-a-folder'), '');
    const store = openElectronSettingsStore({ directory: path.join(dir, 'not-a-folder', 'userData') });
    expect(store.get()).toEqual(defaultSettings());
    expect(store.notice).toMatch(/^Your settings cannot be saved \(.*\); changes apply until Lobstr Tray quits\.$/);
    store.update({ demoMode: true });
    expect(store.get().demoMode).toBe(true);
    expect(store.notice).toMatch(/could not be saved/);
  });

  it('a settings "file" that is a folder: defaults, a notice, no crash', () => {
    mkdirSync(path.join(dir, 'settings.json'));
    const store = open();
    expect(store.get()).toEqual(defaultSettings());
    expect(store.notice).toMatch(/could not be read/);
    expect(() => store.update({ demoMode: true })).not.toThrow();
    expect(store.get().demoMode).toBe(true);
  });
});
