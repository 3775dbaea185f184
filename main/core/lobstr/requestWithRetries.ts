/**
 * One request as the rest of the client sees it: exchanges repeated per the retry policy until a
 * 2xx answer gives JSON, or a failure becomes a LobstrApiError a person can act on.
 * - 5xx, network errors, timeouts and bodies cut off mid-way: exponential backoff with full jitter
 *   (a 5xx's Retry-After lengthens the wait).
 * - 429: waits what the server asks (up to a cap), and every request of the call waits with it.
 * - A complete answer that is not what we expect (not JSON, an HTML page, an unexpected 4xx, a
 *   redirect) is not retried: asking again gets the same answer.
 */
import type { ClientConfig } from './clientConfig.js';
import { DEFAULT_API_BASE } from './baseUrl.js';
import { readErrorMessage } from './errorBody.js';
import { exchange, formatSeconds, type Answer, type Transient } from './exchange.js';
import { LobstrApiError } from './apiErrors.js';
import { backoffDelay, defaultRateLimitDelay, parseRetryAfter, rateLimitWait } from './retryPolicy.js';

/** What a request was for, so a 404 can say what was not found. */
export type Purpose = { what: 'list' } | { what: 'account'; hash: string };

/** Shared by the requests of one call (a whole listing, or one account read). */
export interface CallState {
  requests: number;
  /**
   * While Lobstr asked to wait (429), every request of the call waits, not only the one that was
   * told: the limit is per key, and the other pages would only collect 429s of their own.
   */
  pause: Promise<void> | null;
}

export function newCallState(): CallState {
  return { requests: 0, pause: null };
}

function reportRequest(config: ClientConfig, url: string, attempt: number): void {
  try {
    config.onRequest?.({ method: 'GET', url, attempt });
  } catch {
    // A logger's failure must not fail the poll.
  }
}

/** GET with retries; returns the parsed JSON of a 2xx answer or throws a LobstrApiError. */
export async function getJson(config: ClientConfig, url: string, purpose: Purpose, signal: AbortSignal, state: CallState): Promise<unknown> {
  let failures = 0;
  let rateLimitWaits = 0;
  for (let attempt = 1; ; attempt++) {
    signal.throwIfAborted();
    if (state.pause) await state.pause;
    state.requests++;
    reportRequest(config, url, attempt);
    const result = await exchange(config, url, signal);

    let failure: Transient;
    if (result.type === 'transient') {
      failure = result.failure;
    } else {
      const { answer } = result;
      if (answer.status >= 200 && answer.status < 300) return readJson(config, answer, purpose);
      if (answer.status === 429) {
        const fallback = defaultRateLimitDelay(rateLimitWaits, config.retryMaxDelayMs);
        const { waitMs } = rateLimitWait(answer.headers, config.now(), fallback);
        if (waitMs > config.maxRateLimitWaitMs || rateLimitWaits >= config.rateLimitRetries) {
          throw rateLimited(config, answer, waitMs, rateLimitWaits);
        }
        rateLimitWaits++;
        const pause = config.sleep(waitMs, signal);
        state.pause = pause;
        await pause;
        if (state.pause === pause) state.pause = null;
        continue;
      }
      if (answer.status < 500) throw statusError(config, answer, url, purpose);
      const { message } = readErrorMessage(answer.text, answer.headers.get('content-type') ?? undefined);
      failure = {
        kind: 'server',
        status: answer.status,
        summary: `Lobstr's server failed (${statusLine(answer, message)})`,
        advice: 'Try again in a few minutes.',
      };
      const retryAfterMs = parseRetryAfter(answer.headers.get('retry-after'), config.now());
      if (retryAfterMs !== undefined) failure.retryAfterMs = retryAfterMs;
    }

    if (failures >= config.retries) {
      const tried = attempt > 1 ? ` (tried ${attempt} times)` : '';
      throw config.fail(failure.kind, `${failure.summary}${tried}. ${failure.advice}`, failure.status);
    }
    let waitMs = backoffDelay(failures, config.retryBaseDelayMs, config.retryMaxDelayMs, config.random);
    if (failure.retryAfterMs !== undefined && failure.retryAfterMs <= config.maxRateLimitWaitMs) {
      waitMs = Math.max(waitMs, failure.retryAfterMs);
    }
    failures++;
    await config.sleep(waitMs, signal);
  }
}

