/**
 * The background monitor: polls the accounts list, keeps the last good snapshot and the connection
 * problem, turns each poll into transitions (transitions.ts) and notifications (alertPlanner.ts), and
 * persists what it must remember (monitorStore.ts). Plain Node: the clock, the store, the notifier and
 * the fetch are passed in, so the tray app, the headless watch and the tests share it.
 *
 * Scheduling:
 * - polls at once on start, then every interval (settings: 1 to 60 minutes, default 5);
 * - after a failure, exponential backoff with jitter (failureDelayMs), up to 15 minutes; on a rate
 *   limit, at least what the server asked (up to an hour); the normal interval again after a success;
 * - `refreshNow` polls at once (the user asked); `wake` (resume, unlock, network back) polls at once and
 *   forgets the backoff, but still honours a server's "wait until";
 * - never two polls at once: a request while one is in flight joins it.
 * A failed poll never replaces the snapshot; after a restart the saved snapshot is shown at once and
 * the first poll is compared with it, so what changed while the app was closed is reported.
 */
import type { Account, AccountList } from '../lobstr/account.js';
import { accountHealth, type AssessedAccount, type HealthRules } from '../health/accountHealth.js';
import { isLobstrApiError } from '../lobstr/apiErrors.js';
import {
  systemClock,
  type AccountsSnapshot,
  type Clock,
  type ConnectionProblem,
  type MonitorEvent,
  type MonitorStatus,
  type Notifier,
  type Settings,
} from '../appModel.js';
import { EMPTY_LEDGER, alertedAccounts, planAlerts, type AccountAlerts, type AlertLedger } from './alertPlanner.js';
import type { MonitorStore, PersistedMonitorState } from './monitorStore.js';
import { POLL_INTERVAL_MINUTES } from '../settings/settings.js';
import { accountTransitions, connectionTransition } from './transitions.js';

export type WakeReason = 'resume' | 'unlock' | 'online';

export interface MonitorDeps {
  /** One full listing of the accounts (the app passes its client's listAccounts). */
  fetchAccounts: (signal: AbortSignal) => Promise<AccountList>;
  store: MonitorStore;
  /** Read at every poll: interval, notification kinds, snooze, reminders, the 429 rule. */
  getSettings: () => Settings;
  notifier: Notifier;
  clock?: Clock;
  /** Jitter source in [0, 1). */
  random?: () => number;
  /** Overrides the settings' interval, in ms (the watch's `--interval` in seconds). */
  intervalMs?: () => number;
  /** False while no key is set and demo mode is off: nothing is polled. Default true. */
  configured?: boolean;
  /** Time zone for the wording of health reasons ("locked until 14:05"); the machine's when absent. */
  timeZone?: string;
  onStatus?: (status: MonitorStatus) => void;
  onEvents?: (events: MonitorEvent[]) => void;
  /**
   * After a successful poll, the accounts the alert rules spoke about (announced, reminded,
   * synchronized again), whatever the notifier shows: the headless watch prints them.
   */
  onAlerts?: (alerts: AccountAlerts) => void;
  /** Something went wrong that the user or the log should know (a store that cannot be saved). */
  onWarning?: (message: string) => void;
}

export interface Monitor {
  /** Restores the saved state (status shows it at once), then polls. Returns the store's warning, if any. */
  start(): { warnings: string[] };
  /** No more polls; a poll in flight is abandoned. Resolves once it has settled. */
  stop(): Promise<void>;
  /** Polls now, or joins the poll in flight; resolves when that poll is done. */
  refreshNow(): Promise<void>;
  /** The machine woke, was unlocked or came back online: poll now with the backoff forgotten. */
  wake(reason: WakeReason): void;
  status(): MonitorStatus;
  /** The key was set or cleared (or demo mode turned on or off). */
  setConfigured(configured: boolean): void;
  /**
   * The key, the base URL or demo mode changed: the old problem is dropped (a new key may work; no
   * connection_restored is reported, the next poll judges the new connection) and a poll starts now,
   * abandoning one in flight. `forgetAccounts` when the source changed (demo and real): the old list
   * and its memory are dropped, and the first poll reports the new list as on a first run.
   */
  reconfigure(options?: { forgetAccounts?: boolean }): void;
  /** The settings changed: a new interval takes effect from the last poll. */
  settingsChanged(): void;
  /**
   * One account was re-read on its own (the details view's Refresh, GET /v1/accounts/{hash}): it
   * replaces that account in the snapshot at once, so the tray, the list and the details agree, and a
   * change of health goes through the same transitions and alert rules as a poll's (announced once;
   * the next poll does not repeat it). An account not in the snapshot waits for the next poll.
   * Resolves once the new state is saved.
   */
  accountRead(account: Account): Promise<void>;
}

