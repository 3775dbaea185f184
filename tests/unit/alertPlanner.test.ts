import { describe, expect, it } from 'vitest';
import { accountHealth, type AssessedAccount } from '../../main/core/health/accountHealth.js';
import type { Account } from '../../main/core/lobstr/account.js';
import type { ConnectionProblem, Settings } from '../../main/core/appModel.js';
import { EMPTY_LEDGER, accountName, planAlerts, squidsText, type AlertLedger, type AlertPlan } from '../../main/core/monitor/alertPlanner.js';
import { ATTENTION, EXPIRED, HEALTHY, HOUR, MINUTE, T0, makeAccount, settingsWith } from './monitorFakes.js';

/** Runs polls through the planner the way the monitor does, keeping the ledger between them. */
class Planner {
  ledger: AlertLedger = EMPTY_LEDGER;
  now = T0;
  settings: Settings = settingsWith();

  poll(accounts: Account[], advanceMs = 5 * MINUTE): AlertPlan {
    this.now += advanceMs;
    const assessed: AssessedAccount[] = accounts.map((account) => ({ account, ...accountHealth(account, this.now) }));
    const plan = planAlerts({ accounts: assessed, problem: null, ledger: this.ledger, settings: this.settings, nowMs: this.now });
    this.ledger = plan.ledger;
    return plan;
  }

  fail(kind: ConnectionProblem['kind'], advanceMs = 5 * MINUTE): AlertPlan {
    this.now += advanceMs;
    const problem: ConnectionProblem = { kind, message: `${kind}!`, since: new Date(this.now).toISOString(), failures: 1 };
    const plan = planAlerts({ accounts: null, problem, ledger: this.ledger, settings: this.settings, nowMs: this.now });
    this.ledger = plan.ledger;
    return plan;
  }
}

const texts = (plan: AlertPlan) => plan.notifications.map((n) => `${n.kind}: ${n.title} | ${n.body}`);

describe('an account that starts needing re-sync', () => {
  const maya = makeAccount({ username: 'maya_builds', squids: [{ name: 'a', hash_value: '1' }, { name: 'b', hash_value: '2' }] });

  it('gets one notification naming the account, the platform, the reason and its squids, opening that account', () => {
    const p = new Planner();
    expect(p.poll([maya]).notifications).toEqual([]);
    const plan = p.poll([{ ...maya, ...EXPIRED }]);
    expect(plan.notifications).toEqual([
      {
        kind: 'needs_resync',
        title: '@maya_builds needs cookie re-sync',
        body: 'X (Twitter) · cookies expired · used by 2 squids',
        accountId: maya.id,
      },
    ]);
  });

  it('is never told again while it keeps needing re-sync, and reminders are off by default', () => {
    const p = new Planner();
    p.poll([{ ...maya, ...EXPIRED }]);
    for (let i = 0; i < 200; i++) expect(p.poll([{ ...maya, ...EXPIRED }], HOUR).notifications).toEqual([]);
  });

  it('is reported on the first poll of a new install: the user wants to know at once', () => {
    const p = new Planner();
    expect(texts(p.poll([{ ...maya, ...EXPIRED }, makeAccount({ username: 'ok_one' })]))).toEqual([
      'needs_resync: @maya_builds needs cookie re-sync | X (Twitter) · cookies expired · used by 2 squids',
    ]);
  });

  it('is reported when a new account appears already needing re-sync', () => {
    const p = new Planner();
    p.poll([maya]);
    const newcomer = makeAccount({ username: 'new_one', type: 'facebook-sync', squids: [], ...EXPIRED });
    expect(texts(p.poll([maya, newcomer]))).toEqual([
      'needs_resync: @new_one needs cookie re-sync | Facebook · cookies expired · used by no squid',
    ]);
  });

  it('names accounts the way people write them', () => {
    expect(accountName({ username: 'maya', id: 'x' })).toBe('@maya');
    expect(accountName({ username: '@maya', id: 'x' })).toBe('@maya');
    expect(accountName({ username: 'user@domain.com', id: 'x' })).toBe('user@domain.com');
    // A display name (Sales Navigator, LinkedIn) is not a handle: no "@Chloé Petit".
    expect(accountName({ username: 'Chloé Petit', id: 'x' })).toBe('Chloé Petit');
    expect(accountName({ username: 'Alice Martin', id: 'x' })).toBe('Alice Martin');
    expect(accountName({ username: 'bruno.lefevre', id: 'x' })).toBe('bruno.lefevre');
    expect(accountName({ username: ' ', id: '6e5f36d27502ec69' })).toBe('account 6e5f36d2');
    expect([0, 1, 2].map(squidsText)).toEqual(['used by no squid', 'used by 1 squid', 'used by 2 squids']);
  });

  it('says the platform of an unknown type by its slug and the reason of a 429', () => {
    const p = new Planner();
    const odd = makeAccount({ username: 'insta', type: 'instagram-sync', status: '429' });
    expect(texts(p.poll([odd]))).toEqual([
      'needs_resync: @insta needs cookie re-sync | instagram · status 429: cookies need re-sync · used by 1 squid',
    ]);
  });
});

