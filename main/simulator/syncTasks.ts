/**
 * Cookie-sync tasks (`POST /v1/accounts/cookies`, polled with `GET /v1/synchronize/{id}`) and the
 * plans, set through `POST /__sim/sync`, that decide how the next tasks end and how long they take.
 *
 * A task reads 100 "created" for steps_ms[0], then 120 "synchronizing" for steps_ms[1], then its end:
 * 200 "synchronized" (the account is made healthy), or a failure >= 400 with a text a person can act
 * on: 400 a required cookie is missing, 401 the platform refused the cookies (the plan's outcome
 * "rejected", or a cookie the plan names in bad_cookies was sent), 404 the account was deleted
 * meanwhile. A "stuck" task stays at 120. The status is worked out from the clock when asked, so a
 * test's fake clock drives it and no timer outlives the simulator; `settle` applies the ends that are
 * due, and both APIs call it before answering. Only cookie names are kept, never their values.
 */
import { seededRandom, deriveSeed, type SeededRandom } from './seededRandom.js';

export type SyncOutcome = 'ok' | 'rejected' | 'stuck';
const OUTCOMES: readonly SyncOutcome[] = ['ok', 'rejected', 'stuck'];

export interface SyncPlanSpec {
  outcome: SyncOutcome;
  /** How long a task reads 100, then 120, before its end. */
  steps_ms: [number, number];
  /** Cookie names the platform refuses: a task that sends one of them ends at 401. */
  bad_cookies: string[];
  /** Tasks left to apply it to; null = until cleared. */
  count: number | null;
}

export interface SyncPlan extends SyncPlanSpec {
  id: number;
}

/** Without a plan: a success in three seconds, "a few seconds" as the docs put it. */
export const DEFAULT_SYNC_PLAN: Readonly<SyncPlanSpec> = { outcome: 'ok', steps_ms: [1000, 2000], bad_cookies: [], count: null };
const MAX_STEP_MS = 3_600_000;

export class SyncPlanError extends Error {}

const PLAN_FIELDS = new Set(['outcome', 'steps_ms', 'bad_cookies', 'count']);

/** Checks one plan from a control request body; throws SyncPlanError with a message for a person. */
export function parseSyncPlan(input: unknown): SyncPlanSpec {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new SyncPlanError('a sync plan must be a JSON object, e.g. {"outcome":"rejected","count":1}');
  }
  const body = input as Record<string, unknown>;
  for (const key of Object.keys(body)) {
    if (!PLAN_FIELDS.has(key)) throw new SyncPlanError(`unknown sync plan field "${key}"`);
  }
  if (body.outcome === undefined && body.steps_ms === undefined && body.bad_cookies === undefined) {
    throw new SyncPlanError('a sync plan needs outcome, steps_ms or bad_cookies');
  }
  const spec: SyncPlanSpec = { ...DEFAULT_SYNC_PLAN, steps_ms: [...DEFAULT_SYNC_PLAN.steps_ms], bad_cookies: [] };
  if (body.outcome !== undefined) {
    if (!OUTCOMES.includes(body.outcome as SyncOutcome)) throw new SyncPlanError('outcome must be "ok", "rejected" or "stuck"');
    spec.outcome = body.outcome as SyncOutcome;
  }
  if (body.steps_ms !== undefined) {
    const steps: unknown[] = Array.isArray(body.steps_ms) ? body.steps_ms : [];
    const [created, synchronizing] = steps;
    const isStep = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MAX_STEP_MS;
    if (steps.length !== 2 || !isStep(created) || !isStep(synchronizing)) {
      throw new SyncPlanError(`steps_ms must be two whole numbers from 0 to ${MAX_STEP_MS}: the time at 100, then at 120`);
    }
    spec.steps_ms = [created, synchronizing];
  }
  if (body.bad_cookies !== undefined) {
    const names = body.bad_cookies;
    if (!Array.isArray(names) || !names.every((n) => typeof n === 'string' && n !== '')) {
      throw new SyncPlanError('bad_cookies must be a list of cookie names, e.g. ["li_at"]');
    }
    spec.bad_cookies = names as string[];
  }
  if (body.count !== undefined && body.count !== null) {
    const count = body.count;
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1) {
      throw new SyncPlanError('count must be a whole number of at least 1 (omit it for "until cleared")');
    }
    spec.count = count;
  }
  return spec;
}

/** What a new task is about; the cookies by name only. */
export interface SyncRequest {
  /** The account refreshed, or null to sync a new account. */
  account: string | null;
  type: string;
  cookieNames: readonly string[];
  /** The required cookie names that came without a value. */
  missing: readonly string[];
  /** What the user calls the platform, for the texts ("Sales Navigator"). */
  platform: string;
}

interface SyncEnd {
  code: number;
  text: string;
}

interface SyncTask {
  id: string;
  account: string | null;
  type: string;
  cookieNames: string[];
  outcome: SyncOutcome;
  createdAtMs: number;
  stepsMs: [number, number];
  /** How it ends, decided when it starts; null = never (stuck). */
  end: SyncEnd | null;
  settled: boolean;
}

export interface SyncStatus {
  id: string;
  code: number;
  text: string;
  account: string | null;
}

