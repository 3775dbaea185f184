/**
 * `lobstr-tray resync` as a real process against the simulator: what a script sees (exit codes, the
 * one JSON object of --json) and what a log sees (progress lines, one-line errors). Cookie values are
 * distinctive strings, and no output may ever hold one.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '../../main/simulator/server.js';
import { buildCli, runBuiltCli, startCli, type BuiltCli, type CliStart } from '../helpers/builtCli.js';
import { control, requestLog } from '../helpers/simulatorHarness.js';

const KEY = 'beadfeed00beadfeed00beadfeed0000';
const HEX32 = /^[0-9a-f]{32}$/;

/** Cookie values no output may hold. */
const LI_AT = 'AQEDAR-li-at-SECRET-7f3e9c1d2b';
const JSESSIONID = '"ajax:SECRET-jsession-4411"';
const LI_A = 'AQJ2-li-a-SECRET-55aa77';
const OTHER_SITE = 'x-auth-token-SECRET-0099';
const VALUES = [LI_AT, JSESSIONID, LI_A, OTHER_SITE, 'SECRET'];

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface ResyncJson {
  account: string;
  task: string | null;
  state: string;
  message: string;
  status_code: number | null;
  error: string | null;
  cookies: { found: string[]; missing: string[] } | null;
}

let built: BuiltCli;
let sim: RunningSimulator;
let dir: string;
let linkedIn: string;
let salesNav: string;

beforeAll(async () => {
  built = await buildCli('lobstr-resync-');
  sim = await startSimulator({ port: 0, accounts: 20, seed: 9, token: KEY });
  dir = mkdtempSync(join(tmpdir(), 'lobstr-resync-'));
  const accounts = (await control(sim, 'GET', '/accounts')) as { id: string; type: string }[];
  linkedIn = accounts.find((a) => a.type === 'linkedin-sync')!.id;
  salesNav = accounts.find((a) => a.type === 'sales-nav-sync')!.id;
}, 120_000);

