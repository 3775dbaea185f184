/**
 * The account writes of the simulated API (lobstr-api.md §2 E6, E7): updating an account's limits
 * (`POST /v1/accounts`, answered with the bare account) and deleting an account. Texts and status
 * codes as documented.
 */
import { isoSeconds } from './accountFactory.js';
import { accountTypeNamed } from './accountTypes.js';
import { ACCOUNT_NOT_FOUND, invalidRequest, type Reply } from './apiResponses.js';
import type { SimulatorContext } from './simulatorContext.js';

const INVALID_PARAMETERS = invalidRequest('Invalid parameters. Check account hash and type.');

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Which field of `params.user[limit]` a limit sets: the hours between launches are its `value`; for
 * the batch size and the daily limits `max` (their `value`/`current` count today's use).
 */
const fieldOf = (limit: string): 'value' | 'max' => (limit === 'batch_hours' ? 'value' : 'max');

/** `POST /v1/accounts` with `{account, type, params:{limit: whole number}}`: each limit from 1 to its type's max. */
export function updateLimitsReply(ctx: SimulatorContext, body: unknown, nowMs: number): Reply {
  if (!isObject(body) || typeof body.account !== 'string' || typeof body.type !== 'string' || !isObject(body.params)) {
    return INVALID_PARAMETERS;
  }
  const account = ctx.state.accounts.get(body.account);
  if (!account) return ACCOUNT_NOT_FOUND;
  const type = accountTypeNamed(body.type);
  if (!type || account.type !== type.name) return INVALID_PARAMETERS;
  const params = isObject(account.params) ? account.params : {};
  const user: JsonObject = isObject(params.user) ? { ...params.user } : {};
  for (const [limit, value] of Object.entries(body.params)) {
    const allowed = type.params[limit];
    if (!isObject(allowed) || typeof allowed.max !== 'number') return INVALID_PARAMETERS;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > allowed.max) return INVALID_PARAMETERS;
    const current = user[limit];
    user[limit] = { ...(isObject(current) ? current : { default: allowed.default }), [fieldOf(limit)]: value };
  }
  const updated = ctx.state.accounts.update(account.id, {
    params: { ...params, default: params.default ?? type.params, user },
    updated_at: isoSeconds(nowMs),
  });
  return { status: 200, body: JSON.stringify(updated) };
}

/** `DELETE /v1/accounts/{hash}`. */
export function deleteAccountReply(ctx: SimulatorContext, hash: string): Reply {
  if (!ctx.state.accounts.remove(hash)) return ACCOUNT_NOT_FOUND;
  return { status: 200, body: JSON.stringify({ id: hash, object: 'account', deleted: true }) };
}
