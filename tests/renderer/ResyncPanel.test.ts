// @vitest-environment jsdom
/**
 * The re-sync box of an account's details: started through the login window (with "keep me logged
 * in"), checked again after the Lobstr dashboard, each step as the app pushes it, Cancel, a step
 * kept while the details are closed, and the box ready when a notification opened the details.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, test, vi } from 'vitest';
import DetailsView from '../../renderer/src/views/DetailsView.svelte';
import { AppState } from '../../renderer/src/lib/appState.svelte';
import type { Account } from '../../main/core/lobstr/account';
import type { ResyncView } from '../../main/shared/ipcContract';
import { SEED_TWITTER } from '../fixtures/seedAccounts';
import { EXPIRED_LINKEDIN } from './resyncFixtures';
import { useTestClock } from './testClock';
import { fakeBridge, snapshotOf } from './fakeBridge';

useTestClock();

const EXPIRED = EXPIRED_LINKEDIN;
const HEALTHY = SEED_TWITTER;
const at = '2026-11-25T14:05:00.000Z';
const BOX = 'This account needs its cookies re-synced';

/** The app started (pushes followed), the details of `accountId` shown. */
async function openDetails(accounts: Account[], accountId: string, overrides: Parameters<typeof fakeBridge>[1] = {}) {
  const bridge = fakeBridge(snapshotOf(accounts), overrides);
  const app = new AppState(bridge);
  const stop = app.start();
  await vi.waitFor(() => expect(app.snapshot).not.toBeNull());
  app.go({ name: 'details', accountId });
  const view = render(DetailsView, { props: { state: app, accountId } });
  return { bridge, app, stop, view };
}

const box = () => screen.findByRole('region', { name: BOX });
const textOf = (element: HTMLElement) => element.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const push = (bridge: ReturnType<typeof fakeBridge>, progress: ResyncView) => bridge.pushResync({ accountId: EXPIRED.id, progress });
const waiting = (have: number, signingIn = false): ResyncView => ({ step: 'waiting_for_login', found: [], missing: [], have, need: 2, signingIn, at });
/** The polite live region that reads each step out. */
const announced = () => textOf(screen.getByTestId('resync-step'));

describe('starting a re-sync', () => {
  test('the box has one primary "Re-sync…", "check again", an unticked "keep me logged in" and the Google note', async () => {
    await openDetails([EXPIRED, HEALTHY], EXPIRED.id);
    const callout = await box();
    const primary = within(callout).getByRole('button', { name: 'Re-sync…' });
    expect(primary.classList.contains('primary')).toBe(true);
    expect(callout.querySelectorAll('button.primary')).toHaveLength(1);
    expect(within(callout).getByRole('button', { name: 'I did it in the Lobstr dashboard: check again' })).toBeTruthy();
    const keep = within(callout).getByRole('checkbox', { name: 'Keep me logged in here for next time' }) as HTMLInputElement;
    expect(keep.checked).toBe(false);
    expect(textOf(callout)).toContain('Sign in with your email and password: Google sign-in is refused inside apps.');
  });

  test('"Re-sync…" starts it through the login window, with the box\'s "keep me logged in" choice', async () => {
    const { bridge } = await openDetails([EXPIRED, HEALTHY], EXPIRED.id);
    const callout = await box();
    await fireEvent.click(within(callout).getByRole('button', { name: 'Re-sync…' }));
    expect(bridge.calls).toContainEqual(['startResync', { accountId: EXPIRED.id, via: 'login', keepSignedIn: false }]);
    // Its first step shows at once.
    expect(await within(callout).findByText('Waiting for you to log in', { exact: false })).toBeTruthy();

    push(bridge, { step: 'cancelled', task: null, during: 'waiting_for_login', message: 'Cancelled: nothing was sent to Lobstr.', at });
    const again = await within(callout).findByRole('button', { name: 'Re-sync…' });
    await fireEvent.click(within(callout).getByRole('checkbox', { name: 'Keep me logged in here for next time' }));
    await fireEvent.click(again);
    expect(bridge.calls).toContainEqual(['startResync', { accountId: EXPIRED.id, via: 'login', keepSignedIn: true }]);
  });

  test('a re-sync the app refuses to start says why, and the box stays ready', async () => {
    await openDetails([EXPIRED, HEALTHY], EXPIRED.id, {
      startResync: async () => ({ ok: false, error: { kind: 'failed', message: 'A re-sync of lead.hunter@northwind.io is already running.' } }),
    });
    const callout = await box();
    await fireEvent.click(within(callout).getByRole('button', { name: 'Re-sync…' }));
    expect(textOf(await within(callout).findByRole('alert'))).toBe('A re-sync of lead.hunter@northwind.io is already running.');
    expect(within(callout).getByRole('button', { name: 'Re-sync…' })).toBeTruthy();
  });

  test('"check again" re-reads the account from Lobstr', async () => {
    const { bridge } = await openDetails([EXPIRED, HEALTHY], EXPIRED.id);
    const callout = await box();
    await screen.findByText('Updated 14:05');
    const reads = () => bridge.calls.filter(([name]) => name === 'getAccount').length;
    const before = reads();
    await fireEvent.click(within(callout).getByRole('button', { name: 'I did it in the Lobstr dashboard: check again' }));
    expect(reads()).toBe(before + 1);
  });
});

