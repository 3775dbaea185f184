/**
 * Parts of an account that are the same for every account of a platform (its default limits, its
 * required cookies) arrive as a fresh copy per account from JSON.parse. A listing keeps the first
 * copy per platform and gives it to every account whose part is equal, as it does for icons
 * (iconTable.ts): 10,000 accounts then hold a handful of these, not 10,000. Nothing changes these
 * values in place after parsing, so sharing them is safe.
 */
import type { Account } from './account.js';

/** Equal as JSON values: plain values, arrays and records. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => sameJson(item, other[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && sameJson(left[key], right[key]));
}

export interface SharedParts {
  /** `account` with its platform-wide parts replaced by the copies already held, when equal. */
  share(account: Account): Account;
}

export function createSharedParts(): SharedParts {
  const defaults = new Map<string, unknown>();
  const cookies = new Map<string, Account['cookies']>();
  const held = <T>(table: Map<string, T>, type: string, value: T): T => {
    const known = table.get(type);
    if (known !== undefined && sameJson(known, value)) return known;
    if (known === undefined) table.set(type, value);
    return value;
  };
  return {
    share(account) {
      const params = account.params;
      if (Object.hasOwn(params, 'default')) params['default'] = held(defaults, account.type, params['default']);
      account.cookies = held(cookies, account.type, account.cookies);
      return account;
    },
  };
}
