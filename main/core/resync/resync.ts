/**
 * The re-sync of one account, the one orchestration the tray app's window and `lobstr-tray resync`
 * share (issue 9 §2; shared/lobstr-api.md §6):
 *   1. wait until the cookie source holds every cookie the account's `cookies[]` marks required
 *      (an empty list: the session's cookies for the platform's site);
 *   2. send them (POST /accounts/cookies with account, type and cookies);
 *   3. read the task every 2 s until 200 (done) or ≥ 400 (failed); past 30 s say the cookies may be
 *      invalid, at 60 s stop waiting;
 *   4. read the account again and hand it to the monitor, so every view shows it at once.
 * It resolves with how it ended (done, failed with a kind, cancelled) and never rejects for a
 * failure of Lobstr's. Cookie values live in the request only: progress holds names and counts.
 */
import { systemClock, type Clock } from '../appModel.js';
import type { Account } from '../lobstr/account.js';
import type { RequestOptions } from '../lobstr/apiClient.js';
import type { CookieSyncRequest, SyncTask } from '../lobstr/cookieSync.js';
import { accountName } from '../monitor/alertPlanner.js';
import { sleepOn } from './clockSleep.js';
import { cookieNeeds } from './cookieNeeds.js';
import type { CookieSource } from './cookieSource.js';
import { waitForCookies } from './cookieWait.js';
import { resyncErrorOf, type ResyncCall } from './resyncErrors.js';
import type { ResyncError, ResyncOutcome, ResyncProgress } from './resyncProgress.js';

/** The client calls a re-sync makes (LobstrClient fits). */
export interface ResyncClient {
  syncCookies(request: CookieSyncRequest, options?: RequestOptions): Promise<SyncTask>;
  syncStatus(taskId: string, options?: RequestOptions): Promise<SyncTask>;
  getAccount(hash: string, options?: RequestOptions): Promise<Account>;
}

export interface ResyncTiming {
  /** Between two reads of the task. Default 2 s (Lobstr's docs). */
  pollMs: number;
  /** Unfinished after this long: "the cookies may be invalid". Default 30 s. */
  slowMs: number;
  /** Unfinished after this long: the re-sync stops waiting and fails as timed out. Default 60 s. */
  giveUpMs: number;
}

export const RESYNC_TIMING: ResyncTiming = { pollMs: 2_000, slowMs: 30_000, giveUpMs: 60_000 };

export interface ResyncDeps {
  client: ResyncClient;
  /** Told the re-read account at once (Monitor.accountResynced): the tray, list and details follow. */
  monitor?: { accountResynced(account: Account): Promise<void> };
  clock?: Clock;
  timing?: Partial<ResyncTiming>;
  /** Each step as it happens, the last one included (done, failed or cancelled). */
  onProgress?: (progress: ResyncProgress) => void;
}

export interface ResyncRequest {
  account: Account;
  source: CookieSource;
  /** Cancel: ends the re-sync at whatever step it is, as `cancelled`. */
  signal?: AbortSignal;
}

/** Thrown inside to end the re-sync with an outcome; never leaves this module. */
class Ended {
  constructor(readonly outcome: ResyncOutcome) {}
}

