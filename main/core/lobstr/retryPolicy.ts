/**
 * How long to wait before trying a Lobstr request again: exponential backoff with full jitter
 * for failures (5xx, network, timeout), and the server's own word on a 429.
 * Pure functions: the clock and the random source are parameters, so tests pin them.
 */

/** The only thing read from a response here: a case-insensitive header lookup (fetch's Headers fits). */
export interface HeaderLookup {
  get(name: string): string | null;
}

/**
 * Full jitter: a random wait between 0 and min(maxMs, baseMs * 2^attempt), attempt counted from 0.
 * Spreading retries over the whole window keeps many clients from retrying in step.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * ceiling);
}

/**
 * `Retry-After`: delay-seconds ("45", decimals tolerated) or an HTTP date. Returns ms from `nowMs`
 * (never negative), or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  // Only a date with letters in it (a day or month name): Date.parse would read "-5" or "1.5e3" too.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/**
 * Below this an `X-RateLimit-Reset` is taken as seconds from now rather than a Unix time:
 * some servers send the delta, and no real reset lies before 2001.
 */
const UNIX_SECONDS_FLOOR = 1_000_000_000;

/**
 * `X-RateLimit-Reset` (Unix seconds), read only when `X-RateLimit-Remaining` is 0 (otherwise
 * the window is not what stopped us). Returns ms from `nowMs`, or undefined when it does not
 * apply or lies in the past (a skewed clock: the caller falls back to its own backoff).
 */
export function parseRateLimitReset(headers: HeaderLookup, nowMs: number): number | undefined {
  const remaining = headers.get('x-ratelimit-remaining')?.trim();
  if (remaining === undefined || remaining === '' || Number(remaining) !== 0) return undefined;
  const reset = headers.get('x-ratelimit-reset')?.trim();
  if (reset === undefined || !/^\d+(\.\d+)?$/.test(reset)) return undefined;
  const seconds = Number(reset);
  const waitMs = seconds < UNIX_SECONDS_FLOOR ? seconds * 1000 : seconds * 1000 - nowMs;
  if (waitMs <= 0) return undefined;
  return Math.ceil(waitMs);
}

export type RateLimitWaitSource = 'retry-after' | 'rate-limit-reset' | 'default';

/** What a 429 asks for: `Retry-After`, else the rate-limit window's reset, else `defaultMs`. */
export function rateLimitWait(
  headers: HeaderLookup,
  nowMs: number,
  defaultMs: number,
): { waitMs: number; source: RateLimitWaitSource } {
  const retryAfter = parseRetryAfter(headers.get('retry-after'), nowMs);
  if (retryAfter !== undefined) return { waitMs: retryAfter, source: 'retry-after' };
  const reset = parseRateLimitReset(headers, nowMs);
  if (reset !== undefined) return { waitMs: reset, source: 'rate-limit-reset' };
  return { waitMs: defaultMs, source: 'default' };
}

/** The wait for a 429 that names none: doubling from 1 s, so a silent limiter still gets room. */
export function defaultRateLimitDelay(attempt: number, maxMs: number): number {
  return Math.min(maxMs, 1000 * 2 ** Math.max(0, attempt));
}
