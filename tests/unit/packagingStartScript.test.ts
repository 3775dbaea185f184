/**
 * `node scripts/start.js` (what `npm start` runs after building): one clear line when there is no
 * Electron binary and none can be fetched; otherwise Electron is launched on the app with the
 * user's arguments, its exit code is passed on, and Ctrl-C / SIGTERM reach it.
 */
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { electronExecutableName, electronPackageDir } from '../../scripts/electron-binary.js';
import { ensureBuilt, repoRoot } from './packagingBuild.js';

const startScript = path.join(repoRoot, 'scripts', 'start.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'lobstr-start-'));
const running = new Set<ReturnType<typeof spawn>>();
afterAll(() => {
  // A test that failed half-way must not leave a start.js (and its stand-in app) behind.
  for (const child of running) child.kill('SIGTERM');
  rmSync(scratch, { recursive: true, force: true });
});

/** The environment without anything that would point Electron's downloader or npm elsewhere. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/electron/i.test(key) || /^npm_/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runStart(
  args: string[],
  env: NodeJS.ProcessEnv,
  whileRunning?: (child: ReturnType<typeof spawn>, stdout: () => string) => void,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [startScript, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      whileRunning?.(child, () => stdout);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      running.delete(child);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm start without an Electron binary', () => {
  let mirror: http.Server;
  let mirrorUrl = '';
  const downloadsTried: string[] = [];

  beforeAll(async () => {
    // Stands in for Electron's download host: it has nothing, as an unreachable host would.
    mirror = http.createServer((request, response) => {
      downloadsTried.push(request.url ?? '');
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
    mirrorUrl = `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => mirror.close(() => resolve())));

  test('tries the official download once, then prints one clear line on stderr and exits non-zero', async () => {
    const emptyDist = path.join(scratch, 'no-electron');
    mkdirSync(emptyDist, { recursive: true });
    const run = await runStart(
      [],
      cleanEnv({
        ELECTRON_OVERRIDE_DIST_PATH: emptyDist,
        ELECTRON_MIRROR: mirrorUrl,
        electron_config_cache: path.join(scratch, 'electron-cache'),
        NO_PROXY: '127.0.0.1',
        no_proxy: '127.0.0.1',
      }),
    );
    expect(run.code).not.toBe(0);
    expect(run.code).not.toBeNull();
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      'Lobstr Tray: no Electron binary on this machine (it could not be downloaded), so the tray app cannot start here. ' +
        'Try the headless check instead: npm run check -- --demo',
    ]);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(downloadsTried.some((url) => url.includes('electron-v'))).toBe(true);
  }, 90_000);
});

// The stand-in Electron is a shell script: it cannot run on Windows.
describe.skipIf(process.platform === 'win32')('npm start with an Electron binary', () => {
  let distWithFake = '';

  beforeAll(() => {
    ensureBuilt(['dist/main/index.js']);
    // Lay the stand-in out where this platform's Electron would be (path.txt names it).
    distWithFake = path.join(scratch, 'fake-dist');
    let executable = electronExecutableName();
    const packageDir = electronPackageDir();
    if (packageDir) {
      try {
        executable = readFileSync(path.join(packageDir, 'path.txt'), 'utf8').trim() || executable;
      } catch {
        // no path.txt: electron was never installed here, so the platform default applies
      }
    }
    const target = path.join(distWithFake, executable);
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(path.join(repoRoot, 'tests', 'fixtures', 'fake-electron', 'electron'), target);
    chmodSync(target, 0o755);
  }, 120_000);

  test('launches Electron on the app folder with the extra arguments, and passes its exit code on', async () => {
    const run = await runStart(
      ['--inspect-tray', 'now'],
      cleanEnv({ ELECTRON_OVERRIDE_DIST_PATH: distWithFake, FAKE_ELECTRON_EXIT: '3' }),
    );
    expect(run.stdout).toContain(`fake-electron: ${repoRoot} --inspect-tray now`);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(3);
  });

  test.each(['SIGINT', 'SIGTERM'] as const)('%s sent to npm start reaches the app', async (signal) => {
    let sent = false;
    const run = await runStart([], cleanEnv({ ELECTRON_OVERRIDE_DIST_PATH: distWithFake, FAKE_ELECTRON_WAIT: '1' }), (child, stdout) => {
      if (!sent && stdout().includes('fake-electron: waiting')) {
        sent = true;
        child.kill(signal);
      }
    });
    expect(run.stdout).toContain(`fake-electron: got ${signal}`);
    expect(run.code).toBe(0);
    // npm, node and a shell start one after another: on a loaded machine that alone took over 30 s.
  }, 90_000);
});
