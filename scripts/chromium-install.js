// `npm test` on a machine without Chromium gets one for the browser tests instead of stopping:
// Playwright's own first (`playwright install chromium`, the normal path on a user's machine), and
// where that download is impossible and Debian's apt-get can be used (as root, or through `sudo -n`),
// Debian's `chromium`. Only when both fail does it stop, with one line saying what to run.
// Every step is injectable (the commands run through `env.PATH`, the Playwright CLI's path, how a
// browser is found), so tests drive it with stand-in commands and never touch the real system.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { findChromium } from './chromium-location.js';

// A real download is about 170 MB; a machine that cannot reach the host fails in seconds (ENOTFOUND),
// one whose packets are dropped would otherwise wait forever.
export const PLAYWRIGHT_INSTALL_TIMEOUT_MS = 10 * 60_000;
export const APT_TIMEOUT_MS = 10 * 60_000;

/** The local @playwright/test's CLI (its `playwright` command), run with this Node. */
export function localPlaywrightCli() {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@playwright/test/package.json')), 'cli.js');
}

/** The line of a command's output that says why it failed: the last error-looking one, else the last. */
function reasonIn(output) {
  const lines = output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const reason = lines.findLast((line) => /error|fail|unable|denied|not found/i.test(line)) ?? lines.at(-1) ?? '';
  return reason.length > 160 ? `${reason.slice(0, 157)}…` : reason;
}

/**
 * Runs a command with its output kept (shown only as the reason when it fails), killed with its
 * children after `timeoutMs`. Resolves `{ ok, reason }`.
 * @param {string} command @param {string[]} args
 * @param {{ env: NodeJS.ProcessEnv, timeoutMs: number }} options
 */
export function runQuietly(command, args, { env, timeoutMs }) {
  return new Promise((resolve) => {
    // Its own process group, so a timeout also stops the downloader it starts.
    const group = process.platform !== 'win32';
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: group });
    let output = '';
    let timedOut = false;
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (group) process.kill(-child.pid, 'SIGTERM');
        else child.kill('SIGTERM');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: error.code === 'ENOENT' ? `${command} not found` : error.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) resolve({ ok: false, reason: `no answer after ${Math.round(timeoutMs / 1000)} s` });
      else resolve({ ok: code === 0, reason: code === 0 ? '' : reasonIn(output) || `exit code ${code}` });
    });
  });
}

/** Whether an executable named `name` is on `env.PATH`. */
function onPath(name, env) {
  return (env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .some((dir) => {
      try {
        fs.accessSync(path.join(dir, name), fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

/** Whether apt-get can be run here: as root, or through a sudo that needs no password. */
async function aptAccess({ env, isRoot, run }) {
  if (!onPath('apt-get', env)) return { usable: false, reason: 'there is no apt-get here' };
  if (isRoot) return { usable: true, viaSudo: false };
  if (onPath('sudo', env) && (await run('sudo', ['-n', 'true'], { env, timeoutMs: 10_000 })).ok) {
    return { usable: true, viaSudo: true };
  }
  return { usable: false, reason: 'apt-get needs root or a sudo without password' };
}

/**
 * Finds Chromium for the browser tests, installing one when there is none.
 * @param {{
 *   find?: () => { source: 'system' | 'playwright', executablePath: string } | null,
 *   say?: (line: string) => void,
 *   env?: NodeJS.ProcessEnv,
 *   isRoot?: boolean,
 *   playwrightCli?: string,
 *   run?: typeof runQuietly,
 *   playwrightTimeoutMs?: number,
 *   aptTimeoutMs?: number,
 * }} [options]
 * @returns {Promise<{ source: 'system' | 'playwright', executablePath: string } | null>}
 */
export async function ensureChromium(options = {}) {
  const {
    find = () => findChromium(),
    say = (line) => console.log(line),
    env = process.env,
    isRoot = process.getuid?.() === 0,
    run = runQuietly,
    playwrightTimeoutMs = PLAYWRIGHT_INSTALL_TIMEOUT_MS,
    aptTimeoutMs = APT_TIMEOUT_MS,
  } = options;

  const present = find();
  if (present) return present;

  const ready = () => {
    const found = find();
    if (found) say(`Chromium is ready: ${found.executablePath}`);
    return found;
  };

  say("No Chromium for the browser tests: downloading Playwright's (playwright install chromium)…");
  const playwrightCli = options.playwrightCli ?? localPlaywrightCli();
  const download = await run(process.execPath, [playwrightCli, 'install', 'chromium'], { env, timeoutMs: playwrightTimeoutMs });
  if (download.ok) {
    const found = ready();
    if (found) return found;
  }
  const downloadFailed = download.ok ? 'it installed no browser' : download.reason;

  const apt = await aptAccess({ env, isRoot, run });
  let aptFailed = apt.reason;
  if (apt.usable) {
    say(`Playwright's download failed (${downloadFailed}); getting Debian's chromium instead.`);
    // Through sudo the variable goes on its command line (sudo resets the environment).
    const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
    const aptRun = (args) =>
      apt.viaSudo
        ? run('sudo', ['-n', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args], { env: aptEnv, timeoutMs: aptTimeoutMs })
        : run('apt-get', args, { env: aptEnv, timeoutMs: aptTimeoutMs });
    say('apt-get update…');
    const update = await aptRun(['update']);
    if (update.ok) say('apt-get install -y chromium (about 500 MB, a minute or two)…');
    const install = update.ok ? await aptRun(['install', '-y', 'chromium']) : update;
    if (install.ok) {
      const found = ready();
      if (found) return found;
    }
    aptFailed = install.ok ? 'apt-get installed no chromium' : `apt-get failed: ${install.reason}`;
  }

  say(
    `No Chromium for the browser tests: Playwright's download failed (${downloadFailed}) and ${aptFailed}. ` +
      'Run `npx playwright install chromium` where it can download, or `sudo apt-get install -y chromium`, ' +
      'or set CHROMIUM_PATH to a Chromium; then npm test again.',
  );
  return null;
}
