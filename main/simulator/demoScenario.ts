/**
 * The `demo` scenario: over the first minutes two accounts lose their cookies and get them back, so a
 * person watching the app sees it turn red and recover, again every DEMO_CYCLE_MS.
 *
 * The timeline is data and each step can be applied on its own (applyDemoStep), so tests check the
 * scenario without waiting minutes; startDemoScenario only adds timers that follow the timeline.
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
}

export const DEMO_TIMELINE: readonly DemoStep[] = [
  { atMs: 20_000, target: 0, change: 'cookies_expired' },
  { atMs: 45_000, target: 1, change: 'status_401' },
  { atMs: 90_000, target: 0, change: 'recover' },
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

/** Makes every account that needs re-sync healthy, so the demo starts green. Returns how many changed. */
export function prepareDemoAccounts(store: AccountStore): number {
  const stale = store.all().filter(needsResync);
  for (const account of stale) store.update(account.id, HEALTHY_FIELDS);
  return stale.length;
}

/** The two accounts the timeline changes: the first plainly healthy one, then one of another platform if any. */
export function pickDemoTargets(store: AccountStore): string[] {
  const healthy = store.all().filter(isPlainHealthy);
  const first = healthy[0];
  if (!first) return [];
  const second = healthy.find((a) => a !== first && a.type !== first.type) ?? healthy[1];
  return second ? [first.id, second.id] : [first.id];
}

export interface DemoStepResult {
  step: number;
  change: DemoChange;
  account: string;
}

/**
 * Applies step `index` of the timeline (counting across cycles) at `nowMs`. Returns what changed, or
 * null when its account is gone (deleted through the control API) or there is none.
 */
export function applyDemoStep(
  store: AccountStore,
  targets: readonly string[],
  index: number,
  nowMs: number,
): DemoStepResult | null {
  const step = DEMO_TIMELINE[index % DEMO_TIMELINE.length] as DemoStep;
  const id = targets[step.target];
  if (id === undefined || !store.has(id)) return null;
  const now = isoSeconds(nowMs);
  switch (step.change) {
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
      store.update(id, { ...HEALTHY_FIELDS, last_synchronization_time: now, updated_at: now });
      break;
  }
  return { step: index, change: step.change, account: id };
}

export interface DemoRun {
  readonly targets: readonly string[];
  /** How many steps the timers (or applyNext) have applied so far. */
  readonly stepsApplied: number;
  /** Applies the next step now, ahead of its time (the timers then carry on from there). */
  applyNext(): DemoStepResult | null;
  stop(): void;
}

/** Prepares the accounts and runs the timeline on timers that never keep a process alive on their own. */
export function startDemoScenario(store: AccountStore, now: () => number): DemoRun {
  prepareDemoAccounts(store);
  const targets = pickDemoTargets(store);
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
    targets,
    get stepsApplied() {
      return stepsApplied;
    },
    applyNext() {
      if (stopped) return null;
      clearTimeout(timer);
      const result = applyDemoStep(store, targets, stepsApplied, now());
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
