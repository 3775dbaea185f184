import { describe, expect, it, vi } from 'vitest';
import { countCollators } from '../helpers/countedCollators.js';
import { accountHealth, summariseHealth, summaryLine, type Health } from '../../main/core/health/accountHealth.js';
import { SEED_FACEBOOK, SEED_TWITTER, accountWith } from '../fixtures/seedAccounts.js';

const NOW = Date.parse('2026-11-25T13:00:00Z');
const UTC = { status429NeedsResync: true, timeZone: 'UTC' };
const inSeconds = (s: number) => Math.floor(NOW / 1000) + s;

describe('accountHealth', () => {
  const cases: Array<[string, Parameters<typeof accountWith>[0], Health, string]> = [
    ['the seed detail sample', {}, 'ok', 'synchronized'],
    ['cookies_expired', { status_code_info: 'cookies_expired', status_code_description: 'Cookies expired' }, 'needs_resync', 'cookies expired'],
    // The description can still read "Success!" while the cookies are expired: trust the code.
    ['cookies_expired while the text says Success!', { status: '200', status_code_info: 'cookies_expired', status_code_description: 'Success!' }, 'needs_resync', 'cookies expired'],
    ['status "401"', { status: '401', status_code_info: 'synchronized' }, 'needs_resync', 'status 401: cookies rejected'],
    ['status "429"', { status: '429', status_code_info: 'synchronized' }, 'needs_resync', 'status 429: cookies need re-sync'],
    ['status 401 and cookies_expired', { status: '401', status_code_info: 'cookies_expired' }, 'needs_resync', 'cookies expired'],
    ['locked, unlocking later today', { lock_time: inSeconds(65 * 60) }, 'locked', 'locked until 14:05'],
    ['locked until another day', { lock_time: inSeconds(26 * 3600) }, 'locked', 'locked until 26 Nov 15:00'],
    ['a lock in the past is over', { lock_time: inSeconds(-60) }, 'ok', 'synchronized'],
    ['expired beats locked', { lock_time: inSeconds(600), status_code_info: 'cookies_expired' }, 'needs_resync', 'cookies expired'],
    ['another status code', { status: '500', status_code_info: 'synchronized', status_code_description: 'Internal error' }, 'attention', 'status 500: synchronized (Internal error)'],
    ['an empty status', { status: '' }, 'attention', 'status (empty): synchronized'],
    ['an unknown status_code_info', { status_code_info: 'checkpoint_reached', status_code_description: 'Checkpoint reached' }, 'attention', 'checkpoint reached'],
    ['an unknown info with a telling description', { status_code_info: 'account_blocked', status_code_description: 'Blocked by LinkedIn' }, 'attention', 'account blocked (Blocked by LinkedIn)'],
    ['usage limit reached', { resets_in: 3 * 3600 + 20 * 60 }, 'ok', 'usage limit reached, resets in 3 h 20 min'],
    ['unreadable account data', { problem: 'status_code_info: expected a string' }, 'attention', 'unreadable account data: status_code_info: expected a string'],
  ];
  it.each(cases)('%s', (_name, overrides, health, reason) => {
    expect(accountHealth(accountWith(overrides), NOW, UTC)).toEqual({ health, reason });
  });

  it('reports status "429" as attention when configured not to trust it as expiry', () => {
    const result = accountHealth(accountWith({ status: '429' }), NOW, { status429NeedsResync: false, timeZone: 'UTC' });
    expect(result.health).toBe('attention');
    expect(result.reason).toMatch(/rate-limiting/);
  });

  it('reads the list seed sample as healthy', () => {
    expect(accountHealth(SEED_FACEBOOK, NOW, UTC).health).toBe('ok');
  });
});

