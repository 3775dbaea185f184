/**
 * The settings model: defaults, validation of what is read from disk, and validation of changes.
 *
 * Two sources, two attitudes. The settings file is the user's own data: it is read field by field,
 * so one bad value costs only that value (it falls back to its default and is reported), never the
 * rest. A change request comes from the renderer, which is untrusted: it is checked whole and
 * refused with a sentence a person can act on, so nothing half-applies.
 */
import { z } from 'zod';
import { DEFAULT_API_BASE, normaliseApiBase } from '../lobstr/baseUrl.js';
import type { NotificationKinds, Settings, Snooze } from '../appModel.js';

export const POLL_INTERVAL_MINUTES = { min: 1, max: 60, default: 5 } as const;
/** A reminder later than a week would never be a reminder. */
export const REMINDER_HOURS = { min: 1, max: 168 } as const;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  apiBaseUrl: DEFAULT_API_BASE,
  pollIntervalMinutes: POLL_INTERVAL_MINUTES.default,
  notifications: Object.freeze({ needsResync: true, recovered: true, keyRejected: true }),
  reminderHours: null,
  snooze: null,
  launchAtLogin: false,
  startHidden: false,
  demoMode: false,
  status429NeedsResync: true,
  showCountInMenuBar: true,
});

/** A fresh, mutable copy of the defaults. */
export function defaultSettings(): Settings {
  return cloneSettings(DEFAULT_SETTINGS);
}

export function cloneSettings(settings: Readonly<Settings>): Settings {
  return {
    ...settings,
    notifications: { ...settings.notifications },
    snooze: settings.snooze === null ? null : { ...settings.snooze },
  };
}

/** A setting change the renderer asked for and that was refused; the message says why. */
export class InvalidSettingsError extends Error {
  override readonly name = 'InvalidSettingsError';
  /** The setting at fault, e.g. "pollIntervalMinutes" or "notifications.recovered"; null for the whole request. */
  readonly setting: string | null;
  constructor(message: string, setting: string | null = null) {
    super(message);
    this.setting = setting;
  }
}

// ---------------------------------------------------------------- field rules

type SettingKey = keyof Settings;
type NotificationKey = keyof NotificationKinds;

const SETTING_KEYS: readonly SettingKey[] = [
  'apiBaseUrl',
  'pollIntervalMinutes',
  'notifications',
  'reminderHours',
  'snooze',
  'launchAtLogin',
  'startHidden',
  'demoMode',
  'status429NeedsResync',
  'showCountInMenuBar',
];
const NOTIFICATION_KEYS: readonly NotificationKey[] = ['needsResync', 'recovered', 'keyRejected'];

/** Names a person recognises, for messages. */
const LABELS: Record<SettingKey, string> = {
  apiBaseUrl: 'The API base URL',
  pollIntervalMinutes: 'The poll interval',
  notifications: 'The notification choices',
  reminderHours: 'The reminder delay',
  snooze: 'The notification pause',
  launchAtLogin: '"Launch at login"',
  startHidden: '"Start hidden"',
  demoMode: '"Demo mode"',
  status429NeedsResync: '"Status 429 means re-sync"',
  showCountInMenuBar: '"Show the count beside the menu-bar icon"',
};
const NOTIFICATION_LABELS: Record<NotificationKey, string> = {
  needsResync: 'The "needs re-sync" notification switch',
  recovered: 'The "synchronized again" notification switch',
  keyRejected: 'The "API key rejected" notification switch',
};

const onOff = z.boolean();
/** ISO 8601 with a zone, so a pause means the same instant wherever the file is read. */
const isoInstant = z.iso.datetime({ offset: true });

const pollInterval = z.number().int().min(POLL_INTERVAL_MINUTES.min).max(POLL_INTERVAL_MINUTES.max);
const reminderHours = z.number().int().min(REMINDER_HOURS.min).max(REMINDER_HOURS.max).nullable();
const snooze = z.strictObject({ until: isoInstant.nullable() }).nullable();
const apiBaseUrl = z.string().refine(
  (url) => {
    try {
      normaliseApiBase(url);
      return true;
    } catch {
      return false;
    }
  },
  { error: 'must be an https:// address' },
);
const notifications = z.strictObject({ needsResync: onOff, recovered: onOff, keyRejected: onOff });

