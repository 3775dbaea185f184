/**
 * The Lobstr accounts API client: plain Node, no Electron. It sends through the `fetch` it is given:
 * the tray app gives Electron's net.fetch (Chromium's network stack: system proxy, PAC, the OS's
 * certificates), the command line keeps Node's global fetch.
 *
 * It follows the Decisions table of shared/lobstr-api.md, one step per file, in the order of a call:
 * - clientConfig.ts: the options, resolved once;
 * - pageWalk.ts: GET /accounts, every page (the first, then the rest a few at a time, deduplicated,
 *   capped at maxPages); accountRead.ts: GET /accounts/{hash}; cookieSync.ts: a re-sync's calls;
 * - requestWithRetries.ts: one request with its retry policy, and the mapping of what came back to a
 *   LobstrApiError with a kind and a sentence a person can act on;
 * - exchange.ts: one attempt, bounded by the timeout and the body-size cap; redirects not followed.
 * The API key never appears in an error: it only travels in the Authorization header, and any
 * server text quoted in a message is scrubbed of it.
 */
import type { Account, AccountList } from './account.js';
import { readAccount } from './accountRead.js';
import { readAccountTypes, readSyncStatus, sendCookies, type AccountType, type CookieSyncRequest, type SyncTask } from './cookieSync.js';
import { API_KEY_CHARACTERS } from '../settings/apiKey.js';
import { resolveConfig, type LobstrClientOptions } from './clientConfig.js';
import { walkAccountPages } from './pageWalk.js';

export type { FetchFunction, LobstrClientOptions } from './clientConfig.js';
export type { AccountType, CookieSyncRequest, SyncTask } from './cookieSync.js';

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface ListOptions extends RequestOptions {
  /**
   * Called with each account as its page is read: returns the object to keep. The monitor gives back
   * the account it already holds when nothing in it changed, so the fresh copy dies young (cheap for
   * the garbage collector) instead of living until the whole list is read.
   */
  reuse?: (account: Account) => Account;
}

export interface LobstrClient {
  readonly baseUrl: string;
  listAccounts(options?: ListOptions): Promise<AccountList>;
  getAccount(hash: string, options?: RequestOptions): Promise<Account>;
  /** GET /account_types: each platform's cookie names. */
  accountTypes(options?: RequestOptions): Promise<AccountType[]>;
  /** POST /accounts/cookies for an existing account: a sync task (status 100). Values go in the body only. */
  syncCookies(request: CookieSyncRequest, options?: RequestOptions): Promise<SyncTask>;
  /** GET /synchronize/{id}. */
  syncStatus(taskId: string, options?: RequestOptions): Promise<SyncTask>;
}

export function createLobstrClient(options: LobstrClientOptions): LobstrClient {
  const config = resolveConfig(options);
  const keyProblem = describeKeyProblem(config.apiKey);

  /** Ties a call's requests to one controller: the caller's abort and a first fatal error stop them all. */
  async function call<T>(callerSignal: AbortSignal | undefined, run: (signal: AbortSignal, abortAll: (reason: unknown) => void) => Promise<T>): Promise<T> {
    if (keyProblem !== undefined) throw config.fail('auth', keyProblem);
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

  return {
    baseUrl: config.baseUrl,
    listAccounts: (options) => call(options?.signal, (signal, abortAll) => walkAccountPages(config, signal, abortAll, options?.reuse)),
    getAccount: async (hash, options) => {
      const id = hash.trim();
      if (id === '' || id === '.' || id === '..') {
        throw config.fail('not_found', `"${hash}" is not an account hash; copy the account's id from the list.`);
      }
      return call(options?.signal, (signal) => readAccount(config, id, signal));
    },
    accountTypes: (options) => call(options?.signal, (signal) => readAccountTypes(config, signal)),
    syncCookies: (request, options) => call(options?.signal, (signal) => sendCookies(config, request, signal)),
    syncStatus: (taskId, options) => call(options?.signal, (signal) => readSyncStatus(config, taskId.trim(), signal)),
  };
}

function describeKeyProblem(key: string): string | undefined {
  if (key === '') return "No Lobstr API key is set. Copy it from the Lobstr dashboard's API page.";
  if (!API_KEY_CHARACTERS.test(key)) {
    return "The API key contains spaces or characters an API key does not have. Copy it again from the Lobstr dashboard's API page.";
  }
  return undefined;
}

function asAbortError(reason: unknown): Error {
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  return new DOMException('The request to Lobstr was cancelled.', 'AbortError');
}
