/**
 * What the window may see of the core's state: the monitor's status turned into the contract's
 * SnapshotView (each account's row, the counts, the connection problem), and one account in full
 * as an AccountView. Nothing here holds or produces the API key.
 */
import type { Account } from '../lobstr/account.js';
import { accountHealth, type AssessedAccount, type HealthRules } from '../health/accountHealth.js';
import type { AccountsDelta, SnapshotAccount } from '../monitor/assessedSnapshot.js';
import { mapInSlices, type Slicer } from '../yielding.js';
import type { MonitorStatus } from '../appModel.js';
import type { AccountRowView, AccountView, HeldAccount, NotificationsBlockedView, SnapshotDelta, SnapshotView } from './windowViews.js';

export interface ViewContext {
  /** Now, in ms (the accounts' health was judged by the monitor at its poll; accountView judges now). */
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

/** One judged account in full, for the details view (account:held): made when it is asked for, not kept. */
function viewOf(item: AssessedAccount): AccountView {
  return withHealth(item.account, item.health, item.reason);
}

/** The list's row of a judged account: the monitor made it with the account (assessedSnapshot.ts). */
const rowOf = (item: SnapshotAccount): AccountRowView => item.row;

/** Everything of the SnapshotView but the accounts and icons: a few hundred bytes. */
function statusPart(status: MonitorStatus, context: ViewContext): SnapshotDelta['status'] {
  const snapshot = status.snapshot;
  const counts = snapshot ? { ...snapshot.counts } : { ok: 0, needs_resync: 0, locked: 0, attention: 0 };
  return {
    configured: status.configured,
    demo: context.demo,
    checkedAt: snapshot?.checkedAt ?? null,
    counts,
    total: snapshot?.accounts.length ?? 0,
    warnings: [...(snapshot?.warnings ?? [])],
    problem: status.problem === null ? null : { ...status.problem },
    lastSuccessAt: snapshot?.checkedAt ?? null,
    failingSince: status.problem?.since ?? null,
    stale: status.problem !== null,
    lastPollAt: status.lastPollAt,
    nextPollAt: status.nextPollAt,
    polling: status.polling,
    ...(context.notificationsBlocked ? { notificationsBlocked: context.notificationsBlocked } : {}),
  };
}

/** Icons by account type, one each (no prototype: a type is the API's text, "__proto__" stays a key). */
function iconsOf(accounts: Iterable<Account>, known: Record<string, string> | null = null): Record<string, string> {
  const icons = Object.create(null) as Record<string, string>;
  for (const account of accounts) {
    if (account.icon === '' || Object.hasOwn(icons, account.type)) continue;
    if (known && Object.hasOwn(known, account.type) && known[account.type] === account.icon) continue;
    icons[account.type] = account.icon;
  }
  return icons;
}

/**
 * The monitor's status as the window's list shows it, whole: each account's row in the snapshot's
 * order (worst first, then by username), and the icons in a table by account type (with 10,000
 * accounts on a handful of platforms, one copy of each instead of one per account). Nothing is
 * judged or copied here: the rows are the monitor's.
 */
export function snapshotView(status: MonitorStatus, context: ViewContext): SnapshotView {
  const snapshot = status.snapshot;
  return {
    ...statusPart(status, context),
    accounts: snapshot ? snapshot.assessed.map(rowOf) : [],
    icons: iconsOf(snapshot?.accounts ?? []),
  };
}

/**
 * snapshotView's first `rows` accounts only, with their platforms' icons; counts and total are the
 * whole snapshot's. As cheap at 100,000 accounts as at 100: no row past `rows` is touched.
 */
export function snapshotHeadView(status: MonitorStatus, context: ViewContext, rows: number): SnapshotView {
  const first = status.snapshot?.assessed.slice(0, rows) ?? [];
  return {
    ...statusPart(status, context),
    accounts: first.map(rowOf),
    icons: iconsOf(first.map((item) => item.account)),
  };
}

/** snapshotView, giving the event loop a turn while it gathers 100,000 rows for the window. */
export async function snapshotViewInSlices(status: MonitorStatus, context: ViewContext, slicer: Slicer): Promise<SnapshotView> {
  const snapshot = status.snapshot;
  return {
    ...statusPart(status, context),
    accounts: snapshot ? await mapInSlices(snapshot.assessed, rowOf, slicer) : [],
    icons: iconsOf(snapshot?.accounts ?? []),
  };
}

/**
 * What changed for a window holding the snapshot before `delta`: the rows that changed (an account
 * whose row stayed the same object, changed only where the list does not look, is not sent), the
 * ids gone, the icons of types it has not seen (`knownIcons`: what the window was sent), and the status.
 */
export function snapshotDeltaView(
  status: MonitorStatus,
  delta: AccountsDelta | null,
  knownIcons: Record<string, string>,
  context: ViewContext,
): SnapshotDelta {
  const upserted: AccountRowView[] = [];
  if (delta) {
    delta.upserted.forEach((item, i) => {
      if (item.row !== delta.replaced[i]?.row) upserted.push(item.row);
    });
  }
  return {
    upserted,
    removed: delta ? delta.removed.map((item) => item.account.id) : [],
    icons: delta ? iconsOf(delta.upserted.map((item) => item.account), knownIcons) : Object.create(null),
    status: statusPart(status, context),
  };
}

/** One account of the monitor's snapshot in full, as judged at its check; null when the snapshot has none by that id. */
export function heldAccountView(status: MonitorStatus, id: string): HeldAccount | null {
  const snapshot = status.snapshot;
  const item = snapshot?.byId.get(id);
  if (!snapshot || !item) return null;
  return { account: viewOf(item), icon: item.account.icon, checkedAt: snapshot.checkedAt };
}
