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
import type { HealthRules } from '../health/accountHealth.js';
import {
  systemClock,
  type Clock,
  type MonitorEvent,
  type MonitorStatus,
  type Notifier,
  type Settings,
} from '../appModel.js';
import { EMPTY_LEDGER, type AccountAlerts } from './alertPlanner.js';
import { restoreSnapshot, reuseFrom, type AccountsDelta } from './assessedSnapshot.js';
import type { MonitorStore, PersistedMonitorState } from './monitorStore.js';
import { createPollTimer, failureDelayMs, pollIntervalMs } from './pollSchedule.js';
import { judgeAgain, judgeFailure, judgeListing, type MonitorMemory, type Outcome } from './pollOutcome.js';
import { createStatePersistence } from './statePersistence.js';
import { createSlicer, SLICE_MS } from '../yielding.js';

export { BACKOFF_BASE_MS, BACKOFF_MAX_MS, MAX_SERVER_WAIT_MS, failureDelayMs, pollIntervalMs } from './pollSchedule.js';

export type WakeReason = 'resume' | 'unlock' | 'online';

export interface MonitorDeps {
  /**
   * One full listing of the accounts (the app passes its client's listAccounts); `reuse` gives back
   * the object already held for an account that did not change (the client's ListOptions.reuse).
   */
  fetchAccounts: (signal: AbortSignal, reuse: (account: Account) => Account) => Promise<AccountList>;
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
  /**
   * Long loops (judging, sorting, diffing 100,000 accounts) yield to the event loop after this many
   * ms (yielding.ts); 0 runs them in one go. Default SLICE_MS.
   */
  sliceMs?: number;
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
  /**
   * The settings changed: a new interval takes effect from the last poll; a new rule of health
   * ("status 429 means re-sync") judges the accounts again at once, without a request.
   */
  settingsChanged(): void;
  /**
   * One account was re-read on its own (the details view's Refresh, GET /v1/accounts/{hash}): it
   * replaces that account in the snapshot at once, so the tray, the list and the details agree, and a
   * change of health goes through the same transitions and alert rules as a poll's (announced once;
   * the next poll does not repeat it). An account not in the snapshot waits for the next poll.
   * Resolves once the new state is saved.
   */
  accountRead(account: Account): Promise<void>;
  /**
   * The user re-synced this account from the app and it was read again (core/resync): taken in at
   * once like accountRead, so the tray, the list and the details turn green without waiting for a
   * poll, but its recovery is not announced ("synchronized again"): the re-sync's window shows it.
   * Should Lobstr still show the old state, the recovery a poll sees within RESYNC_QUIET_MS stays quiet too.
   */
  accountResynced(account: Account): Promise<void>;
  /**
   * What changed from snapshot revision `revision` to the current one, when the monitor still knows
   * (the last change only); null when it does not: the caller sends the whole snapshot instead.
   */
  changesSince(revision: number): AccountsDelta | null;
}

type PollEnd = 'ok' | 'failed' | 'abandoned';

/** How long a re-sync done in the app keeps the account's recovery quiet, should Lobstr show it late. */
export const RESYNC_QUIET_MS = 15 * 60_000;

