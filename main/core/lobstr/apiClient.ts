/**
 * The Lobstr accounts API client: plain Node, no Electron. It sends through the `fetch` it is given:
 * the tray app gives Electron's net.fetch (Chromium's network stack: system proxy, PAC, the OS's
 * certificates), the command line keeps Node's global fetch.
 *
 * What it does, per the Decisions table of shared/lobstr-api.md:
 * - GET /accounts walks pages by number (never `next`, which may point elsewhere), asking
 *   limit=100; pages after the first come from a small pool of parallel requests; a runaway
 *   total_pages is capped; an empty page ends the walk; accounts seen twice (the list shifted
 *   between pages) are kept once.
 * - Every failure becomes a LobstrApiError with a kind and a sentence a person can act on.
 *   The API key never appears in one: it only travels in the Authorization header, and any
 *   server text quoted in a message is scrubbed of it.
 * - Retries: 5xx, network errors, timeouts and bodies cut off mid-way are retried with
 *   exponential backoff and full jitter; a 429 waits what the server asks (up to a cap).
 *   A failure no retry can fix (a refused port, an untrusted certificate, a server that does not
 *   speak https: fetchFailure.ts) is said at once.
 *   A complete answer that is not what we expect (not JSON, an HTML page, the wrong shape,
 *   too large, an unexpected 4xx) is not retried: asking again gets the same answer.
 * - Redirects are not followed, so the key is never sent to another address; the message
 *   names the new address instead.
 */
import type { Account, AccountList } from './account.js';
import { parseAccount, parseAccountsPage } from './accountSchema.js';
import { API_KEY_CHARACTERS, redactSecrets } from '../settings/apiKey.js';
import { LobstrApiError, type ApiErrorKind } from './apiErrors.js';
import { DEFAULT_API_BASE, normaliseApiBase } from './baseUrl.js';
import { readErrorMessage } from './errorBody.js';
import { lastingFetchFailure, networkReason } from './fetchFailure.js';
import { backoffDelay, defaultRateLimitDelay, parseRetryAfter, rateLimitWait } from './retryPolicy.js';

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

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface LobstrClient {
  readonly baseUrl: string;
  listAccounts(options?: RequestOptions): Promise<AccountList>;
  getAccount(hash: string, options?: RequestOptions): Promise<Account>;
}

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

/** One complete HTTP answer, its body read whole within the cap. */
interface Answer {
  status: number;
  statusText: string;
  headers: Headers;
  text: string;
}

/** A failure worth another try; the message is finished once the number of attempts is known. */
interface Transient {
  kind: ApiErrorKind;
  /** What went wrong, without a closing period: " (tried 4 times)" may follow. */
  summary: string;
  /** What to do about it. */
  advice: string;
  status?: number;
  /** A 5xx may say when to come back. */
  retryAfterMs?: number;
}

type Exchange = { type: 'answer'; answer: Answer } | { type: 'transient'; failure: Transient };

/** What a request was for, so a 404 can say what was not found. */
type Purpose = { what: 'list' } | { what: 'account'; hash: string };

interface CallState {
  requests: number;
  /**
   * While Lobstr asked to wait (429), every request of the call waits, not only the one that was
   * told: the limit is per key, and the other pages would only collect 429s of their own.
   */
  pause: Promise<void> | null;
}

