import { describe, expect, it, vi } from 'vitest';
import type { Settings } from '../../main/core/appModel.js';
import { DEFAULT_API_BASE } from '../../main/core/lobstr/baseUrl.js';
import {
  DEFAULT_SETTINGS,
  InvalidSettingsError,
  applySettingsPatch,
  defaultSettings,
  parseSettings,
  settingsSchema,
} from '../../main/core/settings/settings.js';
import { createSettingsStore } from '../../main/core/settings/settingsStore.js';
import { settingsWith } from '../fixtures/settings.js';

describe('default settings', () => {
  it('are the documented ones', () => {
    // The fixture spells the documented defaults out, independently of the code.
    expect(defaultSettings()).toEqual(settingsWith());
  });

  it('cannot be changed by whoever holds a copy', () => {
    const copy = defaultSettings();
    copy.notifications.recovered = false;
    copy.pollIntervalMinutes = 30;
    expect(defaultSettings().notifications.recovered).toBe(true);
    expect(DEFAULT_SETTINGS.pollIntervalMinutes).toBe(5);
    expect(Object.isFrozen(DEFAULT_SETTINGS.notifications)).toBe(true);
  });

  it('satisfy the schema the settings file is checked against', () => {
    expect(settingsSchema.safeParse(defaultSettings()).success).toBe(true);
  });
});

describe('parseSettings (the settings file)', () => {
  it('reads a complete, valid file as it is', () => {
    const stored: Settings = {
      apiBaseUrl: 'http://127.0.0.1:8123/v1',
      pollIntervalMinutes: 15,
      notifications: { needsResync: true, recovered: false, keyRejected: false },
      reminderHours: 24,
      snooze: { until: '2026-11-26T08:00:00.000Z' },
      launchAtLogin: true,
      startHidden: true,
      demoMode: true,
      status429NeedsResync: false,
      showCountInMenuBar: false,
    };
    expect(parseSettings(stored)).toEqual({ settings: stored, problems: [] });
  });

  it('gives an old file that lacks newer settings their defaults, without complaint', () => {
    const { settings, problems } = parseSettings({ pollIntervalMinutes: 10, notifications: { recovered: false } });
    expect(problems).toEqual([]);
    expect(settings.pollIntervalMinutes).toBe(10);
    expect(settings.notifications).toEqual({ needsResync: true, recovered: false, keyRejected: true });
    expect(settings.status429NeedsResync).toBe(true);
    expect(settings.showCountInMenuBar).toBe(true);
  });

  it('keeps the menu-bar count switch, and resets a bad one to on, saying so', () => {
    expect(parseSettings({ showCountInMenuBar: false })).toEqual({ settings: settingsWith({ showCountInMenuBar: false }), problems: [] });
    const bad = parseSettings({ showCountInMenuBar: 'no', startHidden: true });
    expect(bad.settings).toEqual(settingsWith({ startHidden: true }));
    expect(bad.problems).toEqual([
      '"Show the count beside the menu-bar icon" must be true or false (got "no"). Using the default (on).',
    ]);
  });

  it('keeps every valid field and resets only the bad ones, saying which', () => {
    const { settings, problems } = parseSettings({
      apiBaseUrl: 'https://eu.example.com/v1/',
      pollIntervalMinutes: 0,
      notifications: { needsResync: 'yes', recovered: false },
      reminderHours: 2.5,
      launchAtLogin: true,
      startHidden: 'true',
    });
    expect(settings.apiBaseUrl).toBe('https://eu.example.com/v1');
    expect(settings.pollIntervalMinutes).toBe(5);
    expect(settings.notifications).toEqual({ needsResync: true, recovered: false, keyRejected: true });
    expect(settings.reminderHours).toBeNull();
    expect(settings.launchAtLogin).toBe(true);
    expect(settings.startHidden).toBe(false);
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/poll interval must be a whole number of minutes from 1 to 60 \(got 0\)/i);
    expect(problems.join('\n')).toMatch(/"needs re-sync" notification switch must be true or false \(got "yes"\)/);
    expect(problems.join('\n')).toMatch(/reminder delay/);
    expect(problems.join('\n')).toMatch(/"Start hidden" must be true or false/);
  });

  it('refuses a plain-http base URL on a public host from the file (the key would travel in clear)', () => {
    const { settings, problems } = parseSettings({ apiBaseUrl: 'http://api.lobstr.io/v1' });
    expect(settings.apiBaseUrl).toBe(DEFAULT_API_BASE);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/unencrypted/);
  });

  it('resets everything when the file does not hold an object', () => {
    for (const raw of [null, 42, 'settings', [1, 2]]) {
      const { settings, problems } = parseSettings(raw);
      expect(settings).toEqual(defaultSettings());
      expect(problems).toHaveLength(1);
    }
  });

  it('ignores settings it does not know (a newer version wrote the file)', () => {
    const { settings, problems } = parseSettings({ pollIntervalMinutes: 7, theme: 'dark' });
    expect(problems).toEqual([]);
    expect(settings.pollIntervalMinutes).toBe(7);
    expect(settings).not.toHaveProperty('theme');
  });

  it('keeps a snooze until a time, or until resumed, and drops a malformed one', () => {
    expect(parseSettings({ snooze: { until: null } }).settings.snooze).toEqual({ until: null });
    expect(parseSettings({ snooze: { until: '2026-11-26T09:00:00+01:00' } }).settings.snooze).toEqual({
      until: '2026-11-26T08:00:00.000Z',
    });
    const bad = parseSettings({ snooze: { until: 'tomorrow' } });
    expect(bad.settings.snooze).toBeNull();
    expect(bad.problems[0]).toMatch(/notification pause/);
  });

  it('does not echo a long bad value whole', () => {
    const { problems } = parseSettings({ pollIntervalMinutes: 'x'.repeat(500) });
    expect(problems[0]!.length).toBeLessThan(200);
  });
});

