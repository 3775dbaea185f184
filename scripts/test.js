#!/usr/bin/env node
// `npm test`: type checks, build, vitest, Playwright, in that order. Stops at the first failing step
// but always ends with one plain line, "N passed, N failed, N skipped", summing vitest's and
// Playwright's tests (read from their JSON reports), and exits non-zero if anything failed, or if
// a passing run printed the app's own log lines or tests' console output (scripts/test-output.js).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './chromium-install.js';
import { strayOutputLines } from './test-output.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const reportsDir = path.join(repoRoot, 'test-results');
const vitestReport = path.join(reportsDir, 'vitest.json');
const playwrightReport = path.join(reportsDir, 'playwright.json'); // named in playwright.config.ts

/** The JS file behind a package's command, run with this Node (no PATH or .cmd shims involved). */
function binOf(packageName, command) {
  const manifestPath = require.resolve(`${packageName}/package.json`);
  const { bin } = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  const relative = typeof bin === 'string' ? bin : bin[command];
  return path.join(path.dirname(manifestPath), relative);
}

/** Lines of the app's log or of tests' console output seen so far (a passing run prints none). */
const strayLines = [];

/** Passes a child's output through unchanged, keeping the stray lines it holds. */
function passThrough(from, to) {
  let partial = '';
  from.setEncoding('utf8'); // a character split between two chunks stays whole
  from.on('data', (chunk) => {
    to.write(chunk);
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    strayLines.push(...strayOutputLines(lines.join('\n')));
  });
  from.on('end', () => strayLines.push(...strayOutputLines(partial)));
}

function run(command, args) {
  return new Promise((resolve) => {
    // Piped so the output can be read; the runners keep their colours when a terminal shows them.
    const env = process.stdout.isTTY && !process.env.NO_COLOR ? { ...process.env, FORCE_COLOR: '1' } : process.env;
    const child = spawn(command, args, { cwd: repoRoot, env, stdio: ['inherit', 'pipe', 'pipe'] });
    passThrough(child.stdout, process.stdout);
    passThrough(child.stderr, process.stderr);
    child.on('error', (error) => {
      console.error(`Could not run ${command}: ${error.message}`);
      resolve(1);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const node = (file, ...args) => run(process.execPath, [file, ...args]);

function npmRun(script) {
  // Under npm, npm_execpath is npm's own script; elsewhere fall back to the npm on PATH.
  const npmCli = process.env.npm_execpath;
  if (npmCli && /\.(c|m)?js$/.test(npmCli)) return node(npmCli, 'run', script);
  return run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', script]);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const skipReasons = [];

function countVitest() {
  const report = readJson(vitestReport);
  if (!report) return false;
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A test that skips itself (ctx.skip) leaves its reason in task.meta.skipReason.
  for (const file of report.testResults ?? []) {
    for (const result of file.assertionResults ?? []) {
      const reason = result.meta?.skipReason;
      if (reason) skipReasons.push(`[vitest] ${path.relative(repoRoot, file.name)} › ${result.fullName}: ${reason}`);
    }
  }
  return true;
}

function collectSkipReasons(suite, titles) {
  const here = suite.title ? [...titles, suite.title] : titles;
  for (const spec of suite.specs ?? []) {
    for (const result of spec.tests ?? []) {
      if (result.status !== 'skipped') continue;
      const reason = (result.annotations ?? []).find((note) => note.type === 'skip')?.description;
      skipReasons.push(`[${result.projectName}] ${[...here, spec.title].join(' › ')}${reason ? `: ${reason}` : ''}`);
    }
  }
  for (const child of suite.suites ?? []) collectSkipReasons(child, here);
}

function countPlaywright() {
  const report = readJson(playwrightReport);
  if (!report?.stats) return false;
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats;
  totals.passed += expected + flaky;
  totals.failed += unexpected;
  totals.skipped += skipped;
  for (const suite of report.suites ?? []) collectSkipReasons(suite, []);
  return true;
}

const steps = [
  { name: 'Type check (tsc)', run: () => node(binOf('typescript', 'tsc'), '-p', 'tsconfig.json', '--noEmit') },
  {
    name: 'Type check (svelte-check)',
    run: () => node(binOf('svelte-check', 'svelte-check'), '--tsconfig', './tsconfig.renderer.json', '--fail-on-warnings'),
  },
  { name: 'Build (vite: main, preload, renderer)', run: () => npmRun('build') },
  {
    name: 'Unit, integration and component tests (vitest)',
    run: async () => {
      fs.rmSync(vitestReport, { force: true });
      const code = await node(
        binOf('vitest', 'vitest'),
        'run',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${vitestReport}`,
      );
      if (!countVitest()) {
        console.error('vitest wrote no report, so its tests could not be counted.');
        return code === 0 ? 1 : code;
      }
      return code;
    },
  },
  {
    name: 'Browser and Electron tests (Playwright)',
    run: async () => {
      // No Chromium yet: get one (Playwright's, else Debian's), or stop in one line saying what to run.
      if (!(await ensureChromium())) return 1;
      fs.rmSync(playwrightReport, { force: true });
      const code = await node(binOf('@playwright/test', 'playwright'), 'test');
      if (!countPlaywright()) {
        console.error('Playwright wrote no report, so its tests could not be counted.');
        return code === 0 ? 1 : code;
      }
      return code;
    },
  },
];

async function main() {
  fs.mkdirSync(reportsDir, { recursive: true });
  let failedStep = null;
  for (const step of steps) {
    console.log(`\n=== ${step.name} ===`);
    const code = await step.run();
    if (code !== 0) {
      failedStep = step.name;
      break;
    }
  }

  console.log('');
  for (const reason of skipReasons) console.log(`Skipped: ${reason}`);
  if (failedStep) console.log(`Stopped: "${failedStep}" failed; the steps after it did not run.`);
  // Only on an otherwise green run: a failing test may print what explains it.
  const noisy = !failedStep && totals.failed === 0 && strayLines.length > 0;
  if (noisy) {
    console.log(
      `Failed: the tests printed ${strayLines.length} line(s) of the app's log or of console output ` +
        `(first: "${strayLines[0]}"); keep the app's log in its file (tests/helpers/fakeElectron.ts does).`,
    );
  }
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exitCode = failedStep || totals.failed > 0 || noisy ? 1 : 0;
}

main().catch((error) => {
  console.error(`npm test: ${error instanceof Error ? error.message : String(error)}`);
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exitCode = 1;
});
