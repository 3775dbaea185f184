/**
 * The monitor with a fake clock and a scripted Lobstr: when it polls, how it backs off and waits
 * for a rate limit, what wakes it, that it never polls twice at once, what it reports.
 */
import { describe, expect, it } from 'vitest';
import type { MonitorEvent } from '../../main/core/appModel.js';
import { BACKOFF_MAX_MS, failureDelayMs, pollIntervalMs } from '../../main/core/monitor/monitor.js';
import {
  EXPIRED,
  HEALTHY,
  HOUR,
  MINUTE,
  T0,
  apiError,
  flush,
  makeAccount,
  monitorHarness,
} from './monitorFakes.js';

const SECOND = 1000;

const describeEvents = (events: MonitorEvent[]) =>
  events.map((e) => {
    switch (e.type) {
      case 'account_added':
        return `added @${e.account.username} ${e.health}`;
      case 'account_removed':
        return `removed @${e.account.username}`;
      case 'health_changed':
        return `@${e.account.username} ${e.from} -> ${e.to}`;
      case 'connection_error':
        return `connection ${e.problem.kind}${e.previous ? ` (was ${e.previous.kind})` : ''}`;
      case 'connection_restored':
        return `restored (was ${e.previous.kind})`;
    }
  });

describe('the poll schedule', () => {
  it('polls at once on start, then every 5 minutes: a day of polling in a moment', async () => {
    const h = monitorHarness({ accounts: [makeAccount(), makeAccount()] });
    h.monitor.start();
    await flush();
    expect(h.api.calls).toBe(1);
    const status = h.monitor.status();
    expect(status.snapshot?.accounts).toHaveLength(2);
    expect(status.snapshot?.checkedAt).toBe(new Date(T0).toISOString());
    expect(status.lastPollAt).toBe(new Date(T0).toISOString());
    expect(status.nextPollAt).toBe(new Date(T0 + 5 * MINUTE).toISOString());
    expect(status.polling).toBe(false);
    await h.clock.advance(24 * HOUR);
    expect(h.api.calls).toBe(1 + 288);
    await h.monitor.stop();
  });

  it('follows the interval setting, from 1 to 60 minutes', async () => {
    expect(pollIntervalMs({ pollIntervalMinutes: 1 })).toBe(MINUTE);
    expect(pollIntervalMs({ pollIntervalMinutes: 0 })).toBe(MINUTE);
    expect(pollIntervalMs({ pollIntervalMinutes: 90 })).toBe(HOUR);
    expect(pollIntervalMs({ pollIntervalMinutes: Number.NaN })).toBe(5 * MINUTE);

    const h = monitorHarness({ settings: { pollIntervalMinutes: 1 } });
    h.monitor.start();
    await flush();
    expect(await h.clock.runNextTimer()).toBe(MINUTE);
    await h.monitor.stop();
  });

  it('takes a new interval from the last poll when the settings change', async () => {
    const h = monitorHarness();
    h.monitor.start();
    await flush();
    await h.clock.advance(2 * MINUTE);
    h.settings = { ...h.settings, pollIntervalMinutes: 30 };
    h.monitor.settingsChanged();
    expect(h.monitor.status().nextPollAt).toBe(new Date(T0 + 30 * MINUTE).toISOString());
    h.settings = { ...h.settings, pollIntervalMinutes: 1 };
    h.monitor.settingsChanged();
    // Already overdue: polls at once.
    await flush();
    expect(h.api.calls).toBe(2);
    expect(h.monitor.status().nextPollAt).toBe(new Date(T0 + 3 * MINUTE).toISOString());
    await h.monitor.stop();
  });

  it('stops polling when stopped', async () => {
    const h = monitorHarness();
    h.monitor.start();
    await flush();
    await h.monitor.stop();
    await h.clock.advance(HOUR);
    expect(h.api.calls).toBe(1);
    expect(h.clock.pendingTimers).toBe(0);
    expect(h.monitor.status().nextPollAt).toBeNull();
  });
});

