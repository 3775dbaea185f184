/**
 * What a re-sync shows while it runs: a small state machine a window, a log or a terminal can
 * follow. Names and counts only, never a cookie value: a progress object may be sent to the window,
 * logged or printed.
 *
 *   waiting_for_login → sending → synchronizing → done
 *            ↘ failed / cancelled at every step ↙
 */
import type { Account } from '../lobstr/account.js';

export type ResyncErrorKind =
  /** Lobstr rejected the API key (401/403). */
  | 'key_rejected'
  /** The account no longer exists on Lobstr (deleted meanwhile). */
  | 'account_gone'
  /** Required cookies are absent from cookies that will not change (pasted text, a file). */
  | 'cookies_missing'
  /** Lobstr refused the cookies, or its sync task failed with them (status ≥ 400). */
  | 'cookies_rejected'
  /** The sync task did not finish in time (60 s). */
  | 'timed_out'
  /** Lobstr could not be reached. */
  | 'network'
  /** Lobstr failed or answered something unexpected (5xx, not its API, rate limited). */
  | 'server';

export interface ResyncError {
  kind: ResyncErrorKind;
  /** A sentence a person can act on; never a cookie value or the key. */
  message: string;
  /** The sync task's status code when the task itself failed (≥ 400). */
  statusCode?: number;
}

export type ResyncProgress =
  | {
      step: 'waiting_for_login';
      /** Required names present so far, and the ones still missing (the whole session: found is what is there). */
      found: string[];
      missing: string[];
      /** "n of m cookies": n = found required, m = required (0 for the whole session). */
      have: number;
      need: number;
      /** All present, but the page is still a login or checkpoint page. */
      signingIn: boolean;
    }
  | { step: 'sending'; cookieNames: string[] }
  | {
      step: 'synchronizing';
      task: string;
      /** The task's status: 100 created, 120 synchronizing, 200 done (the account is being read again). */
      statusCode: number;
      statusText: string;
      /** Since the task was created. */
      elapsedMs: number;
      /** Past 30 s without finishing: the message says the cookies may be invalid. */
      slow: boolean;
      message: string;
    }
  | { step: 'done'; task: string; account: Account; message: string }
  | { step: 'failed'; task: string | null; error: ResyncError }
  | {
      step: 'cancelled';
      task: string | null;
      /** The step that was cancelled. */
      during: 'waiting_for_login' | 'sending' | 'synchronizing';
      message: string;
    };

export type ResyncStep = ResyncProgress['step'];

/** How a re-sync ended. */
export type ResyncOutcome = Extract<ResyncProgress, { step: 'done' | 'failed' | 'cancelled' }>;

/** The ends of a re-sync, as the command's exit codes and JSON name them. */
export function isFinal(progress: ResyncProgress): progress is ResyncOutcome {
  return progress.step === 'done' || progress.step === 'failed' || progress.step === 'cancelled';
}
