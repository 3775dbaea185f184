// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, test, vi } from 'vitest';
import SettingsView from '../../renderer/src/views/SettingsView.svelte';
import { AppState } from '../../renderer/src/lib/appState.svelte';
import type { LobstrBridge } from '../../preload/lobstrBridge';
import { snoozeFor } from '../../main/core/monitor/snooze';
import type { KeyStatus, SettingsPatch } from '../../main/shared/ipcContract';
import { SEED_TWITTER } from '../fixtures/seedAccounts';
import { useTestClock } from './testClock';
import { fakeBridge, snapshotOf, TEST_NOW, type FakeBridge } from './fakeBridge';

useTestClock();

async function openSettings(overrides: Partial<LobstrBridge> = {}, demo = false) {
  const snapshot = snapshotOf([SEED_TWITTER], {}, demo);
  const bridge = fakeBridge(snapshot, overrides);
  const app = new AppState(bridge);
  app.snapshot = snapshot;
  app.go({ name: 'settings' });
  render(SettingsView, { props: { state: app } });
  await screen.findByRole('region', { name: 'Connection' });
  return { bridge, app };
}

/** The patches sent to updateSettings, in order. */
const patches = (bridge: FakeBridge) => bridge.calls.filter(([name]) => name === 'updateSettings').map(([, patch]) => patch);

/** Makes the bridge refuse the patches matching `refuse` with `message`, as the main process would. */
function refuseSettings(bridge: FakeBridge, refuse: (patch: SettingsPatch) => boolean, message: string): void {
  const accept = bridge.updateSettings.bind(bridge);
  bridge.updateSettings = async (patch) => {
    if (!refuse(patch)) return accept(patch);
    bridge.calls.push(['updateSettings', patch]);
    return { ok: false, error: { kind: 'invalid_request', message } };
  };
}

const textOf = (element: HTMLElement | null) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('notifications blocked by the system', () => {
  test('the Notifications section says so, with where to allow them, and clears when the app says they arrive again', async () => {
    const { app } = await openSettings();
    const section = screen.getByRole('region', { name: 'Notifications' });
    expect(within(section).queryByText('Notifications are blocked by the system')).toBeNull();

    const blocked = {
      cause: 'failed' as const,
      error: 'Notifications are not allowed for this application',
      since: '2026-11-25T14:00:00Z',
      message: 'Notifications are blocked by the system',
      advice: 'To allow them: System Settings → Notifications → Lobstr Tray',
    };
    app.snapshot = { ...snapshotOf([SEED_TWITTER]), notificationsBlocked: blocked };
    const callout = (await within(section).findByText('Notifications are blocked by the system')).closest('[role="status"]') as HTMLElement;
    expect(textOf(callout)).toBe(
      'Notifications are blocked by the system To allow them: System Settings → Notifications → Lobstr Tray The system said: Notifications are not allowed for this application',
    );

    app.snapshot = snapshotOf([SEED_TWITTER]);
    await vi.waitFor(() => expect(within(section).queryByText('Notifications are blocked by the system')).toBeNull());
  });
});

describe('a test notification', () => {
  test('is sent on request, and the page says so', async () => {
    const { bridge } = await openSettings();
    const section = screen.getByRole('region', { name: 'Notifications' });
    await fireEvent.click(within(section).getByRole('button', { name: 'Send a test notification' }));
    expect(bridge.calls).toContainEqual(['testNotification']);
    expect(await within(section).findByText('Sent: it should appear now.')).toBeTruthy();
  });

  test('a refusal says why', async () => {
    await openSettings({
      testNotification: async () => ({ ok: false, error: { kind: 'failed', message: 'Lobstr Tray could not send a test notification.' } }),
    });
    const section = screen.getByRole('region', { name: 'Notifications' });
    await fireEvent.click(within(section).getByRole('button', { name: 'Send a test notification' }));
    expect(await within(section).findByText('Lobstr Tray could not send a test notification.')).toBeTruthy();
  });
});