describe('failed polls', () => {
  it('keep the last good snapshot and say what is wrong, since when and how often', async () => {
    const h = monitorHarness({ accounts: [makeAccount(), makeAccount()] });
    h.monitor.start();
    await flush();
    h.api.failing = apiError('network');
    await h.clock.runNextTimer();
    const failedAt = h.clock.nowMs;
    await h.clock.runNextTimer();
    const status = h.monitor.status();
    expect(status.snapshot?.accounts).toHaveLength(2);
    expect(status.snapshot?.checkedAt).toBe(new Date(T0).toISOString());
    expect(status.lastPollAt).toBe(new Date(h.clock.nowMs).toISOString());
    expect(status.problem).toEqual({
      kind: 'network',
      message: 'Could not reach Lobstr at api.lobstr.io: connection refused.',
      since: new Date(failedAt).toISOString(),
      failures: 2,
    });
    await h.monitor.stop();
  });

  it('turn an unexpected error into a problem a person can read, not a crash', async () => {
    const h = monitorHarness();
    h.api.failing = new TypeError('fetch is not a function') as never;
    h.monitor.start();
    await flush();
    expect(h.monitor.status().problem).toMatchObject({
      kind: 'invalid_response',
      message: 'Checking the accounts failed unexpectedly: fetch is not a function',
    });
    await h.monitor.stop();
  });

  it('back off exponentially with jitter up to 15 minutes, then poll at the normal interval after a success', async () => {
    const h = monitorHarness({ accounts: [makeAccount()] });
    h.api.failing = apiError('server');
    h.monitor.start();
    await flush();
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) waits.push(await h.clock.runNextTimer());
    expect(waits.map((ms) => ms / SECOND)).toEqual([22.5, 45, 90, 180, 360, 675, 675, 675]);
    h.api.failing = null;
    await h.clock.runNextTimer();
    expect(h.monitor.status().problem).toBeNull();
    expect(await h.clock.runNextTimer()).toBe(5 * MINUTE);
    await h.monitor.stop();
  });

  it('spread retries between half and all of the doubling wait, never more than 15 minutes', () => {
    const table = [1, 2, 3, 6, 20].map((n) => [
      n,
      failureDelayMs(n, 5 * MINUTE, () => 0) / SECOND,
      failureDelayMs(n, 5 * MINUTE, () => 0.999999) / SECOND,
    ]);
    expect(table).toEqual([
      [1, 15, 30],
      [2, 30, 60],
      [3, 60, 120],
      [6, 450, 900],
      [20, 450, 900],
    ]);
    expect(failureDelayMs(1000, 5 * MINUTE, () => 1)).toBe(BACKOFF_MAX_MS);
    // A short interval (the watch's --interval 1) starts its backoff from there.
    expect(failureDelayMs(1, SECOND, () => 1)).toBe(SECOND);
  });

  it('wait what a rate-limiting server asks when it is longer than the backoff, up to an hour', async () => {
    const h = monitorHarness({ accounts: [makeAccount()] });
    h.api.failures = [apiError('rate_limited', 20 * MINUTE), apiError('rate_limited', 5 * SECOND), apiError('rate_limited', 5 * HOUR)];
    h.monitor.start();
    await flush();
    expect(h.monitor.status().problem?.kind).toBe('rate_limited');
    expect(await h.clock.runNextTimer()).toBe(20 * MINUTE);
    expect(await h.clock.runNextTimer()).toBe(45 * SECOND);
    expect(await h.clock.runNextTimer()).toBe(HOUR);
    expect(h.monitor.status().problem).toBeNull();
    await h.monitor.stop();
  });
});