describe('applySettingsPatch (a change from the renderer)', () => {
  const current = defaultSettings();

  it('applies valid changes and leaves the rest and the original alone', () => {
    const next = applySettingsPatch(current, {
      pollIntervalMinutes: 30,
      startHidden: true,
      showCountInMenuBar: false,
      notifications: { recovered: false },
    });
    expect(next.pollIntervalMinutes).toBe(30);
    expect(next.startHidden).toBe(true);
    expect(next.showCountInMenuBar).toBe(false);
    expect(next.notifications).toEqual({ needsResync: true, recovered: false, keyRejected: true });
    expect(current).toEqual(defaultSettings());
  });

  it('normalises the base URL and accepts plain http on loopback (the simulator)', () => {
    expect(applySettingsPatch(current, { apiBaseUrl: '  https://api.lobstr.io/v1/ ' }).apiBaseUrl).toBe('https://api.lobstr.io/v1');
    expect(applySettingsPatch(current, { apiBaseUrl: 'http://127.0.0.1:4010/v1' }).apiBaseUrl).toBe('http://127.0.0.1:4010/v1');
  });

  it('refuses plain http on another host with a sentence that says what to do', () => {
    const attempt = () => applySettingsPatch(current, { apiBaseUrl: 'http://api.lobstr.io/v1' });
    expect(attempt).toThrow(InvalidSettingsError);
    expect(attempt).toThrow(/use https:\/\//);
    try {
      attempt();
    } catch (error) {
      expect((error as InvalidSettingsError).setting).toBe('apiBaseUrl');
    }
  });

  it.each([
    [{ pollIntervalMinutes: 0 }, /from 1 to 60 \(got 0\)/, 'pollIntervalMinutes'],
    [{ pollIntervalMinutes: 61 }, /from 1 to 60/, 'pollIntervalMinutes'],
    [{ pollIntervalMinutes: 2.5 }, /whole number/, 'pollIntervalMinutes'],
    [{ pollIntervalMinutes: '5' }, /whole number/, 'pollIntervalMinutes'],
    [{ reminderHours: 0 }, /reminder delay/, 'reminderHours'],
    [{ launchAtLogin: 'yes' }, /"Launch at login" must be true or false/, 'launchAtLogin'],
    [{ showCountInMenuBar: null }, /"Show the count beside the menu-bar icon" must be true or false/, 'showCountInMenuBar'],
    [{ notifications: { recovered: 1 } }, /"synchronized again" notification switch/, 'notifications.recovered'],
    [{ notifications: { sound: true } }, /no notification kind called "sound"/, 'notifications'],
    [{ notifications: true }, /notification choices must be an object/, 'notifications'],
    [{ snooze: { until: 'soon' } }, /notification pause/, 'snooze'],
    [{ snooze: { until: null, extra: 1 } }, /notification pause/, 'snooze'],
    [{ apiBaseUrl: 42 }, /API base URL must be text/, 'apiBaseUrl'],
  ])('refuses %j', (patch, message, setting) => {
    try {
      applySettingsPatch(current, patch);
      expect.unreachable('the change should have been refused');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidSettingsError);
      expect((error as Error).message).toMatch(message);
      expect((error as InvalidSettingsError).setting).toBe(setting);
    }
  });

  it('refuses unknown settings and anything that is not an object', () => {
    expect(() => applySettingsPatch(current, { apiKey: 'abc' })).toThrow(/no setting called "apiKey"/);
    expect(applySettingsPatch(current, { __proto__: { demoMode: true } } as unknown).demoMode).toBe(false);
    expect(() => applySettingsPatch(current, JSON.parse('{"__proto__": {"demoMode": true}}'))).toThrow(/no setting called/);
    expect(() => applySettingsPatch(current, null)).toThrow(/must be an object/);
    expect(() => applySettingsPatch(current, [])).toThrow(/must be an object/);
    expect(() => applySettingsPatch(current, 'demoMode=true')).toThrow(/must be an object/);
  });

  it('applies nothing of a request that is partly bad', () => {
    const before = applySettingsPatch(current, { startHidden: true });
    expect(() => applySettingsPatch(before, { demoMode: true, pollIntervalMinutes: 0 })).toThrow();
    expect(before.demoMode).toBe(false);
  });

  it('sets and clears a snooze', () => {
    const paused = applySettingsPatch(current, { snooze: { until: '2026-11-26T08:00:00Z' } });
    expect(paused.snooze).toEqual({ until: '2026-11-26T08:00:00.000Z' });
    expect(applySettingsPatch(paused, { snooze: { until: null } }).snooze).toEqual({ until: null });
    expect(applySettingsPatch(paused, { snooze: null }).snooze).toBeNull();
  });
});

