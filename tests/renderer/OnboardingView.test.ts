// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, test } from 'vitest';
import OnboardingView from '../../renderer/src/views/OnboardingView.svelte';
import { AppState } from '../../renderer/src/lib/appState.svelte';
import type { LobstrBridge } from '../../preload/lobstrBridge';
import type { KeyStatus } from '../../main/shared/ipcContract';
import { fakeBridge, snapshotOf } from './fakeBridge';

afterEach(cleanup);

const NOT_CONFIGURED = snapshotOf([], { configured: false, snapshot: null, lastPollAt: null, nextPollAt: null });

async function openOnboarding(overrides: Partial<LobstrBridge> = {}) {
  const bridge = fakeBridge(NOT_CONFIGURED, overrides);
  const app = new AppState(bridge);
  app.snapshot = NOT_CONFIGURED;
  render(OnboardingView, { props: { state: app } });
  const keyField = (await screen.findByLabelText('Lobstr API key')) as HTMLInputElement;
  return { bridge, keyField };
}

const names = (calls: unknown[][]) => calls.map(([name]) => name).filter((name) => name !== 'getSettings' && name !== 'getKeyStatus');

const BASIC_TEXT_NOTE =
  'No system keyring was found, so the key is encrypted with a fixed password: anyone who can read your files can recover it.';

function keyStatus(overrides: Partial<KeyStatus> = {}): KeyStatus {
  return {
    set: false,
    hint: null,
    storage: { kind: 'keychain', label: 'Secret Service keyring (libsecret)', note: null },
    notice: null,
    waiting: false,
    ...overrides,
  };
}

