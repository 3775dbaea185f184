/**
 * What the window is given of the monitor's state: accounts with health, counts, and icons once
 * per platform.
 */
import v8 from 'node:v8';
import { describe, expect, test } from 'vitest';
import { DEFAULT_HEALTH_RULES } from '../../main/core/health/accountHealth.js';
import type { MonitorStatus } from '../../main/core/appModel.js';
import type { Account } from '../../main/core/lobstr/account.js';
import { parseAccount } from '../../main/core/lobstr/accountSchema.js';
import { assessAll, assessSnapshot, type AssessedSnapshot } from '../../main/core/monitor/assessedSnapshot.js';
import { accountView, snapshotDeltaView, snapshotView } from '../../main/core/views/rendererViews.js';
import type { FullSnapshotPush, IpcResult, SnapshotPush } from '../../main/shared/ipcContract.js';
import { generateAccounts } from '../../main/simulator/accountFactory.js';
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
      lastSuccessAt: null,
      failingSince: null,
      stale: false,
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

describe("what the window's list is sent: each account's row, not every field", () => {
  /** What a row holds: the list's columns, its search and sort, and the guidance's status fields. */
  const ROW_FIELDS = ['health', 'id', 'last_synchronization_time', 'lock_time', 'reason', 'squidCount', 'status', 'status_code_info', 'type', 'username'];
  /** v8.serialize bytes an account may cost in what is sent (the structured clone Electron makes of it). */
  const BYTES_PER_ACCOUNT = 300;
  const generated = (count: number): Account[] =>
    generateAccounts(count, 7, NOW)
      .map((raw) => parseAccount(raw))
      .filter((parsed): parsed is Account => !('error' in parsed));
  const statusOf = (snapshot: AssessedSnapshot): MonitorStatus => ({ configured: true, snapshot, problem: null, lastPollAt: snapshot.checkedAt, nextPollAt: null, polling: false });

  test("the whole snapshot (snapshot:get's answer) holds no params, cookies, squids or descriptions, and stays under the budget an account", () => {
    const accounts = generated(1_000);
    const view = snapshotView(statusOf(assessAll({ checkedAt: '2026-11-25T13:59:00.000Z', accounts, warnings: [] }, NOW, DEFAULT_HEALTH_RULES)), context);
    expect(view.accounts).toHaveLength(accounts.length);
    for (const row of view.accounts) expect(Object.keys(row).sort()).toEqual(ROW_FIELDS);
    const used = accounts.find((a) => a.squids.length > 1)!;
    expect(view.accounts.find((row) => row.id === used.id)).toMatchObject({ username: used.username, squidCount: used.squids.length });
    const answer: IpcResult<FullSnapshotPush> = { ok: true, value: { kind: 'full', revision: 1, snapshot: view } };
    expect(v8.serialize(answer).length / accounts.length).toBeLessThan(BYTES_PER_ACCOUNT);
  });

  test("a poll's push holds the changed accounts' rows only, under the same budget", async () => {
    const accounts = generated(200);
    const first = assessAll({ checkedAt: '2026-11-25T13:59:00.000Z', accounts, warnings: [] }, NOW, DEFAULT_HEALTH_RULES);
    const next = accounts.map((a, i) => (i % 10 === 0 ? { ...a, status: '401', status_code_info: 'cookies_expired' } : a));
    const { snapshot, delta } = await assessSnapshot(first, { checkedAt: '2026-11-25T14:04:00.000Z', accounts: next, warnings: [] }, NOW, DEFAULT_HEALTH_RULES);
    const changes = snapshotDeltaView(statusOf(snapshot), delta, snapshotView(statusOf(first), context).icons, context);
    const changed = next.filter((_, i) => i % 10 === 0).map((a) => a.id).sort();
    expect(changes.upserted.map((row) => row.id).sort()).toEqual(changed);
    for (const row of changes.upserted) expect(Object.keys(row).sort()).toEqual(ROW_FIELDS);
    const push: SnapshotPush = { kind: 'delta', base: 1, revision: 2, changes };
    const status = v8.serialize({ ...push, changes: { ...changes, upserted: [] } }).length;
    expect((v8.serialize(push).length - status) / changed.length).toBeLessThan(BYTES_PER_ACCOUNT);
  });

  test('an account changed only where the list does not look (its params) keeps its row: the push carries no account', async () => {
    const accounts = generated(20);
    const first = assessAll({ checkedAt: '2026-11-25T13:59:00.000Z', accounts, warnings: [] }, NOW, DEFAULT_HEALTH_RULES);
    const next = accounts.map((a, i) => (i === 3 ? { ...a, params: { ...a.params, used_today: 12 } } : a));
    const { snapshot, delta } = await assessSnapshot(first, { checkedAt: '2026-11-25T14:04:00.000Z', accounts: next, warnings: [] }, NOW, DEFAULT_HEALTH_RULES);
    expect(delta?.upserted.map((item) => item.account.id)).toEqual([accounts[3]!.id]);
    expect(snapshotDeltaView(statusOf(snapshot), delta, {}, context).upserted).toEqual([]);
    // Every row is the object made at the first poll: nothing was made again.
    for (const account of accounts) expect(snapshot.byId.get(account.id)!.row).toBe(first.byId.get(account.id)!.row);
    expect(snapshotView(statusOf(snapshot), context).accounts[0]).toBe(snapshot.assessed[0]!.row);
  });
});
