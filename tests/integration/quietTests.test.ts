/**
 * A passing run prints the runners' summaries, not the app's own log: tests that start the app on
 * the Electron fakes keep its log in the file (tests/helpers/fakeElectron.ts). This runs a few of
 * them in a vitest of their own, as `npm test` does, and reads what a newcomer would see.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { strayOutputLines } from '../../scripts/test-output.js';

const require = createRequire(import.meta.url);
const vitestCli = path.join(path.dirname(require.resolve('vitest/package.json')), 'vitest.mjs');

/** Runs vitest on `files` in a child process; resolves with its exit code and everything it printed. */
function runVitest(files: string[]): Promise<{ code: number | null; output: string }> {
  // Without the parent's VITEST_* variables, the child behaves as when `npm test` starts it.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vitestCli, 'run', '--reporter=default', ...files], {
      cwd: process.cwd(),
      env: { ...env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('the output of a passing run', () => {
  it("shows no line of the app's log, though the tray app logs failures and notifications in these tests", async () => {
    const { code, output } = await runVitest(['tests/integration/trayApp.test.ts', 'tests/unit/appLog.test.ts']);
    expect(code, output).toBe(0);
    expect(output).toMatch(/Test Files +2 passed/);
    expect(strayOutputLines(output)).toEqual([]);
  }, 120_000);
});

describe('what counts as stray output', () => {
  it("recognises the app's log lines and a test's console blocks, and nothing of the runners' own", () => {
    const printed = [
      '\x1b[90mstderr\x1b[2m | tests/integration/trayApp.test.ts\x1b[2m > \x1b[22mgoes amber',
      '13:54:08.806 › Lobstr check failed (invalid_response): not valid JSON',
      '13:54:08.806 (monitor) › scoped line',
      ' ✓ tests/integration/trayApp.test.ts (15 tests) 2428ms',
      '      Tests  912 passed (912)',
      '   Start at  13:53:18',
      '  ✓   1 [renderer] › tests/e2e/accessibility.spec.ts:81:3 › onboarding (3.0s)',
      '951 passed, 0 failed, 2 skipped',
    ].join('\n');
    expect(strayOutputLines(printed)).toEqual([
      'stderr | tests/integration/trayApp.test.ts > goes amber',
      '13:54:08.806 › Lobstr check failed (invalid_response): not valid JSON',
      '13:54:08.806 (monitor) › scoped line',
    ]);
  });
});