describe('waking up', () => {
  it('polls at once on resume, unlock or network back, with the backoff forgotten', async () => {
    const h = monitorHarness({ accounts: [makeAccount()] });
    h.api.failing = apiError('network');
    h.monitor.start();
    await flush();
    for (let i = 0; i < 5; i++) await h.clock.runNextTimer();
    expect(h.api.calls).toBe(6);
    for (const reason of ['resume', 'unlock', 'online'] as const) {
      h.monitor.wake(reason);
      await flush();
    }
    expect(h.api.calls).toBe(9);
    expect(h.monitor.status().problem?.failures).toBe(9);
    // Still failing: the next try comes after the first step of the backoff, not the sixth.
    expect(await h.clock.runNextTimer()).toBe(22.5 * SECOND);
    h.api.failing = null;
    h.monitor.wake('online');
    await flush();
    expect(h.monitor.status().problem).toBeNull();
    await h.monitor.stop();
  });

  it('still honours a rate-limiting server: the wake-up poll waits until it allows', async () => {
    const h = monitorHarness({ accounts: [makeAccount()] });
    h.api.failures = [apiError('rate_limited', 20 * MINUTE)];
    h.monitor.start();
    await flush();
    await h.clock.advance(MINUTE);
    h.monitor.wake('online');
    await flush();
    expect(h.api.calls).toBe(1);
    expect(h.monitor.status().nextPollAt).toBe(new Date(T0 + 20 * MINUTE).toISOString());
    await h.monitor.stop();
  });

  it('does nothing before start or without a key', async () => {
    const h = monitorHarness({ configured: false });
    h.monitor.wake('resume');
    h.monitor.start();
    h.monitor.wake('resume');
    await flush();
    expect(h.api.calls).toBe(0);
    await h.monitor.stop();
  });
});

describe('never two polls at once', () => {
  it('refresh, wake-ups and the timer join the poll in flight', async () => {
    const h = monitorHarness({ accounts: [makeAccount()] });
    h.api.hold();
    h.monitor.start();
    await flush();
    expect(h.monitor.status().polling).toBe(true);
    const refreshes = [h.monitor.refreshNow(), h.monitor.refreshNow(), h.monitor.refreshNow()];
    h.monitor.wake('unlock');
    h.monitor.wake('online');
    await h.clock.advance(HOUR);
    expect(h.api.calls).toBe(1);
    let settled = 0;
    for (const r of refreshes) void r.then(() => settled++);
    await flush();
    expect(settled).toBe(0);
    h.api.release();
    await Promise.all(refreshes);
    expect(settled).toBe(3);
    // The poll succeeded: the wake-ups did not add another; the next is one interval later.
    expect(h.api.calls).toBe(1);
    expect(h.api.maxInFlight).toBe(1);
    expect(h.monitor.status()).toMatchObject({ polling: false, nextPollAt: new Date(h.clock.nowMs + 5 * MINUTE).toISOString() });
    await h.monitor.stop();
  });

  it('a wake-up during a poll that then fails tries once more right after it, not alongside it', async () => {
    const h = monitorHarness({ accounts: [makeAccount()] });
    h.api.hold();
    h.api.failures = [apiError('network')];
    h.monitor.start();
    await flush();
    h.monitor.wake('resume');
    h.api.release();
    await flush();
    expect(h.api.calls).toBe(2);
    expect(h.api.maxInFlight).toBe(1);
    expect(h.monitor.status().problem).toBeNull();
    await h.monitor.stop();
  });

  it('refreshNow polls at once between scheduled polls and resolves when it is done', async () => {
    const h = monitorHarness({ accounts: [makeAccount({ username: 'maya' })] });
    h.monitor.start();
    await flush();
    await h.clock.advance(MINUTE);
    h.api.set(h.api.accounts[0]!.id, EXPIRED);
    await h.monitor.refreshNow();
    expect(h.api.calls).toBe(2);
    expect(h.notifier.take().map((n) => n.title)).toEqual(['@maya needs cookie re-sync']);
    await h.monitor.stop();
  });
});

