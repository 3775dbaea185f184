/**
 * The monitor's state file at the sizes users have: small (under 3 MB at 10,000 accounts) yet holding
 * every field the window shows, written atomically (a failure or a crash at any step leaves the
 * previous file whole), without blocking the main process while a big state is written, in order,
 * and read back with one string per distinct icon. A file of the first version still loads.
 */
import * as nodeFs from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Account } from '../../main/core/lobstr/account.js';
import {
  JsonFileMonitorStore,
  parseMonitorState,
  serialiseMonitorState,
  type PersistedMonitorState,
  type StateFileSystem,
} from '../../main/core/monitor/monitorStore.js';
import { demoState, simulatedState, STATE_NOW } from '../fixtures/monitorStates.js';
import { makeAccount } from './monitorFakes.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lobstr-state-file-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const fixture = (name: string): string => readFileSync(join(import.meta.dirname, '..', 'fixtures', name), 'utf8');
/** Equal, keys in the same order (the details list params and extra fields in the order received). */
const sameText = (a: unknown, b: unknown): void => expect(JSON.stringify(a)).toBe(JSON.stringify(b));

describe('the state file holds what a restart needs, compactly', () => {
  it('at 10,000 accounts as the simulator makes them: under 3 MB, every field given back as it was', () => {
    const state = simulatedState(10_000);
    const text = serialiseMonitorState(state, STATE_NOW);
    expect(Buffer.byteLength(text)).toBeLessThan(3_000_000);
    const loaded = parseMonitorState(text);
    expect(loaded.warning).toBeNull();
    expect(loaded.state).toStrictEqual(state);
    sameText(loaded.state, state);
  });

  it('for the demo after a cycle of its timeline (alerts remembered), and for odd accounts', () => {
    const demo = demoState();
    const odd: Account[] = [
      makeAccount({ problem: 'status_code_info: expected a string', status: '', icon: '' }),
      makeAccount({
        params: { default: { list: [1, 'two', null, { deep: [[]] }], empty: {} }, user: { constructor: 1, toString: 'x' } },
        extra: { brand_new: { nested: [1, { a: null }] }, zero: 0, flag: false },
        lock_time: 1_795_000_000,
        resets_in: 60,
        primary_color: null,
        updated_at: '2026-01-01T00:00:00.123456+00:00',
        icon: 'data:image/png;base64,AAAA',
      }),
      makeAccount({ squids: [], cookies: [], params: { default: [], user: 'text' } as never, username: 'Zoë "quoted" \\ ✓' }),
    ];
    const state: PersistedMonitorState = {
      ...demo,
      snapshot: { ...demo.snapshot!, accounts: [...demo.snapshot!.accounts, ...odd], warnings: ['Lobstr reported 9 pages'] },
      problem: { kind: 'server', message: 'Lobstr answered 502', since: new Date(STATE_NOW).toISOString(), failures: 2 },
    };
    expect(Object.values(state.ledger.accounts).some((memory) => memory.notified !== null)).toBe(true);
    const loaded = parseMonitorState(serialiseMonitorState(state, STATE_NOW));
    expect(loaded).toStrictEqual({ state, warning: null });
    sameText(loaded.state, state);
  });

  it('with nothing seen yet', () => {
    const state: PersistedMonitorState = { snapshot: null, problem: null, ledger: { accounts: {}, keyRejectedShown: true } };
    expect(parseMonitorState(serialiseMonitorState(state))).toStrictEqual({ state, warning: null });
  });

  it('a file of the first version still loads, and is rewritten in the current one', async () => {
    const expected = JSON.parse(fixture('monitor-state-v1.expected.json')) as PersistedMonitorState;
    const v1 = fixture('monitor-state-v1.json');
    expect(JSON.parse(v1).version).toBe(1);
    const loaded = parseMonitorState(v1);
    expect(loaded).toStrictEqual({ state: expected, warning: null });

    const file = join(tempDir(), 'monitor-state.json');
    writeFileSync(file, v1);
    const store = new JsonFileMonitorStore(file);
    const state = store.load().state!;
    await store.save(state);
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(2);
    expect(new JsonFileMonitorStore(file).load()).toStrictEqual({ state: expected, warning: null });
  });

  it('that is damaged in the current version is moved aside with the same warning', () => {
    const good = JSON.parse(serialiseMonitorState(simulatedState(20), STATE_NOW)) as Record<string, unknown>;
    const damaged = (change: (file: any) => void): string => {
      const copy = structuredClone(good);
      change(copy);
      return JSON.stringify(copy);
    };
    const cases = [
      damaged((f) => (f.snapshot.accounts[3][0] = 42)),
      damaged((f) => f.snapshot.accounts[5].splice(1)),
      damaged((f) => (f.snapshot.accounts[0][5] = 99_999)),
      damaged((f) => (f.values = 'nothing')),
      damaged((f) => (f.ledger.accounts[2] = null)),
      damaged((f) => delete f.snapshot.checkedAt),
      serialiseMonitorState(simulatedState(20), STATE_NOW).slice(0, -40),
    ];
    for (const text of cases) {
      const file = join(tempDir(), 'monitor-state.json');
      writeFileSync(file, text);
      const loaded = new JsonFileMonitorStore(file).load();
      expect(loaded.state).toBeNull();
      expect(loaded.warning).toMatch(
        new RegExp(`^The monitor state file ${file} could not be used: it (is not valid JSON|is not in the expected form|refers to)`),
      );
      expect(loaded.warning).toContain('Starting fresh');
      expect(loaded.warning).toContain(`moved to ${file}.unreadable`);
      expect(readFileSync(`${file}.unreadable`, 'utf8')).toBe(text);
    }
  });
});

