/**
 * What the window may see of the core's state: the monitor's status turned into the contract's
 * SnapshotView (accounts with their health, counts, the connection problem), and one account as
 * an AccountView. Nothing here holds or produces the API key.
 */
import type { Account } from '../lobstr/account.js';
import { summariseHealth, accountHealth, type HealthRules } from '../health/accountHealth.js';
import type { MonitorStatus } from '../appModel.js';
import type { AccountView, NotificationsBlockedView, SnapshotView } from './windowViews.js';

export interface ViewContext {
  /** Now, in ms: a lock ends and a health changes with time. */
  nowMs: number;
  /** The demo is what the monitor watches. */
  demo: boolean;
  rules: HealthRules;
  /** The system refuses the app's notifications (main/core/monitor/notificationDelivery.ts). */
  notificationsBlocked?: NotificationsBlockedView | null;
}

/** The account without its icon (sent once per platform instead), with its health and reason. */
export function accountView(account: Account, nowMs: number, rules: HealthRules): AccountView {
  const { health, reason } = accountHealth(account, nowMs, rules);
  return withHealth(account, health, reason);
}

function withHealth(account: Account, health: AccountView['health'], reason: string): AccountView {
  const { icon: _icon, ...fields } = account;
  return { ...fields, health, reason };
}

/**
 * The monitor's status as the window shows it. Icons go in a table by account type: with 10,000
 * accounts on a handful of platforms, one copy of each instead of one per account.
 */
export function snapshotView(status: MonitorStatus, context: ViewContext): SnapshotView {
  const accounts = status.snapshot?.accounts ?? [];
  const summary = summariseHealth(accounts, context.nowMs, context.rules);
  // No prototype: a platform type is the API's text, and "__proto__" must stay a plain key.
  const icons = Object.create(null) as Record<string, string>;
  for (const account of accounts) {
    if (account.icon !== '' && !Object.hasOwn(icons, account.type)) icons[account.type] = account.icon;
  }
  return {
    configured: status.configured,
    demo: context.demo,
    checkedAt: status.snapshot?.checkedAt ?? null,
    accounts: summary.accounts.map(({ account, health, reason }) => withHealth(account, health, reason)),
    icons,
    counts: summary.counts,
    total: summary.total,
    warnings: [...(status.snapshot?.warnings ?? [])],
    problem: status.problem === null ? null : { ...status.problem },
    lastPollAt: status.lastPollAt,
    nextPollAt: status.nextPollAt,
    polling: status.polling,
    ...(context.notificationsBlocked ? { notificationsBlocked: context.notificationsBlocked } : {}),
  };
}
