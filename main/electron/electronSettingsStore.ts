/**
 * The settings file, kept by electron-store (settings.json in the user data folder, written
 * atomically, every write checked against the schema generated from the settings model).
 *
 * The file is read by us before electron-store opens it, because electron-store either throws on
 * a bad file or silently empties it. A file that is not JSON, or holds values of the wrong type, is
 * moved aside to settings.corrupt-<time>.json, the valid part (or the defaults) is used, and the
 * store's notice tells the user where the old file went. Nothing here stops the app from starting:
 * at worst the settings live in memory for this run and the notice says so.
 */
import fs from 'node:fs';
import path from 'node:path';
import Store from 'electron-store';
import type { Settings } from '../core/appModel.js';
import type { Logger } from '../core/settings/logRedaction.js';
import { defaultSettings, parseSettings, settingsFileJsonSchema } from '../core/settings/settings.js';
import type { SettingsStore } from '../core/settings/settingsStore.js';
import { createSettingsStore } from '../core/settings/settingsStore.js';

export const SETTINGS_FILE_BASENAME = 'settings';

export interface ElectronSettingsStoreOptions {
  /** An absolute folder: app.getPath('userData') in the app, a temporary folder in tests. */
  directory: string;
  logger?: Logger;
  /** Stamps the name of a corrupt file moved aside. */
  now?: () => Date;
}

export interface ElectronSettingsStore extends SettingsStore {
  /** The settings file. */
  readonly filePath: string;
}

interface Loaded {
  settings: Settings;
  /** Members of the file this version does not know (a newer version wrote them); kept on save. */
  extras: Record<string, unknown>;
  notice: string | null;
}

export function openElectronSettingsStore(options: ElectronSettingsStoreOptions): ElectronSettingsStore {
  const { directory, logger } = options;
  const now = options.now ?? (() => new Date());
  const filePath = path.join(directory, `${SETTINGS_FILE_BASENAME}.json`);

  const loaded = loadSettingsFile(filePath, now, logger);
  let notice = loaded.notice;

  let store: Store<Record<string, unknown>> | null = null;
  try {
    store = new Store<Record<string, unknown>>({
      cwd: directory,
      name: SETTINGS_FILE_BASENAME,
      // Written with what we read: the repaired settings replace a file that was moved aside.
      defaults: { ...loaded.extras, ...loaded.settings },
      schema: settingsFileJsonSchema(),
      clearInvalidConfig: false,
      // Settings are not secret, but nobody else needs to read them either.
      configFileMode: 0o600,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    logger?.error('The settings file could not be opened:', reason);
    notice = joinNotices(notice, `Your settings cannot be saved (${reason}); changes apply until Lobstr Tray quits.`);
  }

  const shared = createSettingsStore({
    initial: loaded.settings,
    notice,
    ...(logger === undefined ? {} : { logger }),
    persist: (settings) => {
      if (store === null) throw new Error('the settings file could not be opened');
      // A whole replacement, not a merge with what is on disk: reading a file someone damaged
      // since start-up must not fail the save.
      store.store = { ...loaded.extras, ...settings };
    },
  });

  return {
    get: () => shared.get(),
    update: (patch) => shared.update(patch),
    onChange: (listener) => shared.onChange(listener),
    get notice() {
      return shared.notice;
    },
    filePath,
  };
}

function loadSettingsFile(filePath: string, now: () => Date, logger: Logger | undefined): Loaded {
  let text: string;
  try {
    text = fs.readFileSync(filePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // No file yet (ENOTDIR: not even the folder); electron-store reports the folder if it cannot make it.
    if (code === 'ENOENT' || code === 'ENOTDIR') return { settings: defaultSettings(), extras: {}, notice: null };
    const reason = error instanceof Error ? error.message : String(error);
    logger?.error('The settings file could not be read:', reason);
    return {
      settings: defaultSettings(),
      extras: {},
      notice: `Your settings file could not be read (${reason}); the default settings are in use.`,
    };
  }

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    const moved = moveAside(filePath, now, logger);
    return {
      settings: defaultSettings(),
      extras: {},
      notice: `Your settings file was unreadable and has been reset; ${moved}`,
    };
  }

  const { settings, problems } = parseSettings(raw);
  if (problems.length === 0) return { settings, extras: unknownMembers(raw, settings), notice: null };

  logger?.warn('Settings reset to their defaults:', problems.join(' '));
  const moved = moveAside(filePath, now, logger);
  const kept = typeof raw === 'object' && raw !== null && !Array.isArray(raw);
  return {
    settings,
    extras: unknownMembers(raw, settings),
    notice: kept
      ? `Some of your settings were unreadable and have been reset: ${problems.join(' ')} The others were kept; ${moved}`
      : `Your settings file was unreadable and has been reset; ${moved}`,
  };
}

/** Renames the file to settings.corrupt-<time>.json and returns the end of a sentence saying where it is. */
function moveAside(filePath: string, now: () => Date, logger: Logger | undefined): string {
  const stamp = now().toISOString().replace(/[:.]/g, '-');
  const directory = path.dirname(filePath);
  let target = path.join(directory, `${SETTINGS_FILE_BASENAME}.corrupt-${stamp}.json`);
  for (let n = 2; fs.existsSync(target); n += 1) {
    target = path.join(directory, `${SETTINGS_FILE_BASENAME}.corrupt-${stamp}-${n}.json`);
  }
  try {
    fs.renameSync(filePath, target);
    logger?.warn(`The unreadable settings file was moved to ${target}`);
    return `the old file is at ${target}`;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    logger?.error('The unreadable settings file could not be moved aside:', reason);
    return `the old file could not be moved aside (${reason}) and will be replaced when a setting changes.`;
  }
}

function unknownMembers(raw: unknown, settings: Settings): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const extras: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    // electron-store keeps its own bookkeeping under __internal__.
    if (!(key in settings) && key !== '__proto__' && key !== '__internal__') extras[key] = value;
  }
  return extras;
}

function joinNotices(first: string | null, second: string): string {
  return first === null ? second : `${first} ${second}`;
}
