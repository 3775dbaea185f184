/**
 * One request as the rest of the client sees it: exchanges repeated per the retry policy until a
 * 2xx answer gives JSON, or a failure becomes a LobstrApiError a person can act on.
 * - 5xx, network errors, timeouts and bodies cut off mid-way: exponential backoff with full jitter
 *   (a 5xx's Retry-After lengthens the wait).
 * - 429: waits what the server asks (up to a cap), and every request of the call waits with it.
 * - A complete answer that is not what we expect (not JSON, an HTML page, an unexpected 4xx, a
 *   redirect) is not retried: asking again gets the same answer.
 * - A POST (a re-sync's cookies) is not sent twice after a failure that may come after Lobstr took it
 *   (5xx, a timeout, a cut connection): only a 429, which says nothing was done, is waited out.
 */
import type { ClientConfig } from './clientConfig.js';
import { DEFAULT_API_BASE } from './baseUrl.js';
import { readErrorMessage } from './errorBody.js';
import { exchange, formatSeconds, type Answer, type Outgoing, type Transient } from './exchange.js';
import { LobstrApiError } from './apiErrors.js';
import { backoffDelay, defaultRateLimitDelay, parseRetryAfter, rateLimitWait } from './retryPolicy.js';

/** What a request was for, so a 404 can say what was not found. */
export type Purpose =
  | { what: 'list' }
  | { what: 'account'; hash: string }
  | { what: 'account_types' }
  /** The cookies sent for an account (POST /accounts/cookies). */
  | { what: 'sync'; hash: string }
  | { what: 'sync_task'; task: string };

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

function reportRequest(config: ClientConfig, outgoing: Outgoing, attempt: number): void {
  try {
    // The method and the address only: a body may hold cookie values.
    config.onRequest?.({ method: outgoing.method, url: outgoing.url, attempt });
  } catch {
    // A logger's failure must not fail the poll.
  }
}

/** GET with retries; returns the parsed JSON of a 2xx answer or throws a LobstrApiError. */
export function getJson(config: ClientConfig, url: string, purpose: Purpose, signal: AbortSignal, state: CallState): Promise<unknown> {
  return requestJson(config, { method: 'GET', url }, purpose, signal, state);
}

/** One request with its retries (none after a POST's transient failure); the JSON of a 2xx answer, or a LobstrApiError. */
export async function requestJson(config: ClientConfig, outgoing: Outgoing, purpose: Purpose, signal: AbortSignal, state: CallState): Promise<unknown> {
  const { url } = outgoing;
  const retries = outgoing.method === 'GET' ? config.retries : 0;
  let failures = 0;
  let rateLimitWaits = 0;
  for (let attempt = 1; ; attempt++) {
    signal.throwIfAborted();
    if (state.pause) await state.pause;
    state.requests++;
    reportRequest(config, outgoing, attempt);
    const result = await exchange(config, outgoing, signal);

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

    if (failures >= retries) {
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

/** What a request was for, in a sentence: "Lobstr sent an empty response for …". */
function purposeText(purpose: Purpose): string {
  switch (purpose.what) {
    case 'list':
      return 'the accounts list';
    case 'account':
      return `account ${purpose.hash}`;
    case 'account_types':
      return 'the account types';
    case 'sync':
      return `the cookies sent for account ${purpose.hash}`;
    case 'sync_task':
      return `sync task ${purpose.task}`;
  }
}

function readJson(config: ClientConfig, answer: Answer, purpose: Purpose): unknown {
  const what = purposeText(purpose);
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
  if (status === 404) return notFound(config, purpose, line, status);
  if ((status === 400 || status === 422) && purpose.what === 'sync') {
    return config.fail(
      'invalid_response',
      `Lobstr refused the cookies for account ${purpose.hash} (${line}). They may be expired, incomplete or from another account.`,
      status,
      undefined,
      true,
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

function notFound(config: ClientConfig, purpose: Purpose, line: string, status: number): LobstrApiError {
  switch (purpose.what) {
    case 'account':
    case 'sync':
      return config.fail('not_found', `Account ${purpose.hash} was not found on Lobstr (${line}); it may have been deleted.`, status);
    case 'sync_task':
      return config.fail('not_found', `Lobstr does not know sync task ${purpose.task} (${line}).`, status);
    default: {
      const path = purpose.what === 'list' ? 'accounts' : 'account_types';
      const what = purpose.what === 'list' ? 'accounts list' : 'account types';
      return config.fail(
        'not_found',
        `Lobstr has no ${what} at ${config.baseUrl}/${path} (${line}). Check the API base URL (it should end in /v1, like ${DEFAULT_API_BASE}).`,
        status,
      );
    }
  }
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
