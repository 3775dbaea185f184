import { describe, expect, it } from 'vitest';
import type { Account } from '../../main/core/lobstr/account.js';
import { parseAccount, parseAccountsPage } from '../../main/core/lobstr/accountSchema.js';
import { LobstrApiError } from '../../main/core/lobstr/apiErrors.js';
import { RAW_SEED_FACEBOOK, RAW_SEED_TWITTER, SEED_ICON } from '../fixtures/rawAccounts.js';
import { SEED_FACEBOOK, SEED_TWITTER } from '../fixtures/seedAccounts.js';

function account(raw: unknown): Account {
  const parsed = parseAccount(raw);
  if ('error' in parsed) throw new Error(`expected an account, got error: ${parsed.error}`);
  return parsed;
}

describe('parseAccount: the seed samples', () => {
  it('reads the List Accounts sample into the normalised account', () => {
    expect(account(RAW_SEED_FACEBOOK)).toEqual({ ...SEED_FACEBOOK, icon: SEED_ICON });
  });

  it('reads the Get Account Details sample into the normalised account', () => {
    expect(account(RAW_SEED_TWITTER)).toEqual({ ...SEED_TWITTER, icon: SEED_ICON });
  });

  it('reads the newest documented fields', () => {
    const a = account({ ...RAW_SEED_FACEBOOK, primary_color: '#1877F2', lock_time: 1_900_000_000, resets_in: 3600 });
    expect(a.primary_color).toBe('#1877F2');
    expect(a.lock_time).toBe(1_900_000_000);
    expect(a.resets_in).toBe(3600);
    expect(a.problem).toBeUndefined();
  });

  it('reads sales-nav params untouched', () => {
    const params = {
      default: { batch: { max: 20, default: 20, attribute: 'profiles' } },
      user: { profiles: { max: 150, value: 12, default: 150, timestamp: 1716508800, start_time: null } },
    };
    expect(account({ ...RAW_SEED_FACEBOOK, type: 'sales-nav-sync', params }).params).toEqual(params);
  });
});

describe('parseAccount: tolerated variants', () => {
  it('accepts status as a number and keeps it a string', () => {
    expect(account({ ...RAW_SEED_FACEBOOK, status: 401 }).status).toBe('401');
    expect(account({ ...RAW_SEED_FACEBOOK, status: 200 }).status).toBe('200');
  });

  it('accepts updated_at as a date, null or missing', () => {
    expect(account({ ...RAW_SEED_FACEBOOK, updated_at: '2025-03-20T11:49:01Z' }).updated_at).toBe('2025-03-20T11:49:01Z');
    expect(account({ ...RAW_SEED_FACEBOOK, updated_at: null }).updated_at).toBeNull();
    const { updated_at: _u, ...withoutUpdatedAt } = RAW_SEED_FACEBOOK;
    expect(account(withoutUpdatedAt).updated_at).toBeNull();
  });

  it('accepts lock_time as Unix seconds, an ISO date, a string of digits, or null', () => {
    expect(account({ ...RAW_SEED_FACEBOOK, lock_time: 4_070_908_800 }).lock_time).toBe(4_070_908_800);
    expect(account({ ...RAW_SEED_FACEBOOK, lock_time: '2099-01-01T00:00:00Z' }).lock_time).toBe(4_070_908_800);
    expect(account({ ...RAW_SEED_FACEBOOK, lock_time: '2099-01-01T01:00:00+01:00' }).lock_time).toBe(4_070_908_800);
    expect(account({ ...RAW_SEED_FACEBOOK, lock_time: '4070908800' }).lock_time).toBe(4_070_908_800);
    expect(account({ ...RAW_SEED_FACEBOOK, lock_time: null }).lock_time).toBeNull();
  });

  it('reads both squid shapes as {name, hash_value}', () => {
    const a = account({
      ...RAW_SEED_TWITTER,
      squids: [
        { name: 'Twitter User Tweets Scraper (2)', hash_value: 'fcd3fff4053e444b8a98b3660bee8b03' },
        { id: 'b6c56d18cb0046949461ba9ca278e8ad', name: 'Profile Scraper' },
      ],
    });
    expect(a.squids).toEqual([
      { name: 'Twitter User Tweets Scraper (2)', hash_value: 'fcd3fff4053e444b8a98b3660bee8b03' },
      { name: 'Profile Scraper', hash_value: 'b6c56d18cb0046949461ba9ca278e8ad' },
    ]);
    expect(a.problem).toBeUndefined();
  });

  it('keeps unknown extra fields in `extra`', () => {
    const a = account({ ...RAW_SEED_FACEBOOK, proxy_country: 'FR', limits: { daily: 3 } });
    expect(a.extra).toEqual({ proxy_country: 'FR', limits: { daily: 3 } });
    expect(a.problem).toBeUndefined();
  });

  it('gives empty defaults to trivia a real API may leave out', () => {
    const { icon: _i, cookies: _c, squids: _s, params: _p, object: _o, ...bare } = RAW_SEED_FACEBOOK;
    const a = account(bare);
    expect(a).toMatchObject({ icon: '', cookies: [], squids: [], params: {}, object: 'account' });
    expect(a.primary_color).toBeNull();
    expect(a.lock_time).toBeNull();
    expect(a.resets_in).toBeNull();
    expect(a.problem).toBeUndefined();
  });

  it('accepts null for the trivia too', () => {
    const a = account({ ...RAW_SEED_FACEBOOK, icon: null, cookies: null, squids: null, params: null, primary_color: null });
    expect(a).toMatchObject({ icon: '', cookies: [], squids: [], params: {}, primary_color: null });
    expect(a.problem).toBeUndefined();
  });

  it('reads a cookie without `required` as required', () => {
    expect(account({ ...RAW_SEED_FACEBOOK, cookies: [{ name: 'xs' }] }).cookies).toEqual([{ name: 'xs', required: true }]);
  });
});

