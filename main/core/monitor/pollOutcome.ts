/**
 * What one poll's result means, given what the monitor knew: the new snapshot and its delta (judged
 * once, assessedSnapshot.ts), the events (transitions.ts), the notifications and the alert ledger
 * (alertPlanner.ts), and whether anything the state file holds changed. No timers, no I/O: the
 * monitor (monitor.ts) applies the outcome, shows, emits and saves.
 */
import type { Account } from '../lobstr/account.js';
import type { HealthRules } from '../health/accountHealth.js';
import { isLobstrApiError } from '../lobstr/apiErrors.js';
import type { ConnectionProblem, MonitorEvent, PlannedNotification, Settings } from '../appModel.js';
import { alertedAccounts, planAlerts, planAlertsInSlices, type AccountAlerts, type AlertLedger } from './alertPlanner.js';
import { assessSnapshot, type AccountsDelta, type AssessedSnapshot } from './assessedSnapshot.js';
import { MAX_SERVER_WAIT_MS } from './pollSchedule.js';
import { connectionTransition, deltaTransitions } from './transitions.js';
import type { Slicer } from '../yielding.js';

/** What the monitor knows between polls (and what the state file keeps). */
export interface MonitorMemory {
  snapshot: AssessedSnapshot | null;
  problem: ConnectionProblem | null;
  ledger: AlertLedger;
}

export interface Outcome {
  memory: MonitorMemory;
  /** What changed in the accounts; null when none did. */
  delta: AccountsDelta | null;
  events: MonitorEvent[];
  notifications: PlannedNotification[];
  alerts: AccountAlerts | null;
  /** Something the state file holds changed (accounts, warnings, problem, ledger). */
  changed: boolean;
}

const NO_IDS: ReadonlySet<string> = new Set();

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** A listing arrived: judged against what was last seen. */
export async function judgeListing(
  memory: MonitorMemory,
  listing: { checkedAt: string; accounts: readonly Account[]; warnings: readonly string[] },
  nowMs: number,
  settings: Settings,
  rules: HealthRules,
  slicer: Slicer,
  lastRevision = 0,
  /** Accounts whose recovery is not announced (alertPlanner's AlertInput.quietRecoveries). */
  quietRecoveries: ReadonlySet<string> = NO_IDS,
): Promise<Outcome> {
  const { snapshot, delta } = await assessSnapshot(memory.snapshot, listing, nowMs, rules, slicer, lastRevision);
  await slicer.yieldNow();
  const remembered = memory.ledger.accounts;
  const accountEvents = delta ? deltaTransitions(delta, (id) => (Object.hasOwn(remembered, id) ? remembered[id]!.health : undefined)) : [];
  const plan = await planAlertsInSlices({ accounts: snapshot.assessed, problem: null, ledger: memory.ledger, settings, nowMs, quietRecoveries }, slicer);
  await slicer.yieldNow();
  const changed =
    delta !== null ||
    memory.problem !== null ||
    plan.ledger !== memory.ledger ||
    !sameList(snapshot.warnings, memory.snapshot?.warnings ?? []);
  return {
    memory: { snapshot, problem: null, ledger: plan.ledger },
    delta,
    events: [...connectionTransition(memory.problem, null), ...accountEvents],
    notifications: plan.notifications,
    alerts: alertedAccounts(plan, snapshot.byId),
    changed,
  };
}

/**
 * The snapshot's accounts judged again without a request: one account re-read on its own
 * (`replacing` it), or the health rules changed. The list's time and warnings stay, and the
 * connection stays the polls' to judge (the key-rejection memory is kept).
 */
export async function judgeAgain(
  memory: MonitorMemory & { snapshot: AssessedSnapshot },
  replacing: Account | null,
  nowMs: number,
  settings: Settings,
  rules: HealthRules,
  slicer: Slicer,
  quietRecoveries: ReadonlySet<string> = NO_IDS,
): Promise<Outcome> {
  const accounts = replacing
    ? memory.snapshot.accounts.map((candidate) => (candidate.id === replacing.id ? replacing : candidate))
    : memory.snapshot.accounts;
  const outcome = await judgeListing(
    { ...memory, problem: null },
    { checkedAt: memory.snapshot.checkedAt, accounts, warnings: memory.snapshot.warnings },
    nowMs,
    settings,
    rules,
    slicer,
    undefined,
    quietRecoveries,
  );
  const ledger = { ...outcome.memory.ledger, keyRejectedShown: memory.ledger.keyRejectedShown };
  return {
    ...outcome,
    memory: { snapshot: outcome.memory.snapshot, problem: memory.problem, ledger },
    changed: outcome.delta !== null || outcome.memory.ledger !== memory.ledger,
  };
}

/** A poll failed: the snapshot stays, the problem grows; only the key can be news for the alerts. */
export function judgeFailure(
  memory: MonitorMemory,
  error: unknown,
  nowMs: number,
  settings: Settings,
): Outcome & { notBefore: number | null } {
  const kind = isLobstrApiError(error) ? error.kind : 'invalid_response';
  const message = isLobstrApiError(error)
    ? error.message
    : `Checking the accounts failed unexpectedly: ${(error as Error)?.message ?? String(error)}`;
  const problem: ConnectionProblem = {
    kind,
    message,
    // The first failure of this run of failures, whatever its kind (appModel's contract).
    since: memory.problem?.since ?? new Date(nowMs).toISOString(),
    failures: (memory.problem?.failures ?? 0) + 1,
  };
  const plan = planAlerts({ accounts: null, problem, ledger: memory.ledger, settings, nowMs });
  const rateLimited = isLobstrApiError(error) && error.kind === 'rate_limited' && error.retryAfterMs !== undefined;
  return {
    memory: { snapshot: memory.snapshot, problem, ledger: plan.ledger },
    delta: null,
    events: connectionTransition(memory.problem, problem),
    notifications: plan.notifications,
    alerts: null,
    // One more failure of the same kind is not worth rewriting the file (its count is saved with the next change).
    changed: memory.problem === null || memory.problem.kind !== problem.kind || memory.problem.message !== problem.message || plan.ledger !== memory.ledger,
    notBefore: rateLimited ? nowMs + Math.min(Math.max(0, error.retryAfterMs!), MAX_SERVER_WAIT_MS) : null,
  };
}