afterAll(async () => {
  await sim?.close();
  built?.remove();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

afterEach(async () => {
  await control(sim, 'DELETE', '/sync');
  await control(sim, 'DELETE', '/faults');
  await control(sim, 'DELETE', '/requests');
});

/** Runs the command and checks that no cookie value reached its output, whatever the outcome. */
async function resync(args: string[], env: Record<string, string> = { LOBSTR_API_KEY: KEY }, start: CliStart = {}): Promise<Ran> {
  const r = await runBuiltCli(built, ['resync', ...args], env, start);
  for (const value of VALUES) {
    expect(r.stdout, 'stdout').not.toContain(value);
    expect(r.stderr, 'stderr').not.toContain(value);
  }
  return r;
}

function json(r: Ran): ResyncJson {
  expect(r.stdout.trim().split('\n'), r.stdout).toHaveLength(1);
  return JSON.parse(r.stdout) as ResyncJson;
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The next sync task ends at once, as `outcome` says. */
const nextTask = (plan: Record<string, unknown>) => control(sim, 'POST', '/sync', { steps_ms: [0, 0], count: 1, ...plan });

const cookieEditorJson = (): string =>
  JSON.stringify([
    { domain: '.www.linkedin.com', name: 'li_at', value: LI_AT, path: '/', httpOnly: true, secure: true },
    { domain: '.www.linkedin.com', name: 'JSESSIONID', value: JSESSIONID, path: '/', httpOnly: false, secure: true },
    { domain: '.linkedin.com', name: 'li_a', value: LI_A, path: '/', httpOnly: true, secure: true },
    { domain: '.x.com', name: 'auth_token', value: OTHER_SITE, path: '/', httpOnly: true, secure: true },
  ]);

const cookiesTxt = (): string =>
  [
    '# Netscape HTTP Cookie File',
    `#HttpOnly_.www.linkedin.com\tTRUE\t/\tTRUE\t1893456000\tli_at\t${LI_AT}`,
    `.www.linkedin.com\tTRUE\t/\tTRUE\t1893456000\tJSESSIONID\t${JSESSIONID}`,
    `#HttpOnly_.x.com\tTRUE\t/\tTRUE\t1893456000\tauth_token\t${OTHER_SITE}`,
    '',
  ].join('\n');

const cookieHeader = (): string => `Cookie: li_at=${LI_AT}; JSESSIONID=${JSESSIONID}; lang=v=2&lang=en-us\n`;

/** What the simulator was sent for the account's sync: cookie names only (it never keeps a value). */
async function sentCookieNames(): Promise<string[][]> {
  return (await requestLog(sim)).filter((r) => r.method === 'POST' && r.path === '/v1/accounts/cookies').map((r) => r.cookie_names ?? []);
}

describe('lobstr-tray resync, as a process against the simulator', () => {
  it('re-syncs from a Cookie-Editor JSON export: exit 0 and one JSON object, the account healthy again', async () => {
    await control(sim, 'POST', `/accounts/${linkedIn}`, { status: '401', status_code_info: 'cookies_expired' });
    await nextTask({ outcome: 'ok' });
    const r = await resync([linkedIn, '--cookies-file', file('linkedin.json', cookieEditorJson()), '--api-base', sim.baseUrl, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = json(r);
    expect(report).toMatchObject({ account: linkedIn, state: 'synchronized', status_code: 200, error: null });
    expect(Object.keys(report)).toEqual(['account', 'task', 'state', 'message', 'status_code', 'error', 'cookies']);
    expect(report.task).toMatch(HEX32);
    expect(report.message).toContain('synchronized');
    expect(report.cookies).toEqual({ found: ['li_at', 'JSESSIONID'], missing: [] });
    expect(r.stderr).toBe('');
    // Only the account's cookies went to Lobstr: not li_a (another platform's), not the other site's.
    expect(await sentCookieNames()).toEqual([['li_at', 'JSESSIONID']]);
    const account = (await control(sim, 'GET', `/accounts/${linkedIn}`)) as { status: string; status_code_info: string };
    expect(account).toMatchObject({ status: '200', status_code_info: 'synchronized' });
  });

  it('re-syncs from a cookies.txt and prints its progress as plain lines a log can keep', async () => {
    await control(sim, 'POST', '/sync', { outcome: 'ok', steps_ms: [300, 300], count: 1 });
    const r = await resync([linkedIn, '--cookies-file', file('cookies.txt', cookiesTxt()), '--api-base', sim.baseUrl]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toContain('\x1b[');
    expect(r.stdout).not.toContain('\r');
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toContain(linkedIn);
    expect(lines[0]).toContain('LinkedIn');
    expect(r.stdout).toMatch(/cookies\.txt file/);
    expect(r.stdout).toMatch(/Found li_at, JSESSIONID\b/);
    expect(r.stdout).toMatch(/Task [0-9a-f]{32}: 100 created/);
    expect(r.stdout).toMatch(/Task [0-9a-f]{32}: 200 synchronized/);
    expect(lines.at(-1)).toMatch(/synchronized/);
    expect(await sentCookieNames()).toEqual([['li_at', 'JSESSIONID']]);
  });

  it('reads a Cookie header from standard input with --cookies-file -', async () => {
    await nextTask({ outcome: 'ok' });
    const r = await resync([linkedIn, '--cookies-file', '-', '--api-base', sim.baseUrl, '--json'], undefined, { stdin: cookieHeader() });
    expect(r.code, r.stderr).toBe(0);
    expect(json(r)).toMatchObject({ state: 'synchronized', cookies: { found: ['li_at', 'JSESSIONID'], missing: [] } });
    expect(await sentCookieNames()).toEqual([['li_at', 'JSESSIONID']]);
  });

  it('exits 1 with state failed and the task status when Lobstr rejects the cookies', async () => {
    await nextTask({ outcome: 'rejected' });
    const r = await resync([linkedIn, '--cookies-file', file('rejected.json', cookieEditorJson()), '--api-base', sim.baseUrl, '--json']);
    expect(r.code).toBe(1);
    const report = json(r);
    expect(report).toMatchObject({ account: linkedIn, state: 'failed', status_code: 401, error: 'cookies_rejected' });
    expect(report.task).toMatch(HEX32);
    expect(report.message).toMatch(/refused|could not synchronize/);
    // One line on stderr for a person, never a stack trace.
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^lobstr-tray: resync failed \(cookies_rejected\): /);
  });

  it('exits 1 naming the missing cookies, and sends nothing, when the file lacks a required one', async () => {
    const partial = file('partial.txt', `li_at=${LI_AT}; JSESSIONID=${JSESSIONID}\n`);
    const r = await resync([salesNav, '--cookies-file', partial, '--api-base', sim.baseUrl]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Found li_at, JSESSIONID; missing li_a\b/);
    expect(r.stderr).toMatch(/^lobstr-tray: resync failed \(cookies_missing\): .*\bli_a\b/);
    expect(await sentCookieNames()).toEqual([]);

    const j = json(await resync([salesNav, '--cookies-file', partial, '--api-base', sim.baseUrl, '--json']));
    expect(j).toMatchObject({ state: 'failed', task: null, status_code: null, error: 'cookies_missing', cookies: { found: ['li_at', 'JSESSIONID'], missing: ['li_a'] } });
    expect(j.message).toContain('li_a');
  });

  it('exits 2 when Lobstr rejects the key, and sends no cookie', async () => {
    const r = await resync([linkedIn, '--cookies-file', file('wrongkey.json', cookieEditorJson()), '--api-base', sim.baseUrl, '--json'], {
      LOBSTR_API_KEY: 'wrong-key-0123456789',
    });
    expect(r.code).toBe(2);
    expect(json(r)).toMatchObject({ account: linkedIn, task: null, state: 'failed', status_code: null, error: 'key_rejected' });
    expect(r.stderr).toMatch(/^lobstr-tray: resync failed \(key_rejected\): /);
    expect(r.stdout + r.stderr).not.toContain('wrong-key-0123456789');
    expect(await sentCookieNames()).toEqual([]);
  });

  it('exits 2 for an account Lobstr does not have', async () => {
    const unknown = 'f'.repeat(32);
    const r = await resync([unknown, '--cookies-file', file('unknown.json', cookieEditorJson()), '--api-base', sim.baseUrl, '--json']);
    expect(r.code).toBe(2);
    expect(json(r)).toMatchObject({ account: unknown, task: null, state: 'failed', error: 'account_gone' });
  });

  it("exits 2 when Lobstr's server keeps failing", async () => {
    await control(sim, 'POST', '/faults', { status: 500, path: linkedIn });
    const r = await resync([linkedIn, '--cookies-file', file('offline.json', cookieEditorJson()), '--api-base', sim.baseUrl, '--json']);
    expect(r.code).toBe(2);
    expect(json(r)).toMatchObject({ task: null, state: 'failed', error: 'server' });
    expect(r.stderr).toMatch(/^lobstr-tray: resync failed \(server\): /);
  });

  it('stops cleanly on Ctrl-C while Lobstr synchronizes: exit 130, state cancelled, the task named', async () => {
    const taskCount = async () => ((await control(sim, 'GET', '/sync')) as { tasks: unknown[] }).tasks.length;
    const before = await taskCount();
    await control(sim, 'POST', '/sync', { outcome: 'stuck', steps_ms: [0, 0], count: 1 });
    const running = startCli(built, ['resync', linkedIn, '--cookies-file', file('stuck.json', cookieEditorJson()), '--api-base', sim.baseUrl, '--json'], {
      LOBSTR_API_KEY: KEY,
    });
    // Wait until its task exists, then interrupt.
    for (let i = 0; i < 400 && (await taskCount()) === before; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(await taskCount()).toBe(before + 1);
    running.child.kill('SIGINT');
    const { code } = await running.exit;
    expect(code).toBe(130);
    const report = JSON.parse(running.stdout()) as ResyncJson;
    expect(report).toMatchObject({ account: linkedIn, state: 'cancelled', error: null });
    expect(report.task).toMatch(HEX32);
    for (const value of VALUES) expect(running.stdout() + running.stderr()).not.toContain(value);
  });
});

describe('lobstr-tray resync usage', () => {
  const cookies = (): string => file('usage.json', cookieEditorJson());

  it('takes no cookie on the command line: an option for them is refused, pointing to --cookies-file', async () => {
    for (const args of [
      [linkedIn, '--cookies', `li_at=${LI_AT}`],
      [linkedIn, `--cookies=li_at=${LI_AT}`],
      [linkedIn, '--cookie', `li_at=${LI_AT}`],
    ]) {
      const r = await resync(args);
      expect(r.code, args.join(' ')).toBe(64);
      expect(r.stderr).toContain('--cookies-file');
      expect(r.stderr).toMatch(/standard input|stdin/);
    }
  });

  it('refuses cookie text given where the account id or the file name goes, without repeating it', async () => {
    for (const args of [
      [`li_at=${LI_AT}`, '--cookies-file', cookies()],
      [linkedIn, '--cookies-file', `li_at=${LI_AT}; JSESSIONID=${JSESSIONID}`],
    ]) {
      const r = await resync(args);
      expect(r.code).toBe(64);
      expect(r.stderr).toContain('--cookies-file');
    }
  });

  it('exits 64 without an account id, without --cookies-file, or with two accounts', async () => {
    for (const args of [['--cookies-file', cookies()], [linkedIn], [linkedIn, salesNav, '--cookies-file', cookies()]]) {
      const r = await resync([...args, '--api-base', sim.baseUrl]);
      expect(r.code, args.join(' ')).toBe(64);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^lobstr-tray: /);
    }
  });

  it('exits 64 for a file it cannot read, or text in none of the three forms, saying which', async () => {
    const missing = await resync([linkedIn, '--cookies-file', join(dir, 'nope.json'), '--api-base', sim.baseUrl]);
    expect(missing.code).toBe(64);
    expect(missing.stderr).toContain('nope.json');

    const broken = await resync([linkedIn, '--cookies-file', file('broken.txt', `.www.linkedin.com\tTRUE\t/\tTRUE\tli_at\t${LI_AT}\n`), '--api-base', sim.baseUrl]);
    expect(broken.code).toBe(64);
    expect(broken.stderr).toMatch(/Line 1 of the cookies\.txt/);

    const asJson = await resync([linkedIn, '--cookies-file', join(dir, 'nope.json'), '--api-base', sim.baseUrl, '--json']);
    expect(asJson.code).toBe(64);
    expect(json(asJson)).toMatchObject({ account: linkedIn, task: null, state: 'failed', error: 'usage' });
    expect(await sentCookieNames()).toEqual([]);
  });

  it('exits 64 when LOBSTR_API_KEY is not set', async () => {
    const r = await resync([linkedIn, '--cookies-file', cookies(), '--api-base', sim.baseUrl], {});
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('LOBSTR_API_KEY');
  });

  it('documents its formats and exit codes in --help, and the top help lists it', async () => {
    const help = await resync(['--help'], {});
    expect(help.code).toBe(0);
    for (const text of ['--cookies-file', 'Cookie-Editor', 'cookies.txt', 'name=value', 'standard input', '--json', 'LOBSTR_API_KEY']) {
      expect(help.stdout).toContain(text);
    }
    expect(help.stdout).toMatch(/Exit codes:[\s\S]*0[\s\S]*1[\s\S]*2[\s\S]*64[\s\S]*130/);
    const top = await runBuiltCli(built, ['--help'], {});
    expect(top.stdout).toMatch(/^\s+resync\s/m);
  });
});