describe('what changed', () => {
  it('reports accounts added, removed and changing health, and the connection failing, changing and coming back', async () => {
    const maya = makeAccount({ username: 'maya' });
    const ben = makeAccount({ username: 'ben' });
    const h = monitorHarness({ accounts: [maya, ben] });
    h.monitor.start();
    await flush();
    expect(describeEvents(h.takeEvents())).toEqual(['added @maya ok', 'added @ben ok']);

    h.api.set(maya.id, EXPIRED);
    h.api.accounts = h.api.accounts.filter((a) => a.id !== ben.id);
    h.api.accounts.push(makeAccount({ username: 'li', ...EXPIRED }));
    await h.monitor.refreshNow();
    expect(describeEvents(h.takeEvents())).toEqual(['removed @ben', '@maya ok -> needs_resync', 'added @li needs_resync']);

    h.api.failures = [apiError('network'), apiError('network'), apiError('auth')];
    await h.monitor.refreshNow();
    await h.monitor.refreshNow();
    await h.monitor.refreshNow();
    expect(describeEvents(h.takeEvents())).toEqual(['connection network', 'connection auth (was network)']);
    await h.monitor.refreshNow();
    expect(describeEvents(h.takeEvents())).toEqual(['restored (was auth)']);
    await h.monitor.refreshNow();
    expect(h.takeEvents()).toEqual([]);
    await h.monitor.stop();
  });

  it('notices a lock running out between polls although the account data did not change', async () => {
    const locked = makeAccount({ username: 'linked', lock_time: Math.floor(T0 / 1000) + 600 });
    const h = monitorHarness({ accounts: [locked] });
    h.monitor.start();
    await flush();
    expect(describeEvents(h.takeEvents())).toEqual(['added @linked locked']);
    await h.clock.advance(15 * MINUTE);
    expect(describeEvents(h.takeEvents())).toEqual(['@linked locked -> ok']);
    await h.monitor.stop();
  });

  it('judges status 429 by the setting', async () => {
    const h = monitorHarness({ accounts: [makeAccount({ username: 'x429', status: '429' })], settings: { status429NeedsResync: false } });
    h.monitor.start();
    await flush();
    expect(describeEvents(h.takeEvents())).toEqual(['added @x429 attention']);
    expect(h.notifier.take()).toEqual([]);
    h.settings = { ...h.settings, status429NeedsResync: true };
    await h.monitor.refreshNow();
    expect(describeEvents(h.takeEvents())).toEqual(['@x429 attention -> needs_resync']);
    expect(h.notifier.take().map((n) => n.title)).toEqual(['@x429 needs cookie re-sync']);
    await h.monitor.stop();
  });
});

describe('notifications through the monitor', () => {
  it('on a new install, the first poll tells which accounts need re-sync (grouped from three)', async () => {
    const names = ['a', 'b', 'c', 'd'];
    const h = monitorHarness({ accounts: [...names.map((username) => makeAccount({ username, ...EXPIRED })), makeAccount()] });
    h.monitor.start();
    await flush();
    expect(h.notifier.take()).toEqual([
      { kind: 'needs_resync_group', title: '4 accounts need cookie re-sync', body: '@a, @b, @c and 1 more' },
    ]);
    await h.clock.advance(HOUR);
    expect(h.notifier.take()).toEqual([]);
    await h.monitor.stop();
  });

  it('a rejected key is said once, however many polls keep failing, and again only after a success', async () => {
    const h = monitorHarness({ accounts: [makeAccount()] });
    h.api.failing = apiError('auth');
    h.monitor.start();
    await h.clock.advance(6 * HOUR);
    expect(h.api.calls).toBeGreaterThan(20);
    expect(h.notifier.take().map((n) => n.title)).toEqual(['Lobstr rejected the API key']);
    h.api.failing = null;
    await h.monitor.refreshNow();
    h.api.failing = apiError('auth');
    await h.monitor.refreshNow();
    expect(h.notifier.take().map((n) => n.kind)).toEqual(['key_rejected']);
    await h.monitor.stop();
  });

  it('shows nothing while snoozed, while the status still tells the truth', async () => {
    const maya = makeAccount({ username: 'maya' });
    const h = monitorHarness({ accounts: [maya], settings: { snooze: { until: null } } });
    h.monitor.start();
    await flush();
    h.api.set(maya.id, EXPIRED);
    await h.monitor.refreshNow();
    expect(h.notifier.take()).toEqual([]);
    expect(h.monitor.status().snapshot?.accounts[0]?.status_code_info).toBe('cookies_expired');
    await h.monitor.stop();
  });

  it('a notifier or listener that throws does not stop the polling', async () => {
    const h = monitorHarness({ accounts: [makeAccount({ ...EXPIRED })] });
    h.notifier.show = () => {
      throw new Error('no notification daemon');
    };
    h.monitor.start();
    await flush();
    expect(h.warnings).toEqual(['A notification could not be shown: no notification daemon']);
    await h.clock.advance(HOUR);
    expect(h.api.calls).toBe(13);
    await h.monitor.stop();
  });
});

