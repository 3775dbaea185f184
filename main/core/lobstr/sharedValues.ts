/**
 * Parts of an account that are the same for many accounts (its platform's default limits and
 * required cookies, its squids, its status and type texts) arrive as a fresh copy per account from
 * JSON.parse. A listing keeps the first copy and gives it to every account whose part is equal, as
 * it does for icons (iconTable.ts): 10,000 accounts then hold a handful of these, not 10,000.
 * Nothing changes these values in place after parsing, so sharing them is safe.
 */
import type { Account } from './account.js';

/**
 * Equal as JSON values: plain values, arrays and records. Runs for every field of every account at
 * every poll (is it the one already held?), so it allocates nothing: no key lists, no closures.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const aIsList = Array.isArray(a);
  if (aIsList !== Array.isArray(b)) return false;
  if (aIsList) {
    const left = a as unknown[];
    const right = b as unknown[];
    if (left.length !== right.length) return false;
    for (let i = 0; i < left.length; i++) if (!sameJson(left[i], right[i])) return false;
    return true;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let keys = 0;
  for (const key in left) {
    if (!Object.hasOwn(left, key)) continue;
    keys++;
    if (!Object.hasOwn(right, key) || !sameJson(left[key], right[key])) return false;
  }
  for (const key in right) if (Object.hasOwn(right, key)) keys--;
  return keys === 0;
}

export interface SharedParts {
  /**
   * `account` with its repeated parts replaced by the copies already held, when equal: its
   * platform's default limits and cookies, its squids, and its short texts (status, type, hashes,
   * the descriptions in its limits). JSON.parse gives each account its own copy of every string
   * longer than a few characters: "synchronized" alone was held 8,800 times at 10,000 accounts.
   */
  share(account: Account): Account;
}

/** Texts longer than this are kept as they are: ids and dates, unique anyway. */
const SHARED_TEXT_MAX = 120;

export function createSharedParts(): SharedParts {
  const defaults = new Map<string, unknown>();
  const cookies = new Map<string, Account['cookies']>();
  const squids = new Map<string, Account['squids'][number]>();
  const texts = new Map<string, string>();
  const held = <T>(table: Map<string, T>, type: string, value: T): T => {
    const known = table.get(type);
    if (known !== undefined && sameJson(known, value)) return known;
    if (known === undefined) table.set(type, value);
    return value;
  };
  const text = (value: string): string => {
    const known = texts.get(value);
    if (known !== undefined) return known;
    texts.set(value, value);
    return value;
  };
  /** The strings of free-form limits, shared in place (the values themselves differ per account). */
  const shareTexts = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      const item = record[key];
      if (typeof item === 'string') {
        if (item.length <= SHARED_TEXT_MAX) record[key] = text(item);
      } else shareTexts(item);
    }
  };
  return {
    share(account) {
      const params = account.params;
      if (Object.hasOwn(params, 'default')) params['default'] = held(defaults, account.type, params['default']);
      if (Object.hasOwn(params, 'user')) shareTexts(params['user']);
      account.cookies = held(cookies, account.type, account.cookies);
      for (let i = 0; i < account.squids.length; i++) {
        const squid = account.squids[i]!;
        const key = `${squid.hash_value}\n${squid.name}`;
        const known = squids.get(key);
        if (known === undefined) squids.set(key, squid);
        else account.squids[i] = known;
      }
      account.object = text(account.object);
      account.status = text(account.status);
      account.status_code_info = text(account.status_code_info);
      account.status_code_description = text(account.status_code_description);
      account.type = text(account.type);
      account.account_type_hash = text(account.account_type_hash);
      account.baseurl = text(account.baseurl);
      if (account.primary_color !== null) account.primary_color = text(account.primary_color);
      return account;
    },
  };
}

/** `record[key] = value`, also for a key named `__proto__` (which would otherwise set the prototype). */
export function setOwn(record: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}
