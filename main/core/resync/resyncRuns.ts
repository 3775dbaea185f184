/**
 * The re-syncs the app runs: at most one per account at a time, started from the window, the tray or
 * a notification, followed by the window (the latest step of each account is kept, so a window that
 * opens later shows where a re-sync is), cancelled from any of them. The re-sync itself is
 * resync.ts; this only knows which account's run is where.
 */
import type { Account } from '../lobstr/account.js';
import type { CookieSource } from './cookieSource.js';
import type { ResyncRequest } from './resync.js';
import { isFinal, type ResyncOutcome, type ResyncProgress } from './resyncProgress.js';

export interface ResyncRunsDeps {
  /** resyncAccount with the app's client, monitor and clock. */
  run(request: ResyncRequest, onProgress: (progress: ResyncProgress) => void): Promise<ResyncOutcome>;
  /** Every step of every run, as it happens: the window is told. */
  onProgress?(accountId: string, progress: ResyncProgress): void;
}

export interface ResyncRunHooks {
  /** Each step of this run (the login window closes once the cookies are taken). */
  onStep?(progress: ResyncProgress): void;
  /** The run ended, however it ended. */
  onEnd?(outcome: ResyncOutcome): void;
}

export type ResyncStart = { ok: true } | { ok: false; message: string };

export interface ResyncRuns {
  /** Starts a re-sync of `account` from `source`, unless one of that account is running. */
  start(account: Account, source: CookieSource, hooks?: ResyncRunHooks): ResyncStart;
  /** Cancels the account's running re-sync; false when none runs. */
  cancel(accountId: string): boolean;
  /** The account's latest step: running, or how the last run ended; null when it never ran. */
  progress(accountId: string): ResyncProgress | null;
  isRunning(accountId: string): boolean;
  /** Cancels every run and waits for them to end (the app quits). */
  stopAll(): Promise<void>;
}

interface Run {
  controller: AbortController;
  ended: Promise<ResyncOutcome>;
}

export function createResyncRuns(deps: ResyncRunsDeps): ResyncRuns {
  const running = new Map<string, Run>();
  const latest = new Map<string, ResyncProgress>();

  const told = (accountId: string, progress: ResyncProgress, hooks: ResyncRunHooks): void => {
    latest.set(accountId, progress);
    for (const listener of [hooks.onStep, (p: ResyncProgress) => deps.onProgress?.(accountId, p)]) {
      try {
        listener?.(progress);
      } catch {
        // A view's failure must not stop the re-sync.
      }
    }
  };

  return {
    start(account, source, hooks = {}) {
      if (running.has(account.id)) return { ok: false, message: `A re-sync of ${account.username} is already running.` };
      const controller = new AbortController();
      const ended = deps
        .run({ account, source, signal: controller.signal }, (progress) => told(account.id, progress, hooks))
        .catch((error: unknown): ResyncOutcome => {
          // resyncAccount never rejects for Lobstr's failures; anything else still ends the run.
          const outcome: ResyncOutcome = {
            step: 'failed',
            task: null,
            error: { kind: 'server', message: `The re-sync failed inside the app: ${(error as Error)?.message ?? String(error)}` },
          };
          told(account.id, outcome, hooks);
          return outcome;
        })
        .then((outcome) => {
          running.delete(account.id);
          if (!isFinal(latest.get(account.id) ?? outcome)) latest.set(account.id, outcome);
          try {
            hooks.onEnd?.(outcome);
          } catch {
            // The run is over either way.
          }
          return outcome;
        });
      running.set(account.id, { controller, ended });
      return { ok: true };
    },
    cancel(accountId) {
      const run = running.get(accountId);
      if (!run) return false;
      run.controller.abort(new Error('Cancelled'));
      return true;
    },
    progress: (accountId) => latest.get(accountId) ?? null,
    isRunning: (accountId) => running.has(accountId),
    async stopAll() {
      const runs = [...running.values()];
      for (const run of runs) run.controller.abort(new Error('The app is quitting'));
      await Promise.all(runs.map((run) => run.ended));
    },
  };
}