/** Applies a successful sync at `atMs`: the account's hash, or null when the account is gone. */
export type ApplySync = (task: { account: string | null; type: string }, atMs: number) => string | null;

/** The most tasks kept; the oldest settled ones go first. */
const TASK_CAPACITY = 10_000;

function plural(names: readonly string[]): string {
  return names.length === 1 ? 'cookie' : 'cookies';
}

function endOf(request: SyncRequest, plan: SyncPlanSpec): SyncEnd | null {
  const { platform } = request;
  if (request.missing.length > 0) {
    return {
      code: 400,
      text:
        `Missing required ${plural(request.missing)}: ${request.missing.join(', ')}. ` +
        `Log in to ${platform} again and send every required cookie.`,
    };
  }
  const refused = request.cookieNames.filter((name) => plan.bad_cookies.includes(name));
  if (refused.length > 0 || plan.outcome === 'rejected') {
    const which = refused.length > 0 ? ` (${refused.join(', ')} ${refused.length === 1 ? 'is' : 'are'} not valid)` : '';
    return {
      code: 401,
      text:
        `${platform} refused these cookies${which}: the session is logged out or expired. ` +
        `Log in again and send fresh cookies.`,
    };
  }
  return plan.outcome === 'stuck' ? null : { code: 200, text: 'synchronized' };
}

export class SyncTasks {
  private plans: SyncPlan[] = [];
  private nextPlanId = 1;
  private readonly tasks = new Map<string, SyncTask>();
  private readonly pending = new Set<SyncTask>();
  private readonly ids: SeededRandom;

  constructor(
    seed: number,
    private readonly apply: ApplySync,
  ) {
    this.ids = seededRandom(deriveSeed(seed, 3));
  }

  addPlan(spec: SyncPlanSpec): void {
    this.plans.push({ id: this.nextPlanId++, ...spec, steps_ms: [...spec.steps_ms], bad_cookies: [...spec.bad_cookies] });
  }

  listPlans(): SyncPlan[] {
    return this.plans.map((p) => ({ ...p, steps_ms: [...p.steps_ms], bad_cookies: [...p.bad_cookies] }));
  }

  clearPlans(): void {
    this.plans = [];
  }

  /** Starts a task under the first plan in line (using up one of its count), or the default plan. */
  start(request: SyncRequest, nowMs: number): SyncStatus {
    const queued = this.plans[0];
    const plan: SyncPlanSpec = queued ?? DEFAULT_SYNC_PLAN;
    if (queued && queued.count !== null) {
      queued.count -= 1;
      if (queued.count <= 0) this.plans.shift();
    }
    let id: string;
    do id = this.ids.hex32();
    while (this.tasks.has(id));
    const task: SyncTask = {
      id,
      account: request.account,
      type: request.type,
      cookieNames: [...request.cookieNames],
      outcome: plan.outcome,
      createdAtMs: nowMs,
      stepsMs: [...plan.steps_ms],
      end: endOf(request, plan),
      settled: false,
    };
    this.tasks.set(id, task);
    this.pending.add(task);
    this.trim();
    this.settle(nowMs);
    return this.statusOf(task, nowMs);
  }

  /** Applies every end that is due by `nowMs` (a success updates or creates the account). */
  settle(nowMs: number): void {
    for (const task of this.pending) {
      if (task.end === null) continue;
      const doneAt = task.createdAtMs + task.stepsMs[0] + task.stepsMs[1];
      if (nowMs < doneAt) continue;
      this.pending.delete(task);
      task.settled = true;
      if (task.end.code !== 200) continue;
      const hash = this.apply(task, doneAt);
      if (hash === null) {
        task.end = {
          code: 404,
          text: 'The account was deleted while it was synchronizing. Add it again in the Lobstr dashboard.',
        };
      } else task.account = hash;
    }
  }

  status(id: string, nowMs: number): SyncStatus | undefined {
    const task = this.tasks.get(id);
    return task ? this.statusOf(task, nowMs) : undefined;
  }

  /** Every task, oldest first, for the control API (cookie names, never values). */
  list(nowMs: number): Record<string, unknown>[] {
    return [...this.tasks.values()].map((task) => {
      const status = this.statusOf(task, nowMs);
      return {
        id: task.id,
        account: status.account,
        type: task.type,
        cookie_names: [...task.cookieNames],
        outcome: task.outcome,
        created_at: new Date(task.createdAtMs).toISOString(),
        status_code: status.code,
        status_text: status.text,
      };
    });
  }

  private statusOf(task: SyncTask, nowMs: number): SyncStatus {
    const base = { id: task.id, account: task.account };
    if (task.settled && task.end) return { ...base, ...task.end };
    if (nowMs < task.createdAtMs + task.stepsMs[0]) return { ...base, code: 100, text: 'created' };
    return { ...base, code: 120, text: 'synchronizing' };
  }

  private trim(): void {
    if (this.tasks.size <= TASK_CAPACITY) return;
    for (const task of this.tasks.values()) {
      if (this.tasks.size <= TASK_CAPACITY) break;
      if (!this.pending.has(task)) this.tasks.delete(task.id);
    }
  }
}
