/**
 * The calls of a cookie re-sync (shared/lobstr-api.md §2 E3–E5, §6): the account types and the
 * cookies each needs (GET /account_types), the cookies sent for an account (POST /accounts/cookies,
 * which answers with a sync task), and the task's status (GET /synchronize/{id}).
 *
 * Cookie values travel only in the POST's body. Every message a failure of that call makes is
 * scrubbed of them, as of the key: Lobstr's error text may echo what it was sent.
 */
import type { RequiredCookie } from './account.js';
import { redactSecrets } from '../settings/apiKey.js';
import type { ClientConfig } from './clientConfig.js';
import { newCallState, requestJson } from './requestWithRetries.js';

export interface AccountType {
  id: string;
  /** The type's slug, as accounts name it ("linkedin-sync"). */
  name: string;
  /** The platform, as Lobstr names it ("Sales Navigator"). */
  domain: string;
  baseurl: string;
  /** Names only; an empty list means the whole session's cookies. */
  cookies: RequiredCookie[];
}

export interface CookieSyncRequest {
  /** The account's hash: its cookies are refreshed, its settings and limits kept. */
  account: string;
  /** The account's type ("sales-nav-sync"). */
  type: string;
  /** Name → value, as the browser stores them. */
  cookies: ReadonlyMap<string, string>;
}

/** A sync task as Lobstr reports it. */
export interface SyncTask {
  id: string;
  /** 100 created, 120 synchronizing, 200 synchronized, ≥ 400 failed. */
  statusCode: number;
  statusText: string;
  /** The account synchronized, once Lobstr says. */
  accountHash: string | null;
}

export async function readAccountTypes(config: ClientConfig, signal: AbortSignal): Promise<AccountType[]> {
  const body = await requestJson(config, { method: 'GET', url: `${config.baseUrl}/account_types` }, { what: 'account_types' }, signal, newCallState());
  const items = isRecord(body) && Array.isArray(body['data']) ? body['data'] : Array.isArray(body) ? body : null;
  if (items === null) {
    throw config.fail('invalid_response', "Lobstr's answer for the account types is not a list of them. Check the API base URL.");
  }
  return items.flatMap((item: unknown) => {
    if (!isRecord(item) || typeof item['name'] !== 'string') return [];
    const cookies = Array.isArray(item['cookies']) ? item['cookies'] : [];
    return [
      {
        id: stringOr(item['id']),
        name: item['name'],
        domain: stringOr(item['domain']),
        baseurl: stringOr(item['baseurl']),
        cookies: cookies.flatMap((c: unknown) =>
          isRecord(c) && typeof c['name'] === 'string' ? [{ name: c['name'], required: c['required'] !== false }] : [],
        ),
      },
    ];
  });
}

export async function sendCookies(config: ClientConfig, request: CookieSyncRequest, signal: AbortSignal): Promise<SyncTask> {
  const values = [...request.cookies.values()];
  // Failures of this call are worded with the values hidden, whatever the server echoed.
  const scrubbed: ClientConfig = {
    ...config,
    fail: (kind, message, status, retryAfterMs, rejected) => config.fail(kind, redactSecrets(message, values), status, retryAfterMs, rejected),
  };
  const body = JSON.stringify({ account: request.account, type: request.type, cookies: Object.fromEntries(request.cookies) });
  const answer = await requestJson(
    scrubbed,
    { method: 'POST', url: `${config.baseUrl}/accounts/cookies`, body },
    { what: 'sync', hash: request.account },
    signal,
    newCallState(),
  );
  return readSyncTask(scrubbed, answer, 'the cookies sent');
}

export async function readSyncStatus(config: ClientConfig, taskId: string, signal: AbortSignal): Promise<SyncTask> {
  const url = `${config.baseUrl}/synchronize/${encodeURIComponent(taskId)}`;
  const body = await requestJson(config, { method: 'GET', url }, { what: 'sync_task', task: taskId }, signal, newCallState());
  return readSyncTask(config, body, `sync task ${taskId}`);
}

/** `{id, object, status_code, status_text, account_hash}`; the status code as a number or a string of digits. */
function readSyncTask(config: ClientConfig, body: unknown, what: string): SyncTask {
  const code = isRecord(body) ? body['status_code'] : undefined;
  const statusCode = typeof code === 'number' ? code : typeof code === 'string' && /^\d+$/.test(code.trim()) ? Number(code) : NaN;
  if (!isRecord(body) || typeof body['id'] !== 'string' || body['id'] === '' || !Number.isInteger(statusCode)) {
    throw config.fail(
      'invalid_response',
      `Lobstr's answer for ${what} is not a sync task (an id and a status_code were expected). Check the API base URL.`,
    );
  }
  const hash = body['account_hash'];
  return {
    id: body['id'],
    statusCode,
    statusText: stringOr(body['status_text']),
    accountHash: typeof hash === 'string' && hash !== '' ? hash : null,
  };
}

function stringOr(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