function readJson(config: ClientConfig, answer: Answer, purpose: Purpose): unknown {
  const what = purpose.what === 'list' ? 'the accounts list' : `account ${purpose.hash}`;
  if (answer.text.trim() === '') {
    throw config.fail(
      'invalid_response',
      `Lobstr sent an empty response for ${what}. Try again later; if it persists, check the API base URL.`,
      answer.status,
    );
  }
  try {
    return JSON.parse(answer.text) as unknown;
  } catch {
    const contentType = answer.headers.get('content-type') ?? undefined;
    const { message } = readErrorMessage(answer.text, contentType);
    const isHtml = /html/i.test(contentType ?? '') || /^\s*<(!doctype|html)/i.test(answer.text);
    throw config.fail(
      'invalid_response',
      isHtml
        ? `Lobstr answered with a web page ("${message}") instead of data for ${what}. Check the API base URL (it should end in /v1, like ${DEFAULT_API_BASE}).`
        : `Lobstr's response for ${what} is not valid JSON (it begins "${message.slice(0, 60)}"). Try again later; if it persists, check the API base URL.`,
      answer.status,
    );
  }
}

function rateLimited(config: ClientConfig, answer: Answer, waitMs: number, waitsDone: number): LobstrApiError {
  const { message } = readErrorMessage(answer.text, answer.headers.get('content-type') ?? undefined);
  const still = waitsDone > 0 ? ` after waiting ${waitsDone} time${waitsDone === 1 ? '' : 's'}` : '';
  return config.fail(
    'rate_limited',
    `Lobstr is limiting requests (${statusLine(answer, message)})${still} and asks to wait ${formatSeconds(waitMs)}. ` +
      'The next check after that will work.',
    429,
    waitMs,
  );
}

function statusError(config: ClientConfig, answer: Answer, url: string, purpose: Purpose): LobstrApiError {
  const { status } = answer;
  const { message, type } = readErrorMessage(answer.text, answer.headers.get('content-type') ?? undefined);
  const line = statusLine(answer, message);
  if (status === 401) {
    return config.fail('auth', `Lobstr rejected the API key (${line}). Check the key on the Lobstr dashboard's API page.`, status);
  }
  if (status === 403) {
    return config.fail(
      'auth',
      `Lobstr refused this API key access to the accounts (${line}). Check the key on the Lobstr dashboard's API page.`,
      status,
    );
  }
  if (status === 404) {
    return purpose.what === 'account'
      ? config.fail('not_found', `Account ${purpose.hash} was not found on Lobstr (${line}); it may have been deleted.`, status)
      : config.fail(
          'not_found',
          `Lobstr has no accounts list at ${config.baseUrl}/accounts (${line}). Check the API base URL (it should end in /v1, like ${DEFAULT_API_BASE}).`,
          status,
        );
  }
  if (status >= 300 && status < 400) {
    const location = answer.headers.get('location');
    const target = location === null ? 'another address' : safeResolve(location, url);
    return config.fail(
      'invalid_response',
      `Lobstr redirected the request to ${target} (${status}). The key is not sent to a redirected address: ` +
        'if that address is right, set the API base URL to it.',
      status,
    );
  }
  const named = type !== undefined && !message.includes(type) ? `${type}: ` : '';
  return config.fail(
    'invalid_response',
    `Lobstr refused the request (${status} ${named}${message || answer.statusText}). ` +
      'This is unexpected: check the API base URL, and update the app if it keeps happening.',
    status,
  );
}

/** "401 Invalid token." — the server's words when it gave some, else the status text. */
function statusLine(answer: Answer, message: string): string {
  const words = message || answer.statusText;
  if (words === '') return String(answer.status);
  // An HTML error page's title often starts with the code already ("502 Bad Gateway").
  return words.startsWith(String(answer.status)) ? words : `${answer.status} ${words}`;
}

function safeResolve(location: string, base: string): string {
  try {
    const target = new URL(location, base);
    return `${target.origin}${target.pathname}`;
  } catch {
    return 'another address';
  }
}
