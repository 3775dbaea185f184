/**
 * What the tray shows, as plain data: the icon state, the tooltip, the macOS count and the context
 * menu. Pure and cheap, so the app can recompute it after every poll result and on resume or online
 * events; main/electron/tray.ts turns it into Electron calls and skips what did not change.
 */
import type { ApiErrorKind } from '../lobstr/apiErrors.js';
import type { ConnectionProblem, MonitorStatus, Settings, TrayState } from '../appModel.js';
import type { AssessedAccount, Health } from '../health/accountHealth.js';
import { accountName } from '../monitor/alertPlanner.js';
import { allowNotificationsAdvice, NOTIFICATIONS_BLOCKED, type NotificationsBlocked } from '../monitor/notificationDelivery.js';
import { platformLabel } from '../health/platforms.js';
import { describeSnooze, TOMORROW_HOUR, type SnoozePreset } from '../monitor/snooze.js';
import { clockTime } from './timeFormat.js';

export const TRAY_APP_NAME = 'Lobstr Tray';
/** Accounts needing re-sync listed in the menu; the rest are behind "and N more…". */
export const MAX_MENU_ACCOUNTS = 10;
/** Windows cuts tray tooltips at 127 UTF-16 units (128 with the terminating NUL). */
export const WINDOWS_TOOLTIP_MAX = 127;
/** Long usernames would stretch the menu across the screen. */
const MAX_ACCOUNT_LABEL = 60;

export type TrayAction =
  | { type: 'open' }
  | { type: 'open_account'; accountId: string }
  /** Starts the account's re-sync through the login window and shows its details. */
  | { type: 'resync_account'; accountId: string }
  | { type: 'refresh' }
  | { type: 'snooze'; preset: SnoozePreset }
  | { type: 'resume_notifications' }
  | { type: 'settings' }
  | { type: 'open_log' }
  | { type: 'start_demo' }
  | { type: 'stop_demo' }
  | { type: 'quit' };

/** Menu entries as data; labels are plain text (the adapter escapes what Electron would interpret). */
export type TrayMenuItem =
  | { type: 'item'; id: string; label: string; enabled: boolean; action?: TrayAction }
  | { type: 'separator' }
  | { type: 'submenu'; id: string; label: string; items: TrayMenuItem[] };

export interface TrayView {
  state: TrayState;
  tooltip: string;
  /** The count beside the icon on macOS; '' when nothing needs re-sync, during setup, or elsewhere. */
  title: string;
  menu: TrayMenuItem[];
}

export interface TrayViewInput {
  status: MonitorStatus;
  /** Health was judged by the monitor with the user's rules; the menu reads the snooze and the demo here. */
  settings: Pick<Settings, 'snooze'> & Partial<Pick<Settings, 'status429NeedsResync' | 'demoMode'>>;
  now: number;
  /** IANA zone for the clock times; the machine's own when undefined (tests pass one). */
  timeZone?: string;
  platform: NodeJS.Platform;
  /** The macOS count beside the icon; on unless turned off. */
  showCount?: boolean;
  /** Set while the system refuses the app's notifications: said under the status line. */
  notificationsBlocked?: NotificationsBlocked | null;
  /**
   * While unconfigured, why no key can be used, when there is more to say than "set your key"
   * ("waiting for the system keyring to unlock", "enter your API key again for …").
   */
  setupLine?: string | null;
}

const ERROR_KINDS: ReadonlySet<ApiErrorKind> = new Set(['auth', 'server', 'invalid_response', 'rate_limited', 'not_found', 'tls', 'config']);

/**
 * `setup` while unconfigured; otherwise the worst wins: alert (an account in the last good snapshot
 * needs re-sync) > error (the API cannot be used) > offline (network, timeout) > ok. The snapshot's
 * counts were judged by the monitor once, at the poll: nothing is judged again here.
 */
export function trayStateOf(status: MonitorStatus): TrayState {
  return worstState(status, status.snapshot?.counts.needs_resync ?? 0);
}

function worstState(status: MonitorStatus, needsResync: number): TrayState {
  if (!status.configured) return 'setup';
  if (needsResync > 0) return 'alert';
  if (status.problem) return ERROR_KINDS.has(status.problem.kind) ? 'error' : 'offline';
  return 'ok';
}

