import { describe, expect, it } from 'vitest';
import type { Account } from '../../main/core/account.js';
import { parseAccount, parseAccountsPage } from '../../main/core/accountSchema.js';
import { LobstrApiError } from '../../main/core/apiErrors.js';
import { SEED_FACEBOOK, SEED_TWITTER } from '../fixtures/seedAccounts.js';

const ICON = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** The List Accounts seed's account object, as the API sends it. */
const RAW_LIST_SAMPLE = {
  id: '6e5f36d27502ec69fda745ec59ead509',
  object: 'account',
  username: 'MisterDebugger',
  created_at: '2025-02-11T08:28:14Z',
  last_synchronization_time: '2025-02-11T08:28:14Z',
  status: '200',
  status_code_info: 'synchronized',
  status_code_description: 'Success!',
  type: 'facebook-sync',
  params: { default: {}, user: {} },
  updated_at: null,
  account_type_hash: '16f5b7f91e8fc533eab88be973273a02',
  squids: [],
  baseurl: 'https://www.facebook.com',
  cookies: [{ name: 'c_user', required: true }],
  icon: ICON,
};

/** The Get Account Details seed's account object. */
const RAW_DETAIL_SAMPLE = {
  id: 'd3e97f2cd33658f301bdbe807402ab30',
  object: 'account',
  username: 'hashamxcom',
  created_at: '2024-03-08T15:15:53Z',
  last_synchronization_time: '2024-12-16T10:28:43Z',
  status: '200',
  status_code_info: 'synchronized',
  status_code_description: 'Success!',
  type: 'twitter-sync',
  params: { default: {}, user: {} },
  updated_at: null,
  account_type_hash: '9853173fc00a940a33d7a420c176ad3b',
  squids: [{ name: 'Twitter Scraper', hash_value: 'fcd3fff4053e444b8a98b3660bee8b03' }],
  baseurl: 'https://x.com',
  cookies: [{ name: 'auth_token', required: true }],
  icon: ICON,
};

function account(raw: unknown): Account {
  const parsed = parseAccount(raw);
  if ('error' in parsed) throw new Error(`expected an account, got error: ${parsed.error}`);
  return parsed;
}

describe('parseAccount: the seed samples', () => {
  it('reads the List Accounts sample into the normalised account', () => {
    expect(account(RAW_LIST_SAMPLE)).toEqual({ ...SEED_FACEBOOK, icon: ICON });
  });

  it('reads the Get Account Details sample into the normalised account', () => {
    expect(account(RAW_DETAIL_SAMPLE)).toEqual({ ...SEED_TWITTER, icon: ICON });
  });

  it('reads the newest documented fields', () => {
    const a = account({ ...RAW_LIST_SAMPLE, primary_color: '#1877F2', lock_time: 1_900_000_000, resets_in: 3600 });
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
    expect(account({ ...RAW_LIST_SAMPLE, type: 'sales-nav-sync', params }).params).toEqual(params);
  });
});

