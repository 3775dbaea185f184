/**
 * The common case of an account item, read by hand: every field already of the type the API
 * documents. A listing of 10,000 accounts is nearly all such items, and the schema library
 * (accountSchema.ts) spends about 10 KB of short-lived objects on each one: 100 MB of garbage per
 * poll at 10,000 accounts, which the main process pays for in collector pauses and in a young
 * generation grown to its largest. This reader allocates only what the account keeps.
 *
 * It gives up (undefined) on anything else: a value of another type, an ISO `lock_time`, a
 * number that is not finite, a squid or cookie of an unusual shape. accountSchema.ts then reads
 * the item as before, with its reasons. For every item it accepts, its result equals the schema's
 * (tests/unit/wellFormedAccount.test.ts checks this on generated items).
 */
import type { AccountSquid, RequiredCookie } from './account.js';
import type { ParsedFields } from './accountSchema.js';

type Raw = Record<string, unknown>;

/** A string, or '' for a value left out or null; undefined (give up) for anything else. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return value === undefined || value === null ? '' : undefined;
}

/** What `timestamp` makes of a string or nothing: null for nothing and for blank text. */
function time(value: unknown): string | null | undefined {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  return value === undefined || value === null ? null : undefined;
}

const GIVE_UP = Symbol('give up');

function squids(value: unknown): AccountSquid[] | typeof GIVE_UP {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return GIVE_UP;
  const out = new Array<AccountSquid>(value.length);
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return GIVE_UP;
    const { name, hash_value: hash, id } = item as Raw;
    if (typeof name !== 'string') return GIVE_UP;
    // The seed's {name, hash_value} first, as the schema's union tries it; then the MCP's {id, name}.
    if (typeof hash === 'string') out[i] = { name, hash_value: hash };
    else if (typeof id === 'string') out[i] = { name, hash_value: id };
    else return GIVE_UP;
  }
  return out;
}

function cookies(value: unknown): RequiredCookie[] | typeof GIVE_UP {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return GIVE_UP;
  const out = new Array<RequiredCookie>(value.length);
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return GIVE_UP;
    const { name, required } = item as Raw;
    if (typeof name !== 'string') return GIVE_UP;
    if (typeof required === 'boolean') out[i] = { name, required };
    else if (required === undefined || required === null) out[i] = { name, required: true };
    else return GIVE_UP;
  }
  return out;
}

function params(value: unknown): Record<string, unknown> | typeof GIVE_UP {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) return GIVE_UP;
  // Kept as JSON.parse made it (the schema copies it); a "__proto__" key is left to the schema.
  return Object.hasOwn(value, '__proto__') ? GIVE_UP : (value as Record<string, unknown>);
}

/** A finite number, or null for nothing; undefined (give up) for anything else. */
function count(value: unknown): number | null | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  return value === undefined || value === null ? null : undefined;
}

/** Unix seconds as a number or as digits; an ISO date is left to the schema. */
function lockSeconds(value: unknown): number | null | undefined {
  if (typeof value === 'string') return /^\d+$/.test(value) ? Number(value) : undefined;
  const seconds = count(value);
  return typeof seconds === 'number' ? Math.floor(seconds) : seconds;
}

/** The known fields of a well-formed item, as the schema would give them; undefined otherwise. */
export function readWellFormedFields(raw: Raw): ParsedFields | undefined {
  const id = raw['id'];
  const status = raw['status'];
  const statusCodeInfo = raw['status_code_info'];
  if (typeof id !== 'string' || id === '' || typeof statusCodeInfo !== 'string') return undefined;
  if (typeof status !== 'string' && !(typeof status === 'number' && Number.isFinite(status))) return undefined;

  const object = raw['object'];
  if (object !== undefined && object !== null && typeof object !== 'string') return undefined;
  const primaryColor = raw['primary_color'];
  if (primaryColor !== undefined && primaryColor !== null && typeof primaryColor !== 'string') return undefined;

  const username = text(raw['username']);
  const description = text(raw['status_code_description']);
  const type = text(raw['type']);
  const typeHash = text(raw['account_type_hash']);
  const baseurl = text(raw['baseurl']);
  const icon = text(raw['icon']);
  if (username === undefined || description === undefined || type === undefined) return undefined;
  if (typeHash === undefined || baseurl === undefined || icon === undefined) return undefined;

  const createdAt = time(raw['created_at']);
  const lastSync = time(raw['last_synchronization_time']);
  const updatedAt = time(raw['updated_at']);
  if (createdAt === undefined || lastSync === undefined || updatedAt === undefined) return undefined;

  const lockTime = lockSeconds(raw['lock_time']);
  const resetsIn = count(raw['resets_in']);
  if (lockTime === undefined || resetsIn === undefined) return undefined;

  const itsParams = params(raw['params']);
  const itsSquids = squids(raw['squids']);
  const itsCookies = cookies(raw['cookies']);
  if (itsParams === GIVE_UP || itsSquids === GIVE_UP || itsCookies === GIVE_UP) return undefined;

  return {
    id,
    object: object ?? 'account',
    username,
    created_at: createdAt,
    last_synchronization_time: lastSync,
    status: typeof status === 'number' ? String(status) : status,
    status_code_info: statusCodeInfo,
    status_code_description: description,
    type,
    params: itsParams,
    updated_at: updatedAt,
    account_type_hash: typeHash,
    squids: itsSquids,
    baseurl,
    cookies: itsCookies,
    icon,
    primary_color: primaryColor ?? null,
    lock_time: lockTime,
    resets_in: resetsIn,
  };
}
