import { describe, expect, test } from 'vitest';
import { PLATFORMS } from '../../main/core/health/platforms.js';
import { generateAccounts, type RawAccount } from '../../main/simulator/accountFactory.js';
import { iconForType } from '../../main/simulator/platformIcons.js';
import { apiGet, simulator } from '../helpers/simulatorHarness.js';

const NOW = Date.UTC(2026, 10, 20, 15, 45, 12);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const HEX32 = /^[0-9a-f]{32}$/;

const needsResync = (a: RawAccount): boolean =>
  a.status_code_info === 'cookies_expired' || a.status === '401' || a.status === '429';

describe('generateAccounts', () => {
  test('the same seed and clock give the same JSON; another seed other accounts', () => {
    const a = JSON.stringify(generateAccounts(60, 3, NOW));
    expect(JSON.stringify(generateAccounts(60, 3, NOW))).toBe(a);
    const other = generateAccounts(60, 4, NOW);
    const ids = new Set(generateAccounts(60, 3, NOW).map((x) => x.id));
    expect(other.filter((x) => ids.has(x.id))).toEqual([]);
  });

  test('every account has the documented fields and types', () => {
    const accounts = generateAccounts(200, 11, NOW);
    const ids = new Set<string>();
    for (const a of accounts) {
      ids.add(a.id);
      expect(a.id).toMatch(HEX32);
      expect(a.object).toBe('account');
      expect(typeof a.username).toBe('string');
      expect(a.username.length).toBeGreaterThan(0);
      expect(a.created_at).toMatch(ISO);
      expect(a.last_synchronization_time).toMatch(ISO);
      expect(a.created_at < a.last_synchronization_time).toBe(true);
      expect(Date.parse(a.last_synchronization_time)).toBeLessThanOrEqual(NOW);
      expect(a.updated_at === null || ISO.test(a.updated_at)).toBe(true);
      expect(typeof a.status).toBe('string');
      expect(typeof a.status_code_info).toBe('string');
      expect(typeof a.status_code_description).toBe('string');
      expect(a.lock_time === null || Number.isInteger(a.lock_time)).toBe(true);
      expect(a.resets_in === null || Number.isInteger(a.resets_in)).toBe(true);
      expect(a.squids.length).toBeLessThanOrEqual(3);
      for (const squid of a.squids) {
        expect(Object.keys(squid).sort()).toEqual(['hash_value', 'name']);
        expect(squid.hash_value).toMatch(HEX32);
      }
      const platform = PLATFORMS.find((p) => p.type === a.type);
      expect(platform, a.type).toBeDefined();
      expect(a).toMatchObject({
        baseurl: platform!.baseurl,
        account_type_hash: platform!.account_type_hash,
        primary_color: platform!.primary_color,
        cookies: platform!.cookies.map((name) => ({ name, required: true })),
        icon: iconForType(a.type),
      });
      if (a.type === 'sales-nav-sync') {
        expect(Object.keys(a.params.default).sort()).toEqual(['batch', 'batch_hours', 'profiles', 'searches']);
        const user = a.params.user as Record<string, Record<string, unknown>>;
        expect(user.batch!.last_batch_at).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
        expect(Number.isInteger(user.profiles!.timestamp)).toBe(true);
        expect(user.profiles!.value as number).toBeLessThanOrEqual(user.profiles!.max as number);
      } else if (a.type !== 'linkedin-sync') {
        expect(a.params).toEqual({ default: {}, user: {} });
      }
    }
    expect(ids.size).toBe(200);
    expect(new Set(accounts.map((a) => a.type))).toEqual(new Set(PLATFORMS.map((p) => p.type)));
    const created = accounts.map((a) => a.created_at);
    expect([...created].sort()).toEqual(created);
  });

  test('25 accounts show every kind of health a user can meet', () => {
    const accounts = generateAccounts(25, 1, NOW);
    const nowSec = NOW / 1000;
    const healthy = accounts.filter(
      (a) => a.status === '200' && a.status_code_info === 'synchronized' && a.lock_time === null,
    );
    expect(healthy.length).toBeGreaterThan(accounts.length / 2);
    expect(accounts.some((a) => a.status_code_info === 'cookies_expired' && a.status_code_description === 'Success!')).toBe(true);
    expect(accounts.some((a) => a.status_code_info === 'cookies_expired' && a.status === '200' && a.status_code_description !== 'Success!')).toBe(true);
    expect(accounts.some((a) => a.status === '401')).toBe(true);
    expect(accounts.some((a) => a.status === '429')).toBe(true);
    expect(accounts.some((a) => a.lock_time !== null && a.lock_time > nowSec)).toBe(true);
    expect(accounts.some((a) => a.resets_in !== null && a.resets_in > 0)).toBe(true);
    expect(accounts.some((a) => !['200', '401', '429'].includes(a.status))).toBe(true);
    expect(accounts.filter(needsResync).length).toBeLessThan(accounts.length / 3);
  });

  test('locked accounts are mostly LinkedIn or Sales Navigator', () => {
    const locked = generateAccounts(5000, 2, NOW).filter((a) => a.lock_time !== null);
    const linkedinFamily = locked.filter((a) => a.type === 'linkedin-sync' || a.type === 'sales-nav-sync');
    expect(linkedinFamily.length).toBeGreaterThan(locked.length * 0.75);
  });

  test('100,000 accounts, all distinct, in order', () => {
    const accounts = generateAccounts(100_000, 1, NOW);
    expect(accounts).toHaveLength(100_000);
    expect(new Set(accounts.map((a) => a.id)).size).toBe(100_000);
    for (let i = 1; i < accounts.length; i += 997) {
      expect(accounts[i - 1]!.created_at <= accounts[i]!.created_at).toBe(true);
    }
  });

  test('a simulator with 100,000 accounts serves its last page', async () => {
    const s = await simulator({ accounts: 100_000 });
    const res = await apiGet(s, '/accounts?limit=100&page=1000');
    const body = (await res.json()) as { total_pages: number; result_to: number; data: unknown[]; next: string | null };
    expect(body).toMatchObject({ total_pages: 1000, result_to: 100_000, next: null });
    expect(body.data).toHaveLength(100);
  });
});