/** The first retry after a failure comes this soon (or after one interval, if that is shorter). */
export const BACKOFF_BASE_MS = 30_000;
/** Backoff never waits longer than this. */
export const BACKOFF_MAX_MS = 15 * 60_000;
/** A server asking to wait longer than this is taken to mean an hour. */
export const MAX_SERVER_WAIT_MS = 60 * 60_000;

/**
 * The wait after the `failures`-th consecutive failed poll: doubling from min(30 s, interval) up to
 * 15 minutes, with "equal jitter" (between half and all of that), so many clients coming back from
 * the same outage spread out while none retries at once.
 */
export function failureDelayMs(failures: number, intervalMs: number, random: () => number): number {
  const base = Math.min(BACKOFF_BASE_MS, intervalMs);
  const ceiling = Math.min(BACKOFF_MAX_MS, base * 2 ** Math.max(0, failures - 1));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (r * ceiling) / 2);
}

/** The settings' interval in ms, clamped to 1 to 60 minutes (a damaged value means the default). */
export function pollIntervalMs(settings: Pick<Settings, 'pollIntervalMinutes'>): number {
  const minutes = settings.pollIntervalMinutes;
  if (!Number.isFinite(minutes)) return POLL_INTERVAL_MINUTES.default * 60_000;
  return Math.min(POLL_INTERVAL_MINUTES.max, Math.max(POLL_INTERVAL_MINUTES.min, minutes)) * 60_000;
}

type Outcome = 'ok' | 'failed' | 'abandoned';