export function createLobstrClient(options: LobstrClientOptions): LobstrClient {
  const baseUrl = normaliseApiBase(options.baseUrl ?? DEFAULT_API_BASE);
  const apiKey = options.apiKey.trim();
  const keyProblem = describeKeyProblem(apiKey);

  const userAgent = (options.userAgent ?? DEFAULTS.userAgent).replace(/[^\x20-\x7e]/g, '').trim() || DEFAULTS.userAgent;
  const timeoutMs = positive(options.timeoutMs, DEFAULTS.timeoutMs);
  const concurrency = Math.floor(positive(options.concurrency, DEFAULTS.concurrency));
  const pageSize = Math.floor(positive(options.pageSize, DEFAULTS.pageSize));
  const maxPages = Math.floor(positive(options.maxPages, DEFAULTS.maxPages));
  const maxBodyBytes = positive(options.maxBodyBytes, DEFAULTS.maxBodyBytes);
  const retries = Math.floor(nonNegative(options.retries, DEFAULTS.retries));
  const retryBaseDelayMs = nonNegative(options.retryBaseDelayMs, DEFAULTS.retryBaseDelayMs);
  const retryMaxDelayMs = nonNegative(options.retryMaxDelayMs, DEFAULTS.retryMaxDelayMs);
  const maxRateLimitWaitMs = nonNegative(options.maxRateLimitWaitMs, DEFAULTS.maxRateLimitWaitMs);
  const rateLimitRetries = Math.floor(nonNegative(options.rateLimitRetries, DEFAULTS.rateLimitRetries));
  // Looked up at each call, not captured: the global may be replaced after the client is made.
  const doFetch: FetchFunction = options.fetch ?? ((input, init) => fetch(input, init));
  const sleep = options.sleep ?? sleepFor;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const headers = { Authorization: `Token ${apiKey}`, Accept: 'application/json', 'User-Agent': userAgent };

  /** Server text may echo what it was sent; the key must not reach a message, a log or a window. */
  function scrub(text: string): string {
    return redactSecrets(text, [apiKey]);
  }

  function fail(kind: ApiErrorKind, message: string, status?: number, retryAfterMs?: number): LobstrApiError {
    return new LobstrApiError(kind, scrub(message), status, retryAfterMs);
  }

  function reportRequest(url: string, attempt: number): void {
    try {
      options.onRequest?.({ method: 'GET', url, attempt });
    } catch {
      // A logger's failure must not fail the poll.
    }
  }

  /** One attempt: the answer with its whole body, a transient failure, or a thrown fatal one. */
  async function exchange(url: string, outer: AbortSignal): Promise<Exchange> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error('timeout'));
    }, timeoutMs);
    const onOuterAbort = (): void => controller.abort(outer.reason);
    if (outer.aborted) onOuterAbort();
    else outer.addEventListener('abort', onOuterAbort, { once: true });

    let readingBody = false;
    try {
      const response = await doFetch(url, { method: 'GET', headers, signal: controller.signal, redirect: 'manual' });
      readingBody = true;
      const text = await readCappedBody(response);
      return { type: 'answer', answer: { status: response.status, statusText: response.statusText, headers: response.headers, text } };
    } catch (error) {
      if (outer.aborted) throw outer.reason ?? error;
      if (error instanceof LobstrApiError) throw error;
      if (timedOut) {
        return {
          type: 'transient',
          failure: {
            kind: 'timeout',
            summary: `Lobstr did not answer within ${formatSeconds(timeoutMs)}`,
            advice: 'Check your internet connection, or try again later.',
          },
        };
      }
      if (readingBody) {
        return {
          type: 'transient',
          failure: {
            kind: 'invalid_response',
            summary: `Lobstr's response was cut off before its end (${networkReason(error)})`,
            advice: 'Try again later.',
          },
        };
      }
      // A refused port, an untrusted certificate, a server without https: the same at every try.
      const lasting = lastingFetchFailure(error, url);
      if (lasting) throw fail(lasting.kind, lasting.message);
      return {
        type: 'transient',
        failure: {
          kind: 'network',
          summary: `Could not reach Lobstr at ${new URL(url).host}: ${networkReason(error)}`,
          advice: 'Check your internet connection and the API base URL.',
        },
      };
    } finally {
      clearTimeout(timer);
      outer.removeEventListener('abort', onOuterAbort);
    }
  }

  /** Reads the body as a stream, counting bytes, so an oversized one is refused without being held. */
  async function readCappedBody(response: Response): Promise<string> {
    const tooLarge = (): LobstrApiError =>
      fail(
        'invalid_response',
        `Lobstr sent a response larger than ${formatBytes(maxBodyBytes)}; it was refused rather than read into memory. ` +
          'Check the API base URL; if it is right, try again later.',
        response.status,
      );
    const declared = Number(response.headers.get('content-length') ?? '');
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      void response.body?.cancel().catch(() => undefined);
      throw tooLarge();
    }
    if (response.body === null) return '';
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBodyBytes) {
        void reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
    return new TextDecoder().decode(Buffer.concat(chunks, total));
  }

  /** GET with retries; returns the parsed JSON of a 2xx answer or throws a LobstrApiError. */
  async function getJson(url: string, purpose: Purpose, signal: AbortSignal, state: CallState): Promise<unknown> {
    let failures = 0;
    let rateLimitWaits = 0;
    for (let attempt = 1; ; attempt++) {
      signal.throwIfAborted();
      if (state.pause) await state.pause;
      state.requests++;
      reportRequest(url, attempt);
      const result = await exchange(url, signal);

      let failure: Transient;
      if (result.type === 'transient') {
        failure = result.failure;
      } else {
        const { answer } = result;
        if (answer.status >= 200 && answer.status < 300) return readJson(answer, purpose);
        if (answer.status === 429) {
          const fallback = defaultRateLimitDelay(rateLimitWaits, retryMaxDelayMs);
          const { waitMs } = rateLimitWait(answer.headers, now(), fallback);
          if (waitMs > maxRateLimitWaitMs || rateLimitWaits >= rateLimitRetries) {
            throw rateLimited(answer, waitMs, rateLimitWaits);
          }
          rateLimitWaits++;
          const pause = sleep(waitMs, signal);
          state.pause = pause;
          await pause;
          if (state.pause === pause) state.pause = null;
          continue;
        }
        if (answer.status < 500) throw statusError(answer, url, purpose);
        const { message } = readErrorMessage(answer.text, answer.headers.get('content-type') ?? undefined);
        failure = {
          kind: 'server',
          status: answer.status,
          summary: `Lobstr's server failed (${statusLine(answer, message)})`,
          advice: 'Try again in a few minutes.',
        };
        const retryAfterMs = parseRetryAfter(answer.headers.get('retry-after'), now());
        if (retryAfterMs !== undefined) failure.retryAfterMs = retryAfterMs;
      }

      if (failures >= retries) {
        const tried = attempt > 1 ? ` (tried ${attempt} times)` : '';
        throw fail(failure.kind, `${failure.summary}${tried}. ${failure.advice}`, failure.status);
      }
      let waitMs = backoffDelay(failures, retryBaseDelayMs, retryMaxDelayMs, random);
      if (failure.retryAfterMs !== undefined && failure.retryAfterMs <= maxRateLimitWaitMs) {
        waitMs = Math.max(waitMs, failure.retryAfterMs);
      }
      failures++;
      await sleep(waitMs, signal);
    }
  }

  function readJson(answer: Answer, purpose: Purpose): unknown {
    const what = purpose.what === 'list' ? 'the accounts list' : `account ${purpose.hash}`;
    if (answer.text.trim() === '') {
      throw fail('invalid_response', `Lobstr sent an empty response for ${what}. Try again later; if it persists, check the API base URL.`, answer.status);
    }
    try {
      return JSON.parse(answer.text) as unknown;
    } catch {
      const contentType = answer.headers.get('content-type') ?? undefined;
      const { message } = readErrorMessage(answer.text, contentType);
      const isHtml = /html/i.test(contentType ?? '') || /^\s*<(!doctype|html)/i.test(answer.text);
      throw fail(
        'invalid_response',
        isHtml
          ? `Lobstr answered with a web page ("${message}") instead of data for ${what}. Check the API base URL (it should end in /v1, like ${DEFAULT_API_BASE}).`
          : `Lobstr's response for ${what} is not valid JSON (it begins "${message.slice(0, 60)}"). Try again later; if it persists, check the API base URL.`,
        answer.status,
      );
    }
  }

  function rateLimited(answer: Answer, waitMs: number, waitsDone: number): LobstrApiError {
    const { message } = readErrorMessage(answer.text, answer.headers.get('content-type') ?? undefined);
    const still = waitsDone > 0 ? ` after waiting ${waitsDone} time${waitsDone === 1 ? '' : 's'}` : '';
    return fail(
      'rate_limited',
      `Lobstr is limiting requests (${statusLine(answer, message)})${still} and asks to wait ${formatSeconds(waitMs)}. ` +
        'The next check after that will work.',
      429,
      waitMs,
    );
  }

  function statusError(answer: Answer, url: string, purpose: Purpose): LobstrApiError {
    const { status } = answer;
    const { message, type } = readErrorMessage(answer.text, answer.headers.get('content-type') ?? undefined);
    const line = statusLine(answer, message);
    if (status === 401) {
      return fail('auth', `Lobstr rejected the API key (${line}). Check the key on the Lobstr dashboard's API page.`, status);
    }
    if (status === 403) {
      return fail(
        'auth',
        `Lobstr refused this API key access to the accounts (${line}). Check the key on the Lobstr dashboard's API page.`,
        status,
      );
    }
    if (status === 404) {
      return purpose.what === 'account'
        ? fail('not_found', `Account ${purpose.hash} was not found on Lobstr (${line}); it may have been deleted.`, status)
        : fail(
            'not_found',
            `Lobstr has no accounts list at ${baseUrl}/accounts (${line}). Check the API base URL (it should end in /v1, like ${DEFAULT_API_BASE}).`,
            status,
          );
    }
    if (status >= 300 && status < 400) {
      const location = answer.headers.get('location');
      const target = location === null ? 'another address' : safeResolve(location, url);
      return fail(
        'invalid_response',
        `Lobstr redirected the request to ${target} (${status}). The key is not sent to a redirected address: ` +
          'if that address is right, set the API base URL to it.',
        status,
      );
    }
    const named = type !== undefined && !message.includes(type) ? `${type}: ` : '';
    return fail(
      'invalid_response',
      `Lobstr refused the request (${status} ${named}${message || answer.statusText}). ` +
        'This is unexpected: check the API base URL, and update the app if it keeps happening.',
      status,
    );
  }

  /** Ties a call's requests to one controller: the caller's abort and a first fatal error stop them all. */
  async function call<T>(callerSignal: AbortSignal | undefined, run: (signal: AbortSignal, abortAll: (reason: unknown) => void) => Promise<T>): Promise<T> {
    if (keyProblem !== undefined) throw fail('auth', keyProblem);
    const controller = new AbortController();
    const onAbort = (): void => controller.abort(callerSignal?.reason);
    if (callerSignal?.aborted) onAbort();
    else callerSignal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await run(controller.signal, (reason) => controller.abort(reason));
    } catch (error) {
      if (callerSignal?.aborted) throw asAbortError(callerSignal.reason);
      throw error;
    } finally {
      callerSignal?.removeEventListener('abort', onAbort);
    }
  }

  async function listAccounts(options?: RequestOptions): Promise<AccountList> {
    return call(options?.signal, async (signal, abortAll) => {
      const state: CallState = { requests: 0, pause: null };
      const warnings: string[] = [];
      const pageUrl = (page: number): string => `${baseUrl}/accounts?page=${page}&limit=${pageSize}`;
      const fetchPage = async (page: number) => parseAccountsPage(await getJson(pageUrl(page), { what: 'list' }, signal, state));

      const first = await fetchPage(1);
      // Items are validated as their page arrives, while other pages are still on the way.
      const pages: ParsedItem[][] = [first.data.map(parseAccount)];
      let pagesFetched = 1;

      const knownTotal = first.total_pages ?? derivedTotalPages(first.total_results, first.limit);
      let lastPage = knownTotal === null ? maxPages : Math.max(1, knownTotal);
      const capped = lastPage > maxPages;
      if (capped) lastPage = maxPages;
      let emptyPage = first.data.length === 0 ? 1 : Infinity;

      // A small pool, not one request per page at once: the API is shared with the user's scrapers.
      let nextPage = 2;
      let failed = false;
      let failure: unknown;
      const worker = async (): Promise<void> => {
        // Each worker sends its next request before validating the page it just got, so the
        // validation overlaps the network wait instead of adding to it.
        let received: { page: number; data: unknown[] } | null = null;
        const validateReceived = (): void => {
          if (received) pages[received.page - 1] = received.data.map(parseAccount);
          received = null;
        };
        while (!failed) {
          const page = nextPage;
          if (page > lastPage || page > emptyPage) break;
          nextPage++;
          const request = fetchPage(page);
          validateReceived();
          try {
            const { data } = await request;
            received = { page, data };
            pagesFetched++;
            if (data.length === 0 && page < emptyPage) emptyPage = page;
          } catch (error) {
            if (!failed) {
              failed = true;
              failure = error;
              abortAll(error);
            }
            return;
          }
        }
        validateReceived();
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(0, lastPage - 1)) }, worker));
      if (failed) throw failure;

      const usedPages = Math.min(lastPage, emptyPage);
      if (knownTotal !== null && emptyPage < lastPage) {
        warnings.push(
          `Page ${emptyPage} of ${lastPage} came back empty: the list got shorter while it was read, ` +
            'so some accounts may be missing until the next check.',
        );
      }
      // Said only when the cap really cut the walk short: a runaway total_pages over a short list
      // ends at an empty page, with every account read.
      const stoppedEarly = (capped || knownTotal === null) && emptyPage === Infinity;
      if (capped && stoppedEarly) {
        warnings.push(
          `Lobstr reported ${knownTotal} pages of accounts; only the first ${maxPages} were read ` +
            `(the app's limit), so some accounts are not shown.`,
        );
      }
      if (knownTotal === null && stoppedEarly) {
        warnings.push(`Lobstr did not say how many pages there are; the app stopped after ${maxPages} pages.`);
      }

      const accounts = collectAccounts(pages.slice(0, usedPages), warnings);
      return {
        accounts,
        totalResults: first.total_results ?? accounts.length,
        pagesFetched,
        requests: state.requests,
        warnings,
        complete: !stoppedEarly,
      };
    });
  }

  async function getAccount(hash: string, options?: RequestOptions): Promise<Account> {
    const id = hash.trim();
    if (id === '' || id === '.' || id === '..') {
      throw fail('not_found', `"${hash}" is not an account hash; copy the account's id from the list.`);
    }
    return call(options?.signal, async (signal) => {
      const state: CallState = { requests: 0, pause: null };
      const body = await getJson(`${baseUrl}/accounts/${encodeURIComponent(id)}`, { what: 'account', hash: id }, signal, state);

      // The documented envelope holds one item; Lobstr's own clients also accept a bare account.
      let item: unknown;
      if (isRecord(body) && Array.isArray(body['data'])) {
        if (body['data'].length === 0) {
          throw fail('not_found', `Account ${id} was not found on Lobstr (it answered with an empty list); it may have been deleted.`);
        }
        item = body['data'][0];
      } else if (isRecord(body) && 'id' in body) {
        item = body;
      } else {
        throw fail(
          'invalid_response',
          `Lobstr's answer for account ${id} is neither an account nor a page holding one. Check the API base URL (it should end in /v1, like ${DEFAULT_API_BASE}).`,
        );
      }
      const account = parseAccount(item);
      if ('error' in account) {
        throw fail('invalid_response', `Lobstr's answer for account ${id} could not be read: ${account.error}.`);
      }
      return account;
    });
  }

  return { baseUrl, listAccounts, getAccount };
}

