/**
 * The sync endpoints of the simulated API (lobstr-api.md §2 E3–E5, §6): the account types, starting a
 * cookie sync, and a sync task's status. Texts and status codes as documented; the task's course is
 * in syncTasks.ts. A cookie value is never put in an answer, a log or an error text.
 */
import { platformLabel } from '../core/health/platforms.js';
import { ACCOUNT_TYPE_LIST, accountTypeNamed } from './accountTypes.js';
import { ACCOUNT_NOT_FOUND, envelopeBody, invalidRequest, type Reply } from './apiResponses.js';
import type { SyncStatus } from './syncTasks.js';
import type { SimulatorContext } from './simulatorContext.js';

/** The documented 400 texts: syncing a new account, and refreshing an existing one. */
const NEW_ACCOUNT_REFUSED = 'Invalid account type or missing required cookies.';
const REFRESH_REFUSED = 'Invalid cookies or account type mismatch.';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `GET /v1/account_types`: every type on one page of the list envelope. */
export function accountTypesReply(): Reply {
  const items = ACCOUNT_TYPE_LIST.map((t) => JSON.stringify(t));
  const body = envelopeBody(
    { totalResults: items.length, limit: 50, page: 1, totalPages: 1, resultFrom: 1, next: null, previous: null },
    items,
  );
  return { status: 200, body };
}

/** The cookie names of a `POST /v1/accounts/cookies` body, for the request log (never the values). */
export function cookieNamesOf(body: unknown): string[] | undefined {
  return isObject(body) && isObject(body.cookies) ? Object.keys(body.cookies) : undefined;
}

/**
 * The names a sync of this account needs: the account's own `cookies[]` marked required (lobstr-api.md,
 * "Re-sync decisions": the account's list wins over the type's); the type's when the account carries
 * no usable list.
 */
function requiredCookies(account: Record<string, unknown> | undefined, typeCookies: readonly { name: string }[]): string[] {
  const own = account?.cookies;
  if (Array.isArray(own)) {
    return own
      .filter((c): c is { name: string; required?: unknown } => isObject(c) && typeof c.name === 'string')
      .filter((c) => c.required !== false)
      .map((c) => c.name);
  }
  return typeCookies.map((c) => c.name);
}

const statusBody = (status: SyncStatus, withAccount: boolean): string =>
  JSON.stringify({
    id: status.id,
    object: 'synchronize-cookies',
    status_code: status.code,
    status_text: status.text,
    ...(withAccount ? { account_hash: status.account } : {}),
  });

/** `POST /v1/accounts/cookies` with `{type, cookies, account?}`: checks it, then starts a task. */
export function startSyncReply(ctx: SimulatorContext, body: unknown, nowMs: number): Reply {
  const refresh = isObject(body) && body.account !== undefined;
  const refused = invalidRequest(refresh ? REFRESH_REFUSED : NEW_ACCOUNT_REFUSED);
  if (!isObject(body) || typeof body.type !== 'string' || !isObject(body.cookies)) return refused;
  const type = accountTypeNamed(body.type);
  const cookies = body.cookies;
  if (!type || !Object.values(cookies).every((v) => typeof v === 'string')) return refused;
  let account: Record<string, unknown> | undefined;
  if (refresh) {
    if (typeof body.account !== 'string' || body.account === '') return refused;
    account = ctx.state.accounts.get(body.account);
    if (!account) return ACCOUNT_NOT_FOUND;
    if (account.type !== type.name) return refused;
  }
  const names = Object.keys(cookies);
  const sent = new Set(names.filter((name) => cookies[name] !== ''));
  // No cookie at all is refused whatever the type needs ("all session cookies" included).
  if (sent.size === 0) return refused;
  const missing = requiredCookies(account, type.cookies).filter((name) => !sent.has(name));
  // A new account is refused at once; a refresh is judged by its task, as Lobstr tries the cookies.
  if (!refresh && missing.length > 0) return refused;
  const status = ctx.state.sync.start(
    { account: account ? (account.id as string) : null, type: type.name, cookieNames: names, missing, platform: platformLabel(type.name) },
    nowMs,
  );
  return { status: 200, body: statusBody({ ...status, code: 100, text: 'created' }, false) };
}

/** `GET /v1/synchronize/{id}`. */
export function syncStatusReply(ctx: SimulatorContext, id: string, nowMs: number): Reply {
  const status = ctx.state.sync.status(id, nowMs);
  if (!status) return { error: { status: 404, message: 'Synchronization task not found.', type: 'SynchronizationDoesNotExist' } };
  return { status: 200, body: statusBody(status, true) };
}