describe('parseAccount: tolerated variants', () => {
  it('accepts status as a number and keeps it a string', () => {
    expect(account({ ...RAW_LIST_SAMPLE, status: 401 }).status).toBe('401');
    expect(account({ ...RAW_LIST_SAMPLE, status: 200 }).status).toBe('200');
  });

  it('accepts updated_at as a date, null or missing', () => {
    expect(account({ ...RAW_LIST_SAMPLE, updated_at: '2025-03-20T11:49:01Z' }).updated_at).toBe('2025-03-20T11:49:01Z');
    expect(account({ ...RAW_LIST_SAMPLE, updated_at: null }).updated_at).toBeNull();
    const { updated_at: _u, ...withoutUpdatedAt } = RAW_LIST_SAMPLE;
    expect(account(withoutUpdatedAt).updated_at).toBeNull();
  });

  it('accepts lock_time as Unix seconds, an ISO date, a string of digits, or null', () => {
    expect(account({ ...RAW_LIST_SAMPLE, lock_time: 4_070_908_800 }).lock_time).toBe(4_070_908_800);
    expect(account({ ...RAW_LIST_SAMPLE, lock_time: '2099-01-01T00:00:00Z' }).lock_time).toBe(4_070_908_800);
    expect(account({ ...RAW_LIST_SAMPLE, lock_time: '2099-01-01T01:00:00+01:00' }).lock_time).toBe(4_070_908_800);
    expect(account({ ...RAW_LIST_SAMPLE, lock_time: '4070908800' }).lock_time).toBe(4_070_908_800);
    expect(account({ ...RAW_LIST_SAMPLE, lock_time: null }).lock_time).toBeNull();
  });

  it('reads both squid shapes as {name, hash_value}', () => {
    const a = account({
      ...RAW_DETAIL_SAMPLE,
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
    const a = account({ ...RAW_LIST_SAMPLE, proxy_country: 'FR', limits: { daily: 3 } });
    expect(a.extra).toEqual({ proxy_country: 'FR', limits: { daily: 3 } });
    expect(a.problem).toBeUndefined();
  });

  it('gives empty defaults to trivia a real API may leave out', () => {
    const { icon: _i, cookies: _c, squids: _s, params: _p, object: _o, ...bare } = RAW_LIST_SAMPLE;
    const a = account(bare);
    expect(a).toMatchObject({ icon: '', cookies: [], squids: [], params: {}, object: 'account' });
    expect(a.primary_color).toBeNull();
    expect(a.lock_time).toBeNull();
    expect(a.resets_in).toBeNull();
    expect(a.problem).toBeUndefined();
  });

  it('accepts null for the trivia too', () => {
    const a = account({ ...RAW_LIST_SAMPLE, icon: null, cookies: null, squids: null, params: null, primary_color: null });
    expect(a).toMatchObject({ icon: '', cookies: [], squids: [], params: {}, primary_color: null });
    expect(a.problem).toBeUndefined();
  });

  it('reads a cookie without `required` as required', () => {
    expect(account({ ...RAW_LIST_SAMPLE, cookies: [{ name: 'xs' }] }).cookies).toEqual([{ name: 'xs', required: true }]);
  });
});

describe('parseAccount: unreadable accounts', () => {
  it('keeps an account with an id but a wrong field, with a readable problem and best-effort fields', () => {
    const a = account({ ...RAW_LIST_SAMPLE, status_code_info: 42 });
    expect(a.problem).toBe('status_code_info: expected a string');
    expect(a.id).toBe(RAW_LIST_SAMPLE.id);
    expect(a.username).toBe('MisterDebugger');
    expect(a.status).toBe('200');
    expect(a.type).toBe('facebook-sync');
  });

  it('says which required field is missing', () => {
    const { status: _s, ...noStatus } = RAW_LIST_SAMPLE;
    expect(account(noStatus).problem).toBe('status: missing');
  });

  it('names the place of a bad nested item', () => {
    const a = account({ ...RAW_DETAIL_SAMPLE, squids: [{ name: 'ok', hash_value: 'a' }, { title: 'odd' }] });
    expect(a.problem).toBe('squids[1]: expected {name, hash_value} or {id, name}');
    expect(a.squids).toEqual([]);
  });

  it('lists a few problems, not all of them', () => {
    const a = account({ id: 'abc', status: true, status_code_info: [], username: 1, lock_time: 'tomorrow', icon: 5 });
    expect(a.problem).toMatch(/^status: expected a string or a number; status_code_info: expected a string; username: expected a string \(and 2 more\)$/);
    expect(a.lock_time).toBeNull();
  });

  it('drops an item without an id, with a reason', () => {
    const { id: _id, ...noId } = RAW_LIST_SAMPLE;
    expect(parseAccount(noId)).toEqual({ error: 'the item has no id' });
    expect(parseAccount({ ...RAW_LIST_SAMPLE, id: '' })).toHaveProperty('error');
    expect(parseAccount({ ...RAW_LIST_SAMPLE, id: 12345 })).toEqual({ error: 'id: expected a non-empty string, got a number' });
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
    data: [RAW_LIST_SAMPLE, RAW_DETAIL_SAMPLE],
    next: null,
    previous: null,
  };

  it('reads the documented envelope and leaves the items raw', () => {
    expect(parseAccountsPage(envelope)).toEqual({
      total_results: 2,
      total_pages: 1,
      page: 1,
      limit: 50,
      data: [RAW_LIST_SAMPLE, RAW_DETAIL_SAMPLE],
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
    ['a list', [RAW_LIST_SAMPLE]],
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
