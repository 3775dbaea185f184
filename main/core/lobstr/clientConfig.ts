/**
 * The client's options as callers give them, and the same resolved once (defaults applied, bad
 * numbers replaced) into what every step of a call reads: the page walk, the account read and each
 * exchange with its retries.
 */
import { redactSecrets } from '../settings/apiKey.js';
import { LobstrApiError, type ApiErrorKind } from './apiErrors.js';
import { DEFAULT_API_BASE, normaliseApiBase } from './baseUrl.js';

export interface LobstrClientOptions {
  apiKey: string;
  /** Default DEFAULT_API_BASE; validated with normaliseApiBase (throws on a bad one). */
  baseUrl?: string;
  /** Default 'LobstrTray'; callers pass 'LobstrTray/<version>'. */
  userAgent?: string;
  /** Per request, reading the body included. Default 20 000. */
  timeoutMs?: number;
  /** Pages after the first fetched in parallel. Default 4. */
  concurrency?: number;
  /** Default 100, the documented maximum. */
  pageSize?: number;
  /** Cap on a runaway total_pages. Default 1000. */
  maxPages?: number;
  /** Default 20 MiB; a larger body is refused as invalid_response without being buffered whole. */
  maxBodyBytes?: number;
  /** Extra attempts for 5xx, network errors and timeouts. Default 3. */
  retries?: number;
  /** Default 500 (exponential, full jitter). */
  retryBaseDelayMs?: number;
  /** Default 8 000. */
  retryMaxDelayMs?: number;
  /** Cap on a server-requested wait. Default 60 000; above it the call fails as rate_limited. */
  maxRateLimitWaitMs?: number;
  /** Default 3. */
  rateLimitRetries?: number;
  /** Default Node's global fetch; the tray app passes Electron's net.fetch. */
  fetch?: FetchFunction;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source, in [0, 1). */
  random?: () => number;
  /** Clock in ms (X-RateLimit-Reset is Unix seconds). */
  now?: () => number;
  /** For logging and benchmarks; never given the key. */
  onRequest?: (info: { method: string; url: string; attempt: number }) => void;
}

/**
 * What the client needs of a fetch: the standard one, called with a URL string. Node's global fetch
 * and Electron's net.fetch both fit (net.fetch takes no URL object, so `typeof fetch` would not).
 */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

const MIB = 1024 * 1024;

const DEFAULTS = {
  userAgent: 'LobstrTray',
  timeoutMs: 20_000,
  concurrency: 4,
  pageSize: 100,
  maxPages: 1000,
  maxBodyBytes: 20 * MIB,
  retries: 3,
  retryBaseDelayMs: 500,
  retryMaxDelayMs: 8_000,
  maxRateLimitWaitMs: 60_000,
  rateLimitRetries: 3,
} as const;

/** The options resolved, plus what every step shares: the headers and how to fail. */
export interface ClientConfig {
  baseUrl: string;
  apiKey: string;
  headers: Record<string, string>;
  timeoutMs: number;
  concurrency: number;
  pageSize: number;
  maxPages: number;
  maxBodyBytes: number;
  retries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  maxRateLimitWaitMs: number;
  rateLimitRetries: number;
  fetch: FetchFunction;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  now: () => number;
  onRequest: LobstrClientOptions['onRequest'];
  /** A LobstrApiError whose message is scrubbed of the key: server text may echo what it was sent. */
  fail(kind: ApiErrorKind, message: string, status?: number, retryAfterMs?: number, rejected?: boolean): LobstrApiError;
}

export function resolveConfig(options: LobstrClientOptions): ClientConfig {
  const apiKey = options.apiKey.trim();
  const userAgent = (options.userAgent ?? DEFAULTS.userAgent).replace(/[^\x20-\x7e]/g, '').trim() || DEFAULTS.userAgent;
  return {
    baseUrl: normaliseApiBase(options.baseUrl ?? DEFAULT_API_BASE),
    apiKey,
    headers: { Authorization: `Token ${apiKey}`, Accept: 'application/json', 'User-Agent': userAgent },
    timeoutMs: positive(options.timeoutMs, DEFAULTS.timeoutMs),
    concurrency: Math.floor(positive(options.concurrency, DEFAULTS.concurrency)),
    pageSize: Math.floor(positive(options.pageSize, DEFAULTS.pageSize)),
    maxPages: Math.floor(positive(options.maxPages, DEFAULTS.maxPages)),
    maxBodyBytes: positive(options.maxBodyBytes, DEFAULTS.maxBodyBytes),
    retries: Math.floor(nonNegative(options.retries, DEFAULTS.retries)),
    retryBaseDelayMs: nonNegative(options.retryBaseDelayMs, DEFAULTS.retryBaseDelayMs),
    retryMaxDelayMs: nonNegative(options.retryMaxDelayMs, DEFAULTS.retryMaxDelayMs),
    maxRateLimitWaitMs: nonNegative(options.maxRateLimitWaitMs, DEFAULTS.maxRateLimitWaitMs),
    rateLimitRetries: Math.floor(nonNegative(options.rateLimitRetries, DEFAULTS.rateLimitRetries)),
    // Looked up at each call, not captured: the global may be replaced after the client is made.
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    sleep: options.sleep ?? sleepFor,
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
    onRequest: options.onRequest,
    fail: (kind, message, status, retryAfterMs, rejected) =>
      new LobstrApiError(kind, redactSecrets(message, [apiKey]), status, retryAfterMs, rejected),
  };
}

/** Waits, but gives up at once when the signal aborts. */
function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

function nonNegative(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}