describe('several accounts at once', () => {
  const names = ['eve', 'bob', 'dan', 'alice', 'carol'];
  const accounts = names.map((username) => makeAccount({ username }));

  it('two are two notifications', () => {
    const p = new Planner();
    p.poll(accounts);
    const plan = p.poll(accounts.map((a, i) => (i < 2 ? { ...a, ...EXPIRED } : a)));
    expect(plan.notifications.map((n) => n.title)).toEqual(['@bob needs cookie re-sync', '@eve needs cookie re-sync']);
  });

  it('three or more are one grouped notification naming the first few, opening the list', () => {
    const p = new Planner();
    p.poll(accounts);
    const plan = p.poll(accounts.map((a) => ({ ...a, ...EXPIRED })));
    expect(plan.notifications).toEqual([
      { kind: 'needs_resync_group', title: '5 accounts need cookie re-sync', body: '@alice, @bob, @carol and 2 more' },
    ]);
    expect(plan.shown.needsResync).toHaveLength(5);
  });

  it('exactly three are all named', () => {
    const p = new Planner();
    const plan = p.poll(accounts.slice(0, 3).map((a) => ({ ...a, ...EXPIRED })));
    expect(texts(plan)).toEqual(['needs_resync_group: 3 accounts need cookie re-sync | @bob, @dan and @eve']);
  });
});

describe('synchronized again', () => {
  const maya = makeAccount({ username: 'maya_builds', type: 'linkedin-sync' });

  it('is said once when an account that needed re-sync is ok again', () => {
    const p = new Planner();
    p.poll([{ ...maya, ...EXPIRED }]);
    expect(texts(p.poll([maya]))).toEqual(['recovered: @maya_builds is synchronized again | LinkedIn · synchronized']);
    expect(p.poll([maya]).notifications).toEqual([]);
  });

  it('is not said for a change to locked or attention, nor later when it becomes ok from there', () => {
    const p = new Planner();
    p.poll([{ ...maya, ...EXPIRED }]);
    expect(p.poll([{ ...maya, ...ATTENTION }]).notifications).toEqual([]);
    expect(p.poll([maya]).notifications).toEqual([]);
  });

  it('can be turned off', () => {
    const p = new Planner();
    p.settings = settingsWith({ notifications: { needsResync: true, recovered: false, keyRejected: true } });
    p.poll([{ ...maya, ...EXPIRED }]);
    expect(p.poll([maya]).notifications).toEqual([]);
  });

  it('groups three or more', () => {
    const p = new Planner();
    const many = ['a', 'b', 'c', 'd'].map((username) => makeAccount({ username }));
    p.poll(many.map((a) => ({ ...a, ...EXPIRED })));
    expect(texts(p.poll(many))).toEqual(['recovered: 4 accounts are synchronized again | @a, @b, @c and 1 more']);
  });
});

describe('reminders', () => {
  const maya = makeAccount({ username: 'maya_builds', squids: [] });
  const expired = { ...maya, ...EXPIRED };

  it('remind after the set hours, then every that many hours, while the account still needs re-sync', () => {
    const p = new Planner();
    p.settings = settingsWith({ reminderHours: 4 });
    p.poll([expired]);
    const shown: string[] = [];
    for (let i = 0; i < 10 * 12; i++) shown.push(...texts(p.poll([expired], 5 * MINUTE)).map((t) => `${(p.now - T0) / HOUR}h ${t}`));
    expect(shown).toEqual([
      '4.083333333333333h reminder: @maya_builds still needs cookie re-sync | X (Twitter) · cookies expired for 4 h · used by no squid',
      '8.083333333333334h reminder: @maya_builds still needs cookie re-sync | X (Twitter) · cookies expired for 8 h · used by no squid',
    ]);
  });

  it('stop once the account recovers, and start over if it expires again', () => {
    const p = new Planner();
    p.settings = settingsWith({ reminderHours: 1 });
    p.poll([expired]);
    p.poll([maya], 30 * MINUTE);
    expect(p.poll([maya], 2 * HOUR).notifications).toEqual([]);
    expect(p.poll([expired], HOUR).notifications.map((n) => n.kind)).toEqual(['needs_resync']);
    expect(p.poll([expired], 30 * MINUTE).notifications).toEqual([]);
    expect(p.poll([expired], 30 * MINUTE).notifications.map((n) => n.kind)).toEqual(['reminder']);
  });
});