/** node:fs/promises, recording each operation; the one numbered `failAt` fails; `before` runs before each. */
function recordingFs(options: { failAt?: number; before?: (op: string) => void } = {}) {
  const log: string[] = [];
  const opened: string[] = [];
  const step = (op: string): void => {
    options.before?.(op);
    const index = log.push(op) - 1;
    if (index === options.failAt) throw Object.assign(new Error(`injected failure of ${op}`), { code: 'EIO' });
  };
  const fs: StateFileSystem = {
    async mkdir(path) {
      step('mkdir');
      return nodeFs.mkdir(path);
    },
    async open(path, flags, mode) {
      step(flags === 'r' ? 'open folder' : 'open');
      opened.push(path);
      const handle = await nodeFs.open(path, flags, mode);
      return {
        async write(buffer, offset, length) {
          step('write');
          return handle.write(buffer, offset, length);
        },
        async sync() {
          step('sync');
          return handle.sync();
        },
        async close() {
          step('close');
          return handle.close();
        },
      };
    },
    async rename(from, to) {
      step('rename');
      return nodeFs.rename(from, to);
    },
    async rm(path, rmOptions) {
      step('rm');
      return nodeFs.rm(path, rmOptions);
    },
  };
  return { fs, log, opened };
}

describe('a save', () => {
  const before = simulatedState(30, 1);
  const after = simulatedState(40, 2);

  it('writes a temporary file in the same folder, flushes it to the disk, then renames it over the old one', async () => {
    const dir = tempDir();
    const file = join(dir, 'monitor-state.json');
    const { fs, log, opened } = recordingFs();
    await new JsonFileMonitorStore(file, { fs }).save(after);
    expect(dirname(opened[0]!)).toBe(dir);
    expect(opened[0]).not.toBe(file);
    const renamed = log.indexOf('rename');
    expect(log.slice(0, renamed + 1)).toEqual(['mkdir', 'open', ...log.filter((op) => op === 'write'), 'sync', 'close', 'rename']);
    expect(log.filter((op) => op === 'write').length).toBeGreaterThan(0);
    expect(readdirSync(dir)).toEqual(['monitor-state.json']);
    expect(new JsonFileMonitorStore(file).load().state).toStrictEqual(after);
  });

  it('that fails at any step leaves the previous file whole and no temporary file; a crash at any step too', async () => {
    const dir = tempDir();
    const file = join(dir, 'monitor-state.json');
    const steps = recordingFs();
    await new JsonFileMonitorStore(file, { fs: steps.fs }).save(after);
    const count = steps.log.length;
    const renamedAt = steps.log.indexOf('rename');
    expect(renamedAt).toBeGreaterThan(0);

    for (let failAt = 0; failAt < count; failAt++) {
      await new JsonFileMonitorStore(file).save(before);
      const previous = readFileSync(file, 'utf8');
      // A crash just before this step: what is on the disk then is what the next start reads, the old
      // state whole or the new one whole (and never the old again once the new one is there).
      let replaced = false;
      const onDisk = (): void => {
        const found = new JsonFileMonitorStore(file).load().state;
        replaced ||= isDeepStrictEqual(found, after);
        expect(found).toStrictEqual(replaced ? after : before);
      };
      const { fs } = recordingFs({ failAt, before: onDisk });
      const saving = new JsonFileMonitorStore(file, { fs }).save(after);
      if (failAt <= renamedAt) {
        await expect(saving).rejects.toThrow('injected failure');
        expect(readFileSync(file, 'utf8')).toBe(previous);
      } else {
        // After the rename only the folder's flush is left: the new state is in place either way.
        await saving;
        expect(new JsonFileMonitorStore(file).load().state).toStrictEqual(after);
      }
      expect(readdirSync(dir)).toEqual(['monitor-state.json']);
    }
  });

  it('gives the event loop a turn while it writes a big state', async () => {
    const state = simulatedState(2_000);
    const seen: string[] = [];
    // Marks when the save reads a few of the accounts.
    state.snapshot!.accounts = state.snapshot!.accounts.map((account, i) => {
      if (i % 500 !== 0) return account;
      const probed = { ...account };
      Object.defineProperty(probed, 'id', {
        enumerable: true,
        get: () => {
          if (!seen.includes(`account ${i}`)) seen.push(`account ${i}`);
          return account.id;
        },
      });
      return probed;
    });
    const turn = { maybeYield: () => new Promise<void>((resolve) => setImmediate(resolve)) };
    const store = new JsonFileMonitorStore(join(tempDir(), 'monitor-state.json'), { slicer: () => turn });
    let saved = false;
    const ticking = (): void => {
      seen.push('turn');
      if (!saved) setImmediate(ticking);
    };
    setImmediate(ticking);
    await store.save(state);
    saved = true;
    const first = seen.indexOf('account 0');
    const last = seen.indexOf('account 1500');
    expect(first).toBeGreaterThanOrEqual(0);
    expect(seen.slice(first, last)).toContain('turn');
  });

  it('started later never lands before an earlier one, even when both are asked at once', async () => {
    const dir = tempDir();
    const file = join(dir, 'monitor-state.json');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    const { fs } = recordingFs();
    let renames = 0;
    const slowFirstRename: StateFileSystem = {
      ...fs,
      async rename(from, to) {
        if (renames++ === 0) {
          order.push('first rename asked');
          await held;
        }
        await fs.rename(from, to);
        order.push(`renamed ${new JsonFileMonitorStore(file).load().state?.snapshot?.accounts.length}`);
      },
      async open(path, flags, mode) {
        if (flags !== 'r') order.push('open');
        return fs.open(path, flags, mode);
      },
    };
    const store = new JsonFileMonitorStore(file, { fs: slowFirstRename });
    const first = store.save(before);
    const second = store.save(after);
    // However slow the machine: the first save reaches its rename, and the second has not started.
    await vi.waitFor(() => expect(order).toContain('first rename asked'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(['open', 'first rename asked']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['open', 'first rename asked', 'renamed 30', 'open', 'renamed 40']);
    expect(new JsonFileMonitorStore(file).load().state).toStrictEqual(after);
  });
});

describe('a crash in the middle of a save', () => {
  it('leaves a temporary file that the next start removes (not one a running writer still uses)', async () => {
    const dir = tempDir();
    const file = join(dir, 'monitor-state.json');
    await new JsonFileMonitorStore(file).save(simulatedState(5));
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const crashed = `monitor-state.json.${gone.stdout}-1.tmp`;
    const running = `monitor-state.json.${process.pid}-999.tmp`;
    writeFileSync(join(dir, crashed), '{"version":2,"savedAt":');
    writeFileSync(join(dir, running), '{"version":2,');
    writeFileSync(join(dir, 'notes.tmp'), 'not ours');
    expect(new JsonFileMonitorStore(file).load().state).toStrictEqual(simulatedState(5));
    expect(readdirSync(dir).sort()).toEqual(['monitor-state.json', running, 'notes.tmp'].sort());
  });
});

describe('a loaded state', () => {
  it('holds one string per distinct icon, not one per account', () => {
    const big = (seed: string): string => seed.repeat(64 * 1024);
    const icons = [big('A'), big('B')];
    const state: PersistedMonitorState = {
      snapshot: {
        checkedAt: new Date(STATE_NOW).toISOString(),
        accounts: Array.from({ length: 2_000 }, (_, i) => makeAccount({ icon: icons[i % 2]! })),
        warnings: [],
      },
      problem: null,
      ledger: { accounts: {}, keyRejectedShown: false },
    };
    const text = serialiseMonitorState(state, STATE_NOW);
    expect(text.split(icons[0]!).length - 1).toBe(1);
    const heapBefore = process.memoryUsage().heapUsed;
    const loaded = parseMonitorState(text);
    const grown = process.memoryUsage().heapUsed - heapBefore;
    expect(loaded.state?.snapshot?.accounts.map((a) => a.icon[0])).toEqual(state.snapshot!.accounts.map((a) => a.icon[0]));
    // A copy per account would be 2,000 × 64 KB (over 128 MB); one per icon is 128 KB.
    expect(grown).toBeLessThan(32 * 1024 * 1024);
  });
});