describe('createSettingsStore (the shared store behaviour)', () => {
  it('hands out copies, so a caller cannot change the settings behind its back', () => {
    const store = createSettingsStore();
    store.get().notifications.needsResync = false;
    expect(store.get().notifications.needsResync).toBe(true);
  });

  it('saves a change, then tells listeners the new and previous settings', () => {
    const saved: Settings[] = [];
    const store = createSettingsStore({ persist: (s) => saved.push(s) });
    const seen: Array<[number, number]> = [];
    const stop = store.onChange((next, previous) => seen.push([next.pollIntervalMinutes, previous.pollIntervalMinutes]));
    expect(store.update({ pollIntervalMinutes: 10 }).pollIntervalMinutes).toBe(10);
    expect(saved.map((s) => s.pollIntervalMinutes)).toEqual([10]);
    expect(seen).toEqual([[10, 5]]);
    stop();
    store.update({ pollIntervalMinutes: 20 });
    expect(seen).toEqual([[10, 5]]);
  });

  it('neither saves nor notifies when nothing changed', () => {
    const persist = vi.fn();
    const listener = vi.fn();
    const store = createSettingsStore({ persist });
    store.onChange(listener);
    store.update({ pollIntervalMinutes: 5 });
    store.update({});
    expect(persist).not.toHaveBeenCalled();
    expect(listener).not.toHaveBeenCalled();
  });

  it('refuses a bad change and keeps the current settings', () => {
    const store = createSettingsStore();
    expect(() => store.update({ pollIntervalMinutes: 100 })).toThrow(InvalidSettingsError);
    expect(store.get().pollIntervalMinutes).toBe(5);
  });

  it('keeps a change that could not be saved for this run and says so; a later save clears the notice', () => {
    let failing = true;
    const store = createSettingsStore({
      notice: null,
      persist: () => {
        if (failing) throw new Error('ENOSPC: no space left on device');
      },
      logger: { info: vi.fn(), warn: vi.fn(), error: vi.fn() },
    });
    store.update({ demoMode: true });
    expect(store.get().demoMode).toBe(true);
    expect(store.notice).toMatch(/could not be saved \(ENOSPC: no space left on device\); the change applies until Lobstr Tray quits/);
    failing = false;
    store.update({ demoMode: false });
    expect(store.notice).toBeNull();
  });

  it('still applies a change and tells the other listeners when one listener throws', () => {
    const error = vi.fn();
    const store = createSettingsStore({ logger: { info: vi.fn(), warn: vi.fn(), error } });
    const second = vi.fn();
    store.onChange(() => {
      throw new Error('listener bug');
    });
    store.onChange(second);
    expect(() => store.update({ startHidden: true })).not.toThrow();
    expect(second).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalled();
  });

  it('starts from given settings and a load notice', () => {
    const initial = { ...defaultSettings(), pollIntervalMinutes: 12 };
    const store = createSettingsStore({ initial, notice: 'reset' });
    expect(store.get().pollIntervalMinutes).toBe(12);
    expect(store.notice).toBe('reset');
  });
});
