/**
 * What the tray tells the user: icon state, tooltip, macOS count and context menu, from the monitor's
 * status. Pure data in, pure data out; the Electron side is tested in electronTray.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Account } from '../../main/core/lobstr/account.js';
import type { ApiErrorKind } from '../../main/core/lobstr/apiErrors.js';
import type { MonitorStatus, Snooze, TrayState } from '../../main/core/appModel.js';
import {
  MAX_MENU_ACCOUNTS,
  trayStateOf,
  trayViewOf,
  WINDOWS_TOOLTIP_MAX,
  type TrayMenuItem,
  type TrayView,
  type TrayViewInput,
} from '../../main/core/views/trayView.js';
import { accountWith } from '../fixtures/seedAccounts.js';
import { assessAll } from '../../main/core/monitor/assessedSnapshot.js';
import type { HealthRules } from '../../main/core/health/accountHealth.js';

const NOW = Date.parse('2026-11-25T14:05:00Z');
const CHECKED = '2026-11-25T14:02:00Z';
const UTC = 'UTC';

function healthy(i: number): Account {
  return accountWith({ id: `ok${i}`, username: `healthy${String(i).padStart(2, '0')}` });
}
function expired(i: number, overrides: Partial<Account> = {}): Account {
  return accountWith({ id: `exp${i}`, username: `expired${String(i).padStart(2, '0')}`, status_code_info: 'cookies_expired', ...overrides });
}
/** `total` accounts of which the first `bad` need re-sync. */
function accounts(total: number, bad: number): Account[] {
  return Array.from({ length: total }, (_, i) => (i < bad ? expired(i) : healthy(i)));
}

/** A listing judged as the monitor judges it (once, at the poll), by the rules the user set. */
function judged(listing: { checkedAt: string; accounts: Account[]; warnings: string[] }, rules: HealthRules = { status429NeedsResync: true, timeZone: UTC }): MonitorStatus['snapshot'] {
  return assessAll(listing, NOW, rules);
}

function status(overrides: Partial<MonitorStatus> & { accounts?: Account[]; rules?: HealthRules } = {}): MonitorStatus {
  const { accounts: list, rules, ...rest } = overrides;
  return {
    configured: true,
    snapshot: list ? judged({ checkedAt: CHECKED, accounts: list, warnings: [] }, rules) : null,
    problem: null,
    lastPollAt: CHECKED,
    nextPollAt: null,
    polling: false,
    ...rest,
  };
}
function problem(kind: ApiErrorKind, since = '2026-11-25T13:40:00Z'): MonitorStatus['problem'] {
  return { kind, message: `a ${kind} problem`, since, failures: 3 };
}

function view(s: MonitorStatus, extra: Partial<TrayViewInput> = {}): TrayView {
  return trayViewOf({ status: s, settings: { snooze: null }, now: NOW, timeZone: UTC, platform: 'linux', ...extra });
}
function items(menu: TrayMenuItem[]): Array<Extract<TrayMenuItem, { type: 'item' }>> {
  return menu.flatMap((m) => (m.type === 'item' ? [m] : m.type === 'submenu' ? items(m.items) : []));
}
function labels(menu: TrayMenuItem[]): string[] {
  return menu.map((m) => (m.type === 'separator' ? '---' : m.type === 'submenu' ? `${m.label} ▸` : m.label));
}
function submenu(menu: TrayMenuItem[], id: string): Extract<TrayMenuItem, { type: 'submenu' }> {
  const found = menu.find((m): m is Extract<TrayMenuItem, { type: 'submenu' }> => m.type === 'submenu' && m.id === id);
  if (!found) throw new Error(`no submenu ${id} in ${labels(menu).join(' | ')}`);
  return found;
}
function item(menu: TrayMenuItem[], id: string): Extract<TrayMenuItem, { type: 'item' }> {
  const found = items(menu).find((m) => m.id === id);
  if (!found) throw new Error(`no menu item ${id} in ${labels(menu).join(' | ')}`);
  return found;
}