/**
 * The whole settings object as stored. Also the source of the settings file's JSON schema, so the
 * file and the model cannot drift apart.
 */
export const settingsSchema = z.strictObject({
  apiBaseUrl,
  pollIntervalMinutes: pollInterval,
  notifications,
  reminderHours,
  snooze,
  launchAtLogin: onOff,
  startHidden: onOff,
  demoMode: onOff,
  status429NeedsResync: onOff,
  showCountInMenuBar: onOff,
});

/** What a valid value looks like, completing "<label> must be …". */
const RULES: Record<Exclude<SettingKey, 'apiBaseUrl' | 'notifications'>, { schema: z.ZodType; rule: string }> = {
  pollIntervalMinutes: {
    schema: pollInterval,
    rule: `a whole number of minutes from ${POLL_INTERVAL_MINUTES.min} to ${POLL_INTERVAL_MINUTES.max}`,
  },
  reminderHours: {
    schema: reminderHours,
    rule: `a whole number of hours from ${REMINDER_HOURS.min} to ${REMINDER_HOURS.max}, or null for no reminder`,
  },
  snooze: { schema: snooze, rule: 'null, or { "until": an ISO 8601 time with a zone, or null until resumed }' },
  launchAtLogin: { schema: onOff, rule: 'true or false' },
  startHidden: { schema: onOff, rule: 'true or false' },
  demoMode: { schema: onOff, rule: 'true or false' },
  status429NeedsResync: { schema: onOff, rule: 'true or false' },
  showCountInMenuBar: { schema: onOff, rule: 'true or false' },
};

