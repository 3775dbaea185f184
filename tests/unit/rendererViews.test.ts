/**
 * What the window is given of the monitor's state: accounts with health, counts, and icons once
 * per platform.
 */
import { describe, expect, test } from 'vitest';
import { DEFAULT_HEALTH_RULES } from '../../main/core/health/accountHealth.js';
import type { MonitorStatus } from '../../main/core/appModel.js';
import type { Account } from '../../main/core/lobstr/account.js';
import { assessAll } from '../../main/core/monitor/assessedSnapshot.js';
import { accountView, snapshotView } from '../../main/core/views/rendererViews.js';
import { accountWith, SEED_FACEBOOK, SEED_TWITTER } from '../fixtures/seedAccounts.js';

const NOW = Date.parse('2026-11-25T14:00:00Z');
const context = { nowMs: NOW, demo: false, rules: DEFAULT_HEALTH_RULES };

type Listing = { checkedAt: string; accounts: Account[]; warnings: string[] };

/** The monitor's status with `listing` judged as the monitor judges it. */
function status(listing: Listing | null): MonitorStatus {
  const snapshot = listing && assessAll(listing, NOW, DEFAULT_HEALTH_RULES);
  return { configured: true, snapshot, problem: null, lastPollAt: null, nextPollAt: null, polling: true };
}

describe('the snapshot view', () => {
  test('before the first poll: no accounts, every count at zero, the schedule as it is', () => {
    const view = snapshotView({ ...status(null), configured: false }, { ...context, demo: true });
    expect(view).toEqual({
      configured: false,
      demo: true,
      checkedAt: null,
      accounts: [],
      icons: {},
      counts: { ok: 0, needs_resync: 0, locked: 0, attention: 0 },
      total: 0,
      warnings: [],
      problem: null,
      lastPollAt: null,
      nextPollAt: null,
      polling: true,
    });
  });

  test('one icon per platform type: the first non-empty one, whatever the type is called', () => {
    const view = snapshotView(
      status({
        checkedAt: '2026-11-25T13:59:00.000Z',
        warnings: ['1 duplicate dropped'],
        accounts: [
          accountWith({ id: 'a', icon: '' }),
          accountWith({ id: 'b', icon: 'AAAA' }),
          accountWith({ id: 'c', icon: 'BBBB' }),
          accountWith({ id: 'd', icon: 'CCCC' }, SEED_FACEBOOK),
          accountWith({ id: 'e', icon: 'DDDD', type: '__proto__' }),
        ],
      }),
      context,
    );
    expect({ ...view.icons }).toEqual({ [SEED_TWITTER.type]: 'AAAA', [SEED_FACEBOOK.type]: 'CCCC', ['__proto__']: 'DDDD' });
    expect(view.warnings).toEqual(['1 duplicate dropped']);
    expect(view.checkedAt).toBe('2026-11-25T13:59:00.000Z');
  });
});

describe('one account', () => {
  test('keeps every field the API sent except the icon, and adds health and reason at the given time', () => {
    const lockTime = Math.floor(NOW / 1000) + 3600;
    const view = accountView(accountWith({ icon: 'AAAA', lock_time: lockTime, extra: { team: 'growth' } }), NOW, {
      ...DEFAULT_HEALTH_RULES,
      timeZone: 'UTC',
    });
    expect(view).not.toHaveProperty('icon');
    expect(view).toMatchObject({ id: SEED_TWITTER.id, username: SEED_TWITTER.username, extra: { team: 'growth' }, health: 'locked' });
    expect(view.reason).toBe('locked until 15:00');
    expect(accountView(accountWith({ lock_time: lockTime }), NOW + 7200_000, DEFAULT_HEALTH_RULES).health).toBe('ok');
  });
});
