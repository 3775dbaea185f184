/**
 * The settings port: what the monitor, the tray and the IPC handlers use to read and change the
 * settings, whatever keeps them (electron-store in the app, memory in tests and the headless watch).
 */
import { isDeepStrictEqual } from 'node:util';
import type { Settings } from '../appModel.js';
import type { Logger } from './logRedaction.js';
import { applySettingsPatch, cloneSettings, defaultSettings } from './settings.js';

export type SettingsListener = (settings: Settings, previous: Settings) => void;

export interface SettingsStore {
  /** The current settings (a copy: changing it changes nothing). */
  get(): Settings;
  /**
   * Validates and applies a change (see applySettingsPatch), saves it and tells the listeners.
   * Throws InvalidSettingsError, and changes nothing, when the change is refused.
   */
  update(patch: unknown): Settings;
  /** Called after every update that changed something. Returns the unsubscribe function. */
  onChange(listener: SettingsListener): () => void;
  /** Something the user should be told about their settings (a reset file, a failed save); null when all is well. */
  readonly notice: string | null;
}

export interface SettingsStoreOptions {
  /** Settings to start from; the defaults when absent. */
  initial?: Settings;
  /** A notice known from loading (e.g. the file was reset). */
  notice?: string | null;
  /**
   * Saves the settings; called after each change, before the listeners. When it throws, the change
   * still applies for this run and the notice says it was not saved.
   */
  persist?: (settings: Settings) => void;
  /** Where a failing listener or save is reported; a listener's bug must not undo or block a change. */
  logger?: Logger;
}

/**
 * The shared behaviour of every settings store: validation, copies in and out, change listeners
 * that fire only on a real change, and a failed save turned into a notice instead of a crash.
 */
export function createSettingsStore(options: SettingsStoreOptions = {}): SettingsStore {
  let current = options.initial === undefined ? defaultSettings() : cloneSettings(options.initial);
  const loadNotice = options.notice ?? null;
  // Cleared by the next successful save: the notice describes the present, not history.
  let saveProblem: string | null = null;
  const listeners = new Set<SettingsListener>();

  return {
    get: () => cloneSettings(current),
    update(patch) {
      const next = applySettingsPatch(current, patch);
      if (isDeepStrictEqual(next, current)) return cloneSettings(current);
      const previous = current;
      current = next;
      if (options.persist) {
        try {
          options.persist(cloneSettings(next));
          saveProblem = null;
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          saveProblem = `Your settings could not be saved (${reason}); the change applies until Lobstr Tray quits.`;
          options.logger?.error('Saving the settings failed:', reason);
        }
      }
      for (const listener of [...listeners]) {
        try {
          listener(cloneSettings(next), cloneSettings(previous));
        } catch (error) {
          (options.logger ?? console).error('A settings listener failed:', error);
        }
      }
      return cloneSettings(next);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    get notice() {
      return saveProblem ?? loadNotice;
    },
  };
}