/** A short rendering of a bad value for a message; long or odd values are not echoed whole. */
function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function describeDefault(key: Exclude<SettingKey, 'notifications'>): string {
  const value = DEFAULT_SETTINGS[key];
  if (key === 'reminderHours') return value === null ? 'no reminder' : `${String(value)} hours`;
  if (key === 'snooze') return 'not paused';
  if (key === 'pollIntervalMinutes') return `${String(value)} minutes`;
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  return String(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Snooze times are kept in one form (UTC ISO) whatever zone they were written in. */
function canonicalSnooze(value: Snooze | null): Snooze | null {
  if (value === null) return null;
  return { until: value.until === null ? null : new Date(value.until).toISOString() };
}

type FieldResult<T> = { ok: true; value: T } | { ok: false; message: string };

function checkField(key: Exclude<SettingKey, 'notifications'>, value: unknown): FieldResult<unknown> {
  if (key === 'apiBaseUrl') {
    if (typeof value !== 'string') return { ok: false, message: `${LABELS.apiBaseUrl} must be text, for example ${DEFAULT_API_BASE}.` };
    try {
      return { ok: true, value: normaliseApiBase(value) };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }
  const { schema, rule } = RULES[key];
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { ok: false, message: `${LABELS[key]} must be ${rule} (got ${shown(value)}).` };
  return { ok: true, value: key === 'snooze' ? canonicalSnooze(parsed.data as Snooze | null) : parsed.data };
}

function checkNotificationKind(key: NotificationKey, value: unknown): FieldResult<boolean> {
  if (typeof value === 'boolean') return { ok: true, value };
  return { ok: false, message: `${NOTIFICATION_LABELS[key]} must be true or false (got ${shown(value)}).` };
}

function assign<K extends SettingKey>(settings: Settings, key: K, value: unknown): void {
  settings[key] = value as Settings[K];
}

// ---------------------------------------------------------------- reading the file

export interface ParsedSettings {
  settings: Settings;
  /** One sentence per value that was unusable and replaced by its default. Empty when all was well. */
  problems: string[];
}

/**
 * Reads settings as found in the settings file. Every valid field is kept; a missing field takes its
 * default silently (an older file), a wrong one takes its default and is reported. Unknown fields
 * are ignored (a newer version's file still opens).
 */
export function parseSettings(raw: unknown): ParsedSettings {
  const settings = defaultSettings();
  const problems: string[] = [];
  if (!isPlainObject(raw)) {
    problems.push(`The settings file holds ${shown(raw)} instead of a settings object; every setting is back to its default.`);
    return { settings, problems };
  }

  for (const key of SETTING_KEYS) {
    if (!(key in raw) || raw[key] === undefined) continue;
    const value = raw[key];
    if (key === 'notifications') {
      if (!isPlainObject(value)) {
        problems.push(`${LABELS.notifications} must be an object of true/false switches (got ${shown(value)}); all notifications are on.`);
        continue;
      }
      for (const kind of NOTIFICATION_KEYS) {
        if (!(kind in value) || value[kind] === undefined) continue;
        const checked = checkNotificationKind(kind, value[kind]);
        if (checked.ok) settings.notifications[kind] = checked.value;
        else problems.push(`${checked.message} It is back to on.`);
      }
      continue;
    }
    const checked = checkField(key, value);
    if (checked.ok) assign(settings, key, checked.value);
    else problems.push(`${checked.message} Using the default (${describeDefault(key)}).`);
  }
  return { settings, problems };
}

// ---------------------------------------------------------------- changes from the renderer

/**
 * Applies a change request to the current settings and returns the new settings (the current ones
 * are not modified). `patch` is whatever the renderer sent: an object with some of the settings;
 * `notifications` may name only the switches it changes. Throws InvalidSettingsError, naming the
 * setting and what it accepts, on anything else: nothing of a bad request is applied.
 */
export function applySettingsPatch(current: Readonly<Settings>, patch: unknown): Settings {
  if (!isPlainObject(patch)) {
    throw new InvalidSettingsError(`A settings change must be an object of settings to change (got ${shown(patch)}).`);
  }
  const next = cloneSettings(current);
  for (const [key, value] of Object.entries(patch)) {
    if (!(SETTING_KEYS as readonly string[]).includes(key)) {
      throw new InvalidSettingsError(`There is no setting called ${shown(key)}.`, null);
    }
    const settingKey = key as SettingKey;
    if (settingKey === 'notifications') {
      if (!isPlainObject(value)) {
        throw new InvalidSettingsError(
          `${LABELS.notifications} must be an object such as {"recovered": false} (got ${shown(value)}).`,
          'notifications',
        );
      }
      for (const [kind, on] of Object.entries(value)) {
        if (!(NOTIFICATION_KEYS as readonly string[]).includes(kind)) {
          throw new InvalidSettingsError(`There is no notification kind called ${shown(kind)}.`, 'notifications');
        }
        const checked = checkNotificationKind(kind as NotificationKey, on);
        if (!checked.ok) throw new InvalidSettingsError(checked.message, `notifications.${kind}`);
        next.notifications[kind as NotificationKey] = checked.value;
      }
      continue;
    }
    const checked = checkField(settingKey, value);
    if (!checked.ok) throw new InvalidSettingsError(checked.message, settingKey);
    assign(next, settingKey, checked.value);
  }
  return next;
}

// ---------------------------------------------------------------- the file's JSON schema

/**
 * The settings file's JSON Schema `properties`, generated from settingsSchema (for electron-store,
 * which checks every write against it). It states types and ranges only, not presence or extra
 * members, so it is never stricter than parseSettings: an older file that lacks a setting, or a
 * newer one with more, still opens.
 */
export function settingsFileJsonSchema(): Record<string, Record<string, unknown>> {
  const generated = z.toJSONSchema(settingsSchema, { target: 'draft-2020-12', io: 'input' }) as {
    properties?: Record<string, Record<string, unknown>>;
  };
  return withoutPresenceRules(generated.properties ?? {}) as Record<string, Record<string, unknown>>;
}

function withoutPresenceRules(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPresenceRules);
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (key === 'required' || key === 'additionalProperties') continue;
    copy[key] = withoutPresenceRules(entry);
  }
  return copy;
}