/** What the tray shows, derived from the monitor's judged snapshot: cheap, O(accounts needing re-sync). */
export function trayViewOf(input: TrayViewInput): TrayView {
  const { status, now, timeZone, platform } = input;
  const snapshot = status.configured ? status.snapshot : null;
  const summary: TraySummary | null = snapshot && {
    total: snapshot.accounts.length,
    counts: snapshot.counts,
    // Worst first: the accounts needing re-sync open the judged order.
    needing: snapshot.assessed.slice(0, Math.min(snapshot.counts.needs_resync, MAX_MENU_ACCOUNTS)),
  };
  const needsResync = summary?.counts.needs_resync ?? 0;
  const state = worstState(status, needsResync);
  const setup = !status.configured && input.setupLine ? input.setupLine : null;
  const tooltip = `${TRAY_APP_NAME}: ${setup ?? statusTextOf(status, summary, now, timeZone, true)}`;
  return {
    state,
    tooltip: platform === 'win32' ? truncate(tooltip, WINDOWS_TOOLTIP_MAX) : tooltip,
    title: platform === 'darwin' && input.showCount !== false && state !== 'setup' && needsResync > 0 ? String(needsResync) : '',
    // The time of the last check is in the tooltip only: a menu that changed at every poll would be
    // rebuilt, and closed under the user's pointer, every few minutes.
    menu: menuOf(input, summary, capitalise(setup ?? statusTextOf(status, summary, now, timeZone, false))),
  };
}

interface TraySummary {
  total: number;
  counts: Record<Health, number>;
  /** The first accounts needing re-sync (at most MAX_MENU_ACCOUNTS), worst-first order. */
  needing: readonly AssessedAccount[];
}

// ---------------------------------------------------------------- status text

/**
 * "2 of 25 accounts need re-sync · checked 14:02", "offline since 13:40 · last good check 13:35"...
 * Without `withCheckTime`, the time of a successful check is left out (it changes at every poll).
 */
function statusTextOf(status: MonitorStatus, summary: TraySummary | null, now: number, timeZone: string | undefined, withCheckTime: boolean): string {
  if (!status.configured) return 'set your Lobstr API key to start';
  const at = (iso: string): string => {
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? 'at an unknown time' : clockTime(ms, now, timeZone);
  };
  const { snapshot, problem } = status;
  const parts: string[] = [];
  if (summary && (!problem || summary.counts.needs_resync > 0)) parts.push(accountsText(summary));
  if (problem) parts.push(problemText(problem, at(problem.since)));
  if (snapshot && problem) parts.push(`last good check ${at(snapshot.checkedAt)}`);
  else if (snapshot && withCheckTime) parts.push(`checked ${at(snapshot.checkedAt)}`);
  else if (!snapshot && !problem) parts.push('checking your accounts…');
  return parts.join(' · ');
}

function accountsText(summary: TraySummary): string {
  const { total, counts } = summary;
  const noun = (n: number): string => (n === 1 ? 'account' : 'accounts');
  if (total === 0) return 'no Lobstr accounts yet';
  const n = counts.needs_resync;
  if (n > 0) return `${n} of ${total} ${noun(total)} ${n === 1 ? 'needs' : 'need'} re-sync`;
  if (counts.ok === total) return total === 1 ? '1 account OK' : `all ${total} accounts OK`;
  const others: string[] = [];
  if (counts.locked > 0) others.push(`${counts.locked} locked`);
  if (counts.attention > 0) others.push(`${counts.attention} ${counts.attention === 1 ? 'needs' : 'need'} attention`);
  return `${total} ${noun(total)}, none needs re-sync · ${others.join(', ')}`;
}

/** What the problem means to the user, in the fewest words; the full message is in the window. */
function problemText(problem: ConnectionProblem, since: string): string {
  switch (problem.kind) {
    case 'network':
      return `offline since ${since}`;
    case 'timeout':
      return `Lobstr not answering since ${since}`;
    case 'auth':
      return `Lobstr rejected the API key (since ${since})`;
    case 'server':
      return `Lobstr's server is failing (since ${since})`;
    case 'invalid_response':
      return `Lobstr's answers cannot be read (since ${since})`;
    case 'rate_limited':
      return `Lobstr is limiting requests (since ${since})`;
    case 'not_found':
      return `no Lobstr API at the base URL (since ${since})`;
    case 'tls':
      return `no secure connection to Lobstr (since ${since})`;
    case 'config':
      return `the API base URL cannot be used (since ${since})`;
  }
}