/** An item of a page, validated: an account, or why it could not be used. */
type ParsedItem = Account | { error: string };

/** Pages in order, first occurrence of an id wins; unreadable items are counted into warnings. */
function collectAccounts(pages: readonly (readonly ParsedItem[] | undefined)[], warnings: string[]): Account[] {
  const accounts: Account[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  const dropped: string[] = [];
  const withProblems: Account[] = [];
  for (const page of pages) {
    for (const parsed of page ?? []) {
      if ('error' in parsed) {
        dropped.push(parsed.error);
        continue;
      }
      if (seen.has(parsed.id)) {
        duplicates++;
        continue;
      }
      seen.add(parsed.id);
      accounts.push(parsed);
      if (parsed.problem !== undefined) withProblems.push(parsed);
    }
  }
  if (duplicates > 0) {
    warnings.push(
      `${plural(duplicates, 'account')} appeared on two pages (the list changed while it was read); each is listed once.`,
    );
  }
  if (dropped.length > 0) {
    warnings.push(`${plural(dropped.length, 'item')} in the list could not be used and ${dropped.length === 1 ? 'was' : 'were'} skipped (${dropped[0]}).`);
  }
  const firstProblem = withProblems[0];
  if (firstProblem !== undefined) {
    warnings.push(
      `${plural(withProblems.length, 'account')} could not be fully read and ${withProblems.length === 1 ? 'is' : 'are'} ` +
        `shown as needing attention (${firstProblem.id}: ${firstProblem.problem}).`,
    );
  }
  return accounts;
}

function derivedTotalPages(totalResults: number | null, limit: number | null): number | null {
  if (totalResults === null || limit === null || limit <= 0) return null;
  return Math.ceil(totalResults / limit);
}

function describeKeyProblem(key: string): string | undefined {
  if (key === '') return "No Lobstr API key is set. Copy it from the Lobstr dashboard's API page.";
  if (!API_KEY_CHARACTERS.test(key)) {
    return "The API key contains spaces or characters an API key does not have. Copy it again from the Lobstr dashboard's API page.";
  }
  return undefined;
}

/** "401 Invalid token." — the server's words when it gave some, else the status text. */
function statusLine(answer: Answer, message: string): string {
  const words = message || answer.statusText;
  if (words === '') return String(answer.status);
  // An HTML error page's title often starts with the code already ("502 Bad Gateway").
  return words.startsWith(String(answer.status)) ? words : `${answer.status} ${words}`;
}

function asAbortError(reason: unknown): Error {
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  return new DOMException('The request to Lobstr was cancelled.', 'AbortError');
}

function safeResolve(location: string, base: string): string {
  try {
    const target = new URL(location, base);
    return `${target.origin}${target.pathname}`;
  } catch {
    return 'another address';
  }
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

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 10) return `${Number(seconds.toFixed(1))} s`;
  if (seconds < 120) return `${Math.round(seconds)} s`;
  return `${Math.round(seconds / 60)} min`;
}

function formatBytes(bytes: number): string {
  if (bytes >= MIB) return `${Number((bytes / MIB).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

function nonNegative(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
