// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, test, vi } from 'vitest';
import DetailsView from '../../renderer/src/views/DetailsView.svelte';
import { AppState } from '../../renderer/src/lib/appState.svelte';
import type { Account } from '../../main/core/lobstr/account';
import { parseAccount } from '../../main/core/lobstr/accountSchema';
import { accountView } from '../../main/core/views/rendererViews';
import { clockTime } from '../../main/core/views/timeFormat';
import { generateAccounts } from '../../main/simulator/accountFactory';
import type { AccountDetails, IpcResult } from '../../main/shared/ipcContract';
import { accountWith, SEED_TWITTER } from '../fixtures/seedAccounts';
import { useTestClock } from './testClock';
import { fakeBridge, snapshotOf, TEST_NOW } from './fakeBridge';

const RULES = { status429NeedsResync: true, timeZone: 'UTC' };

useTestClock();

function openDetails(accounts: Account[], accountId: string, overrides: Parameters<typeof fakeBridge>[1] = {}) {
  const bridge = fakeBridge(snapshotOf(accounts), overrides);
  const app = new AppState(bridge);
  app.snapshot = snapshotOf(accounts);
  app.go({ name: 'details', accountId });
  render(DetailsView, { props: { state: app, accountId } });
  return { bridge, app };
}

/** Waits until the view has re-read the account from Lobstr ("Updated 14:05"). */
async function readDone(): Promise<void> {
  await screen.findByText('Updated 14:05');
}

