/**
 * `npm test` on a machine without Chromium gets one itself (scripts/chromium-install.js): Playwright's
 * download first, then Debian's package through apt-get, and stops in one line only when both fail.
 * Every command here is a stand-in that records how it was called: PATH holds only the stand-ins,
 * so neither the real apt-get nor a real download can ever run.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureChromium } from '../../scripts/chromium-install.js';

let dir: string;
let bin: string;
let record: string;
let browser: string;
let said: string[];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lobstr-chromium-install-'));
  bin = path.join(dir, 'bin');
  record = path.join(dir, 'calls.log');
  browser = path.join(dir, 'chromium');
  said = [];
  writeFileSync(record, '');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in shell command in bin/: records its name and arguments, then runs `body`. */
function standIn(name: string, body: string): void {
  const file = path.join(bin, name);
  writeFileSync(file, `#!/bin/sh\necho "${name} $*" >> "$RECORD"\n${body}\n`);
  chmodSync(file, 0o755);
}

/** Playwright's CLI as a stand-in: records, then fails as a download without network does, or installs. */
function playwrightCli(outcome: 'ENOTFOUND' | 'installs'): string {
  const file = path.join(dir, 'playwright-cli.mjs');
  writeFileSync(
    file,
    `import { appendFileSync, writeFileSync } from 'node:fs';
appendFileSync(process.env.RECORD, 'playwright ' + process.argv.slice(2).join(' ') + '\\n');
${
  outcome === 'installs'
    ? `writeFileSync(process.env.BROWSER, '');`
    : `console.log('Downloading Chrome for Testing 159.0 (playwright chromium v1255)');
console.error('Error: getaddrinfo ENOTFOUND cdn.invalid');
console.error('    at GetAddrInfoReqWrap.onlookup');
process.exit(1);`
}
`,
  );
  return file;
}

/** bin/ exists (empty: no apt-get, no sudo) from here on; PATH is only bin/ either way. */
function withBin(): void {
  mkdirSync(bin, { recursive: true });
}

const calls = () => readFileSync(record, 'utf8').trim().split('\n').filter(Boolean);
const find = () => (existsSync(browser) ? { source: 'system' as const, executablePath: browser } : null);

function ensure(options: { isRoot: boolean; playwright: 'ENOTFOUND' | 'installs' }) {
  return ensureChromium({
    find,
    say: (line) => said.push(line),
    env: { PATH: bin, RECORD: record, BROWSER: browser },
    isRoot: options.isRoot,
    playwrightCli: playwrightCli(options.playwright),
  });
}

describe('npm test without a Chromium', () => {
  it('tries Playwright’s download, then installs Debian’s chromium with apt-get, and goes on', async () => {
    withBin();
    standIn('apt-get', `[ "$1" = install ] && : > "$BROWSER"\nexit 0`);

    const found = await ensure({ isRoot: true, playwright: 'ENOTFOUND' });

    expect(found).toEqual({ source: 'system', executablePath: browser });
    expect(calls()).toEqual(['playwright install chromium', 'apt-get update', 'apt-get install -y chromium']);
    // One line per step, saying what it does; why Playwright's download failed, in its own words.
    expect(said).toEqual([
      expect.stringMatching(/^No Chromium for the browser tests: downloading Playwright's \(playwright install chromium\)/),
      expect.stringMatching(/^Playwright's download failed \(Error: getaddrinfo ENOTFOUND cdn\.invalid\); getting Debian's chromium/),
      'apt-get update…',
      expect.stringMatching(/^apt-get install -y chromium/),
      `Chromium is ready: ${browser}`,
    ]);
  });

  it('as a user, goes through sudo without a password prompt, non-interactively', async () => {
    withBin();
    standIn('apt-get', `[ "$1" = install ] && : > "$BROWSER"\n[ "$DEBIAN_FRONTEND" = noninteractive ] || exit 7\nexit 0`);
    // sudo -n: never asks for a password; runs the rest as the command (VAR=value first, as sudo allows).
    standIn('sudo', `[ "$1" = -n ] || exit 1\nshift\n[ "$1" = true ] && exit 0\nexec /usr/bin/env "$@"`);

    const found = await ensure({ isRoot: false, playwright: 'ENOTFOUND' });

    expect(found?.executablePath).toBe(browser);
    expect(calls()).toEqual([
      'playwright install chromium',
      'sudo -n true',
      'sudo -n DEBIAN_FRONTEND=noninteractive apt-get update',
      'apt-get update',
      'sudo -n DEBIAN_FRONTEND=noninteractive apt-get install -y chromium',
      'apt-get install -y chromium',
    ]);
  });

  it('uses Playwright’s browser when its download works, and leaves apt-get alone', async () => {
    withBin();
    standIn('apt-get', 'exit 0');
    const found = await ensure({ isRoot: true, playwright: 'installs' });
    expect(found?.executablePath).toBe(browser);
    expect(calls()).toEqual(['playwright install chromium']);
  });

  it('stops in one line saying what to run when both fail', async () => {
    withBin();
    standIn('apt-get', `[ "$1" = install ] && { echo 'E: Unable to locate package chromium' >&2; exit 100; }\nexit 0`);

    expect(await ensure({ isRoot: true, playwright: 'ENOTFOUND' })).toBeNull();

    expect(calls()).toEqual(['playwright install chromium', 'apt-get update', 'apt-get install -y chromium']);
    const last = said.at(-1)!;
    expect(last).not.toContain('\n');
    expect(last).toMatch(/Playwright's download failed \(Error: getaddrinfo ENOTFOUND cdn\.invalid\)/);
    expect(last).toContain('apt-get failed: E: Unable to locate package chromium');
    expect(last).toContain('npx playwright install chromium');
  });

  it('without apt-get, or without root or a password-less sudo, stops after Playwright in one line', async () => {
    expect(await ensure({ isRoot: true, playwright: 'ENOTFOUND' })).toBeNull();
    expect(said.at(-1)).toMatch(/there is no apt-get here\. Run `npx playwright install chromium`/);

    withBin();
    standIn('apt-get', ': > "$BROWSER"');
    standIn('sudo', 'exit 1'); // "a password is required"
    said = [];
    expect(await ensure({ isRoot: false, playwright: 'ENOTFOUND' })).toBeNull();
    expect(said.at(-1)).toMatch(/apt-get needs root or a sudo without password/);
    expect(calls()).toEqual(['playwright install chromium', 'playwright install chromium', 'sudo -n true']);
  });
});

describe('npm test with a Chromium', () => {
  it('installs nothing and says nothing', async () => {
    withBin();
    standIn('apt-get', 'exit 0');
    writeFileSync(browser, '');
    expect(await ensure({ isRoot: true, playwright: 'installs' })).toEqual({ source: 'system', executablePath: browser });
    expect(calls()).toEqual([]);
    expect(said).toEqual([]);
  });
});
