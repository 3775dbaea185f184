// @vitest-environment jsdom
/**
 * The hint under the API base URL says what the app accepts (main/core/lobstr/baseUrl.ts): https://, and
 * plain http:// only for this computer. The demo and the simulator run at http://127.0.0.1:…, so a
 * hint saying "https:// only" above such an address would be contradicted by the field itself.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, test } from 'vitest';
import OnboardingView from '../../renderer/src/views/OnboardingView.svelte';
import SettingsView from '../../renderer/src/views/SettingsView.svelte';
import { AppState } from '../../renderer/src/lib/appState.svelte';
import { normaliseApiBase } from '../../main/core/lobstr/baseUrl';
import { DEFAULT_SETTINGS } from '../../main/core/settings/settings';
import type { SettingsValues } from '../../main/shared/ipcContract';
import { SEED_TWITTER } from '../fixtures/seedAccounts';
import { fakeBridge, snapshotOf } from './fakeBridge';

afterEach(cleanup);

const LOOPBACK_BASE = 'http://127.0.0.1:8787/v1';

/** The text that describes the API base URL field to a reader and to a screen reader. */
async function baseUrlHint(): Promise<{ value: string; hint: string }> {
  const field = (await screen.findByLabelText('API base URL')) as HTMLInputElement;
  const ids = (field.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  const hint = ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
  return { value: field.value, hint: hint.replace(/\s+/g, ' ') };
}

function expectTrueHint(hint: string): void {
  expect(hint).not.toMatch(/https:\/\/ only/i);
  expect(hint).toMatch(/https:\/\//);
  expect(hint).toMatch(/http:\/\/ .*(this computer|localhost|127\.0\.0\.1)/i);
}

describe('the API base URL hint', () => {
  test('is true in Settings, above the loopback address the demo uses', async () => {
    expect(normaliseApiBase(LOOPBACK_BASE)).toBe(LOOPBACK_BASE); // the app accepts it
    const snapshot = snapshotOf([SEED_TWITTER], {}, true);
    const settings = { ...structuredClone(DEFAULT_SETTINGS), apiBaseUrl: LOOPBACK_BASE } as SettingsValues;
    const app = new AppState(
      fakeBridge(snapshot, { getSettings: async () => ({ ok: true, value: { settings, notice: null } }) }),
    );
    app.snapshot = snapshot;
    app.go({ name: 'settings' });
    render(SettingsView, { props: { state: app } });
    await screen.findByRole('region', { name: 'Connection' });

    const { value, hint } = await baseUrlHint();
    expect(value).toBe(LOOPBACK_BASE);
    expectTrueHint(hint);
  });

  test('is true during onboarding (Advanced)', async () => {
    const notConfigured = snapshotOf([], { configured: false, snapshot: null, lastPollAt: null, nextPollAt: null });
    const app = new AppState(fakeBridge(notConfigured));
    app.snapshot = notConfigured;
    render(OnboardingView, { props: { state: app } });
    await screen.findByLabelText('Lobstr API key');
    await fireEvent.click(screen.getByText('Advanced'));
    expectTrueHint((await baseUrlHint()).hint);
  });
});