function textOf(element: HTMLElement): string {
  return element.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

/** The value next to a label of a definition list. */
function valueOf(label: string, container: HTMLElement = document.body): string {
  const term = within(container).getByText(label, { selector: 'dt' });
  return textOf(term.nextElementSibling as HTMLElement);
}

/** The collapsed "Technical details" disclosure at the bottom of the view. */
function technical(): HTMLDetailsElement {
  return screen.getByText('Technical details', { selector: 'summary' }).closest('details') as HTMLDetailsElement;
}

/** What the view shows without opening anything: its text outside the closed disclosures. */
function shownText(): string {
  const view = screen.getByRole('region', { name: 'Account details' }).cloneNode(true) as HTMLElement;
  for (const closed of view.querySelectorAll('details:not([open])')) {
    for (const child of [...closed.children]) if (child.tagName !== 'SUMMARY') child.remove();
  }
  return textOf(view);
}

/** Each element comes after the one before it in the page (and so on screen, in a single column). */
function expectInOrder(...elements: HTMLElement[]): void {
  for (let i = 1; i < elements.length; i++) {
    const position = elements[i - 1]!.compareDocumentPosition(elements[i]!);
    expect(position & Node.DOCUMENT_POSITION_FOLLOWING, `${textOf(elements[i]!).slice(0, 40)} after ${textOf(elements[i - 1]!).slice(0, 40)}`).toBeTruthy();
  }
}

const region = (name: string) => screen.getByRole('region', { name });

const HEALTHY = SEED_TWITTER;
const EXPIRED = accountWith({
  id: 'aa0000000000000000000000000000aa',
  username: 'lead.hunter@northwind.io',
  type: 'sales-nav-sync',
  baseurl: 'https://www.linkedin.com',
  account_type_hash: 'cf67cafe03776e796f02a29f29ab2866',
  status_code_info: 'cookies_expired',
  status_code_description: 'Success!',
  cookies: [{ name: 'li_at', required: true }],
  squids: [
    { name: 'Sales Navigator Leads Search Export', hash_value: '11111111111111111111111111111111' },
    { name: 'Sales Navigator Lead Enrichment', hash_value: '22222222222222222222222222222222' },
  ],
});
const LOCKED = accountWith({
  id: 'bb0000000000000000000000000000bb',
  username: 'Nadia Haddad',
  type: 'linkedin-sync',
  lock_time: TEST_NOW / 1000 + 3600,
});
const ATTENTION = accountWith({
  id: 'cc0000000000000000000000000000cc',
  username: 'MarketWizard',
  status: '403',
  status_code_info: 'checkpoint_reached',
  status_code_description: 'Checkpoint reached: log in on the platform to confirm it is you.',
});

describe('an account that is fine', () => {
  test('shows every field of the account, readably, and re-reads it from Lobstr once when opened', async () => {
    const { bridge } = openDetails([HEALTHY, ATTENTION], HEALTHY.id);
    const view = screen.getByRole('region', { name: 'Account details' });

    // At once, from the snapshot: no waiting for Lobstr.
    expect(within(view).getByRole('heading', { level: 2, name: 'hashamxcom' })).toBeTruthy();
    expect(within(view).getByText('X (Twitter)', { selector: 'p' })).toBeTruthy();
    expect(within(view).getByText('OK')).toBeTruthy();
    await readDone();
    expect(bridge.calls.filter(([name]) => name === 'getAccount')).toEqual([['getAccount', HEALTHY.id]]);

    // What a person reads: the health, then the account.
    expect(textOf(region('Health'))).toContain('Synchronized');
    const account = region('Account');
    expect(valueOf('ID', account)).toBe('d3e97f2cd33658f301bdbe807402ab30');
    expect(valueOf('Platform', account)).toBe('X (Twitter) https://x.com');
    expect(valueOf('Updated', account)).toBe('never updated');

    // Dates: the exact time (machine-readable too) and how long ago.
    const created = within(account).getByText('Created', { selector: 'dt' }).nextElementSibling as HTMLElement;
    expect(created.querySelector('time')?.getAttribute('datetime')).toBe('2024-03-08T15:15:53Z');
    expect(textOf(created)).toContain('(2 y ago)');
    expect(valueOf('Last synchronization', account)).toContain('(1 y ago)');

    // The raw fields, under Technical details.
    const raw = technical();
    expect(valueOf('Type', raw)).toBe('twitter-sync');
    expect(valueOf('Account type hash', raw)).toBe('9853173fc00a940a33d7a420c176ad3b');
    expect(valueOf('Object', raw)).toBe('account');
    expect(valueOf('Status', raw)).toBe('200');
    expect(valueOf('Status info', raw)).toBe('synchronized');
    expect(valueOf('Description', raw)).toBe('Success!');
    expect(valueOf('Brand colour', raw)).toBe('not sent');
    expect(valueOf('Cookies', raw)).toBe('auth_token required');
    expect(valueOf('Twitter Scraper', raw)).toBe('fcd3fff4053e444b8a98b3660bee8b03');

    expect(textOf(within(region('Squids')).getByRole('listitem'))).toBe('Twitter Scraper');
    expect(region('Limits and usage').textContent).toContain('No limits for this platform.');
    expect(within(view).queryByRole('region', { name: 'This account needs its cookies re-synced' })).toBeNull();
  });

  test('an account used by no squid says so, and its brand colour shows as a swatch', async () => {
    const lonely = accountWith({ squids: [], primary_color: '#FF9900' });
    openDetails([lonely], lonely.id);
    await readDone();
    expect(screen.getByRole('region', { name: 'Squids' }).textContent).toContain('Not used by any squid.');
    const colour = within(technical()).getByText('Brand colour', { selector: 'dt' }).nextElementSibling as HTMLElement;
    expect(textOf(colour)).toBe('#FF9900');
    expect((colour.querySelector('.swatch') as HTMLElement).style.backgroundColor).toBe('rgb(255, 153, 0)');
  });

  test('fields this version does not know, and a problem reading the account, are shown too', async () => {
    const odd = accountWith({
      extra: { seat_type: 'premium', quota: { used: 3, of: 10 } },
      problem: 'created_at: expected an ISO date',
    });
    openDetails([odd], odd.id);
    await readDone();
    const extra = screen.getByRole('region', { name: 'Other fields' });
    expect(valueOf('seat_type', extra)).toBe('premium');
    expect(valueOf('used', extra)).toBe('3');
    expect(valueOf('of', extra)).toBe('10');
    expect(screen.getByRole('note').textContent).toContain('could not fully read: created_at: expected an ISO date');
  });
});

describe('each kind of health', () => {
  test('needs re-sync: a callout says what to do in Lobstr, naming the cookies and the squids that fail', async () => {
    openDetails([EXPIRED, HEALTHY], EXPIRED.id);
    expect(screen.getByText('needs re-sync')).toBeTruthy();

    const callout = await screen.findByRole('region', { name: 'This account needs its cookies re-synced' });
    const text = textOf(callout);
    expect(text).toContain('Lobstr can no longer use this Sales Navigator session (cookies expired).');
    expect(text).toContain('Log in to Sales Navigator (https://www.linkedin.com) in your browser as lead.hunter@northwind.io');
    expect(text).toContain('open the Accounts page, find this account and choose Refresh cookies');
    // The platform's cookies (from the catalog), not only the one the account lists.
    expect(text).toContain('Lobstr needs these cookies for Sales Navigator: li_at, JSESSIONID and li_a.');
    expect(text).toContain(
      'Until then these 2 squids will fail: Sales Navigator Leads Search Export and Sales Navigator Lead Enrichment.',
    );
    await readDone();
  });

  test('needs re-sync on a platform the catalog does not know: the account\'s own cookie list is named', async () => {
    const unknown = accountWith({
      id: 'dd0000000000000000000000000000dd',
      type: 'instagram-sync',
      status: '401',
      cookies: [{ name: 'sessionid', required: true }],
      squids: [],
    });
    openDetails([unknown], unknown.id);
    const callout = await screen.findByRole('region', { name: 'This account needs its cookies re-synced' });
    expect(textOf(callout)).toContain('Lobstr needs this cookie for instagram: sessionid.');
    expect(textOf(callout)).toContain('No squid uses this account');
    await readDone();
  });

  test('locked: the badge, when the lock ends and that there is nothing to do, with no re-sync callout', async () => {
    openDetails([LOCKED], LOCKED.id);
    await readDone();
    expect(screen.getByText('locked')).toBeTruthy();
    const health = region('Health');
    // In the window's clock, as the list says it (24 h, this machine's zone).
    expect(textOf(health)).toContain(`Nothing to do: LinkedIn lifts this lock at ${clockTime(Date.parse('2026-11-25T15:05:00Z'), TEST_NOW)}`);
    const lock = within(health).getByText('Lock', { selector: 'dt' }).nextElementSibling as HTMLElement;
    expect(textOf(lock)).toMatch(/^Locked until .+ \(in 1 h\)$/);
    expect(lock.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-25T15:05:00.000Z');
    expect(screen.queryByRole('region', { name: 'This account needs its cookies re-synced' })).toBeNull();
  });

  test('attention: the badge, the reason in words, and what to do on the platform', async () => {
    openDetails([ATTENTION], ATTENTION.id);
    await readDone();
    expect(screen.getByText('attention')).toBeTruthy();
    const health = textOf(region('Health'));
    expect(health).toContain('Status 403: checkpoint reached');
    expect(health).toContain(
      'X (Twitter) wants to confirm it is you: sign in to X (Twitter) in your browser and complete its security check',
    );
    expect(screen.queryByRole('region', { name: 'This account needs its cookies re-synced' })).toBeNull();
  });

  test('"Success!" from Lobstr beside an expired code: the code\'s meaning is shown, the text only under Technical details', async () => {
    openDetails([EXPIRED], EXPIRED.id);
    await readDone();
    expect(textOf(region('This account needs its cookies re-synced'))).toContain('cookies expired');
    expect(shownText()).not.toContain('Success!');
    expect(valueOf('Description', technical())).toBe('Success!');
    expect(valueOf('Status info', technical())).toBe('cookies_expired');
  });
});

describe('what matters first', () => {
  test('needs re-sync: the health and the re-sync come first, then the limits, then the account; technical details last, closed', async () => {
    openDetails([EXPIRED], EXPIRED.id);
    await readDone();
    const callout = region('This account needs its cookies re-synced');
    expect(within(callout).getByRole('button', { name: 'Re-sync…' })).toBeTruthy();
    expect(textOf(callout)).toContain('Until then these 2 squids will fail');
    expectInOrder(callout, region('Cookies'), region('Limits and usage'), region('Account'), technical());

    const raw = technical();
    expect(raw.open).toBe(false);
    expect(valueOf('Object', raw)).toBe('account');
    expect(valueOf('Account type hash', raw)).toBe('cf67cafe03776e796f02a29f29ab2866');
    expect(valueOf('Status', raw)).toBe('200');
    expect(valueOf('Sales Navigator Leads Search Export', raw)).toBe('11111111111111111111111111111111');
    expect(valueOf('Sales Navigator Lead Enrichment', raw)).toBe('22222222222222222222222222222222');
    // None of it shows until the disclosure is opened.
    for (const hidden of ['cf67cafe03776e796f02a29f29ab2866', '11111111111111111111111111111111', 'sales-nav-sync']) {
      expect(shownText()).not.toContain(hidden);
    }
    await fireEvent.click(screen.getByText('Technical details', { selector: 'summary' }));
    expect(raw.open).toBe(true);
  });

  test('locked and attention: the health and its guidance come before the limits', async () => {
    for (const account of [LOCKED, ATTENTION]) {
      openDetails([account], account.id);
      await readDone();
      expectInOrder(region('Health'), region('Limits and usage'), region('Account'), technical());
      cleanup();
    }
  });

  test('the cookies card shows for an account that needs re-sync, not for the others', async () => {
    openDetails([EXPIRED], EXPIRED.id);
    await readDone();
    expect(within(region('Cookies')).getAllByRole('listitem').map(textOf)).toEqual(['li_at required']);
    cleanup();
    for (const account of [HEALTHY, LOCKED, ATTENTION]) {
      openDetails([account], account.id);
      await readDone();
      expect(screen.queryByRole('region', { name: 'Cookies' }), account.username).toBeNull();
      cleanup();
    }
  });
});

describe('ids and hashes', () => {
  test('shown whole, in one piece, each with a Copy that copies all of it', async () => {
    const { bridge } = openDetails([EXPIRED], EXPIRED.id);
    await readDone();
    for (const [label, value] of [
      ['Copy ID', EXPIRED.id],
      ['Copy account type hash', 'cf67cafe03776e796f02a29f29ab2866'],
      ['Copy the hash of Sales Navigator Lead Enrichment', '22222222222222222222222222222222'],
    ] as const) {
      const button = screen.getByRole('button', { name: label });
      // The value beside its Copy: read out whole, and whole on hover.
      const hash = button.closest('.id-value')!.querySelector('.hash') as HTMLElement;
      expect(hash.textContent).toBe(value);
      expect(hash.getAttribute('title')).toBe(value);
      await fireEvent.click(button);
      expect(bridge.calls).toContainEqual(['copyText', value]);
    }
  });
});

describe('limits and usage (Sales Navigator params)', () => {
  const generated = generateAccounts(60, 7, TEST_NOW).map((raw) => parseAccount(raw) as Account);
  const salesNav = generated.filter((account) => account.type === 'sales-nav-sync');

  test("today's usage against the account's limits, with a meter, and Lobstr's defaults side by side behind a disclosure", async () => {
    const account = salesNav.find((a) => a.resets_in === null && a.lock_time === null);
    if (!account) throw new Error('the generator made no plain Sales Navigator account');
    const user = account.params['user'] as Record<string, Record<string, number>>;
    const profiles = user['profiles'] as Record<string, number>;
    openDetails([account], account.id);
    await readDone();

    const limits = screen.getByRole('region', { name: 'Limits and usage' });
    const profilesRow = within(limits).getByText('profiles', { selector: '.title' }).closest('li') as HTMLElement;
    expect(textOf(profilesRow)).toBe(`profiles Maximum number of profile requests per day ${profiles['value']} / ${profiles['max']} today`);
    const meter = within(limits).getByRole('meter', { name: 'profiles used today' });
    expect(meter.getAttribute('value')).toBe(String(profiles['value']));
    expect(within(limits).getByRole('meter', { name: 'searches used today' })).toBeTruthy();
    expect(limits.textContent).toContain('Maximum number of profile requests per day');

    // Side by side: Lobstr's default limit (150) next to this account's own, once asked for.
    const compare = within(limits).getByText("Compared with Lobstr's defaults", { selector: 'summary' }).closest('details') as HTMLDetailsElement;
    expect(compare.open).toBe(false);
    await fireEvent.click(within(compare).getByText("Compared with Lobstr's defaults"));
    expect(compare.open).toBe(true);
    const card = within(limits).getByRole('heading', { name: 'profiles' }).closest('li') as HTMLElement;
    const limitRow = within(card).getByRole('rowheader', { name: 'Limit' }).closest('tr') as HTMLElement;
    expect([...limitRow.querySelectorAll('td')].map(textOf)).toEqual(['150', String(profiles['max'])]);
    const batch = within(limits).getByRole('heading', { name: 'batch' }).closest('li') as HTMLElement;
    const lastBatch = within(batch).getByRole('rowheader', { name: 'Last batch' }).closest('tr') as HTMLElement;
    const [lobstrSide, accountSide] = [...lastBatch.querySelectorAll('td')].map(textOf);
    expect(lobstrSide).toBe('—');
    expect(accountSide).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d$/);
  });

  test('a daily limit reached says so, and when the limit resets', async () => {
    const account = salesNav.find((a) => a.resets_in !== null);
    if (!account) throw new Error('the generator made no Sales Navigator account at its limit');
    openDetails([account], account.id);
    await readDone();
    expect(screen.getByRole('region', { name: 'Limits and usage' }).textContent).toContain('limit reached');
    expect(valueOf('Usage limit')).toMatch(/^Usage limit resets in \d+ h( \d+ min)?$/);
    // Said once: the health box's first line does not repeat the reset.
    const health = textOf(region('Health'));
    expect(health).toContain('Synchronized, usage limit reached');
    expect(health.match(/resets in/g)).toHaveLength(1);
  });

  test('params of a shape the app does not know are shown as key/value, without failing', async () => {
    const odd = accountWith({ params: { quota: 12, windows: ['morning', 'evening'] } });
    openDetails([odd], odd.id);
    await readDone();
    const limits = screen.getByRole('region', { name: 'Limits and usage' });
    expect(valueOf('quota', limits)).toBe('12');
    expect(within(limits).getAllByRole('listitem').map(textOf)).toEqual(['morning', 'evening']);
  });
});

describe('the account as the app holds it (the list carries only its row)', () => {
  const salesNav = generateAccounts(60, 7, TEST_NOW)
    .map((raw) => parseAccount(raw) as Account)
    .find((a) => a.type === 'sales-nav-sync' && a.squids.length > 0 && a.resets_in === null && a.lock_time === null);
  if (!salesNav) throw new Error('the generator made no Sales Navigator account used by a squid');
  const squidNames = (): string[] => within(screen.getByRole('region', { name: 'Squids' })).getAllByRole('listitem').map(textOf);

  test("opened from the list: its params, squids and raw fields show at once, from the app, while Lobstr's answer is on its way", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const getAccount = vi.fn(async (): Promise<IpcResult<AccountDetails>> => {
      await gate;
      return { ok: false, error: { kind: 'network', message: 'Lobstr could not be reached' } };
    });
    const { bridge } = openDetails([HEALTHY, salesNav], salesNav.id, { getAccount });
    // The header at once, from the list's row: no "Reading…", no "gone".
    expect(screen.getByRole('heading', { level: 2, name: salesNav.username })).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();

    await screen.findByRole('region', { name: 'Squids' });
    expect(valueOf('Cookies', technical())).toBe(salesNav.cookies.map((c) => `${c.name} ${c.required ? 'required' : 'optional'}`).join(', '));
    expect(squidNames()).toEqual(salesNav.squids.map((squid) => squid.name));
    const profiles = ((salesNav.params['user'] as Record<string, unknown>)['profiles'] as Record<string, number>)['value'];
    expect(within(screen.getByRole('region', { name: 'Limits and usage' })).getByRole('meter', { name: 'profiles used today' }).getAttribute('value')).toBe(String(profiles));
    expect(valueOf('Account type hash', technical())).toBe(salesNav.account_type_hash);
    expect(bridge.calls).toContainEqual(['getHeldAccount', salesNav.id]);
    expect(getAccount).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('heading', { name: 'This account is no longer in your Lobstr account list' })).toBeNull();
    release();
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(squidNames()).toHaveLength(salesNav.squids.length);
  });

  test('a later check that changed the account (a push) shows it as the app holds it now', async () => {
    const bridge = fakeBridge(snapshotOf([EXPIRED, HEALTHY]));
    const app = new AppState(bridge);
    const stop = app.start();
    await vi.waitFor(() => expect(app.snapshot).not.toBeNull());
    app.go({ name: 'details', accountId: EXPIRED.id });
    render(DetailsView, { props: { state: app, accountId: EXPIRED.id } });
    await readDone();
    expect(squidNames()).toHaveLength(2);

    // Re-synced in Lobstr, and one squid no longer uses it: the check at 14:10 says so.
    const resynced: Account = { ...EXPIRED, status_code_info: 'synchronized', squids: EXPIRED.squids.slice(0, 1) };
    bridge.pushSnapshot(snapshotOf([resynced, HEALTHY], { snapshot: { checkedAt: '2026-11-25T14:10:00Z', accounts: [resynced, HEALTHY], warnings: [] } }));
    expect(await screen.findByText('Updated 14:10')).toBeTruthy();
    await vi.waitFor(() => expect(squidNames()).toEqual([EXPIRED.squids[0]!.name]));
    expect(screen.queryByRole('region', { name: 'This account needs its cookies re-synced' })).toBeNull();
    stop();
  });

  test("a push that changes only that account's row, in the same check, is followed too", async () => {
    const getAccount = async (): Promise<IpcResult<AccountDetails>> => ({ ok: false, error: { kind: 'network', message: 'offline' } });
    const bridge = fakeBridge(snapshotOf([EXPIRED, HEALTHY]), { getAccount });
    const app = new AppState(bridge);
    const stop = app.start();
    await vi.waitFor(() => expect(app.snapshot).not.toBeNull());
    render(DetailsView, { props: { state: app, accountId: EXPIRED.id } });
    await screen.findByRole('region', { name: 'This account needs its cookies re-synced' });

    // Read again on its own (another view's Refresh): the app took it in; the check's time is the same.
    const resynced: Account = { ...EXPIRED, status_code_info: 'synchronized', cookies: [{ name: 'li_a', required: false }] };
    bridge.pushSnapshot(snapshotOf([resynced, HEALTHY]));
    await vi.waitFor(() => expect(screen.queryByRole('region', { name: 'This account needs its cookies re-synced' })).toBeNull());
    expect(screen.queryByRole('region', { name: 'Cookies' })).toBeNull();
    expect(valueOf('Cookies', technical())).toBe('li_a optional');
    stop();
  });
});

