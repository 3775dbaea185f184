/**
 * How fresh the window's list is: the snapshot says when the last check succeeded, since when
 * checks have been failing, and whether the list is the last known state (stale), so the header
 * never says "checked just now" above a failure. Kept across a restart by the state file.
 */
import { describe, expect, test } from 'vitest';
import { DEFAULT_HEALTH_RULES } from '../../main/core/health/accountHealth.js';
import { MemoryMonitorStore } from '../../main/core/monitor/monitorStore.js';
import { snapshotDeltaView, snapshotView } from '../../main/core/views/rendererViews.js';
import type { Monitor } from '../../main/core/monitor/monitor.js';
import { FakeClock, FakeLobstr, MINUTE, T0, apiError, flush, makeAccount, monitorHarness } from './monitorFakes.js';

const iso = (ms: number): string => new Date(ms).toISOString();
const viewOf = (monitor: Monitor, nowMs: number) => snapshotView(monitor.status(), { nowMs, demo: false, rules: DEFAULT_HEALTH_RULES });
const freshness = (monitor: Monitor, nowMs: number) => {
  const { lastSuccessAt, failingSince, stale } = viewOf(monitor, nowMs);
  return { lastSuccessAt, failingSince, stale };
};

/** Checks at T0 and T0+5 min succeed (the second changes nothing the file holds), then Lobstr fails from T0+10 min. */
async function failingAfterTwoChecks(options: Parameters<typeof monitorHarness>[0] = {}) {
  const h = monitorHarness({ accounts: [makeAccount({ username: 'maya' })], ...options });
  h.monitor.start();
  await flush();
  await h.clock.advance(5 * MINUTE);
  h.api.failing = apiError('server');
  await h.clock.advance(5 * MINUTE);
  expect(h.monitor.status().problem?.kind).toBe('server');
  return h;
}

describe('the snapshot says how fresh the list is', () => {
  test('while checks succeed: the last success is the accounts\' time, nothing is failing, the list is not stale', async () => {
    const h = monitorHarness({ accounts: [makeAccount()] });
    h.monitor.start();
    await flush();
    expect(freshness(h.monitor, T0)).toEqual({ lastSuccessAt: iso(T0), failingSince: null, stale: false });
    await h.monitor.stop();
  });

  test('before any check: no success, nothing failing, not stale', () => {
    const h = monitorHarness({ configured: false });
    expect(freshness(h.monitor, T0)).toEqual({ lastSuccessAt: null, failingSince: null, stale: false });
  });

  test('while checks fail: the last success stays, failing since the first failure, stale; a success ends it', async () => {
    const h = await failingAfterTwoChecks();
    // A few more failures on the backoff: the last attempt moves on, the last success and the start of the failure do not.
    await h.clock.advance(3 * MINUTE);
    const view = viewOf(h.monitor, h.clock.nowMs);
    expect(view.problem?.failures).toBeGreaterThan(1);
    expect(view.lastPollAt).not.toBe(iso(T0 + 5 * MINUTE));
    expect({ lastSuccessAt: view.lastSuccessAt, failingSince: view.failingSince, stale: view.stale }).toEqual({
      lastSuccessAt: iso(T0 + 5 * MINUTE),
      failingSince: iso(T0 + 10 * MINUTE),
      stale: true,
    });
    // The window's deltas carry the same.
    const delta = snapshotDeltaView(h.monitor.status(), null, {}, { nowMs: h.clock.nowMs, demo: false, rules: DEFAULT_HEALTH_RULES });
    expect(delta.status).toMatchObject({ lastSuccessAt: iso(T0 + 5 * MINUTE), failingSince: iso(T0 + 10 * MINUTE), stale: true });

    h.api.failing = null;
    await h.monitor.refreshNow();
    expect(freshness(h.monitor, h.clock.nowMs)).toEqual({ lastSuccessAt: iso(h.clock.nowMs), failingSince: null, stale: false });
    await h.monitor.stop();
  });

  test('a failure with no success before it: stale with no last success', async () => {
    const h = monitorHarness({ accounts: [makeAccount()] });
    h.api.failing = apiError('network');
    h.monitor.start();
    await flush();
    expect(freshness(h.monitor, T0)).toEqual({ lastSuccessAt: null, failingSince: iso(T0), stale: true });
    await h.monitor.stop();
  });

  test('a restart while failing (even one that never stopped cleanly) keeps the last success and the start of the failure', async () => {
    // The memory store keeps the file's text (the same form, written and read back).
    const store = new MemoryMonitorStore();
    const clock = new FakeClock();
    const api = new FakeLobstr([makeAccount({ username: 'maya' })]);
    // The first run is killed: no stop(), so the file holds only what the monitor saved as it went.
    await failingAfterTwoChecks({ store, clock, api });
    await flush();

    clock.nowMs += 60 * MINUTE;
    api.hold();
    const second = monitorHarness({ store, clock, api });
    second.monitor.start();
    expect(freshness(second.monitor, clock.nowMs)).toEqual({
      lastSuccessAt: iso(T0 + 5 * MINUTE),
      failingSince: iso(T0 + 10 * MINUTE),
      stale: true,
    });
    // Its first check fails too: still failing since the same time.
    api.release();
    await flush();
    expect(second.monitor.status().polling).toBe(false);
    expect(freshness(second.monitor, clock.nowMs)).toEqual({
      lastSuccessAt: iso(T0 + 5 * MINUTE),
      failingSince: iso(T0 + 10 * MINUTE),
      stale: true,
    });
    await second.monitor.stop();
  });
});