describe('configuration changes', () => {
  it('without a key nothing is polled; setting one polls at once', async () => {
    const h = monitorHarness({ accounts: [makeAccount()], configured: false });
    h.monitor.start();
    await h.clock.advance(HOUR);
    expect(h.api.calls).toBe(0);
    expect(h.monitor.status()).toMatchObject({ configured: false, nextPollAt: null, polling: false });
    h.monitor.setConfigured(true);
    await flush();
    expect(h.api.calls).toBe(1);
    expect(h.monitor.status().configured).toBe(true);
    await h.monitor.stop();
  });

  it('clearing the key stops the polling and drops the problem', async () => {
    const h = monitorHarness();
    h.api.failing = apiError('auth');
    h.monitor.start();
    await flush();
    h.monitor.setConfigured(false);
    expect(h.monitor.status()).toMatchObject({ configured: false, problem: null, nextPollAt: null });
    await h.clock.advance(HOUR);
    expect(h.api.calls).toBe(1);
    await h.monitor.stop();
  });

  it('a new key drops the old problem at once and polls now, abandoning a poll in flight', async () => {
    const h = monitorHarness({ accounts: [makeAccount()] });
    h.api.failing = apiError('auth');
    h.monitor.start();
    await flush();
    expect(h.notifier.take().map((n) => n.kind)).toEqual(['key_rejected']);
    h.api.failing = null;
    h.api.hold();
    const refreshed = h.monitor.refreshNow();
    await flush();
    h.monitor.reconfigure();
    expect(h.monitor.status().problem).toBeNull();
    h.api.release();
    // The refresh the user asked for ends with the poll that counts, not the abandoned one.
    await refreshed;
    expect(h.monitor.status().snapshot?.accounts).toHaveLength(1);
    await flush();
    expect(h.api.aborted).toBe(1);
    expect(h.api.calls).toBe(3);
    expect(h.api.maxInFlight).toBe(1);
    expect(h.monitor.status()).toMatchObject({ problem: null, polling: false });
    expect(h.monitor.status().snapshot?.accounts).toHaveLength(1);
    // A new key that is rejected too is news.
    h.api.failing = apiError('auth');
    h.monitor.reconfigure();
    await flush();
    expect(h.notifier.take().map((n) => n.kind)).toEqual(['key_rejected']);
    await h.monitor.stop();
  });

  it('switching source forgets the old list: the new one is reported as on a first run', async () => {
    const h = monitorHarness({ accounts: [makeAccount({ username: 'demo_one', ...EXPIRED })] });
    h.monitor.start();
    await flush();
    h.notifier.take();
    h.takeEvents();
    h.api.hold();
    await h.clock.advance(5 * MINUTE);
    h.api.accounts = [makeAccount({ username: 'real_one', ...EXPIRED })];
    h.monitor.reconfigure({ forgetAccounts: true });
    expect(h.monitor.status().snapshot).toBeNull();
    h.api.release();
    await flush();
    expect(h.api.aborted).toBe(1);
    expect(describeEvents(h.takeEvents())).toEqual(['added @real_one needs_resync']);
    expect(h.notifier.take().map((n) => n.title)).toEqual(['@real_one needs cookie re-sync']);
    await h.monitor.stop();
  });
});