export function createMonitor(deps: MonitorDeps): Monitor {
  const clock = deps.clock ?? systemClock;
  const random = deps.random ?? Math.random;
  const sliceMs = deps.sliceMs ?? SLICE_MS;

  let memory: MonitorMemory = { snapshot: null, problem: null, ledger: EMPTY_LEDGER };
  /** The last change of the accounts, for a window that holds the revision before it. */
  let lastDelta: AccountsDelta | null = null;
  /** The highest snapshot revision so far: a new list after a forgotten one never reuses a number. */
  let lastRevision = 0;
  let configured = deps.configured ?? true;
  let running = false;
  let lastPollAt: string | null = null;
  let inFlight: Promise<void> | null = null;
  let controller: AbortController | null = null;
  /** Failures since the last success or wake: drives the backoff (problem.failures keeps counting). */
  let backoffFailures = 0;
  /** A rate-limited server asked not to be asked again before this time (ms). */
  let notBefore = 0;
  /** Bumped when a poll in flight must not count any more (stop, reconfigure, forget). */
  let generation = 0;
  /** What to do when the poll in flight ends: poll again at once, always or only if it failed. */
  let followUp: 'always' | 'if_failed' | null = null;
  let lastEnd: PollEnd = 'ok';
  /** Accounts re-read on their own (accountRead) while a poll was in flight, by id. */
  const readsDuringPoll = new Map<string, { account: Account; atMs: number }>();
  /** Accounts re-synced in the app (accountResynced), by id, with when: their recovery is not announced. */
  const resyncedByUser = new Map<string, number>();
  /** One change of the memory at a time: a poll's judgement and a re-read account never interleave. */
  let judging: Promise<unknown> = Promise.resolve();

  const warn = (message: string): void => {
    try {
      deps.onWarning?.(message);
    } catch {
      // A listener's failure must not stop the monitor.
    }
  };
  const persistence = createStatePersistence(deps.store, warn);
  const timer = createPollTimer(clock, () => void poll());

  function status(): MonitorStatus {
    const { snapshot, problem } = memory;
    return { configured, snapshot, problem, lastPollAt, nextPollAt: timer.nextPollAt, polling: inFlight !== null };
  }

  function notify<T>(listener: ((value: T) => void) | undefined, value: T, what: string): void {
    try {
      listener?.(value);
    } catch (e) {
      warn(`${what} failed: ${(e as Error)?.message ?? String(e)}`);
    }
  }
  const emitStatus = (): void => notify(deps.onStatus, status(), 'A status listener');

  function intervalMs(): number {
    const override = deps.intervalMs?.();
    if (override !== undefined && Number.isFinite(override) && override > 0) return override;
    return pollIntervalMs(deps.getSettings());
  }

  function rules(settings: Settings): HealthRules {
    return { status429NeedsResync: settings.status429NeedsResync, timeZone: deps.timeZone };
  }

  /** Serialises the judgements: each sees the memory the previous one left. */
  function judged<T>(work: () => Promise<T>): Promise<T> {
    const next = judging.then(work, work);
    judging = next.catch(() => undefined);
    return next;
  }

  function poll(): Promise<void> {
    if (inFlight) return inFlight;
    if (!running || !configured) return Promise.resolve();
    timer.clear();
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
      list = await deps.fetchAccounts(ctl.signal, reuseFrom(memory.snapshot));
      fetched = true;
    } catch (e) {
      error = e;
    } finally {
      if (controller === ctl) controller = null;
    }
    const abandoned = (): boolean => started !== generation || ctl.signal.aborted;
    if (abandoned()) {
      lastEnd = 'abandoned';
      return;
    }
    try {
      lastEnd = await judged(async () => {
        if (abandoned()) return 'abandoned';
        const now = clock.now();
        const settings = deps.getSettings();
        if (!fetched) {
          const outcome = judgeFailure(memory, error, now, settings);
          backoffFailures++;
          if (outcome.notBefore !== null) notBefore = outcome.notBefore;
          lastPollAt = new Date(now).toISOString();
          await apply(outcome);
          return 'failed';
        }
        // An account re-read on its own while this list was on its way is newer than the list's copy.
        const accounts = (list as AccountList).accounts.map((account) => {
          const read = readsDuringPoll.get(account.id);
          return read && read.atMs >= startedAt ? read.account : account;
        });
        readsDuringPoll.clear();
        const listing = { checkedAt: new Date(now).toISOString(), accounts, warnings: (list as AccountList).warnings };
        judgedBy = rulesKey(settings);
        const outcome = await judgeListing(memory, listing, now, settings, rules(settings), createSlicer(sliceMs), lastRevision, quietRecoveries());
        // Stopped or reconfigured while judging: the result no longer counts.
        if (abandoned()) return 'abandoned';
        lastPollAt = listing.checkedAt;
        backoffFailures = 0;
        notBefore = 0;
        await apply(outcome);
        return 'ok';
      });
    } catch (e) {
      // A bug here must not stop the polling; the next poll starts from the state as it is.
      lastEnd = 'failed';
      warn(`Checking the accounts went wrong inside the app: ${(e as Error)?.message ?? String(e)}`);
    }
  }

  /** The re-synced accounts whose recovery is still to be kept quiet; older ones are forgotten. */
  function quietRecoveries(): ReadonlySet<string> {
    const now = clock.now();
    for (const [id, at] of resyncedByUser) if (now - at > RESYNC_QUIET_MS) resyncedByUser.delete(id);
    return new Set(resyncedByUser.keys());
  }

  /** Takes in a judged outcome: the new memory, then notifications, events, alerts, and the save. */
  function apply(outcome: Outcome): Promise<void> {
    memory = outcome.memory;
    // A re-synced account judged ok has had its recovery: a later one is news again.
    for (const id of resyncedByUser.keys()) if (memory.snapshot?.byId.get(id)?.health === 'ok') resyncedByUser.delete(id);
    lastRevision = Math.max(lastRevision, memory.snapshot?.revision ?? 0);
    if (outcome.delta) lastDelta = outcome.delta;
    for (const notification of outcome.notifications) {
      try {
        deps.notifier.show(notification);
      } catch (e) {
        warn(`A notification could not be shown: ${(e as Error)?.message ?? String(e)}`);
      }
    }
    if (outcome.events.length > 0) notify(deps.onEvents, outcome.events, 'An event listener');
    const alerts = outcome.alerts;
    if (alerts && alerts.needsResync.length + alerts.reminders.length + alerts.recovered.length > 0) {
      notify(deps.onAlerts, alerts, 'An alert listener');
    }
    return persist(outcome.changed);
  }

  function persist(changed: boolean, evenIfOnlyTime = false): Promise<void> {
    const { snapshot, problem, ledger } = memory;
    const state: PersistedMonitorState = {
      snapshot: snapshot && { checkedAt: snapshot.checkedAt, accounts: snapshot.accounts, warnings: snapshot.warnings },
      problem,
      ledger,
    };
    return persistence.save(state, changed, evenIfOnlyTime);
  }

  function afterPoll(): void {
    if (!running || !configured) {
      followUp = null;
      emitStatus();
      return;
    }
    const again = followUp === 'always' || (followUp === 'if_failed' && lastEnd === 'failed');
    followUp = null;
    if (again) {
      void poll();
      return;
    }
    if (lastEnd === 'ok') timer.scheduleIn(intervalMs());
    else if (lastEnd === 'failed') {
      const backoff = failureDelayMs(backoffFailures, intervalMs(), random);
      timer.scheduleIn(Math.max(backoff, notBefore - clock.now()));
    } else {
      // Abandoned while still meant to run (configured off and on again mid-poll): start over now.
      void poll();
      return;
    }
    emitStatus();
  }

  /** The rules the snapshot was judged by, to see when the user's settings change them. */
  const rulesKey = (settings: Settings): string => JSON.stringify(rules(settings));
  let judgedBy = rulesKey(deps.getSettings());

  /** One account re-read on its own (see Monitor.accountRead), or (null) the rules changed. */
  function judgeSnapshotAgain(account: Account | null): Promise<void> {
    if (!running || !configured || memory.snapshot === null) return Promise.resolve();
    if (account && inFlight) readsDuringPoll.set(account.id, { account, atMs: clock.now() });
    return judged(async () => {
      const current = memory;
      if (!running || !configured || current.snapshot === null) return;
      if (account && !current.snapshot.accounts.some((candidate) => candidate.id === account.id)) return;
      const settings = deps.getSettings();
      judgedBy = rulesKey(settings);
      const outcome = await judgeAgain(
        { ...current, snapshot: current.snapshot },
        account,
        clock.now(),
        settings,
        rules(settings),
        createSlicer(sliceMs),
        quietRecoveries(),
      );
      // Forgotten or replaced meanwhile (reconfigure): this read belongs to the old list.
      if (memory !== current) return;
      const saved = apply(outcome);
      emitStatus();
      await saved;
    });
  }

  /** Abandons the poll in flight (its result will not count) and any scheduled one. */
  function abandonPolls(): void {
    generation++;
    controller?.abort();
    timer.clear();
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
          const { snapshot, problem, ledger } = loaded.state;
          const settings = deps.getSettings();
          memory = {
            snapshot: snapshot && restoreSnapshot(snapshot, ledger.accounts, clock.now(), rules(settings)),
            problem,
            ledger,
          };
          lastRevision = memory.snapshot?.revision ?? 0;
          persistence.loaded(loaded.state);
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
      await judging;
      // The last check's time, so a restart says when Lobstr was last read.
      await persist(false, true);
      await persistence.settled();
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
      if (wait > 0) timer.scheduleIn(wait);
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
        memory = { ...memory, problem: null, ledger: { ...memory.ledger, keyRejectedShown: false } };
        emitStatus();
        void persist(true);
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
      backoffFailures = 0;
      notBefore = 0;
      memory = {
        snapshot: options.forgetAccounts ? null : memory.snapshot,
        problem: null,
        ledger: options.forgetAccounts ? EMPTY_LEDGER : { ...memory.ledger, keyRejectedShown: false },
      };
      if (options.forgetAccounts) {
        lastDelta = null;
        resyncedByUser.clear();
      }
      if (running && configured) {
        if (inFlight) followUp = 'always';
        else void poll();
      }
      emitStatus();
    },

    accountRead: (account) => judgeSnapshotAgain(account),

    accountResynced(account) {
      resyncedByUser.set(account.id, clock.now());
      return judgeSnapshotAgain(account);
    },

    changesSince(revision) {
      const current = memory.snapshot?.revision ?? 0;
      if (revision === current) return null;
      return lastDelta && lastDelta.base === revision && lastDelta.revision === current ? lastDelta : null;
    },

    settingsChanged() {
      // A rule of health changed ("status 429 means re-sync"): the accounts are judged again now.
      if (rulesKey(deps.getSettings()) !== judgedBy) void judgeSnapshotAgain(null);
      // Only a normal wait follows the interval; a backoff or a server's wait stays as it is.
      if (!running || !configured || inFlight || !timer.pending || lastEnd !== 'ok' || lastPollAt === null) return;
      const wait = Date.parse(lastPollAt) + intervalMs() - clock.now();
      if (wait <= 0) {
        void poll();
        return;
      }
      timer.scheduleIn(wait);
      emitStatus();
    },
  };
}