describe('tray state and tooltip', () => {
  const lastGood = { accounts: accounts(25, 0), lastPollAt: '2026-11-25T14:00:00Z' };
  const snapshotAt1335 = (list: Account[]): MonitorStatus['snapshot'] => judged({ checkedAt: '2026-11-25T13:35:00Z', accounts: list, warnings: [] });
  const cases: Array<[string, MonitorStatus, TrayState, string]> = [
    ['no key yet', status({ configured: false }), 'setup', 'Lobstr Tray: set your Lobstr API key to start'],
    ['no key yet, even with a stale snapshot that needs re-sync', status({ configured: false, accounts: accounts(3, 2) }), 'setup', 'Lobstr Tray: set your Lobstr API key to start'],
    ['the first poll is running', status({ polling: true, lastPollAt: null }), 'ok', 'Lobstr Tray: checking your accounts…'],
    ['every account is fine', status({ accounts: accounts(25, 0) }), 'ok', 'Lobstr Tray: all 25 accounts OK · checked 14:02'],
    ['the only account is fine', status({ accounts: accounts(1, 0) }), 'ok', 'Lobstr Tray: 1 account OK · checked 14:02'],
    ['no accounts at all', status({ accounts: [] }), 'ok', 'Lobstr Tray: no Lobstr accounts yet · checked 14:02'],
    ['two need re-sync', status({ accounts: accounts(25, 2) }), 'alert', 'Lobstr Tray: 2 of 25 accounts need re-sync · checked 14:02'],
    ['one needs re-sync', status({ accounts: accounts(25, 1) }), 'alert', 'Lobstr Tray: 1 of 25 accounts needs re-sync · checked 14:02'],
    [
      'locked and odd accounts are not an alert',
      status({
        accounts: [
          healthy(1),
          accountWith({ id: 'l', lock_time: Math.floor(NOW / 1000) + 600 }),
          accountWith({ id: 'a', status_code_info: 'account_blocked' }),
        ],
      }),
      'ok',
      'Lobstr Tray: 3 accounts, none needs re-sync · 1 locked, 1 needs attention · checked 14:02',
    ],
    ['key rejected, never checked', status({ problem: problem('auth'), lastPollAt: '2026-11-25T14:00:00Z' }), 'error', 'Lobstr Tray: Lobstr rejected the API key (since 13:40)'],
    [
      'key rejected after good checks',
      status({ ...lastGood, snapshot: snapshotAt1335(accounts(25, 0)), problem: problem('auth') }),
      'error',
      'Lobstr Tray: Lobstr rejected the API key (since 13:40) · last good check 13:35',
    ],
    ['server errors', status({ problem: problem('server') }), 'error', "Lobstr Tray: Lobstr's server is failing (since 13:40)"],
    ['unreadable answers', status({ problem: problem('invalid_response') }), 'error', "Lobstr Tray: Lobstr's answers cannot be read (since 13:40)"],
    ['rate limited beyond the retries', status({ problem: problem('rate_limited') }), 'error', 'Lobstr Tray: Lobstr is limiting requests (since 13:40)'],
    ['a wrong base URL', status({ problem: problem('not_found') }), 'error', 'Lobstr Tray: no Lobstr API at the base URL (since 13:40)'],
    ['a certificate refused (not offline)', status({ problem: problem('tls') }), 'error', 'Lobstr Tray: no secure connection to Lobstr (since 13:40)'],
    ['a port fetch refuses (not offline)', status({ problem: problem('config') }), 'error', 'Lobstr Tray: the API base URL cannot be used (since 13:40)'],
    [
      'offline after good checks',
      status({ snapshot: snapshotAt1335(accounts(25, 0)), problem: problem('network') }),
      'offline',
      'Lobstr Tray: offline since 13:40 · last good check 13:35',
    ],
    ['timeouts', status({ snapshot: snapshotAt1335(accounts(4, 0)), problem: problem('timeout') }), 'offline', 'Lobstr Tray: Lobstr not answering since 13:40 · last good check 13:35'],
    [
      'offline while the last good snapshot had accounts needing re-sync: red wins',
      status({ snapshot: snapshotAt1335(accounts(25, 2)), problem: problem('network') }),
      'alert',
      'Lobstr Tray: 2 of 25 accounts need re-sync · offline since 13:40 · last good check 13:35',
    ],
    [
      'key rejected while accounts need re-sync: red wins',
      status({ snapshot: snapshotAt1335(accounts(5, 1)), problem: problem('auth') }),
      'alert',
      'Lobstr Tray: 1 of 5 accounts needs re-sync · Lobstr rejected the API key (since 13:40) · last good check 13:35',
    ],
    [
      'a problem that started yesterday says the day',
      status({ problem: problem('network', '2026-11-24T22:10:00Z') }),
      'offline',
      'Lobstr Tray: offline since 24 Nov 22:10',
    ],
  ];

  it.each(cases)('%s', (_name, s, state, tooltip) => {
    const v = view(s);
    expect(v.state).toBe(state);
    expect(v.tooltip).toBe(tooltip);
    expect(trayStateOf(s)).toBe(state);
  });

  it('follows the 429 setting the monitor judged with: status "429" is red only while it counts as expiry', () => {
    const list = [healthy(1), accountWith({ id: 'r', status: '429' })];
    expect(view(status({ accounts: list })).state).toBe('alert');
    const lenient = status({ accounts: list, rules: { status429NeedsResync: false, timeZone: UTC } });
    expect(view(lenient).state).toBe('ok');
    expect(trayStateOf(lenient)).toBe('ok');
  });

  it('uses the given time zone for clock times', () => {
    expect(view(status({ accounts: accounts(25, 0) }), { timeZone: 'Europe/Paris' }).tooltip).toBe('Lobstr Tray: all 25 accounts OK · checked 15:02');
  });

  it('keeps Windows tooltips within 127 characters, ending with an ellipsis', () => {
    const long = status({ snapshot: judged({ checkedAt: '2026-11-24T13:35:00Z', accounts: accounts(12_345, 1_234), warnings: [] }), problem: problem('invalid_response', '2026-11-24T13:40:00Z') });
    const full = view(long, { platform: 'linux' }).tooltip;
    expect(full.length).toBeGreaterThan(WINDOWS_TOOLTIP_MAX);
    const win = view(long, { platform: 'win32' }).tooltip;
    expect(win.length).toBeLessThanOrEqual(WINDOWS_TOOLTIP_MAX);
    expect(win.endsWith('…')).toBe(true);
    expect(full.startsWith(win.slice(0, -1))).toBe(true);
  });
});