describe('refresh', () => {
  test('"Refresh" re-reads the account from Lobstr and shows what it says now', async () => {
    let answer = accountView(HEALTHY, TEST_NOW, RULES);
    const getAccount = vi.fn(
      async (hash: string): Promise<IpcResult<AccountDetails>> => ({
        ok: true,
        value: { account: { ...answer, id: hash }, icon: '', fetchedAt: new Date(Date.now()).toISOString() },
      }),
    );
    openDetails([HEALTHY], HEALTHY.id, { getAccount });
    await readDone();
    expect(getAccount).toHaveBeenCalledTimes(1);

    answer = accountView(accountWith({ status_code_info: 'cookies_expired' }), TEST_NOW, RULES);
    await fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(await screen.findByRole('region', { name: 'This account needs its cookies re-synced' })).toBeTruthy();
    expect(getAccount).toHaveBeenCalledTimes(2);
    expect(getAccount).toHaveBeenLastCalledWith(HEALTHY.id);
  });

  test('a failed read says why and keeps the account on screen', async () => {
    const getAccount = vi.fn(
      async (): Promise<IpcResult<AccountDetails>> => ({
        ok: false,
        error: { kind: 'network', message: 'Lobstr could not be reached: connection refused' },
      }),
    );
    openDetails([HEALTHY], HEALTHY.id, { getAccount });
    const alert = await screen.findByRole('alert');
    expect(textOf(alert)).toBe('Refresh failed (network): Lobstr could not be reached: connection refused');
    expect(screen.getByRole('heading', { level: 2, name: 'hashamxcom' })).toBeTruthy();
    // The time of the data shown is the snapshot's.
    expect(screen.getByText('Updated 14:02')).toBeTruthy();
  });

  test('an account the snapshot does not have yet is read from Lobstr, with a loading state meanwhile', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const getAccount = vi.fn(async (hash: string): Promise<IpcResult<AccountDetails>> => {
      await gate;
      const account = accountView(accountWith({ id: hash, username: 'brand-new' }), TEST_NOW, RULES);
      return { ok: true, value: { account, icon: '', fetchedAt: new Date(TEST_NOW).toISOString() } };
    });
    openDetails([HEALTHY], 'ee0000000000000000000000000000ee', { getAccount });
    expect(screen.getByRole('status').textContent).toBe('Reading this account from Lobstr…');
    release();
    expect(await screen.findByRole('heading', { level: 2, name: 'brand-new' })).toBeTruthy();
  });
});

