/**
 * Comparing accounts at every poll (is this the one already held?) must be exact and allocate
 * nothing; and an unknown field of an account is kept as a field, whatever its name.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAccount } from '../../main/core/lobstr/accountSchema.js';
import { sameJson } from '../../main/core/lobstr/sharedValues.js';

describe('parseAccount', () => {
  it('keeps an unknown field named __proto__ as a field, without changing what the extra fields object is', () => {
    const raw = JSON.parse(`{"id":"a1","status":"200","status_code_info":"synchronized","__proto__":{"polluted":true}}`) as unknown;
    const account = parseAccount(raw);
    if ('error' in account) throw new Error(account.error);
    expect(Object.getPrototypeOf(account.extra)).toBe(Object.prototype);
    expect(Object.hasOwn(account.extra, '__proto__')).toBe(true);
    expect((account.extra as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

describe('sameJson', () => {
  it('agrees with a deep comparison of JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 3 }), (a, b) => {
        expect(sameJson(a, structuredClone(a))).toBe(true);
        expect(sameJson(a, b)).toBe(JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b)));
      }),
      { numRuns: 2000 },
    );
  });

  it('tells records with the same number of keys but different ones apart', () => {
    expect(sameJson({ a: 1, b: 2 }, { a: 1, c: 2 })).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson([1, [2]], [1, [2]])).toBe(true);
    expect(sameJson([], {})).toBe(false);
  });
});

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
  }
  return value;
}
