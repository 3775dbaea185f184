/**
 * What changed between two polls, as MonitorEvents: per account (added, removed, health changed)
 * and of the connection (a problem starts, changes kind, or goes away). Pure functions; the monitor
 * feeds them its last known state and the new poll's result.
 *
 * A change of reason within the same health ("cookies expired" becoming "status 401") is not an
 * event: what the user acts on is the health, and a reworded reason would only add noise.
 */
import type { AssessedAccount, Health } from '../health/accountHealth.js';
import type { AccountsDelta } from './assessedSnapshot.js';
import type { ConnectionProblem, MonitorEvent } from '../appModel.js';

/**
 * The account events between the last known state and a new poll. `previous` null means nothing
 * was known (the very first poll): every account is then `account_added`, so one that already needs
 * re-sync is reported. Order: removals (in their old order), then additions and changes (new order).
 */
export function accountTransitions(
  previous: readonly AssessedAccount[] | null,
  next: readonly AssessedAccount[],
): MonitorEvent[] {
  const events: MonitorEvent[] = [];
  const before = new Map((previous ?? []).map((a) => [a.account.id, a]));
  const nextIds = new Set(next.map((a) => a.account.id));
  for (const old of before.values()) {
    if (!nextIds.has(old.account.id)) events.push({ type: 'account_removed', account: old.account, previous: old.health });
  }
  for (const now of next) {
    const old = before.get(now.account.id);
    if (!old) events.push({ type: 'account_added', account: now.account, health: now.health, reason: now.reason });
    else if (old.health !== now.health) {
      events.push({ type: 'health_changed', account: now.account, from: old.health, to: now.health, reason: now.reason });
    }
  }
  return events;
}

/**
 * The same events from a poll's delta alone (assessedSnapshot.ts), without looking at the accounts
 * that did not change: removals, then additions and changes, in the API's order. The previous health
 * is the one remembered (`rememberedHealth`, the alert ledger's) when there is one.
 */
export function deltaTransitions(delta: AccountsDelta, rememberedHealth: (id: string) => Health | undefined): MonitorEvent[] {
  const events: MonitorEvent[] = [];
  for (const old of delta.removed) {
    events.push({ type: 'account_removed', account: old.account, previous: rememberedHealth(old.account.id) ?? old.health });
  }
  delta.upserted.forEach((now, i) => {
    const old = delta.replaced[i];
    if (!old) {
      events.push({ type: 'account_added', account: now.account, health: now.health, reason: now.reason });
      return;
    }
    const from = rememberedHealth(now.account.id) ?? old.health;
    if (from !== now.health) events.push({ type: 'health_changed', account: now.account, from, to: now.health, reason: now.reason });
  });
  return events;
}

/**
 * The connection event between two states: a problem starting (ok → problem), changing kind
 * (offline → key rejected) or ending (connection_restored). More failures of the same kind are
 * not an event: the problem's `failures` counts them.
 */
export function connectionTransition(previous: ConnectionProblem | null, next: ConnectionProblem | null): MonitorEvent[] {
  if (previous === null && next === null) return [];
  if (next === null) return [{ type: 'connection_restored', previous: previous as ConnectionProblem }];
  if (previous === null || previous.kind !== next.kind) return [{ type: 'connection_error', problem: next, previous }];
  return [];
}