describe('the API key field', () => {
  test('is a hidden, labelled field that the browser does not fill in, with a hint where to find the key', async () => {
    const { keyField } = await openOnboarding();
    expect(screen.getByRole('heading', { level: 2, name: 'Connect Lobstr Tray to Lobstr' })).toBeTruthy();
    expect(keyField.type).toBe('password');
    expect(keyField.getAttribute('autocomplete')).toBe('off');
    expect(keyField.getAttribute('aria-describedby')).toBeTruthy();
    const hint = document.getElementById(keyField.getAttribute('aria-describedby') as string);
    expect(hint?.textContent).toContain('API page of the Lobstr dashboard');
    // A real link, opened by the app in the browser (main/electron/window.ts), never in the window.
    const link = screen.getByRole('link', { name: 'API page of the Lobstr dashboard' }) as HTMLAnchorElement;
    expect(link.href).toBe('https://app.lobstr.io/dashboard/api');
    expect(link.target).toBe('_blank');
    expect(link.rel.split(' ')).toEqual(expect.arrayContaining(['noopener', 'noreferrer']));

    await fireEvent.click(screen.getByRole('button', { name: 'Show key' }));
    expect(keyField.type).toBe('text');
    await fireEvent.click(screen.getByRole('button', { name: 'Hide key' }));
    expect(keyField.type).toBe('password');
  });

  test('an empty field asks for the key and asks Lobstr nothing', async () => {
    const { bridge } = await openOnboarding();
    await fireEvent.click(screen.getByRole('button', { name: 'Check and save key' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Paste your Lobstr API key first.');
    expect(names(bridge.calls)).toEqual([]);
  });
});

describe('checking the key with Lobstr', () => {
  test('a rejected key says so and what to do, and nothing else happens', async () => {
    const { bridge, keyField } = await openOnboarding({
      setKey: async (key) => {
        bridge.calls.push(['setKey', key]);
        return { ok: false, error: { kind: 'auth', message: 'Lobstr rejected this key' } };
      },
    });
    await fireEvent.input(keyField, { target: { value: 'wrong-key-0000' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Check and save key' }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Lobstr API key: Lobstr rejected this key')).toBeTruthy();
    expect(alert.textContent).toContain('copied the whole key from the API page of the Lobstr dashboard');
    expect(alert.textContent).toContain('Nothing was stored.');
    expect(keyField.getAttribute('aria-invalid')).toBe('true');
    // Only the check: no settings saved, no demo, no key kept.
    expect(names(bridge.calls)).toEqual(['setKey']);
    expect(keyField.value).toBe('wrong-key-0000');
  });

  test('a network failure shows its message', async () => {
    const { keyField } = await openOnboarding({
      setKey: async () => ({
        ok: false,
        error: {
          kind: 'network',
          message: 'The key could not be checked with Lobstr, so it was not stored: Lobstr could not be reached',
        },
      }),
    });
    await fireEvent.input(keyField, { target: { value: 'some-key' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Check and save key' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Lobstr could not be reached');
    expect(alert.textContent).toContain('Check your internet connection');
  });

  test('while Lobstr is asked, the form is busy and cannot be sent twice', async () => {
    let answer: () => void = () => {};
    const { bridge, keyField } = await openOnboarding({
      setKey: (key) =>
        new Promise((resolve) => {
          bridge.calls.push(['setKey', key]);
          answer = () => resolve({ ok: false, error: { kind: 'auth', message: 'Lobstr rejected this key' } });
        }),
    });
    await fireEvent.input(keyField, { target: { value: 'abcd1234' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Check and save key' }));
    expect(screen.getByRole('status').textContent).toBe('Checking the key with Lobstr…');
    const busyButton = screen.getByRole('button', { name: 'Checking…' }) as HTMLButtonElement;
    expect(busyButton.disabled).toBe(true);
    expect(keyField.disabled).toBe(true);
    await fireEvent.click(busyButton);
    answer();
    expect(await screen.findByText('Lobstr API key: Lobstr rejected this key')).toBeTruthy();
    expect(names(bridge.calls)).toEqual(['setKey']);
  });

  test('an accepted key is sent trimmed, and the view says the accounts are coming', async () => {
    const { bridge, keyField } = await openOnboarding();
    await fireEvent.input(keyField, { target: { value: '  0123456789abcdef0123456789abcdefa1b2\n' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Check and save key' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      'Lobstr accepted the key (…a1b2). Loading your accounts…',
    );
    expect(bridge.calls).toContainEqual(['setKey', '0123456789abcdef0123456789abcdefa1b2']);
    expect(names(bridge.calls)).toEqual(['setKey']);
  });
});

describe('the API base URL (Advanced)', () => {
  test('starts from the setting, and a changed one is saved before the key is checked', async () => {
    const { bridge, keyField } = await openOnboarding();
    await fireEvent.click(screen.getByText('Advanced'));
    const baseField = screen.getByLabelText('API base URL') as HTMLInputElement;
    expect(baseField.value).toBe('https://api.lobstr.io/v1');

    await fireEvent.input(baseField, { target: { value: 'https://eu.api.lobstr.io/v1' } });
    await fireEvent.input(keyField, { target: { value: 'key-9f8e' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Check and save key' }));
    await screen.findByText(/Lobstr accepted the key/);
    expect(names(bridge.calls)).toEqual(['updateSettings', 'setKey']);
    expect(bridge.calls).toContainEqual(['updateSettings', { apiBaseUrl: 'https://eu.api.lobstr.io/v1' }]);
  });

  test('an unchanged base URL is not saved again', async () => {
    const { bridge, keyField } = await openOnboarding();
    await fireEvent.input(keyField, { target: { value: 'key-9f8e' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Check and save key' }));
    await screen.findByText(/Lobstr accepted the key/);
    expect(names(bridge.calls)).toEqual(['setKey']);
  });

  test('a refused base URL shows its message next to the field, and the key is not sent', async () => {
    const message = 'The API base URL must be an https:// address (http:// is allowed only for 127.0.0.1 or localhost).';
    const { bridge, keyField } = await openOnboarding({
      updateSettings: async (patch) => {
        bridge.calls.push(['updateSettings', patch]);
        return { ok: false, error: { kind: 'invalid_request', message } };
      },
    });
    await fireEvent.click(screen.getByText('Advanced'));
    const baseField = screen.getByLabelText('API base URL') as HTMLInputElement;
    await fireEvent.input(baseField, { target: { value: 'http://api.example.com/v1' } });
    await fireEvent.input(keyField, { target: { value: 'key-9f8e' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Check and save key' }));

    expect((await screen.findByRole('alert')).textContent).toBe(message);
    expect(baseField.getAttribute('aria-invalid')).toBe('true');
    expect(baseField.getAttribute('aria-describedby')).toContain((await screen.findByRole('alert')).id);
    expect(names(bridge.calls)).toEqual(['updateSettings']);
  });
});

describe('the demo', () => {
  test('"Try with demo data" starts the demo', async () => {
    const { bridge } = await openOnboarding();
    await fireEvent.click(screen.getByRole('button', { name: 'Try with demo data' }));
    expect(names(bridge.calls)).toEqual(['startDemo']);
  });

  test('a demo that cannot start says why', async () => {
    await openOnboarding({
      startDemo: async () => ({
        ok: false,
        error: { kind: 'failed', message: "Lobstr Tray could not start the demo; the app's log has the details." },
      }),
    });
    await fireEvent.click(screen.getByRole('button', { name: 'Try with demo data' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      "Lobstr Tray could not start the demo; the app's log has the details.",
    );
  });
});

describe('how the key will be kept, said before it is stored', () => {
  test('without a system keyring (basic_text), the warning is shown next to the key field, before anything is sent', async () => {
    const { bridge } = await openOnboarding({
      getKeyStatus: async () => ({
        ok: true,
        value: keyStatus({ storage: { kind: 'basic_text', label: 'no keyring (fixed password)', note: BASIC_TEXT_NOTE } }),
      }),
    });
    const note = await screen.findByRole('note', { name: /How your key will be kept: no keyring \(fixed password\)/ });
    expect(note.textContent).toContain(BASIC_TEXT_NOTE);
    expect(names(bridge.calls)).toEqual([]);
  });

  test('with a system keyring there is nothing to warn about', async () => {
    await openOnboarding();
    expect(screen.queryByRole('note')).toBeNull();
  });
});

describe('a saved key that cannot be used now', () => {
  test('a key checked with another address: says why the key is asked again', async () => {
    const notice =
      'Enter your API key again for lobstr.example.com: the saved key was checked with api.lobstr.io, and Lobstr Tray sends a key only where it was checked.';
    const { keyField } = await openOnboarding({ getKeyStatus: async () => ({ ok: true, value: keyStatus({ notice }) }) });
    expect((await screen.findByText(notice)).getAttribute('role')).toBe('alert');
    expect(keyField).toBeTruthy();
  });

  test('a keyring still locked: says it waits for the keyring instead of asking for the key, and can ask again', async () => {
    let waiting = true;
    const bridge = fakeBridge(NOT_CONFIGURED, {
      getKeyStatus: async () => {
        bridge.calls.push(['getKeyStatus']);
        return { ok: true, value: keyStatus({ waiting, notice: 'Waiting for the system keyring to unlock: the saved API key is read again at the next check.' }) };
      },
    });
    const app = new AppState(bridge);
    app.snapshot = NOT_CONFIGURED;
    render(OnboardingView, { props: { state: app } });
    expect(await screen.findByRole('heading', { name: 'Waiting for the system keyring' })).toBeTruthy();
    expect(screen.queryByLabelText('Lobstr API key')).toBeNull();
    const asked = bridge.calls.filter(([name]) => name === 'getKeyStatus').length;

    waiting = false;
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(bridge.calls.filter(([name]) => name === 'getKeyStatus').length).toBe(asked + 1);
    expect(await screen.findByLabelText('Lobstr API key')).toBeTruthy();
  });
});