describe('macOS count beside the icon', () => {
  it('shows how many accounts need re-sync, on macOS only', () => {
    const s = status({ accounts: accounts(25, 3) });
    expect(view(s, { platform: 'darwin' }).title).toBe('3');
    expect(view(s, { platform: 'win32' }).title).toBe('');
    expect(view(s, { platform: 'linux' }).title).toBe('');
  });
  it('is empty when nothing needs re-sync, during setup, or when turned off', () => {
    expect(view(status({ accounts: accounts(25, 0) }), { platform: 'darwin' }).title).toBe('');
    expect(view(status({ configured: false, accounts: accounts(3, 3) }), { platform: 'darwin' }).title).toBe('');
    expect(view(status({ accounts: accounts(25, 3) }), { platform: 'darwin', showCount: false }).title).toBe('');
  });
});

describe('context menu', () => {
  it('offers the demo while no key is set, and a way to stop it while it runs', () => {
    const setup = view(status({ configured: false, snapshot: null }));
    expect(item(setup.menu, 'demo:start')).toMatchObject({ label: 'Try with demo data', action: { type: 'start_demo' } });
    const demo = view(status({ accounts: accounts(25, 4) }), { settings: { snooze: null, demoMode: true } });
    expect(item(demo.menu, 'demo:stop')).toMatchObject({ label: 'Stop the demo', action: { type: 'stop_demo' } });
    expect(labels(demo.menu)).not.toContain('Try with demo data');
    expect(labels(view(status({ accounts: accounts(25, 0) })).menu)).not.toContain('Try with demo data');
  });

  it('reads top to bottom as the user sees it when all is fine', () => {
    expect(labels(view(status({ accounts: accounts(25, 0) })).menu)).toEqual([
      'Open Lobstr Tray',
      '---',
      'All 25 accounts OK',
      '---',
      'Refresh now',
      'Pause notifications ▸',
      '---',
      'Settings…',
      'Open log file',
      '---',
      'Quit',
    ]);
  });

  it('opens with "Open Lobstr Tray" and a disabled status line', () => {
    const menu = view(status({ accounts: accounts(25, 2) })).menu;
    expect(menu[0]).toEqual({ type: 'item', id: 'open', label: 'Open Lobstr Tray', enabled: true, action: { type: 'open' } });
    expect(item(menu, 'status')).toMatchObject({ label: '2 of 25 accounts need re-sync', enabled: false });
    expect(item(menu, 'status').action).toBeUndefined();
  });

  it('lists the accounts needing re-sync by name and platform, each offering "Re-sync…" and "Show details"', () => {
    const list = [healthy(1), expired(2, { username: 'zoe', type: 'linkedin-sync' }), expired(3, { username: 'adam', type: 'twitter-sync' })];
    const menu = view(status({ accounts: list })).menu;
    expect(labels(menu).slice(2, 5)).toEqual(['2 of 3 accounts need re-sync', '@adam · X (Twitter) ▸', '@zoe · LinkedIn ▸']);
    expect(submenu(menu, 'account:exp3').items).toEqual([
      { type: 'item', id: 'resync:exp3', label: 'Re-sync…', enabled: true, action: { type: 'resync_account', accountId: 'exp3' } },
      { type: 'item', id: 'details:exp3', label: 'Show details', enabled: true, action: { type: 'open_account', accountId: 'exp3' } },
    ]);
    expect(item(menu, 'resync:exp2').action).toEqual({ type: 'resync_account', accountId: 'exp2' });
    expect(item(menu, 'details:exp2').action).toEqual({ type: 'open_account', accountId: 'exp2' });
    expect(items(menu).some((m) => m.label.includes('healthy'))).toBe(false);
  });

  it('lists at most 10, then "and N more…" which opens the window', () => {
    const menu = view(status({ accounts: accounts(40, 13) })).menu;
    expect(items(menu).filter((m) => m.action?.type === 'resync_account')).toHaveLength(MAX_MENU_ACCOUNTS);
    expect(items(menu).filter((m) => m.action?.type === 'open_account')).toHaveLength(MAX_MENU_ACCOUNTS);
    expect(item(menu, 'more-accounts')).toMatchObject({ label: 'and 3 more…', enabled: true, action: { type: 'open' } });
  });

  it('has no "more" item when all fit', () => {
    const menu = view(status({ accounts: accounts(40, 10) })).menu;
    expect(items(menu).filter((m) => m.action?.type === 'resync_account')).toHaveLength(10);
    expect(items(menu).some((m) => m.id === 'more-accounts')).toBe(false);
  });

  it('names an account without a username by its id and shortens very long names', () => {
    const menu = view(status({ accounts: [expired(1, { username: '  ' }), expired(2, { username: 'x'.repeat(200) })] })).menu;
    expect(submenu(menu, 'account:exp1').label).toBe('account exp1 · X (Twitter)');
    const long = submenu(menu, 'account:exp2').label;
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long.endsWith('…')).toBe(true);
  });

  it('keeps listing the accounts of the last good snapshot while offline', () => {
    const menu = view(status({ accounts: accounts(5, 2), problem: problem('network') })).menu;
    expect(items(menu).filter((m) => m.action?.type === 'resync_account')).toHaveLength(2);
  });

  it.each([
    ['darwin', 'To allow them: System Settings → Notifications → Lobstr Tray'],
    ['win32', 'To allow them: Settings → System → Notifications (and turn off Focus assist / Do not disturb)'],
    ['linux', 'To allow them: your desktop’s notification settings; a notification service (daemon) must be running'],
  ] as const)('says under the status line when the system blocks notifications, and how to allow them on %s', (platform, advice) => {
    const blocked = { cause: 'failed' as const, error: 'denied', since: CHECKED };
    const menu = view(status({ accounts: accounts(3, 0) }), { platform, notificationsBlocked: blocked }).menu;
    expect(labels(menu).slice(2, 5)).toEqual(['All 3 accounts OK', 'Notifications are blocked by the system', advice]);
    expect(item(menu, 'notifications-blocked').enabled).toBe(false);
    expect(labels(view(status({ accounts: accounts(3, 0) }), { platform }).menu)).not.toContain('Notifications are blocked by the system');
  });

  it('offers "Refresh now" (disabled before setup), the same while a check runs: a click joins it', () => {
    expect(item(view(status({ accounts: accounts(2, 0) })).menu, 'refresh')).toMatchObject({ label: 'Refresh now', enabled: true, action: { type: 'refresh' } });
    expect(item(view(status({ accounts: accounts(2, 0), polling: true })).menu, 'refresh')).toMatchObject({ label: 'Refresh now', enabled: true, action: { type: 'refresh' } });
    expect(item(view(status({ configured: false })).menu, 'refresh').enabled).toBe(false);
  });

  it('is the same menu before, during and after a poll where nothing changed (rebuilding it would close it under the pointer)', () => {
    const list = accounts(25, 2);
    const before = view(status({ accounts: list }));
    const during = view(status({ accounts: list, polling: true }));
    const after = view({ ...status({ accounts: list }), snapshot: judged({ checkedAt: '2026-11-25T14:07:00Z', accounts: list, warnings: [] }), lastPollAt: '2026-11-25T14:07:00Z' });
    expect(during.menu).toEqual(before.menu);
    expect(after.menu).toEqual(before.menu);
    // The time of the check is in the tooltip, which changes without closing anything.
    expect(after.tooltip).toBe('Lobstr Tray: 2 of 25 accounts need re-sync · checked 14:07');
  });

  it('offers the three pauses when notifications are on', () => {
    const menu = view(status({ accounts: accounts(2, 0) })).menu;
    const pause = menu.find((m) => m.type === 'submenu');
    expect(pause?.type === 'submenu' && pause.label).toBe('Pause notifications');
    expect(pause?.type === 'submenu' && pause.items).toEqual([
      { type: 'item', id: 'snooze:one_hour', label: 'For 1 hour', enabled: true, action: { type: 'snooze', preset: 'one_hour' } },
      { type: 'item', id: 'snooze:until_tomorrow', label: 'Until tomorrow 08:00', enabled: true, action: { type: 'snooze', preset: 'until_tomorrow' } },
      { type: 'item', id: 'snooze:until_resumed', label: 'Until I resume them', enabled: true, action: { type: 'snooze', preset: 'until_resumed' } },
    ]);
    expect(items(menu).some((m) => m.id === 'resume')).toBe(false);
  });

  const pauses: Array<[string, Snooze, string]> = [
    ['later today', { until: '2026-11-25T15:05:00Z' }, 'Notifications paused until 15:05'],
    ['until tomorrow morning', { until: '2026-11-26T08:00:00Z' }, 'Notifications paused until 26 Nov 08:00'],
    ['until resumed', { until: null }, 'Notifications paused until resumed'],
  ];
  it.each(pauses)('while paused %s: says until when, and offers "Resume notifications"', (_name, snooze, line) => {
    const v = view(status({ accounts: accounts(25, 2) }), { settings: { snooze } });
    expect(item(v.menu, 'paused')).toMatchObject({ label: line, enabled: false });
    expect(item(v.menu, 'resume')).toMatchObject({ label: 'Resume notifications', enabled: true, action: { type: 'resume_notifications' } });
    expect(v.menu.some((m) => m.type === 'submenu' && m.id === 'pause')).toBe(false);
    // The icon still tells the truth.
    expect(v.state).toBe('alert');
  });

  it('treats an expired pause as none', () => {
    const v = view(status({ accounts: accounts(2, 0) }), { settings: { snooze: { until: '2026-11-25T14:00:00Z' } } });
    expect(items(v.menu).some((m) => m.id === 'paused')).toBe(false);
    expect(v.menu.some((m) => m.type === 'submenu')).toBe(true);
  });

  it('ends with Settings…, Open log file and Quit, each with its action', () => {
    const menu = view(status({ configured: false })).menu;
    expect(item(menu, 'settings').action).toEqual({ type: 'settings' });
    expect(item(menu, 'open-log').action).toEqual({ type: 'open_log' });
    expect(menu.at(-1)).toEqual({ type: 'item', id: 'quit', label: 'Quit', enabled: true, action: { type: 'quit' } });
  });

  it('is the same data for the same input (the controller compares it to skip rebuilds)', () => {
    const s = status({ accounts: accounts(25, 2) });
    expect(view(s)).toEqual(view(s));
  });

  it('gives every item a distinct id', () => {
    const menu = view(status({ accounts: accounts(40, 13) })).menu;
    const ids = items(menu).map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