describe('an account that is gone', () => {
  test('an id Lobstr no longer knows says so, and Back returns to the list', async () => {
    const { app } = openDetails([HEALTHY], 'ff0000000000000000000000000000ff');
    expect(
      await screen.findByRole('heading', { name: 'This account is no longer in your Lobstr account list' }),
    ).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Back to accounts' }));
    expect(app.route).toEqual({ name: 'list' });
  });

  test('an account removed since it was read: the next snapshot without it says it is gone', async () => {
    const { app } = openDetails([HEALTHY, LOCKED], LOCKED.id);
    await readDone();
    app.snapshot = snapshotOf([HEALTHY], { snapshot: { checkedAt: '2026-11-25T14:10:00Z', accounts: [HEALTHY], warnings: [] } });
    expect(
      await screen.findByRole('heading', { name: 'This account is no longer in your Lobstr account list' }),
    ).toBeTruthy();
  });
});

describe('actions', () => {
  test('"Copy ID" asks the app to put the id on the clipboard and says "Copied"', async () => {
    const { bridge } = openDetails([HEALTHY], HEALTHY.id);
    await fireEvent.click(await screen.findByRole('button', { name: 'Copy ID' }));
    expect(await screen.findByText('Copied')).toBeTruthy();
    expect(bridge.calls).toContainEqual(['copyText', 'd3e97f2cd33658f301bdbe807402ab30']);
    await readDone();
  });

  test('a copy the app could not make says why', async () => {
    openDetails([HEALTHY], HEALTHY.id, {
      copyText: async () => ({ ok: false, error: { kind: 'failed', message: 'the clipboard is busy' } }),
    });
    await fireEvent.click(await screen.findByRole('button', { name: 'Copy ID' }));
    expect(await screen.findByText('Could not copy: the clipboard is busy')).toBeTruthy();
    await readDone();
  });

  test('"Open X (Twitter)" asks the app to open the platform for this account', async () => {
    const { bridge } = openDetails([HEALTHY], HEALTHY.id);
    await readDone();
    await fireEvent.click(screen.getByRole('button', { name: 'Open X (Twitter)' }));
    expect(bridge.calls).toContainEqual(['openPlatform', HEALTHY.id]);
  });

  test('a platform the app refuses to open says why', async () => {
    openDetails([HEALTHY], HEALTHY.id, {
      openPlatform: async () => ({
        ok: false,
        error: { kind: 'unsafe_url', message: 'The address http://x.com is not https://, so it was not opened.' },
      }),
    });
    await readDone();
    await fireEvent.click(screen.getByRole('button', { name: 'Open X (Twitter)' }));
    expect(textOf(await screen.findByRole('alert'))).toBe('The address http://x.com is not https://, so it was not opened.');
  });

  test('Esc goes back to the list, and the key press goes no further', async () => {
    const { app } = openDetails([HEALTHY], HEALTHY.id);
    await readDone();
    const seenByTheApp = vi.fn();
    window.addEventListener('keydown', seenByTheApp);
    try {
      await fireEvent.keyDown(screen.getByRole('button', { name: 'Refresh' }), { key: 'Escape' });
      expect(app.route).toEqual({ name: 'list' });
      expect(seenByTheApp).not.toHaveBeenCalled();
    } finally {
      window.removeEventListener('keydown', seenByTheApp);
    }
  });

  test('Esc with the focus nowhere in particular (the page) goes back too', async () => {
    const { app } = openDetails([HEALTHY], HEALTHY.id);
    await readDone();
    (document.activeElement as HTMLElement | null)?.blur();
    await fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(app.route).toEqual({ name: 'list' });
  });

  test('the view takes the keyboard focus when it opens, so Esc works at once', async () => {
    const { app } = openDetails([HEALTHY], HEALTHY.id);
    expect(document.activeElement).toBe(screen.getByRole('region', { name: 'Account details' }));
    await fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'Escape' });
    expect(app.route).toEqual({ name: 'list' });
    await readDone();
  });
});
