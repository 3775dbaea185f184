/**
 * `lobstr-tray resync` in-process against the simulator, for what a process test cannot wait for:
 * a task stuck at 120, followed on a clock whose every wait passes at once (30 s warning, 60 s stop).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import type { Clock } from '../../main/core/appModel.js';
import { runCli } from '../../main/cli.js';
import { startSimulator, type RunningSimulator } from '../../main/simulator/server.js';
import { recordingIo } from '../fixtures/recordingIo.js';
import { control, requestLog } from '../helpers/simulatorHarness.js';

const KEY = 'cafe0000cafe0000cafe0000cafe0000';
const LI_AT = 'AQEDAR-stuck-SECRET-31337';
const HEADER = `li_at=${LI_AT}; JSESSIONID="ajax:stuck-SECRET-2"`;

/** A clock on which every wait is over at once: a minute of polling takes a few milliseconds. */
function hurriedClock(): Clock & { elapsedMs(): number } {
  const start = Date.UTC(2026, 10, 26, 12, 0, 0);
  let now = start;
  return {
    now: () => now,
    setTimeout: (callback, ms) =>
      setImmediate(() => {
        now += ms;
        callback();
      }),
    clearTimeout: (handle) => clearImmediate(handle as NodeJS.Immediate),
    elapsedMs: () => now - start,
  };
}

let sim: RunningSimulator;
let linkedIn: string;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, accounts: 12, seed: 4, token: KEY });
  const accounts = (await control(sim, 'GET', '/accounts')) as { id: string; type: string }[];
  linkedIn = accounts.find((a) => a.type === 'linkedin-sync')!.id;
});
afterAll(() => sim.close());
afterEach(() => control(sim, 'DELETE', '/sync'));

async function run(argv: string[], clock: Clock): Promise<{ code: number; stdout: string; stderr: string }> {
  const recorded = recordingIo(['resync', ...argv], { LOBSTR_API_KEY: KEY, LOBSTR_API_BASE: sim.baseUrl });
  const code = await runCli({ ...recorded.io, clock, stdin: () => Readable.from([HEADER]) });
  return { code, stdout: recorded.stdout(), stderr: recorded.stderr() };
}

describe('lobstr-tray resync when Lobstr never finishes', () => {
  it('says the cookies may be invalid after 30 s, stops at 60 s, and exits 1 with state timeout', async () => {
    await control(sim, 'POST', '/sync', { outcome: 'stuck', steps_ms: [0, 0], count: 1 });
    const clock = hurriedClock();
    const r = await run([linkedIn, '--cookies-file', '-'], clock);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/120 synchronizing after 30 s\. .*the cookies may be invalid/);
    expect(r.stderr).toMatch(/^lobstr-tray: resync failed \(timed_out\): .*60 s/);
    expect(clock.elapsedMs()).toBeGreaterThanOrEqual(60_000);
    expect(clock.elapsedMs()).toBeLessThan(70_000);
    expect(r.stdout + r.stderr).not.toContain('SECRET');
  });

  it('gives state timeout, the last status and the task in its JSON', async () => {
    await control(sim, 'POST', '/sync', { outcome: 'stuck', steps_ms: [0, 0], count: 1 });
    const r = await run([linkedIn, '--cookies-file', '-', '--json'], hurriedClock());
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ account: linkedIn, state: 'timeout', status_code: 120, error: 'timed_out' });
    expect(report.task).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('lobstr-tray resync --cookies-file - on a terminal', () => {
  it('asks for the paste, and Ctrl-C before it ends stops at once: exit 130, nothing sent', async () => {
    await control(sim, 'DELETE', '/requests');
    const controller = new AbortController();
    // A terminal nobody has typed into yet: it never ends by itself.
    const terminal = Object.assign(new Readable({ read: () => undefined }), { isTTY: true });
    const recorded = recordingIo(['resync', linkedIn, '--cookies-file', '-', '--json'], { LOBSTR_API_KEY: KEY, LOBSTR_API_BASE: sim.baseUrl }, { signal: controller.signal });
    const running = runCli({ ...recorded.io, stdin: () => terminal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(recorded.stderr()).toMatch(/paste the cookies, then press Ctrl-D/);
    controller.abort();
    expect(await running).toBe(130);
    expect(JSON.parse(recorded.stdout())).toMatchObject({ account: linkedIn, task: null, state: 'cancelled', error: null });
    expect(terminal.destroyed).toBe(true);
    expect(await requestLog(sim)).toEqual([]);
  });
});