describe('parseAccount: unreadable accounts', () => {
  it('keeps an account with an id but a wrong field, with a readable problem and best-effort fields', () => {
    const a = account({ ...RAW_SEED_FACEBOOK, status_code_info: 42 });
    expect(a.problem).toBe('status_code_info: expected a string');
    expect(a.id).toBe(RAW_SEED_FACEBOOK.id);
    expect(a.username).toBe('MisterDebugger');
    expect(a.status).toBe('200');
    expect(a.type).toBe('facebook-sync');
  });

  it('says which required field is missing', () => {
    const { status: _s, ...noStatus } = RAW_SEED_FACEBOOK;
    expect(account(noStatus).problem).toBe('status: missing');
  });

  it('names the place of a bad nested item', () => {
    const a = account({ ...RAW_SEED_TWITTER, squids: [{ name: 'ok', hash_value: 'a' }, { title: 'odd' }] });
    expect(a.problem).toBe('squids[1]: expected {name, hash_value} or {id, name}');
    expect(a.squids).toEqual([]);
  });

  it('lists a few problems, not all of them', () => {
    const a = account({ id: 'abc', status: true, status_code_info: [], username: 1, lock_time: 'tomorrow', icon: 5 });
    expect(a.problem).toMatch(/^status: expected a string or a number; status_code_info: expected a string; username: expected a string \(and 2 more\)$/);
    expect(a.lock_time).toBeNull();
  });

  it('drops an item without an id, with a reason', () => {
    const { id: _id, ...noId } = RAW_SEED_FACEBOOK;
    expect(parseAccount(noId)).toEqual({ error: 'the item has no id' });
    expect(parseAccount({ ...RAW_SEED_FACEBOOK, id: '' })).toHaveProperty('error');
    expect(parseAccount({ ...RAW_SEED_FACEBOOK, id: 12345 })).toEqual({ error: 'id: expected a non-empty string, got a number' });
    expect(parseAccount('6e5f36d27502ec69fda745ec59ead509')).toEqual({ error: 'expected an account object, got a string' });
    expect(parseAccount(null)).toHaveProperty('error');
  });
});

describe('parseAccountsPage', () => {
  const envelope = {
    total_results: 2,
    limit: 50,
    page: 1,
    total_pages: 1,
    result_from: 1,
    result_to: 3,
    data: [RAW_SEED_FACEBOOK, RAW_SEED_TWITTER],
    next: null,
    previous: null,
  };

  it('reads the documented envelope and leaves the items raw', () => {
    expect(parseAccountsPage(envelope)).toEqual({
      total_results: 2,
      total_pages: 1,
      page: 1,
      limit: 50,
      data: [RAW_SEED_FACEBOOK, RAW_SEED_TWITTER],
    });
  });

  it('tolerates missing counters as unknown', () => {
    expect(parseAccountsPage({ data: [] })).toEqual({ total_results: null, total_pages: null, page: null, limit: null, data: [] });
  });

  function failure(body: unknown): LobstrApiError {
    try {
      parseAccountsPage(body);
    } catch (e) {
      if (e instanceof LobstrApiError) return e;
      throw e;
    }
    throw new Error('expected parseAccountsPage to throw');
  }

  it.each([
    ['a list', [RAW_SEED_FACEBOOK]],
    ['a string', 'Success!'],
    ['null', null],
    ['an object without one', { results: [] }],
    ['an object without one', { data: 'none' }],
  ])('refuses a body that is not the envelope (%s)', (what, body) => {
    const error = failure(body);
    expect(error.kind).toBe('invalid_response');
    expect(error.message).toContain(`got ${what}`);
    expect(error.message).toMatch(/API base URL/);
  });

  it('refuses nonsense counters', () => {
    const error = failure({ ...envelope, total_pages: 'many' });
    expect(error.kind).toBe('invalid_response');
    expect(error.message).toContain('total_pages: expected a whole number');
  });
});
