// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, test } from 'vitest';
import App from '../../renderer/src/App.svelte';
import type { LobstrBridge } from '../../preload/lobstrBridge';
import type { SnapshotView } from '../../main/shared/ipcContract';
import { accountWith, SEED_FACEBOOK, SEED_TWITTER } from '../fixtures/seedAccounts';
import { fakeBridge, snapshotOf } from './fakeBridge';

afterEach(cleanup);

const EXPIRED = accountWith({ id: 'aa0000000000000000000000000000aa', username: 'expired-one', status: '401' });
const CONFIGURED = snapshotOf([SEED_TWITTER, SEED_FACEBOOK, EXPIRED]);
const NOT_CONFIGURED = snapshotOf([], { configured: false, snapshot: null, lastPollAt: null, nextPollAt: null });

function start(snapshot: SnapshotView, overrides: Partial<LobstrBridge> = {}) {
  const bridge = fakeBridge(snapshot, overrides);
  render(App, { props: { bridge } });
  return bridge;
}

/** The account list, by the name of its region. */
const findList = () => screen.findByRole('region', { name: 'Accounts' });

describe('outside the app', () => {
  test('names the app and explains where the window belongs and what to run instead', () => {
    render(App, { props: { bridge: undefined } });
    expect(screen.getByRole('heading', { level: 1, name: 'Lobstr Tray' })).toBeTruthy();
    const notice = screen.getByRole('region', { name: 'Not running inside Lobstr Tray' });
    const text = notice.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(text).toContain('This window runs inside the Lobstr Tray app.');
    expect(text).toContain('Start it with npm start');
    expect(text).toContain('try the headless check: npm run check -- --demo');
  });
});

describe('inside the app', () => {
  test('shows a loading state until the first snapshot, then the list', async () => {
    let answer: () => void = () => {};
    const gate = new Promise<void>((resolve) => (answer = resolve));
    const bridge = fakeBridge(CONFIGURED);
    const getSnapshot = bridge.getSnapshot.bind(bridge);
    bridge.getSnapshot = async () => {
      await gate;
      return getSnapshot();
    };
    render(App, { props: { bridge } });
    expect(within(screen.getByRole('main')).getByRole('status').textContent).toBe('Loading…');
    answer();
    expect(await findList()).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Not running inside Lobstr Tray' })).toBeNull();
  });

  test('a state it cannot read is an error, not an endless loading', async () => {
    start(CONFIGURED, {
      getSnapshot: async () => ({ ok: false, error: { kind: 'failed', message: 'the monitor is not running' } }),
    });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Lobstr Tray could not read its state: the monitor is not running',
    );
  });

  test('without a key (and no demo) it shows onboarding', async () => {
    start(NOT_CONFIGURED);
    expect(await screen.findByRole('heading', { level: 2, name: 'Connect Lobstr Tray to Lobstr' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Accounts' })).toBeNull();
  });

  test('once the key is accepted, the pushed snapshot turns onboarding into the list by itself', async () => {
    const bridge = start(NOT_CONFIGURED);
    await screen.findByRole('heading', { name: 'Connect Lobstr Tray to Lobstr' });
    bridge.pushSnapshot(CONFIGURED);
    expect(await findList()).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Connect Lobstr Tray to Lobstr' })).toBeNull();
  });

  test('with a key it shows the account list', async () => {
    start(CONFIGURED);
    expect(await findList()).toBeTruthy();
  });

  test('the app asking for an account (a notification clicked) opens its details', async () => {
    const bridge = start(CONFIGURED);
    await findList();
    bridge.navigate({ accountId: EXPIRED.id });
    const details = await screen.findByRole('region', { name: 'Account details' });
    expect(within(details).getByRole('heading', { level: 2, name: 'expired-one' })).toBeTruthy();
    expect(within(details).getByRole('region', { name: 'This account needs its cookies re-synced' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Accounts' })).toBeNull();

    // And for the list (null), it goes back to it.
    bridge.navigate({ accountId: null });
    expect(await findList()).toBeTruthy();
  });

  test('the tray menu\'s "Settings…" opens the settings, with About (version and system)', async () => {
    const bridge = start(CONFIGURED);
    await findList();
    bridge.navigate({ accountId: null, view: 'settings' });
    expect(await screen.findByRole('heading', { level: 2, name: 'Settings' })).toBeTruthy();
    const about = screen.getByRole('region', { name: 'About this app' });
    expect(within(about).getByText('Version').nextElementSibling?.textContent).toBe('1.2.3');
    expect(within(about).getByText('System').nextElementSibling?.textContent).toBe('Linux');
  });

  test('settings are reachable before a key is set, and Back returns to onboarding', async () => {
    const bridge = start(NOT_CONFIGURED);
    await screen.findByRole('heading', { name: 'Connect Lobstr Tray to Lobstr' });
    bridge.navigate({ accountId: null, view: 'settings' });
    const back = await screen.findByRole('button', { name: 'Back' });
    back.click();
    expect(await screen.findByRole('heading', { name: 'Connect Lobstr Tray to Lobstr' })).toBeTruthy();
  });
});
