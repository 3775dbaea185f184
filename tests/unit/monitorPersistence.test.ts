/**
 * What survives a restart: a new monitor on the same store shows the last state at once, does not
 * repeat what the user already saw, and reports what changed while it was closed. A damaged store
 * never stops the app.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_LEDGER } from '../../main/core/monitor/alertPlanner.js';
import {
  JsonFileMonitorStore,
  MemoryMonitorStore,
  parseMonitorState,
  serialiseMonitorState,
  type PersistedMonitorState,
} from '../../main/core/monitor/monitorStore.js';
import { EXPIRED, FakeClock, FakeLobstr, HEALTHY, HOUR, MINUTE, T0, apiError, flush, makeAccount, monitorHarness } from './monitorFakes.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lobstr-monitor-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('a restart', () => {
  const maya = makeAccount({ username: 'maya' });
  const ben = makeAccount({ username: 'ben' });
  const li = makeAccount({ username: 'li' });

  async function firstRun(store: MemoryMonitorStore) {
    const clock = new FakeClock();
    const api = new FakeLobstr([{ ...maya, ...EXPIRED }, ben, li]);
    const h = monitorHarness({ store, clock, api });
    h.monitor.start();
    await flush();
    expect(h.notifier.take().map((n) => n.title)).toEqual(['@maya needs cookie re-sync']);
    await h.monitor.stop();
    return { clock, api };
  }

  it('shows the last state at once, before the first poll answers', async () => {
    const store = new MemoryMonitorStore();
    const { clock, api } = await firstRun(store);
    clock.nowMs += 3 * HOUR;
    api.hold();
    const h = monitorHarness({ store, clock, api });
    h.monitor.start();
    const status = h.monitor.status();
    expect(status.snapshot?.accounts.map((a) => a.username)).toEqual(['maya', 'ben', 'li']);
    expect(status.snapshot?.checkedAt).toBe(new Date(T0).toISOString());
    expect(status.polling).toBe(true);
    api.release();
    await flush();
    expect(h.monitor.status().snapshot?.checkedAt).toBe(new Date(T0 + 3 * HOUR).toISOString());
    await h.monitor.stop();
  });

  it('does not repeat what the user already saw', async () => {
    const store = new MemoryMonitorStore();
    const { clock, api } = await firstRun(store);
    const h = monitorHarness({ store, clock, api });
    h.monitor.start();
    await h.clock.advance(2 * HOUR);
    expect(h.notifier.take()).toEqual([]);
    expect(h.events).toEqual([]);
    await h.monitor.stop();
  });

  it('reports what changed while the app was closed', async () => {
    const store = new MemoryMonitorStore();
    const { clock, api } = await firstRun(store);
    api.set(maya.id, HEALTHY);
    api.set(ben.id, EXPIRED);
    api.accounts = api.accounts.filter((a) => a.id !== li.id);
    clock.nowMs += 8 * HOUR;
    const h = monitorHarness({ store, clock, api });
    h.monitor.start();
    await flush();
    expect(h.notifier.take().map((n) => n.title)).toEqual(['@ben needs cookie re-sync', '@maya is synchronized again']);
    expect(h.events.map((e) => e.type)).toEqual(['account_removed', 'health_changed', 'health_changed']);
    await h.monitor.stop();
  });

  it('does not say again that the key was rejected, but says the connection came back', async () => {
    const store = new MemoryMonitorStore();
    const clock = new FakeClock();
    const api = new FakeLobstr([maya]);
    api.failing = apiError('auth');
    const first = monitorHarness({ store, clock, api });
    first.monitor.start();
    await flush();
    expect(first.notifier.take().map((n) => n.kind)).toEqual(['key_rejected']);
    await first.monitor.stop();

    const second = monitorHarness({ store, clock, api });
    second.monitor.start();
    expect(second.monitor.status().problem?.kind).toBe('auth');
    await second.clock.advance(HOUR);
    expect(second.notifier.take()).toEqual([]);
    api.failing = null;
    await second.monitor.refreshNow();
    expect(second.events.map((e) => e.type)).toEqual(['connection_restored', 'account_added']);
    await second.monitor.stop();
  });

  it('keeps reminders on schedule across it', async () => {
    const store = new MemoryMonitorStore();
    const clock = new FakeClock();
    const api = new FakeLobstr([{ ...maya, ...EXPIRED }]);
    const first = monitorHarness({ store, clock, api, settings: { reminderHours: 4 } });
    first.monitor.start();
    await first.clock.advance(3 * HOUR);
    await first.monitor.stop();
    expect(first.notifier.take().map((n) => n.kind)).toEqual(['needs_resync']);
    const second = monitorHarness({ store, clock, api, settings: { reminderHours: 4 } });
    second.monitor.start();
    await second.clock.advance(HOUR + MINUTE);
    expect(second.notifier.take().map((n) => n.title)).toEqual(['@maya still needs cookie re-sync']);
    await second.monitor.stop();
  });
});

describe('a damaged store', () => {
  it('is met by starting fresh, with a warning, and no crash', async () => {
    for (const text of ['{"version":1,"snapshot":', '{"version":99}', '[]', '{"version":1,"savedAt":"x"}']) {
      const store = new MemoryMonitorStore(text);
      const h = monitorHarness({ store, accounts: [makeAccount({ username: 'maya', ...EXPIRED })] });
      const { warnings } = h.monitor.start();
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^The saved monitor state could not be used: it is (not valid JSON|not in the expected form)/);
      expect(warnings[0]).toContain('Starting fresh');
      expect(h.monitor.status().snapshot).toBeNull();
      await flush();
      expect(h.notifier.take().map((n) => n.title)).toEqual(['@maya needs cookie re-sync']);
      expect(store.load().warning).toBeNull();
      await h.monitor.stop();
    }
  });

  it('that cannot be saved is a warning; the polling goes on', async () => {
    const h = monitorHarness({
      accounts: [makeAccount()],
      store: {
        load: () => ({ state: null, warning: null }),
        save: () => Promise.reject(new Error('disk full')),
      },
    });
    h.monitor.start();
    await h.clock.advance(HOUR);
    expect(h.api.calls).toBe(13);
    expect(h.warnings[0]).toBe(
      'The monitor state could not be saved (disk full); after a restart, alerts already shown may be shown again.',
    );
    await h.monitor.stop();
  });

  it('whose load throws is a warning too', async () => {
    const h = monitorHarness({
      store: {
        load: () => {
          throw new Error('EACCES');
        },
        save: () => undefined,
      },
    });
    expect(h.monitor.start().warnings).toEqual(['The saved monitor state could not be loaded (EACCES); starting fresh.']);
    await h.monitor.stop();
  });
});

describe('the state file', () => {
  const icon = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
  const saved: PersistedMonitorState = {
    snapshot: {
      checkedAt: new Date(T0).toISOString(),
      accounts: Array.from({ length: 50 }, (_, i) =>
        makeAccount({ username: `u${i}`, icon, extra: { surprise: i }, ...(i === 0 ? { problem: 'status: missing' } : {}) }),
      ),
      warnings: ['Lobstr reported 9 pages'],
    },
    problem: { kind: 'server', message: 'boom', since: new Date(T0).toISOString(), failures: 2 },
    ledger: {
      accounts: { a: { health: 'needs_resync', reason: 'cookies expired', since: new Date(T0).toISOString(), notified: null } },
      keyRejectedShown: true,
    },
  };
  const state = (): PersistedMonitorState => structuredClone(saved);

  it('round-trips everything, with each icon stored once', () => {
    const text = serialiseMonitorState(state(), T0);
    expect(text.split(icon).length - 1).toBe(1);
    expect(parseMonitorState(text)).toEqual({ state: state(), warning: null });
  });

  it('is written whole, readable by the user only, and read back by a new store', async () => {
    const file = join(tempDir(), 'nested', 'monitor-state.json');
    const store = new JsonFileMonitorStore(file);
    expect(store.load()).toEqual({ state: null, warning: null });
    await store.save(state());
    await store.save({ snapshot: null, problem: null, ledger: EMPTY_LEDGER });
    await store.save(state());
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(new JsonFileMonitorStore(file).load()).toEqual({ state: state(), warning: null });
  });

  it('that is damaged is moved aside, and the app starts fresh', () => {
    const file = join(tempDir(), 'monitor-state.json');
    writeFileSync(file, '{"version":1, "snap');
    const loaded = new JsonFileMonitorStore(file).load();
    expect(loaded.state).toBeNull();
    expect(loaded.warning).toContain(`The monitor state file ${file} could not be used: it is not valid JSON`);
    expect(loaded.warning).toContain(`moved to ${file}.unreadable`);
    expect(readFileSync(`${file}.unreadable`, 'utf8')).toBe('{"version":1, "snap');
    expect(existsSync(file)).toBe(false);
  });

  it('that cannot be read (a directory in its place) is a warning, not a crash', () => {
    const dir = tempDir();
    const loaded = new JsonFileMonitorStore(dir).load();
    expect(loaded.state).toBeNull();
    expect(loaded.warning).toMatch(/could not be read \(EISDIR\)/);
  });

  it('whose save fails leaves no temporary file behind, and the next save that can works', async () => {
    const dir = tempDir();
    const file = join(dir, 'monitor-state.json');
    mkdirSync(file);
    const store = new JsonFileMonitorStore(file);
    await expect(store.save(state())).rejects.toThrow(/EISDIR|EEXIST|ENOTEMPTY|EPERM/);
    expect(readdirSync(dir)).toEqual(['monitor-state.json']);
    rmSync(file, { recursive: true });
    await store.save(state());
    expect(new JsonFileMonitorStore(file).load()).toEqual({ state: state(), warning: null });
  });

  it.runIf(existsSync('/proc/self'))('under /proc (where Node\'s recursive mkdir never returns) fails its check and its save at once', async () => {
    const store = new JsonFileMonitorStore('/proc/lobstr-tray-test/deeper/monitor-state.json');
    await expect(store.checkWritable()).rejects.toThrow(/^its folder \/proc\/lobstr-tray-test\/deeper cannot be created \(ENOENT\)$/);
    await expect(store.save(state())).rejects.toThrow(/ENOENT/);
  }, 5_000);
});
