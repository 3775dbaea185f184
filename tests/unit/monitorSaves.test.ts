/**
 * When the monitor writes its state: only when something the file holds changed (the accounts, their
 * health, the alert ledger, the connection problem), so a poll where nothing changed writes nothing;
 * the time of the last check is written with the next change, and at stop, so a restart still says
 * when Lobstr was last read.
 */
import { describe, expect, it } from 'vitest';
import { MemoryMonitorStore, parseMonitorState } from '../../main/core/monitor/monitorStore.js';
import { EXPIRED, FakeClock, FakeLobstr, MINUTE, apiError, makeAccount, monitorHarness } from './monitorFakes.js';

describe('the state the monitor saves', () => {
  it('is written at the first poll, not again for polls where nothing changed, and again when something did', async () => {
    const store = new MemoryMonitorStore();
    const accounts = [makeAccount({ username: 'maya' }), makeAccount({ username: 'ben' })];
    const h = monitorHarness({ store, api: new FakeLobstr(accounts) });
    h.monitor.start();
    await h.monitor.refreshNow();
    expect(store.saves).toBe(1);

    await h.clock.advance(5 * MINUTE);
    await h.monitor.refreshNow();
    await h.clock.advance(5 * MINUTE);
    await h.monitor.refreshNow();
    expect(store.saves).toBe(1);

    h.api.set(accounts[0]!.id, EXPIRED);
    await h.monitor.refreshNow();
    expect(store.saves).toBe(2);
    await h.monitor.stop();
  });

  it('is written once when a run of failures starts, not at each failure of the same kind', async () => {
    const store = new MemoryMonitorStore();
    const h = monitorHarness({ store, api: new FakeLobstr([makeAccount()]) });
    h.monitor.start();
    await h.monitor.refreshNow();
    h.api.failing = apiError('network');
    await h.monitor.refreshNow();
    await h.monitor.refreshNow();
    await h.monitor.refreshNow();
    expect(store.saves).toBe(2);
    await h.monitor.stop();
  });

  it('keeps the last check time at stop, so a restart says when Lobstr was last read', async () => {
    const store = new MemoryMonitorStore();
    const clock = new FakeClock();
    const h = monitorHarness({ store, clock, api: new FakeLobstr([makeAccount()]) });
    h.monitor.start();
    await h.monitor.refreshNow();
    await clock.advance(7 * MINUTE);
    await h.monitor.refreshNow();
    const lastCheck = h.monitor.status().snapshot!.checkedAt;
    await h.monitor.stop();
    expect(store.saves).toBe(2);
    expect(parseMonitorState(store.text!).state?.snapshot?.checkedAt).toBe(lastCheck);
  });

  it('keeps the judged objects of unchanged accounts: a poll where nothing changed changes no revision and no object', async () => {
    const h = monitorHarness({ api: new FakeLobstr([makeAccount(), makeAccount({ ...EXPIRED })]) });
    h.monitor.start();
    await h.monitor.refreshNow();
    const before = h.monitor.status().snapshot!;
    await h.clock.advance(5 * MINUTE);
    await h.monitor.refreshNow();
    const after = h.monitor.status().snapshot!;
    expect(after.revision).toBe(before.revision);
    expect(after.checkedAt).not.toBe(before.checkedAt);
    after.assessed.forEach((item, i) => expect(item).toBe(before.assessed[i]));
    expect(h.monitor.changesSince(before.revision)).toBeNull();
    await h.monitor.stop();
  });
});
