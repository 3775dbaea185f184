/**
 * The `demo` scenario: the accounts start as generated (a few already need re-sync, so a one-shot
 * check has something to report), then over the first minutes two healthy accounts lose their cookies
 * and get them back, and the accounts that needed re-sync at the start are "re-synced" too, so a person
 * watching sees the app turn red, then green, then red again, every DEMO_CYCLE_MS.
 *
 * The timeline is data and each step can be applied on its own (applyDemoStep), so tests check the
 * scenario without waiting minutes; startDemoScenario only adds timers that follow the timeline.
 * Timers follow the real clock; the `now` clock only stamps the changed accounts.
 */
import { isoSeconds } from './accountFactory.js';
import type { AccountStore, StoredAccount } from './accountStore.js';

export type DemoChange = 'cookies_expired' | 'status_401' | 'recover';

export interface DemoStep {
  /** When it happens, in ms after the start of a cycle. */
  atMs: number;
  /** Which of the two demo accounts it changes. */
  target: 0 | 1;
  change: DemoChange;
  /** Also re-syncs the accounts that needed it when the scenario started. */
  recoversInitiallyStale?: boolean;
}

export const DEMO_TIMELINE: readonly DemoStep[] = [
  { atMs: 20_000, target: 0, change: 'cookies_expired' },
  { atMs: 45_000, target: 1, change: 'status_401' },
  { atMs: 90_000, target: 0, change: 'recover', recoversInitiallyStale: true },
  { atMs: 150_000, target: 1, change: 'recover' },
];

/** The timeline starts over this long after it started. */
export const DEMO_CYCLE_MS = 180_000;

/** Ms after the scenario started at which step `index` (counting across cycles from 0) happens. */
export function demoStepTime(index: number): number {
  const step = DEMO_TIMELINE[index % DEMO_TIMELINE.length] as DemoStep;
  return Math.floor(index / DEMO_TIMELINE.length) * DEMO_CYCLE_MS + step.atMs;
}

function needsResync(account: StoredAccount): boolean {
  return account.status_code_info === 'cookies_expired' || account.status === '401' || account.status === '429';
}

function isPlainHealthy(account: StoredAccount): boolean {
  return (
    account.status === '200' &&
    account.status_code_info === 'synchronized' &&
    (account.lock_time === null || account.lock_time === undefined) &&
    (account.resets_in === null || account.resets_in === undefined)
  );
}

const HEALTHY_FIELDS = { status: '200', status_code_info: 'synchronized', status_code_description: 'Success!' };

/** The accounts a demo timeline plays with. */
export interface DemoCast {
  /** The two healthy accounts that expire and recover: the first plainly healthy one, then one of another platform. */
  targets: string[];
  /** The accounts that needed re-sync when the scenario started. */
  initiallyStale: string[];
}

export function castDemo(store: AccountStore): DemoCast {
  const all = store.all();
  const healthy = all.filter(isPlainHealthy);
  const first = healthy[0];
  const second = first ? (healthy.find((a) => a !== first && a.type !== first.type) ?? healthy[1]) : undefined;
  return {
    targets: [first, second].filter((a): a is StoredAccount => a !== undefined).map((a) => a.id),
    initiallyStale: all.filter(needsResync).map((a) => a.id),
  };
}

export interface DemoStepResult {
  step: number;
  change: DemoChange;
  /** Every account the step changed. */
  accounts: string[];
}

function recover(store: AccountStore, id: string, now: string): void {
  store.update(id, { ...HEALTHY_FIELDS, last_synchronization_time: now, updated_at: now });
}

/**
 * Applies step `index` of the timeline (counting across cycles) at `nowMs`. Returns what changed, or
 * null when nothing did (its account was deleted through the control API, or there is none).
 */
export function applyDemoStep(store: AccountStore, cast: DemoCast, index: number, nowMs: number): DemoStepResult | null {
  const step = DEMO_TIMELINE[index % DEMO_TIMELINE.length] as DemoStep;
  const now = isoSeconds(nowMs);
  const changed: string[] = [];
  if (step.recoversInitiallyStale) {
    for (const id of cast.initiallyStale) {
      const account = store.get(id);
      if (account && needsResync(account)) {
        recover(store, id, now);
        changed.push(id);
      }
    }
  }
  const id = cast.targets[step.target];
  if (id !== undefined && store.has(id)) {
    changed.push(id);
    applyChange(store, id, step.change, now);
  }
  return changed.length > 0 ? { step: index, change: step.change, accounts: changed } : null;
}

function applyChange(store: AccountStore, id: string, change: DemoChange, now: string): void {
  switch (change) {
    case 'cookies_expired':
      store.update(id, {
        status_code_info: 'cookies_expired',
        status_code_description: 'Cookies expired, please synchronize the account again.',
        updated_at: now,
      });
      break;
    case 'status_401':
      store.update(id, {
        status: '401',
        status_code_info: 'logged_out',
        status_code_description: 'The account was logged out.',
        updated_at: now,
      });
      break;
    case 'recover':
      recover(store, id, now);
      break;
  }
}

export interface DemoRun {
  readonly cast: DemoCast;
  /** How many steps the timers (or applyNext) have applied so far. */
  readonly stepsApplied: number;
  /** Applies the next step now, ahead of its time (the timers then carry on from there). */
  applyNext(): DemoStepResult | null;
  stop(): void;
}

/** Runs the timeline on timers that never keep a process alive on their own. */
export function startDemoScenario(store: AccountStore, now: () => number): DemoRun {
  const cast = castDemo(store);
  let stepsApplied = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let startedAt = Date.now();

  const schedule = (): void => {
    if (stopped) return;
    const delay = Math.max(0, startedAt + demoStepTime(stepsApplied) - Date.now());
    timer = setTimeout(() => {
      run.applyNext();
    }, delay);
    timer.unref();
  };

  const run: DemoRun = {
    cast,
    get stepsApplied() {
      return stepsApplied;
    },
    applyNext() {
      if (stopped) return null;
      clearTimeout(timer);
      const result = applyDemoStep(store, cast, stepsApplied, now());
      // Re-anchor the timeline so the following step comes its usual interval after this one.
      startedAt = Date.now() - demoStepTime(stepsApplied);
      stepsApplied += 1;
      schedule();
      return result;
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
  schedule();
  return run;
}
