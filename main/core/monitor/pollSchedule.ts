/**
 * When the next poll runs: the settings' interval after a success; after a failure, exponential
 * backoff with jitter up to 15 minutes, and never before a rate-limited server's "wait until". One
 * timer at a time, on the monitor's clock.
 */
import type { Clock, Settings } from '../appModel.js';
import { POLL_INTERVAL_MINUTES } from '../settings/settings.js';

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

/** The one pending poll timer. */
export interface PollTimer {
  /** Runs `poll` in `ms` (replacing a pending one). */
  scheduleIn(ms: number): void;
  clear(): void;
  /** A poll is waiting. */
  readonly pending: boolean;
  /** ISO time of the pending poll; null when none. */
  readonly nextPollAt: string | null;
}

export function createPollTimer(clock: Clock, poll: () => void): PollTimer {
  let timer: { handle: unknown } | null = null;
  let nextPollAt: string | null = null;
  const clear = (): void => {
    if (timer) clock.clearTimeout(timer.handle);
    timer = null;
    nextPollAt = null;
  };
  return {
    scheduleIn(ms) {
      clear();
      const delay = Math.max(0, Math.round(ms));
      nextPollAt = new Date(clock.now() + delay).toISOString();
      const entry = {
        handle: clock.setTimeout(() => {
          // A timer replaced or cleared meanwhile does nothing.
          if (timer !== entry) return;
          timer = null;
          poll();
        }, delay),
      };
      timer = entry;
    },
    clear,
    get pending() {
      return timer !== null;
    },
    get nextPollAt() {
      return nextPollAt;
    },
  };
}