describe('the page', () => {
  test('shows a loading state, then every section, and About with the version and system', async () => {
    const snapshot = snapshotOf([SEED_TWITTER]);
    const app = new AppState(fakeBridge(snapshot));
    app.snapshot = snapshot;
    render(SettingsView, { props: { state: app } });
    expect(screen.getAllByRole('status').map((s) => s.textContent)).toContain('Loading the settings…');

    expect(await screen.findByRole('region', { name: 'Connection' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Settings' })).toBeTruthy();
    for (const name of ['Lobstr API key', 'Notifications', 'Startup', 'Demo mode', 'About this app']) {
      expect(screen.getByRole('region', { name })).toBeTruthy();
    }
    const about = screen.getByRole('region', { name: 'About this app' });
    expect(textOf(within(about).getByText('Version').nextElementSibling as HTMLElement)).toBe('1.2.3');
    expect(textOf(within(about).getByText('System').nextElementSibling as HTMLElement)).toBe('Linux');
  });

  test('settings that cannot be read say so, with Try again', async () => {
    let fail = true;
    const snapshot = snapshotOf([SEED_TWITTER]);
    const bridge = fakeBridge(snapshot);
    const getSettings = bridge.getSettings.bind(bridge);
    bridge.getSettings = async () =>
      fail ? { ok: false, error: { kind: 'failed', message: 'the settings file is locked' } } : getSettings();
    const app = new AppState(bridge);
    app.snapshot = snapshot;
    render(SettingsView, { props: { state: app } });
    expect(textOf(await screen.findByText(/could not be read/))).toBe('The settings could not be read: the settings file is locked');
    fail = false;
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('region', { name: 'Connection' })).toBeTruthy();
  });

  test('a notice about the settings (a reset file) is shown at the top', async () => {
    const notice = 'The settings file could not be read, so it was moved aside and the defaults are used.';
    const defaults = fakeBridge(snapshotOf([]));
    await openSettings({
      getSettings: async () => {
        const result = await defaults.getSettings();
        return result.ok ? { ok: true, value: { ...result.value, notice } } : result;
      },
    });
    expect(screen.getByText(notice)).toBeTruthy();
  });

  test('"Back to accounts" and Esc return to the list', async () => {
    const { app } = await openSettings();
    await fireEvent.click(screen.getByRole('button', { name: 'Back to accounts' }));
    expect(app.route).toEqual({ name: 'list' });

    app.go({ name: 'settings' });
    await fireEvent.keyDown(screen.getByRole('switch', { name: 'Launch at login' }), { key: 'Escape' });
    expect(app.route).toEqual({ name: 'list' });
  });

  test('Esc while typing in a text field stays on the page (the field is saved when left)', async () => {
    const { app } = await openSettings();
    await fireEvent.keyDown(screen.getByLabelText('API base URL'), { key: 'Escape' });
    expect(app.route).toEqual({ name: 'settings' });
  });
});

describe('the API key', () => {
  test('shows only the end of the key and where it is kept', async () => {
    await openSettings();
    const section = screen.getByRole('region', { name: 'Lobstr API key' });
    expect(await within(section).findByText('Set, ending …a1b2')).toBeTruthy();
    expect(textOf(within(section).getByText('Kept in').nextElementSibling as HTMLElement)).toBe('GNOME Keyring (libsecret)');
  });

  test('a storage with a caveat (no keyring on Linux) is told prominently, and so is a key notice', async () => {
    const status: KeyStatus = {
      set: true,
      hint: '…9z9z',
      storage: {
        kind: 'basic_text',
        label: 'a fixed password (no keyring found)',
        note: 'No keyring was found, so the key is encrypted with a password every app on this computer knows.',
      },
      notice: 'The stored key could not be read; set it again.',
      waiting: false,
    };
    await openSettings({ getKeyStatus: async () => ({ ok: true, value: status }) });
    const note = await screen.findByRole('note');
    expect(textOf(note)).toBe(
      'How your key is kept: a fixed password (no keyring found) No keyring was found, so the key is encrypted with a password every app on this computer knows.',
    );
    expect(screen.getByText('The stored key could not be read; set it again.')).toBeTruthy();
  });

  test('removing the key asks first; "Keep the key" changes nothing, confirming removes it', async () => {
    const { bridge } = await openSettings();
    const section = screen.getByRole('region', { name: 'Lobstr API key' });
    await fireEvent.click(await within(section).findByRole('button', { name: 'Remove key' }));
    const confirm = within(section).getByRole('group');
    expect(textOf(confirm)).toContain('Remove the API key from this computer?');
    await fireEvent.click(within(confirm).getByRole('button', { name: 'Keep the key' }));
    expect(bridge.calls.some(([name]) => name === 'clearKey')).toBe(false);

    await fireEvent.click(within(section).getByRole('button', { name: 'Remove key' }));
    await fireEvent.click(within(section).getByRole('button', { name: 'Yes, remove the key' }));
    expect(await within(section).findByText('No key is set')).toBeTruthy();
    expect(bridge.calls.filter(([name]) => name === 'clearKey')).toHaveLength(1);
    expect(within(section).getByText('Key removed.')).toBeTruthy();
    expect(within(section).getByRole('button', { name: 'Set key' })).toBeTruthy();
  });

  test('replacing the key uses the checked flow: a rejected key is refused, an accepted one replaces it', async () => {
    let accept = false;
    const { bridge } = await openSettings({
      setKey: async (key) => {
        bridge.calls.push(['setKey', key]);
        if (!accept) return { ok: false, error: { kind: 'auth', message: 'Lobstr rejected this key' } };
        return {
          ok: true,
          value: { set: true, hint: `…${key.slice(-4)}`, storage: { kind: 'keychain', label: 'macOS Keychain', note: null }, notice: null, waiting: false },
        };
      },
    });
    const section = screen.getByRole('region', { name: 'Lobstr API key' });
    await fireEvent.click(await within(section).findByRole('button', { name: 'Replace key' }));
    const field = within(section).getByLabelText('Lobstr API key') as HTMLInputElement;
    expect(field.type).toBe('password');
    await fireEvent.input(field, { target: { value: 'bad-key' } });
    await fireEvent.click(within(section).getByRole('button', { name: 'Check and save key' }));
    expect(within(await within(section).findByRole('alert')).getByText('Lobstr API key: Lobstr rejected this key')).toBeTruthy();
    expect(within(section).getByText('Set, ending …a1b2')).toBeTruthy();

    accept = true;
    await fireEvent.input(field, { target: { value: 'good-key-wxyz' } });
    await fireEvent.click(within(section).getByRole('button', { name: 'Check and save key' }));
    expect(await within(section).findByText('Set, ending …wxyz')).toBeTruthy();
    expect(within(section).getByText('Key saved (…wxyz).')).toBeTruthy();
    expect(bridge.calls.filter(([name]) => name === 'setKey')).toEqual([
      ['setKey', 'bad-key'],
      ['setKey', 'good-key-wxyz'],
    ]);
    // Replacing the key does not touch the settings.
    expect(patches(bridge)).toEqual([]);
  });
});

describe('each control saves at once', () => {
  test('API base URL', async () => {
    const { bridge } = await openSettings();
    const field = screen.getByLabelText('API base URL') as HTMLInputElement;
    expect(field.value).toBe('https://api.lobstr.io/v1');
    await fireEvent.input(field, { target: { value: ' https://eu.api.lobstr.io/v1 ' } });
    await fireEvent.change(field);
    expect(patches(bridge)).toEqual([{ apiBaseUrl: 'https://eu.api.lobstr.io/v1' }]);
  });

  test('poll interval', async () => {
    const { bridge } = await openSettings();
    const field = screen.getByLabelText('Check every (minutes)') as HTMLInputElement;
    expect(field.value).toBe('5');
    await fireEvent.input(field, { target: { value: '15' } });
    await fireEvent.change(field);
    expect(patches(bridge)).toEqual([{ pollIntervalMinutes: 15 }]);
  });

  test('notification kinds', async () => {
    const { bridge } = await openSettings();
    await fireEvent.click(screen.getByRole('switch', { name: 'An account needs its cookies re-synced' }));
    await fireEvent.click(screen.getByRole('switch', { name: 'An account is synchronized again' }));
    await fireEvent.click(screen.getByRole('switch', { name: 'Lobstr rejects the API key' }));
    await vi.waitFor(() => expect(patches(bridge)).toHaveLength(3));
    expect(patches(bridge)).toEqual([
      { notifications: { needsResync: false } },
      { notifications: { recovered: false } },
      { notifications: { keyRejected: false } },
    ]);
  });

  test('reminder: every N hours, or never', async () => {
    const { bridge } = await openSettings();
    const select = screen.getByLabelText('Remind me while an account still needs re-sync') as HTMLSelectElement;
    expect(select.value).toBe('off');
    await fireEvent.change(select, { target: { value: '4' } });
    await fireEvent.change(select, { target: { value: 'off' } });
    await vi.waitFor(() => expect(patches(bridge)).toEqual([{ reminderHours: 4 }, { reminderHours: null }]));
    expect(within(select).getByRole('option', { name: 'Every 4 hours' })).toBeTruthy();
    expect(within(select).getByRole('option', { name: 'Every day' })).toBeTruthy();
  });

  test('snooze: an hour, until tomorrow 08:00 local time, until resumed, and Resume', async () => {
    const { bridge } = await openSettings();
    const pause = screen.getByRole('group', { name: 'Pause notifications' });
    expect(textOf(within(pause).getByRole('status'))).toBe('Notifications are on');

    await fireEvent.click(within(pause).getByRole('button', { name: 'Pause for 1 hour' }));
    expect(await within(pause).findByText(/^Paused until/)).toBeTruthy();
    await fireEvent.click(within(pause).getByRole('button', { name: 'Pause until tomorrow 08:00' }));
    await fireEvent.click(within(pause).getByRole('button', { name: 'Pause until I resume' }));
    expect(await within(pause).findByText('Paused until resumed')).toBeTruthy();
    await fireEvent.click(within(pause).getByRole('button', { name: 'Resume' }));
    expect(await within(pause).findByText('Notifications are on')).toBeTruthy();

    expect(patches(bridge)).toEqual([
      { snooze: { until: '2026-11-25T15:05:00.000Z' } },
      { snooze: snoozeFor('until_tomorrow', TEST_NOW) },
      { snooze: { until: null } },
      { snooze: null },
    ]);
  });

  test('launch at login, start hidden, and "status 429 means expired cookies"', async () => {
    const { bridge } = await openSettings();
    await fireEvent.click(screen.getByRole('switch', { name: 'Launch at login' }));
    await fireEvent.click(screen.getByRole('switch', { name: 'Start hidden' }));
    const status429 = screen.getByRole('switch', { name: 'Status 429 means expired cookies' }) as HTMLInputElement;
    expect(status429.checked).toBe(true);
    await fireEvent.click(status429);
    await vi.waitFor(() =>
      expect(patches(bridge)).toEqual([{ launchAtLogin: true }, { startHidden: true }, { status429NeedsResync: false }]),
    );
  });

  test('the count beside the menu-bar icon: offered on macOS only, on by default', async () => {
    const COUNT = 'Show the count beside the menu-bar icon';
    await openSettings();
    expect(screen.queryByRole('switch', { name: COUNT })).toBeNull();
    expect(screen.getByRole('region', { name: 'Startup' })).toBeTruthy();
    cleanup();

    const { bridge } = await openSettings({ platform: 'darwin' });
    const startup = screen.getByRole('region', { name: 'Startup and menu bar' });
    const count = within(startup).getByRole('switch', { name: COUNT }) as HTMLInputElement;
    expect(count.checked).toBe(true);
    await fireEvent.click(count);
    await vi.waitFor(() => expect(patches(bridge)).toEqual([{ showCountInMenuBar: false }]));
    expect(count.checked).toBe(false);
  });
});

describe('refused values', () => {
  test('a refused poll interval shows the reason next to the field', async () => {
    const message = 'The poll interval must be a whole number of minutes from 1 to 60 (got 0).';
    const { bridge } = await openSettings();
    refuseSettings(bridge, (patch) => patch.pollIntervalMinutes === 0, message);
    const field = screen.getByLabelText('Check every (minutes)') as HTMLInputElement;
    await fireEvent.input(field, { target: { value: '0' } });
    await fireEvent.change(field);
    const alert = await screen.findByRole('alert');
    // Named by the field's own label.
    expect(alert.textContent).toBe(`Check every (minutes): ${message}`);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')?.split(' ')).toContain(alert.id);

    // A good value clears the message.
    await fireEvent.input(field, { target: { value: '10' } });
    await fireEvent.change(field);
    await vi.waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  test('an empty poll interval is explained without asking the app', async () => {
    const { bridge } = await openSettings();
    const field = screen.getByLabelText('Check every (minutes)') as HTMLInputElement;
    await fireEvent.input(field, { target: { value: '' } });
    await fireEvent.change(field);
    expect((await screen.findByRole('alert')).textContent).toBe('Check every (minutes): Enter a whole number of minutes from 1 to 60.');
    expect(patches(bridge)).toEqual([]);
  });

  test('a refused switch shows the reason and goes back to the value the app kept', async () => {
    const message = '"Launch at login" could not be turned on: this system has no autostart folder.';
    const { bridge } = await openSettings();
    refuseSettings(bridge, (patch) => patch.launchAtLogin !== undefined, message);
    const box = screen.getByRole('switch', { name: 'Launch at login' }) as HTMLInputElement;
    await fireEvent.click(box);
    expect((await screen.findByRole('alert')).textContent).toBe(message);
    expect(box.checked).toBe(false);
  });

  test('a refused base URL keeps what was typed, with the reason', async () => {
    const message = 'The API base URL must be an https:// address.';
    const { bridge } = await openSettings();
    refuseSettings(bridge, (patch) => patch.apiBaseUrl !== undefined, message);
    const field = screen.getByLabelText('API base URL') as HTMLInputElement;
    await fireEvent.input(field, { target: { value: 'http://example.com' } });
    await fireEvent.change(field);
    expect((await screen.findByRole('alert')).textContent).toBe(message);
    expect(field.value).toBe('http://example.com');
  });
});

describe('the demo', () => {
  test('Start demo starts it', async () => {
    const { bridge } = await openSettings();
    const section = screen.getByRole('region', { name: 'Demo mode' });
    expect(textOf(within(section).getByRole('status'))).toContain('The demo is off.');
    await fireEvent.click(within(section).getByRole('button', { name: 'Start demo' }));
    expect(bridge.calls).toContainEqual(['startDemo']);
  });

  test('while it runs, Stop demo stops it', async () => {
    const { bridge } = await openSettings({}, true);
    const section = screen.getByRole('region', { name: 'Demo mode' });
    expect(textOf(within(section).getByRole('status'))).toContain('The demo is on');
    await fireEvent.click(within(section).getByRole('button', { name: 'Stop demo' }));
    expect(bridge.calls).toContainEqual(['stopDemo']);
  });
});
