/**
 * Parts of an account that are the same for every account of a platform (its default limits, its
 * required cookies) arrive as a fresh copy per account from JSON.parse. A listing keeps the first
 * copy per platform and gives it to every account whose part is equal, as it does for icons
 * (iconTable.ts): 10,000 accounts then hold a handful of these, not 10,000. Nothing changes these
 * values in place after parsing, so sharing them is safe.
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

/** `record[key] = value`, also for a key named `__proto__` (which would otherwise set the prototype). */
export function setOwn(record: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}