export async function resyncAccount(request: ResyncRequest, deps: ResyncDeps): Promise<ResyncOutcome> {
  const { account, source } = request;
  const clock = deps.clock ?? systemClock;
  const timing = { ...RESYNC_TIMING, ...deps.timing };
  const signal = request.signal ?? new AbortController().signal;
  let step: 'waiting_for_login' | 'sending' | 'synchronizing' = 'waiting_for_login';
  let task: string | null = null;
  /** The task reached 200: a cancel now only stops the re-read. */
  let synchronized = false;

  const report = (progress: ResyncProgress): void => {
    try {
      deps.onProgress?.(progress);
    } catch {
      // A view's failure must not stop the re-sync.
    }
  };
  const end = (outcome: ResyncOutcome): ResyncOutcome => {
    report(outcome);
    return outcome;
  };
  /** A client call, its failure turned into the re-sync's end. */
  const call = async <T>(what: ResyncCall, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (signal.aborted) throw error;
      throw new Ended({ step: 'failed', task, error: resyncErrorOf(error, what) });
    }
  };

  try {
    const wait = await waitForCookies(source, cookieNeeds(account), signal, report);
    if (!wait.ok) return end({ step: 'failed', task, error: wait.error });

    step = 'sending';
    report({ step, cookieNames: [...wait.cookies.keys()] });
    const created = await call('send', () =>
      deps.client.syncCookies({ account: account.id, type: account.type, cookies: wait.cookies }, { signal }),
    );
    // The values are not needed any more: nothing keeps them past the request.
    wait.cookies.clear();
    task = created.id;
    step = 'synchronizing';
    const finished = await followTask(created, {
      clock,
      timing,
      signal,
      report,
      readTask: () => call('status', () => deps.client.syncStatus(created.id, { signal })),
    });
    if (finished.statusCode >= 400) return end({ step: 'failed', task, error: taskFailure(finished, account) });
    if (finished.statusCode !== 200) {
      return end({
        step: 'failed',
        task,
        error: {
          kind: 'timed_out',
          message:
            `Lobstr has been synchronizing ${accountName(account)} for ${Math.round(timing.giveUpMs / 1000)} s without finishing: the cookies may be invalid. ` +
            'Log in again (or export fresh cookies) and retry; the account shows its state at the next check.',
        },
      });
    }
    synchronized = true;
    const fresh = await call('read', () => deps.client.getAccount(account.id, { signal }));
    try {
      await deps.monitor?.accountResynced(fresh);
    } catch {
      // The monitor judges the account again at its next poll anyway.
    }
    return end({ step: 'done', task, account: fresh, message: `${accountName(fresh)} is synchronized: Lobstr has fresh cookies.` });
  } catch (error) {
    if (error instanceof Ended) return end(error.outcome);
    if (signal.aborted) return end(cancelled(step, task, synchronized));
    throw error;
  }
}

interface TaskFollowing {
  clock: Clock;
  timing: ResyncTiming;
  signal: AbortSignal;
  report: (progress: ResyncProgress) => void;
  /** The task's status now; a failure ends the re-sync. */
  readTask: () => Promise<SyncTask>;
}

/** Reads the task every pollMs until it ends (200, ≥ 400) or giveUpMs pass; returns its last state. */
async function followTask(created: SyncTask, follow: TaskFollowing): Promise<SyncTask> {
  const { clock, timing, signal, report } = follow;
  const startedAt = clock.now();
  let current = created;
  for (;;) {
    const elapsedMs = clock.now() - startedAt;
    const slow = elapsedMs >= timing.slowMs;
    report({
      step: 'synchronizing',
      task: created.id,
      statusCode: current.statusCode,
      statusText: current.statusText,
      elapsedMs,
      slow,
      message: syncMessage(current, slow, timing.slowMs),
    });
    if (current.statusCode === 200 || current.statusCode >= 400 || elapsedMs >= timing.giveUpMs) return current;
    await sleepOn(clock, Math.min(timing.pollMs, Math.max(0, startedAt + timing.giveUpMs - clock.now())), signal);
    current = await follow.readTask();
  }
}

/** A task that ended at ≥ 400: 404 the account was deleted meanwhile, anything else the cookies did not do. */
function taskFailure(finished: SyncTask, account: Account): ResyncError {
  const status = `status ${finished.statusCode}${finished.statusText === '' ? '' : ` (${finished.statusText})`}`;
  if (finished.statusCode === 404) {
    return {
      kind: 'account_gone',
      statusCode: 404,
      message: `Lobstr no longer has ${accountName(account)} (${status}); it may have been deleted. The account list updates at the next check.`,
    };
  }
  return {
    kind: 'cookies_rejected',
    statusCode: finished.statusCode,
    message: `Lobstr could not synchronize ${accountName(account)} with these cookies: ${status}. Log in again (or export fresh cookies) and retry.`,
  };
}

function syncMessage(task: SyncTask, slow: boolean, slowMs: number): string {
  if (task.statusCode === 200) return 'Synchronized. Reading the account again…';
  if (slow) return `Still synchronizing after ${Math.round(slowMs / 1000)} s: the cookies may be invalid.`;
  return task.statusCode === 100 ? 'Lobstr received the cookies.' : 'Lobstr is synchronizing the account…';
}

function cancelled(during: 'waiting_for_login' | 'sending' | 'synchronizing', task: string | null, synchronized: boolean): ResyncOutcome {
  const message = synchronized
    ? 'Cancelled after Lobstr synchronized the account: the list shows it at the next check.'
    : during === 'waiting_for_login'
      ? 'Cancelled: nothing was sent to Lobstr.'
      : 'Cancelled. Lobstr may still finish the synchronization with the cookies it received; the account shows its state at the next check.';
  return { step: 'cancelled', task, during, message };
}