describe('an account re-read on its own (the details view)', () => {
  it('is taken in at once, and a poll that was on its way with the older copy neither undoes it nor repeats its alert', async () => {
    const account = makeAccount();
    const h = monitorHarness({ accounts: [account] });
    h.monitor.start();
    await flush();
    h.api.hold();
    const poll = h.monitor.refreshNow();
    await flush();

    await h.monitor.accountRead({ ...account, ...EXPIRED });
    expect(h.monitor.status().snapshot?.accounts[0]?.status).toBe('401');
    expect(h.notifier.shown.map((n) => n.kind)).toEqual(['needs_resync']);

    // The poll answers with the copy from before the read: the read is newer and stays.
    h.api.release();
    await poll;
    expect(h.monitor.status().snapshot?.accounts[0]?.status).toBe('401');
    h.api.set(account.id, EXPIRED);
    await h.monitor.refreshNow();
    expect(h.notifier.shown.map((n) => n.kind)).toEqual(['needs_resync']);
    await h.monitor.stop();
  });

  it('of an account the list does not hold waits for the next poll', async () => {
    const h = monitorHarness({ accounts: [makeAccount()] });
    h.monitor.start();
    await flush();
    await h.monitor.accountRead(makeAccount(EXPIRED));
    expect(h.monitor.status().snapshot?.accounts).toHaveLength(1);
    expect(h.notifier.shown).toEqual([]);
    await h.monitor.stop();
  });
});
describe('an account the user re-synced from the app', () => {
  /** A monitor that has announced @maya_builds needing re-sync. */
  async function expiredAndAnnounced() {
    const account = makeAccount({ ...EXPIRED, username: 'maya_builds' });
    const h = monitorHarness({ accounts: [account] });
    h.monitor.start();
    await flush();
    expect(h.notifier.take().map((n) => n.title)).toEqual(['@maya_builds needs cookie re-sync']);
    h.takeEvents();
    return { account, h };
  }

  it('turns green at once, without waiting for the next poll, and without a "synchronized again" notification (the window shows the success)', async () => {
    const { account, h } = await expiredAndAnnounced();
    const polls = h.api.calls;

    await h.monitor.accountResynced({ ...account, ...HEALTHY });
    expect(h.monitor.status().snapshot?.counts).toMatchObject({ ok: 1, needs_resync: 0 });
    expect(h.api.calls).toBe(polls);
    expect(describeEvents(h.takeEvents())).toEqual(['@maya_builds needs_resync -> ok']);

    h.api.set(account.id, HEALTHY);
    await h.monitor.refreshNow();
    expect(h.notifier.shown).toEqual([]);
    await h.monitor.stop();
  });

  it('a recovery seen otherwise (a poll, or the details Refresh) is still announced', async () => {
    const { account, h } = await expiredAndAnnounced();
    await h.monitor.accountRead({ ...account, ...HEALTHY });
    expect(h.notifier.take().map((n) => n.title)).toEqual(['@maya_builds is synchronized again']);
    await h.monitor.stop();
  });

  it('when Lobstr still shows the old state right after the sync, the recovery the next poll sees is not announced either', async () => {
    const { account, h } = await expiredAndAnnounced();
    await h.monitor.accountResynced({ ...account });
    h.api.set(account.id, HEALTHY);
    await h.monitor.refreshNow();
    expect(h.monitor.status().snapshot?.counts.ok).toBe(1);
    expect(h.notifier.shown).toEqual([]);
    await h.monitor.stop();
  });

  it('a poll on its way with the older copy neither undoes it nor announces it', async () => {
    const { account, h } = await expiredAndAnnounced();
    h.api.hold();
    const poll = h.monitor.refreshNow();
    await flush();
    await h.monitor.accountResynced({ ...account, ...HEALTHY });
    h.api.release();
    await poll;
    expect(h.monitor.status().snapshot?.counts.ok).toBe(1);
    expect(h.notifier.shown).toEqual([]);
    await h.monitor.stop();
  });

  it('only that one recovery is kept quiet: a later expiry and recovery are announced as usual', async () => {
    const { account, h } = await expiredAndAnnounced();
    await h.monitor.accountResynced({ ...account, ...HEALTHY });
    h.api.set(account.id, EXPIRED);
    await h.monitor.refreshNow();
    h.api.set(account.id, HEALTHY);
    await h.monitor.refreshNow();
    expect(h.notifier.take().map((n) => n.title)).toEqual(['@maya_builds needs cookie re-sync', '@maya_builds is synchronized again']);
    await h.monitor.stop();
  });
});