describe('following a re-sync', () => {
  test('each step reads at a glance and is announced politely; Cancel works at every running step', async () => {
    const { bridge } = await openDetails([EXPIRED, HEALTHY], EXPIRED.id);
    const callout = await box();
    // The step and what it says are read out together when either changes.
    const live = screen.getByTestId('resync-step').closest('[aria-live]') as HTMLElement;
    expect(live.getAttribute('aria-live')).toBe('polite');
    expect(live.getAttribute('aria-atomic')).toBe('true');
    const cancels = () => bridge.calls.filter(([name]) => name === 'cancelResync');

    const running: Array<[ResyncView, string]> = [
      [waiting(1), 'Waiting for you to log in: 1 of 2 cookies'],
      [waiting(2, true), 'Finishing sign-in…'],
      [{ step: 'sending', cookieNames: ['li_at', 'JSESSIONID'], at }, 'Sending the cookies to Lobstr…'],
      [{ step: 'synchronizing', task: 't1', statusCode: 120, statusText: '', elapsedMs: 2000, slow: false, message: 'Lobstr is synchronizing the account…', at }, 'Lobstr is synchronizing the account'],
    ];
    for (const [step, words] of running) {
      push(bridge, step);
      await vi.waitFor(() => expect(announced()).toBe(words));
      expect(within(callout).queryByRole('button', { name: 'Re-sync…' })).toBeNull();
      const before = cancels().length;
      await fireEvent.click(within(callout).getByRole('button', { name: 'Cancel' }));
      expect(cancels()).toHaveLength(before + 1);
      expect(cancels().at(-1)).toEqual(['cancelResync', EXPIRED.id]);
    }
    expect(textOf(callout)).toContain('Lobstr is synchronizing the account…');
    expect(textOf(live)).toBe('Lobstr is synchronizing the account Lobstr is synchronizing the account…');

    // Past 30 s: the warning that the cookies may be invalid.
    push(bridge, { step: 'synchronizing', task: 't1', statusCode: 120, statusText: '', elapsedMs: 31_000, slow: true, message: 'Still synchronizing after 30 s: the cookies may be invalid.', at });
    expect(await within(callout).findByText('Still synchronizing after 30 s: the cookies may be invalid.')).toBeTruthy();
  });

  test('failed: the error in words a person can act on, and "Try again" starts it again', async () => {
    const { bridge } = await openDetails([EXPIRED, HEALTHY], EXPIRED.id);
    const callout = await box();
    push(bridge, { step: 'failed', task: 't1', error: { kind: 'cookies_rejected', statusCode: 401, message: 'Lobstr could not synchronize lead.hunter@northwind.io with these cookies: status 401. Log in again (or export fresh cookies) and retry.' }, at });
    await vi.waitFor(() => expect(announced()).toBe('The re-sync failed'));
    expect(textOf(callout)).toContain('with these cookies: status 401. Log in again');
    expect(within(callout).queryByRole('button', { name: 'Cancel' })).toBeNull();
    await fireEvent.click(within(callout).getByRole('button', { name: 'Try again' }));
    expect(bridge.calls).toContainEqual(['startResync', { accountId: EXPIRED.id, via: 'login', keepSignedIn: false }]);
  });

  test('cancelled: the box is back at its start, saying what the cancel did', async () => {
    const { bridge } = await openDetails([EXPIRED, HEALTHY], EXPIRED.id);
    const callout = await box();
    push(bridge, waiting(0));
    await within(callout).findByRole('button', { name: 'Cancel' });
    push(bridge, { step: 'cancelled', task: null, during: 'waiting_for_login', message: 'Cancelled: nothing was sent to Lobstr.', at });
    expect(await within(callout).findByRole('button', { name: 'Re-sync…' })).toBeTruthy();
    expect(textOf(callout)).toContain('Cancelled: nothing was sent to Lobstr.');
    expect(within(callout).queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  test('done: the success shows, and the box turns green once the account is healthy', async () => {
    const { bridge, app } = await openDetails([EXPIRED, HEALTHY], EXPIRED.id);
    await box();
    push(bridge, { step: 'done', task: 't1', message: 'lead.hunter@northwind.io is synchronized: Lobstr has fresh cookies.', at });
    const healthy: Account = { ...EXPIRED, status_code_info: 'synchronized', status: '200' };
    bridge.pushSnapshot(snapshotOf([healthy, HEALTHY], { snapshot: { checkedAt: '2026-11-25T14:05:30Z', accounts: [healthy, HEALTHY], warnings: [] } }));
    await vi.waitFor(() => expect(screen.queryByRole('region', { name: BOX })).toBeNull());
    const done = screen.getByRole('region', { name: 'Re-synced' });
    expect(textOf(done)).toContain('lead.hunter@northwind.io is synchronized: Lobstr has fresh cookies.');
    expect(done.classList.contains('success')).toBe(true);

    // Read, it can be put away; it stays away when the details open again.
    await fireEvent.click(within(done).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('region', { name: 'Re-synced' })).toBeNull();
    cleanup();
    render(DetailsView, { props: { state: app, accountId: EXPIRED.id } });
    await screen.findByText('Updated 14:05');
    await vi.waitFor(() => expect(bridge.calls.filter(([name]) => name === 'getResync').length).toBeGreaterThan(1));
    expect(screen.queryByRole('region', { name: 'Re-synced' })).toBeNull();
  });

  test('done within the same check (no new check time): the account is read again and shows healthy', async () => {
    const { bridge } = await openDetails([EXPIRED, HEALTHY], EXPIRED.id);
    await box();
    await screen.findByText('Updated 14:05');
    // The app took the re-synced account in: the same check, the account's row changed.
    const healthy: Account = { ...EXPIRED, status_code_info: 'synchronized', status: '200' };
    bridge.pushSnapshot(snapshotOf([healthy, HEALTHY]));
    push(bridge, { step: 'done', task: 't1', message: 'lead.hunter@northwind.io is synchronized: Lobstr has fresh cookies.', at });
    await vi.waitFor(() => expect(screen.queryByRole('region', { name: BOX })).toBeNull());
    expect(screen.getByRole('region', { name: 'Re-synced' })).toBeTruthy();
  });
});

describe('a re-sync while the details are closed', () => {
  test('steps pushed while another view shows are kept, and the latest shows when the details open', async () => {
    const bridge = fakeBridge(snapshotOf([EXPIRED, HEALTHY]));
    const app = new AppState(bridge);
    app.start();
    await vi.waitFor(() => expect(app.snapshot).not.toBeNull());
    push(bridge, { step: 'sending', cookieNames: ['li_at'], at });
    render(DetailsView, { props: { state: app, accountId: EXPIRED.id } });
    await vi.waitFor(() => expect(announced()).toBe('Sending the cookies to Lobstr…'));
  });

  test('a window opened during a re-sync asks the app for its step', async () => {
    const getResync = vi.fn(async () => ({ ok: true as const, value: waiting(1) }));
    const { bridge } = await openDetails([EXPIRED, HEALTHY], EXPIRED.id, { getResync });
    await vi.waitFor(() => expect(announced()).toBe('Waiting for you to log in: 1 of 2 cookies'));
    expect(getResync).toHaveBeenCalledWith(EXPIRED.id);
    expect(bridge.calls.some(([name]) => name === 'startResync')).toBe(false);
  });
});

describe('opened by a notification (resync: true)', () => {
  test('the details open with "Re-sync…" focused', async () => {
    const bridge = fakeBridge(snapshotOf([EXPIRED, HEALTHY]));
    const app = new AppState(bridge);
    app.start();
    await vi.waitFor(() => expect(app.snapshot).not.toBeNull());
    bridge.navigate({ accountId: EXPIRED.id, resync: true });
    expect(app.route).toEqual({ name: 'details', accountId: EXPIRED.id });
    render(DetailsView, { props: { state: app, accountId: EXPIRED.id } });
    const primary = await within(await box()).findByRole('button', { name: 'Re-sync…' });
    await vi.waitFor(() => expect(document.activeElement).toBe(primary));
  });

  test('opened while a re-sync runs (the tray menu started it): Cancel is focused, and nothing grabs the focus when it ends', async () => {
    const bridge = fakeBridge(snapshotOf([EXPIRED, HEALTHY]));
    const app = new AppState(bridge);
    app.start();
    await vi.waitFor(() => expect(app.snapshot).not.toBeNull());
    // The app pushes the first step, then asks the window to show the account.
    push(bridge, waiting(0));
    bridge.navigate({ accountId: EXPIRED.id, resync: true });
    render(DetailsView, { props: { state: app, accountId: EXPIRED.id } });
    const callout = await box();
    const cancel = await within(callout).findByRole('button', { name: 'Cancel' });
    await vi.waitFor(() => expect(document.activeElement).toBe(cancel));

    push(bridge, { step: 'cancelled', task: null, during: 'waiting_for_login', message: 'Cancelled: nothing was sent to Lobstr.', at });
    const primary = await within(callout).findByRole('button', { name: 'Re-sync…' });
    expect(document.activeElement).not.toBe(primary);
    expect(app.resyncReady).toBeNull();
  });

  test('opened from the list, the focus stays on the view', async () => {
    await openDetails([EXPIRED, HEALTHY], EXPIRED.id);
    const callout = await box();
    within(callout).getByRole('button', { name: 'Re-sync…' });
    expect(document.activeElement).toBe(screen.getByRole('region', { name: 'Account details' }));
  });
});