describe('summariseHealth', () => {
  const sharedSquid = { name: 'Twitter User Tweets Scraper (2)', hash_value: 'fcd3fff4053e444b8a98b3660bee8b03' };
  const accounts = [
    accountWith({ id: 'a'.repeat(32), username: 'zed', squids: [sharedSquid] }),
    accountWith({ id: 'b'.repeat(32), username: 'bob', status_code_info: 'cookies_expired', squids: [sharedSquid] }),
    accountWith({ id: 'c'.repeat(32), username: 'amy', status: '401', squids: [sharedSquid, { name: 'Leads', hash_value: '1'.repeat(32) }] }),
    accountWith({ id: 'd'.repeat(32), username: 'dan', lock_time: inSeconds(300) }),
    accountWith({ id: 'e'.repeat(32), username: 'eve', status: '503' }),
    accountWith({ id: 'f'.repeat(32), username: 'Abe' }),
  ];

  it('is needs_resync when any account needs re-sync, with counts per health', () => {
    const s = summariseHealth(accounts, NOW, UTC);
    expect(s.state).toBe('needs_resync');
    expect(s.total).toBe(6);
    expect(s.counts).toEqual({ ok: 2, needs_resync: 2, locked: 1, attention: 1 });
  });

  it('orders worst first, then by username', () => {
    const s = summariseHealth(accounts, NOW, UTC);
    expect(s.accounts.map((a) => a.account.username)).toEqual(['amy', 'bob', 'eve', 'dan', 'Abe', 'zed']);
  });

  it('sorts with one cached collator, never a new one per comparison (10,000 names took a second that way)', () => {
    const accounts = Array.from({ length: 2_000 }, (_, i) =>
      accountWith({ id: `id${i}`, username: `user ${(i * 7919) % 2_000}`, status_code_info: i % 3 ? 'synchronized' : 'cookies_expired' }),
    );
    const collators = countCollators();
    const localeCompare = vi.spyOn(String.prototype, 'localeCompare');
    try {
      const sorted = summariseHealth(accounts, NOW, UTC).accounts;
      summariseHealth(accounts, NOW, UTC);
      expect(sorted).toHaveLength(2_000);
      // Built at the first sort of all (collation.ts), by an earlier test when the file runs whole.
      expect(collators.count).toBeLessThanOrEqual(1);
      expect(localeCompare).not.toHaveBeenCalled();
    } finally {
      collators.restore();
      localeCompare.mockRestore();
    }
  });

  it('orders names as a person reads them: case and accents aside', () => {
    const names = ['émile', 'Zoe', 'adam', 'Bob'];
    const sorted = summariseHealth(names.map((username, i) => accountWith({ id: `x${i}`, username })), NOW, UTC).accounts;
    expect(sorted.map((a) => a.account.username)).toEqual(['adam', 'Bob', 'émile', 'Zoe']);
  });

  it('lists each squid used by an account that needs re-sync once', () => {
    const s = summariseHealth(accounts, NOW, UTC);
    expect(s.affectedSquids.map((q) => q.name)).toEqual(['Twitter User Tweets Scraper (2)', 'Leads']);
  });

  it('is ok when only locked and attention accounts are present', () => {
    const s = summariseHealth([accounts[3]!, accounts[4]!, accounts[5]!], NOW, UTC);
    expect(s.state).toBe('ok');
    expect(s.affectedSquids).toEqual([]);
  });

  it('is ok for no accounts at all', () => {
    const s = summariseHealth([], NOW, UTC);
    expect(s.state).toBe('ok');
    expect(summaryLine(s)).toBe('No accounts are connected to Lobstr yet');
  });
});

describe('summaryLine', () => {
  const counts = (c: Partial<Record<Health, number>>) => ({ ok: 0, needs_resync: 0, locked: 0, attention: 0, ...c });
  it.each([
    [25, counts({ ok: 23, needs_resync: 2 }), '2 of 25 accounts need cookie re-sync'],
    [3, counts({ ok: 2, needs_resync: 1 }), '1 of 3 accounts needs cookie re-sync'],
    [25, counts({ ok: 25 }), 'All 25 accounts are healthy'],
    [1, counts({ ok: 1 }), 'The account is healthy'],
    [4, counts({ ok: 3, locked: 1 }), 'None of the 4 accounts needs cookie re-sync'],
  ])('%i accounts, %o', (total, c, line) => {
    expect(summaryLine({ total, counts: c })).toBe(line);
  });
});