export function createMonitor(deps: MonitorDeps): Monitor {
  const clock = deps.clock ?? systemClock;
  const random = deps.random ?? Math.random;
  const iso = (ms: number): string => new Date(ms).toISOString();

  let snapshot: AccountsSnapshot | null = null;
  let problem: ConnectionProblem | null = null;
  let ledger: AlertLedger = EMPTY_LEDGER;
  let configured = deps.configured ?? true;
  let running = false;
  let lastPollAt: string | null = null;
  let nextPollAt: string | null = null;
  let timer: { handle: unknown } | null = null;
  let inFlight: Promise<void> | null = null;
  let controller: AbortController | null = null;
  /** Failures since the last success or wake: drives the backoff (problem.failures keeps counting). */
  let backoffFailures = 0;
  /** A rate-limited server asked not to be asked again before this time (ms). */
  let notBefore = 0;
  /** Bumped when a poll in flight must not count any more (stop, reconfigure). */
  let generation = 0;
  /** What to do when the poll in flight ends: poll again at once, always or only if it failed. */
  let followUp: 'always' | 'if_failed' | null = null;
  let lastOutcome: Outcome = 'ok';
  /** Accounts re-read on their own (accountRead) while a poll was in flight, by id. */
  const readsDuringPoll = new Map<string, { account: Account; atMs: number }>();

  const warn = (message: string): void => {
    try {
      deps.onWarning?.(message);
    } catch {
      // A listener's failure must not stop the monitor.
    }
  };

  function status(): MonitorStatus {
    return { configured, snapshot, problem, lastPollAt, nextPollAt, polling: inFlight !== null };
  }

  function emitStatus(): void {
    try {
      deps.onStatus?.(status());
    } catch (e) {
      warn(`A status listener failed: ${(e as Error)?.message ?? String(e)}`);
    }
  }

  function emitEvents(events: MonitorEvent[]): void {
    if (events.length === 0) return;
    try {
      deps.onEvents?.(events);
    } catch (e) {
      warn(`An event listener failed: ${(e as Error)?.message ?? String(e)}`);
    }
  }

  function emitAlerts(alerts: AccountAlerts): void {
    if (alerts.needsResync.length + alerts.reminders.length + alerts.recovered.length === 0) return;
    try {
      deps.onAlerts?.(alerts);
    } catch (e) {
      warn(`An alert listener failed: ${(e as Error)?.message ?? String(e)}`);
    }
  }

  function intervalMs(): number {
    const override = deps.intervalMs?.();
    if (override !== undefined && Number.isFinite(override) && override > 0) return override;
    return pollIntervalMs(deps.getSettings());
  }

  function clearTimer(): void {
    if (timer) clock.clearTimeout(timer.handle);
    timer = null;
    nextPollAt = null;
  }

  function scheduleIn(ms: number): void {
    clearTimer();
    const delay = Math.max(0, Math.round(ms));
    nextPollAt = iso(clock.now() + delay);
    const entry = {
      handle: clock.setTimeout(() => {
        if (timer !== entry) return;
        timer = null;
        void poll();
      }, delay),
    };
    timer = entry;
  }

  function poll(): Promise<void> {
    if (inFlight) return inFlight;
    if (!running || !configured) return Promise.resolve();
    clearTimer();
    inFlight = runPoll().finally(() => {
      inFlight = null;
      try {
        afterPoll();
      } catch (e) {
        warn(`The next check could not be scheduled: ${(e as Error)?.message ?? String(e)}`);
      }
    });
    emitStatus();
    return inFlight;
  }

  async function runPoll(): Promise<void> {
    const started = generation;
    const startedAt = clock.now();
    const ctl = new AbortController();
    controller = ctl;
    let list: AccountList | undefined;
    let error: unknown;
    let fetched = false;
    try {
      list = await deps.fetchAccounts(ctl.signal);
      fetched = true;
    } catch (e) {
      error = e;
    } finally {
      if (controller === ctl) controller = null;
    }
    if (started !== generation || ctl.signal.aborted) {
      lastOutcome = 'abandoned';
      return;
    }
    try {
      if (fetched) await applySuccess(list as AccountList, startedAt);
      else await applyFailure(error);
      lastOutcome = fetched ? 'ok' : 'failed';
    } catch (e) {
      // A bug here must not stop the polling; the next poll starts from the state as it is.
      lastOutcome = 'failed';
      warn(`Checking the accounts went wrong inside the app: ${(e as Error)?.message ?? String(e)}`);
    }
  }

  function afterPoll(): void {
    if (!running || !configured) {
      followUp = null;
      emitStatus();
      return;
    }
    const again = followUp === 'always' || (followUp === 'if_failed' && lastOutcome === 'failed');
    followUp = null;
    if (again) {
      void poll();
      return;
    }
    if (lastOutcome === 'ok') scheduleIn(intervalMs());
    else if (lastOutcome === 'failed') {
      const backoff = failureDelayMs(backoffFailures, intervalMs(), random);
      scheduleIn(Math.max(backoff, notBefore - clock.now()));
    } else {
      // Abandoned while still meant to run (configured off and on again mid-poll): start over now.
      void poll();
      return;
    }
    emitStatus();
  }

  function rulesFor(settings: Settings): HealthRules {
    return { status429NeedsResync: settings.status429NeedsResync, timeZone: deps.timeZone };
  }

  /**
   * `accounts` judged against what was last seen: their health, the account events since the
   * snapshot, and the alert plan. The previous health is the ledger's, not re-judged now: a lock
   * that has run out is a change.
   */
  function judge(accounts: Account[], now: number, settings: Settings) {
    const rules = rulesFor(settings);
    const assessed: AssessedAccount[] = accounts.map((account) => ({ account, ...accountHealth(account, now, rules) }));
    const previous: AssessedAccount[] | null =
      snapshot &&
      snapshot.accounts.map((account) => {
        const memory = ledger.accounts[account.id];
        return memory ? { account, health: memory.health, reason: memory.reason } : { account, ...accountHealth(account, now, rules) };
      });
    const plan = planAlerts({ accounts: assessed, problem: null, ledger, settings, nowMs: now });
    return { assessed, accountEvents: accountTransitions(previous, assessed), plan };
  }

  async function applySuccess(list: AccountList, startedAt: number): Promise<void> {
    const now = clock.now();
    const settings = deps.getSettings();
    // An account re-read on its own while this list was on its way is newer than the list's copy.
    const accounts = list.accounts.map((account) => {
      const read = readsDuringPoll.get(account.id);
      return read && read.atMs >= startedAt ? read.account : account;
    });
    readsDuringPoll.clear();
    const { assessed, accountEvents, plan } = judge(accounts, now, settings);
    const events = [...connectionTransition(problem, null), ...accountEvents];

    snapshot = { checkedAt: iso(now), accounts, warnings: list.warnings };
    problem = null;
    lastPollAt = iso(now);
    backoffFailures = 0;
    notBefore = 0;
    ledger = plan.ledger;
    show(plan.notifications);
    emitEvents(events);
    emitAlerts(alertedAccounts(plan, assessed));
    await persist();
  }

  /** One account re-read on its own: see Monitor.accountRead. */
  async function applyAccountRead(account: Account): Promise<void> {
    if (!running || !configured || snapshot === null) return;
    const index = snapshot.accounts.findIndex((candidate) => candidate.id === account.id);
    if (index === -1) return;
    const now = clock.now();
    if (inFlight) readsDuringPoll.set(account.id, { account, atMs: now });
    const accounts = snapshot.accounts.slice();
    accounts[index] = account;
    const { assessed, accountEvents, plan } = judge(accounts, now, deps.getSettings());

    // The list's time and warnings stay: only this account is newer. The connection is the polls' to judge.
    snapshot = { ...snapshot, accounts };
    ledger = { ...plan.ledger, keyRejectedShown: ledger.keyRejectedShown };
    show(plan.notifications);
    emitEvents(accountEvents);
    emitAlerts(alertedAccounts(plan, assessed));
    emitStatus();
    await persist();
  }

  async function applyFailure(error: unknown): Promise<void> {
    const now = clock.now();
    const settings = deps.getSettings();
    const kind = isLobstrApiError(error) ? error.kind : 'invalid_response';
    const message = isLobstrApiError(error)
      ? error.message
      : `Checking the accounts failed unexpectedly: ${(error as Error)?.message ?? String(error)}`;
    const next: ConnectionProblem = {
      kind,
      message,
      // The first failure of this run of failures, whatever its kind (appModel's contract).
      since: problem?.since ?? iso(now),
      failures: (problem?.failures ?? 0) + 1,
    };
    const events = connectionTransition(problem, next);
    problem = next;
    lastPollAt = iso(now);
    backoffFailures++;
    if (isLobstrApiError(error) && error.kind === 'rate_limited' && error.retryAfterMs !== undefined) {
      notBefore = now + Math.min(Math.max(0, error.retryAfterMs), MAX_SERVER_WAIT_MS);
    }
    const plan = planAlerts({ accounts: null, problem, ledger, settings, nowMs: now });
    ledger = plan.ledger;
    show(plan.notifications);
    emitEvents(events);
    await persist();
  }

  function show(notifications: ReturnType<typeof planAlerts>['notifications']): void {
    for (const notification of notifications) {
      try {
        deps.notifier.show(notification);
      } catch (e) {
        warn(`A notification could not be shown: ${(e as Error)?.message ?? String(e)}`);
      }
    }
  }

  /** Saves in order, one after the other; stop() waits for the last one. */
  let saving: Promise<void> = Promise.resolve();
  function persist(): Promise<void> {
    const state: PersistedMonitorState = { snapshot, problem, ledger };
    saving = saving.then(async () => {
      try {
        await deps.store.save(state);
      } catch (e) {
        warn(`The monitor state could not be saved (${(e as Error)?.message ?? String(e)}); after a restart, alerts already shown may be shown again.`);
      }
    });
    return saving;
  }

  /** Abandons the poll in flight (its result will not count) and any scheduled one. */
  function abandonPolls(): void {
    generation++;
    controller?.abort();
    clearTimer();
  }

  return {
    start() {
      if (running) return { warnings: [] };
      running = true;
      const warnings: string[] = [];
      try {
        const loaded = deps.store.load();
        if (loaded.warning) warnings.push(loaded.warning);
        if (loaded.state) {
          snapshot = loaded.state.snapshot;
          problem = loaded.state.problem;
          ledger = loaded.state.ledger;
        }
      } catch (e) {
        warnings.push(`The saved monitor state could not be loaded (${(e as Error)?.message ?? String(e)}); starting fresh.`);
      }
      emitStatus();
      if (configured) void poll();
      return { warnings };
    },

    async stop() {
      running = false;
      followUp = null;
      abandonPolls();
      const pending = inFlight;
      if (pending) await pending;
      await saving;
      emitStatus();
    },

    async refreshNow() {
      await poll();
      // A poll abandoned by reconfigure() is followed by a fresh one: wait for the one that counts.
      while (inFlight) await inFlight;
    },

    wake() {
      if (!running || !configured) return;
      backoffFailures = 0;
      if (inFlight) {
        // A poll that started before the machine slept may fail for that reason alone: try once more.
        followUp ??= 'if_failed';
        return;
      }
      const wait = notBefore - clock.now();
      if (wait > 0) scheduleIn(wait);
      else void poll();
      emitStatus();
    },

    status,

    setConfigured(value) {
      if (value === configured) return;
      configured = value;
      if (!value) {
        followUp = null;
        abandonPolls();
        problem = null;
        ledger = { ...ledger, keyRejectedShown: false };
        emitStatus();
        void persist();
        return;
      }
      backoffFailures = 0;
      notBefore = 0;
      if (running) {
        if (inFlight) followUp = 'always';
        else void poll();
      }
      emitStatus();
    },

    reconfigure(options = {}) {
      abandonPolls();
      problem = null;
      backoffFailures = 0;
      notBefore = 0;
      ledger = options.forgetAccounts ? EMPTY_LEDGER : { ...ledger, keyRejectedShown: false };
      if (options.forgetAccounts) snapshot = null;
      if (running && configured) {
        if (inFlight) followUp = 'always';
        else void poll();
      }
      emitStatus();
    },

    accountRead: applyAccountRead,

    settingsChanged() {
      // Only a normal wait follows the interval; a backoff or a server's wait stays as it is.
      if (!running || !configured || inFlight || !timer || lastOutcome !== 'ok' || lastPollAt === null) return;
      const wait = Date.parse(lastPollAt) + intervalMs() - clock.now();
      if (wait <= 0) {
        void poll();
        return;
      }
      scheduleIn(wait);
      emitStatus();
    },
  };
}