// ---------------------------------------------------------------- menu

function menuOf(input: TrayViewInput, summary: TraySummary | null, statusLine: string): TrayMenuItem[] {
  const { status, now, timeZone } = input;
  const menu: TrayMenuItem[] = [
    { type: 'item', id: 'open', label: `Open ${TRAY_APP_NAME}`, enabled: true, action: { type: 'open' } },
    { type: 'separator' },
    { type: 'item', id: 'status', label: statusLine, enabled: false },
  ];
  if (input.notificationsBlocked) {
    menu.push(
      { type: 'item', id: 'notifications-blocked', label: NOTIFICATIONS_BLOCKED, enabled: false },
      { type: 'item', id: 'notifications-advice', label: allowNotificationsAdvice(input.platform), enabled: false },
    );
  }

  // One submenu per account: a tray menu item cannot both open a submenu and act when clicked, and
  // the first choice, one click away, is the fix itself.
  for (const { account } of summary?.needing ?? []) {
    const name = accountName(account);
    menu.push({
      type: 'submenu',
      id: `account:${account.id}`,
      label: truncate(`${name} · ${platformLabel(account.type)}`, MAX_ACCOUNT_LABEL),
      items: [
        { type: 'item', id: `resync:${account.id}`, label: 'Re-sync…', enabled: true, action: { type: 'resync_account', accountId: account.id } },
        { type: 'item', id: `details:${account.id}`, label: 'Show details', enabled: true, action: { type: 'open_account', accountId: account.id } },
      ],
    });
  }
  const needsResync = summary?.counts.needs_resync ?? 0;
  if (needsResync > MAX_MENU_ACCOUNTS) {
    const more = needsResync - MAX_MENU_ACCOUNTS;
    menu.push({ type: 'item', id: 'more-accounts', label: `and ${more} more…`, enabled: true, action: { type: 'open' } });
  }

  menu.push({ type: 'separator' });
  // The same item while a check runs (a click joins it): the menu is not rebuilt at each poll's start and end.
  menu.push({ type: 'item', id: 'refresh', label: 'Refresh now', enabled: status.configured, action: { type: 'refresh' } });
  // Without a key the app can still show what it does: the built-in simulator's demo accounts.
  if (input.settings.demoMode) {
    menu.push({ type: 'item', id: 'demo:stop', label: 'Stop the demo', enabled: true, action: { type: 'stop_demo' } });
  } else if (!status.configured) {
    menu.push({ type: 'item', id: 'demo:start', label: 'Try with demo data', enabled: true, action: { type: 'start_demo' } });
  }

  const paused = describeSnooze(input.settings.snooze, now, timeZone);
  if (paused) {
    menu.push(
      { type: 'item', id: 'paused', label: `Notifications paused ${paused}`, enabled: false },
      { type: 'item', id: 'resume', label: 'Resume notifications', enabled: true, action: { type: 'resume_notifications' } },
    );
  } else {
    const hour = `${String(TOMORROW_HOUR).padStart(2, '0')}:00`;
    menu.push({
      type: 'submenu',
      id: 'pause',
      label: 'Pause notifications',
      items: [
        { type: 'item', id: 'snooze:one_hour', label: 'For 1 hour', enabled: true, action: { type: 'snooze', preset: 'one_hour' } },
        { type: 'item', id: 'snooze:until_tomorrow', label: `Until tomorrow ${hour}`, enabled: true, action: { type: 'snooze', preset: 'until_tomorrow' } },
        { type: 'item', id: 'snooze:until_resumed', label: 'Until I resume them', enabled: true, action: { type: 'snooze', preset: 'until_resumed' } },
      ],
    });
  }

  menu.push(
    { type: 'separator' },
    { type: 'item', id: 'settings', label: 'Settings…', enabled: true, action: { type: 'settings' } },
    { type: 'item', id: 'open-log', label: 'Open log file', enabled: true, action: { type: 'open_log' } },
    { type: 'separator' },
    { type: 'item', id: 'quit', label: 'Quit', enabled: true, action: { type: 'quit' } },
  );
  return menu;
}

// ---------------------------------------------------------------- text helpers

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Cuts to `max` UTF-16 units with an ellipsis, never splitting a surrogate pair. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut).trimEnd()}…`;
}
