/**
 * How `lobstr-tray resync` ends, for scripts: its one `--json` object and its exit code, both read
 * from the core's outcome (resyncProgress.ts). Names and kinds only, never a cookie value.
 */
import type { CookieReport } from '../core/resync/cookiePick.js';
import type { ResyncErrorKind, ResyncOutcome } from '../core/resync/resyncProgress.js';
import { EXIT } from './cliIo.js';

export type ResyncState = 'synchronized' | 'failed' | 'timeout' | 'cancelled';

/** The stable contract of `resync --json`, its fields in this order. */
export interface ResyncReport {
  /** The account id given; null when the command line gave none that could be used. */
  account: string | null;
  /** The sync task's id; null when none was created (usage, key, account, cookies missing…). */
  task: string | null;
  /** failed for every failure but the 60 s stop (timeout); cancelled on Ctrl-C or SIGTERM. */
  state: ResyncState;
  message: string;
  /** The task's last status code (200 done, ≥ 400 failed, 100/120 when stopped); null without a task. */
  status_code: number | null;
  /** What failed, for a script to branch on; null when synchronized or cancelled. */
  error: ResyncErrorKind | 'usage' | null;
  /** The account's cookie names found in the file and the required ones missing; null before they were matched. */
  cookies: CookieReport | null;
}

/** Exit code by failure: 1 the account still needs re-sync (these cookies will not do), 2 the request failed. */
const EXIT_BY_KIND: Record<ResyncErrorKind, number> = {
  cookies_missing: EXIT.needsResync,
  cookies_rejected: EXIT.needsResync,
  timed_out: EXIT.needsResync,
  key_rejected: EXIT.failed,
  account_gone: EXIT.failed,
  network: EXIT.failed,
  server: EXIT.failed,
};

export function exitCodeOf(report: ResyncReport): number {
  if (report.error === 'usage') return EXIT.usage;
  if (report.error !== null) return EXIT_BY_KIND[report.error];
  return report.state === 'cancelled' ? EXIT.interrupted : EXIT.ok;
}

/** What was learnt on the way, before the end: the task's last status and the names matched. */
export interface ResyncTrail {
  statusCode: number | null;
  cookies: CookieReport | null;
}

export function reportOf(account: string, outcome: ResyncOutcome, trail: ResyncTrail): ResyncReport {
  const { task } = outcome;
  switch (outcome.step) {
    case 'done':
      return { account, task, state: 'synchronized', message: outcome.message, status_code: 200, error: null, cookies: trail.cookies };
    case 'cancelled':
      return { account, task, state: 'cancelled', message: outcome.message, status_code: trail.statusCode, error: null, cookies: trail.cookies };
    case 'failed':
      return {
        account,
        task,
        state: outcome.error.kind === 'timed_out' ? 'timeout' : 'failed',
        message: outcome.error.message,
        status_code: outcome.error.statusCode ?? (task === null ? null : trail.statusCode),
        error: outcome.error.kind,
        cookies: trail.cookies,
      };
  }
}

export function usageReport(account: string | null, message: string): ResyncReport {
  return { account, task: null, state: 'failed', message, status_code: null, error: 'usage', cookies: null };
}
