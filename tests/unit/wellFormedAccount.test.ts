/**
 * The hand-written reader of well-formed account items (wellFormedAccount.ts) must never disagree
 * with the schema it stands in for, and must be what a real listing goes through: otherwise the
 * main process is back to 10 KB of garbage per account per poll (issue 8's RSS at 10,000).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { accountSchema, parseAccount } from '../../main/core/lobstr/accountSchema.js';
import { sameJson } from '../../main/core/lobstr/sharedValues.js';
import { readWellFormedFields } from '../../main/core/lobstr/wellFormedAccount.js';
import { generateAccounts } from '../../main/simulator/accountFactory.js';
import { RAW_SEED_FACEBOOK, RAW_SEED_TWITTER } from '../fixtures/rawAccounts.js';

const KNOWN = Object.keys(accountSchema.shape);

/** The schema's reading of an item, its known fields only (what parseAccount keeps). */
function bySchema(raw: Record<string, unknown>): Record<string, unknown> | undefined {
  const result = accountSchema.safeParse(raw);
  if (!result.success) return undefined;
  const data = result.data as Record<string, unknown>;
  return Object.fromEntries(KNOWN.map((key) => [key, data[key]]));
}

/** A value of each kind the API could send in a field: right, wrong, left out. */
const anyValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.string({ maxLength: 8 }),
  fc.constantFrom('', '  ', '200', '1900000000', '2026-05-14T10:00:00Z', '12abc'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.jsonValue({ maxDepth: 2 }),
);

const timestamp = fc.constantFrom('2026-05-14T10:00:00Z', '', ' \t', null);

/** Mostly a well-formed value, now and then anything at all. */
const mostly = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 12, arbitrary: valid }, { weight: 1, arbitrary: anyValue });

const squidItem = fc.oneof(
  { weight: 6, arbitrary: fc.record({ name: fc.string({ maxLength: 6 }), hash_value: fc.string({ maxLength: 6 }) }) },
  { weight: 6, arbitrary: fc.record({ id: fc.string({ maxLength: 6 }), name: fc.string({ maxLength: 6 }) }) },
  { weight: 3, arbitrary: fc.record({ id: fc.string({ maxLength: 6 }), name: fc.string({ maxLength: 6 }), hash_value: fc.string({ maxLength: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ id: anyValue, name: anyValue, hash_value: anyValue }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: anyValue },
);
const cookieItem = fc.oneof(
  { weight: 12, arbitrary: fc.record({ name: fc.string({ maxLength: 6 }), required: fc.option(fc.boolean(), { nil: null }) }, { requiredKeys: ['name'] }) },
  { weight: 1, arbitrary: fc.record({ name: anyValue, required: anyValue }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: anyValue },
);
const paramsValue = fc.oneof(fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }), anyValue);

/** Account items: each field mostly well formed, sometimes anything at all, sometimes left out. */
const rawItem = fc.record(
  {
    id: mostly(fc.string({ minLength: 1, maxLength: 8 })),
    object: mostly(fc.constant('account')),
    username: mostly(fc.string({ maxLength: 8 })),
    created_at: mostly(timestamp),
    last_synchronization_time: mostly(timestamp),
    status: mostly(fc.constantFrom('200', '401', 403, 429)),
    status_code_info: mostly(fc.constantFrom('synchronized', 'cookies_expired')),
    status_code_description: mostly(fc.string({ maxLength: 8 })),
    type: mostly(fc.constantFrom('twitter-sync', 'linkedin-sync')),
    params: mostly(paramsValue),
    updated_at: mostly(timestamp),
    account_type_hash: mostly(fc.string({ maxLength: 8 })),
    squids: mostly(fc.array(squidItem, { maxLength: 3 })),
    baseurl: mostly(fc.constant('https://x.com')),
    cookies: mostly(fc.array(cookieItem, { maxLength: 3 })),
    icon: mostly(fc.base64String({ maxLength: 12 })),
    primary_color: mostly(fc.constant('#1DA1F2')),
    lock_time: mostly(fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 2_000_000_000 }), fc.double({ min: 0, max: 2e9, noNaN: true }), fc.constantFrom('1900000000', '2026-05-14T12:00:00Z'))),
    resets_in: mostly(fc.nat()),
    surprise: anyValue,
  },
  { requiredKeys: ['id', 'status', 'status_code_info'] },
) as fc.Arbitrary<Record<string, unknown>>;

describe('readWellFormedFields: the same reading as the schema', () => {
  it('whatever an item holds, an item it reads is one the schema reads the same way', () => {
    let read = 0;
    fc.assert(
      fc.property(rawItem, (raw) => {
        const fast = readWellFormedFields(raw);
        if (fast === undefined) return;
        read++;
        expect(bySchema(raw)).toEqual(fast);
      }),
      { numRuns: 3000 },
    );
    // The generator must reach the fast path often enough for the comparison to mean something.
    expect(read).toBeGreaterThan(300);
  });

  it('reads the seed samples and every account of a generated listing', () => {
    const items = [RAW_SEED_FACEBOOK, RAW_SEED_TWITTER, ...generateAccounts(2000, 7, Date.parse('2026-05-14T10:00:00Z'))] as Array<Record<string, unknown>>;
    for (const raw of items) {
      const fast = readWellFormedFields(raw);
      expect(fast, String(raw['id'])).toBeDefined();
      expect(fast).toEqual(bySchema(raw));
    }
  });

  it('leaves to the schema what only the schema can read: an ISO lock time, a number that is not finite, a "__proto__" key', () => {
    expect(readWellFormedFields({ ...RAW_SEED_TWITTER, lock_time: '2026-05-14T12:00:00Z' } as Record<string, unknown>)).toBeUndefined();
    expect(readWellFormedFields({ ...RAW_SEED_TWITTER, resets_in: Infinity } as Record<string, unknown>)).toBeUndefined();
    expect(readWellFormedFields({ ...RAW_SEED_TWITTER, status: 401 } as Record<string, unknown>)?.status).toBe('401');
    // The schema's own (odd) reading of a "__proto__" key in params stays the one the app has.
    const params = JSON.parse('{"__proto__":{"a":1},"b":2}') as unknown;
    expect(readWellFormedFields({ ...RAW_SEED_TWITTER, params } as Record<string, unknown>)).toBeUndefined();
  });
});

describe('parseAccount of a listing', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads a well-formed listing without running the schema at all (its garbage is what made the main process grow)', () => {
    const schema = vi.spyOn(accountSchema, 'safeParse');
    for (const raw of generateAccounts(500, 3, Date.parse('2026-05-14T10:00:00Z'))) {
      expect('error' in parseAccount(raw)).toBe(false);
    }
    expect(schema).not.toHaveBeenCalled();
  });

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
