/** GET /accounts/{hash}: one account, read fresh (the window's Refresh, the monitor's re-read). */
import type { Account } from './account.js';
import { parseAccount } from './accountSchema.js';
import { DEFAULT_API_BASE } from './baseUrl.js';
import type { ClientConfig } from './clientConfig.js';
import { getJson, newCallState } from './requestWithRetries.js';

/** `id` is the hash as given, trimmed and checked by the caller. */
export async function readAccount(config: ClientConfig, id: string, signal: AbortSignal): Promise<Account> {
  const body = await getJson(config, `${config.baseUrl}/accounts/${encodeURIComponent(id)}`, { what: 'account', hash: id }, signal, newCallState());

  // The documented envelope holds one item; Lobstr's own clients also accept a bare account.
  let item: unknown;
  if (isRecord(body) && Array.isArray(body['data'])) {
    if (body['data'].length === 0) {
      throw config.fail('not_found', `Account ${id} was not found on Lobstr (it answered with an empty list); it may have been deleted.`);
    }
    item = body['data'][0];
  } else if (isRecord(body) && 'id' in body) {
    item = body;
  } else {
    throw config.fail(
      'invalid_response',
      `Lobstr's answer for account ${id} is neither an account nor a page holding one. Check the API base URL (it should end in /v1, like ${DEFAULT_API_BASE}).`,
    );
  }
  const account = parseAccount(item);
  if ('error' in account) {
    throw config.fail('invalid_response', `Lobstr's answer for account ${id} could not be read: ${account.error}.`);
  }
  return account;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