describe('the key rejected', () => {
  it('is said once per run of auth failures, in its own words, and again after the connection came back', () => {
    const p = new Planner();
    p.poll([makeAccount()]);
    const first = p.fail('auth');
    expect(first.notifications).toEqual([
      {
        kind: 'key_rejected',
        title: 'Lobstr rejected the API key',
        body: 'Accounts are not being checked. Copy the key again from the API page of the Lobstr dashboard and set it in Settings.',
      },
    ]);
    expect(p.fail('auth').notifications).toEqual([]);
    expect(p.fail('network').notifications).toEqual([]);
    expect(p.fail('auth').notifications).toEqual([]);
    p.poll([makeAccount()]);
    expect(p.fail('auth').notifications.map((n) => n.kind)).toEqual(['key_rejected']);
  });

  it('other connection problems are not notifications (the icon says them)', () => {
    const p = new Planner();
    for (const kind of ['network', 'timeout', 'server', 'invalid_response', 'rate_limited', 'not_found'] as const) {
      expect(p.fail(kind).notifications).toEqual([]);
    }
  });

  it('a failed poll forgets nothing about the accounts', () => {
    const p = new Planner();
    const maya = makeAccount({ username: 'maya' });
    p.poll([{ ...maya, ...EXPIRED }]);
    p.fail('network');
    p.fail('server');
    expect(p.poll([{ ...maya, ...EXPIRED }]).notifications).toEqual([]);
    expect(p.poll([maya]).notifications.map((n) => n.kind)).toEqual(['recovered']);
  });
});

describe('snooze and kinds turned off', () => {
  const maya = makeAccount({ username: 'maya' });
  const ben = makeAccount({ username: 'ben' });

  it('shows nothing while snoozed, and does not catch up afterwards on what happened meanwhile', () => {
    const p = new Planner();
    p.poll([maya, ben]);
    p.settings = settingsWith({ snooze: { until: new Date(T0 + HOUR).toISOString() } });
    expect(p.poll([{ ...maya, ...EXPIRED }, ben], 10 * MINUTE).notifications).toEqual([]);
    expect(p.fail('auth', 10 * MINUTE).notifications).toEqual([]);
    expect(p.poll([{ ...maya, ...EXPIRED }, { ...ben, ...EXPIRED }], 10 * MINUTE).notifications).toEqual([]);
    // The snooze ended by itself: later news is shown, what happened during it is not.
    const after = p.poll([{ ...maya, ...EXPIRED }, { ...ben, ...EXPIRED }], HOUR);
    expect(after.notifications).toEqual([]);
    expect(texts(p.poll([maya, { ...ben, ...EXPIRED }], 5 * MINUTE))).toEqual(['recovered: @maya is synchronized again | X (Twitter) · synchronized']);
  });

  it('a reminder that fell due during a snooze is shown at the first poll after it', () => {
    const p = new Planner();
    p.settings = settingsWith({ reminderHours: 1, snooze: { until: null } });
    p.poll([{ ...maya, ...EXPIRED }]);
    expect(p.poll([{ ...maya, ...EXPIRED }], 2 * HOUR).notifications).toEqual([]);
    p.settings = settingsWith({ reminderHours: 1, snooze: null });
    expect(texts(p.poll([{ ...maya, ...EXPIRED }], MINUTE))).toEqual([
      'reminder: @maya still needs cookie re-sync | X (Twitter) · cookies expired for 2 h 1 min · used by 1 squid',
    ]);
  });

  it('each kind can be turned off; what happened while off is not announced when it is turned back on', () => {
    const p = new Planner();
    p.settings = settingsWith({ notifications: { needsResync: false, recovered: true, keyRejected: false } });
    expect(p.poll([{ ...maya, ...EXPIRED }]).notifications).toEqual([]);
    expect(p.fail('auth').notifications).toEqual([]);
    p.settings = settingsWith();
    expect(p.poll([{ ...maya, ...EXPIRED }]).notifications).toEqual([]);
    expect(p.poll([{ ...maya, ...EXPIRED }, { ...ben, ...EXPIRED }]).notifications.map((n) => n.title)).toEqual([
      '@ben needs cookie re-sync',
    ]);
  });
});

describe('accounts that leave the list', () => {
  const maya = makeAccount({ username: 'maya' });
  const ben = makeAccount({ username: 'ben' });

  it('one missing from a single poll and back still needing re-sync is not announced twice', () => {
    const p = new Planner();
    p.poll([{ ...maya, ...EXPIRED }, ben]);
    expect(p.poll([ben]).notifications).toEqual([]);
    expect(p.poll([{ ...maya, ...EXPIRED }, ben]).notifications).toEqual([]);
  });

  it('one gone for more than a day is forgotten: back needing re-sync, it is news', () => {
    const p = new Planner();
    p.poll([{ ...maya, ...EXPIRED }, ben]);
    p.poll([ben]);
    p.poll([ben], 25 * HOUR);
    expect(p.ledger.accounts[maya.id]).toBeUndefined();
    expect(p.poll([{ ...maya, ...EXPIRED }, ben]).notifications.map((n) => n.title)).toEqual(['@maya needs cookie re-sync']);
  });

  it('remembers health and what was notified for each account, as the store keeps it', () => {
    const p = new Planner();
    p.poll([maya, ben]);
    p.poll([{ ...maya, ...EXPIRED }, { ...ben, ...HEALTHY }]);
    expect(p.ledger.accounts[maya.id]).toEqual({
      health: 'needs_resync',
      reason: 'cookies expired',
      since: new Date(p.now).toISOString(),
      notified: { at: new Date(p.now).toISOString(), health: 'needs_resync' },
    });
    expect(p.ledger.accounts[ben.id]).toMatchObject({ health: 'ok', notified: null, since: new Date(T0 + 5 * MINUTE).toISOString() });
  });
});
