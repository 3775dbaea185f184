/**
 * The `lobstr-tray` command as a shell script meets it: built with the project's own Vite config
 * into a temp folder (never touching dist/), then run as a real process.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { build } from 'vite';

export interface BuiltCli {
  /** The bundled entry point, cli.js. */
  readonly script: string;
  /** Deletes the temp folder. */
  remove(): void;
}

/** Builds main into a fresh temp folder whose name starts with `prefix`. */
export async function buildCli(prefix: string): Promise<BuiltCli> {
  // Inside the repo, so the bundle's external dependencies resolve from its node_modules.
  const cache = join(process.cwd(), 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const outDir = mkdtempSync(join(cache, prefix));
  const remove = (): void => rmSync(outDir, { recursive: true, force: true });
  try {
    await build({ configFile: 'vite.main.config.ts', logLevel: 'silent', build: { outDir, sourcemap: false } });
  } catch (e) {
    remove();
    throw e;
  }
  return { script: join(outDir, 'cli.js'), remove };
}

export interface CliProcess {
  child: ChildProcessByStdio<Writable | null, Readable, Readable>;
  /** Everything written so far. */
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface CliStart {
  /** Written to the command's standard input, which then ends; without it the command reads none. */
  stdin?: string;
}

/** Starts the built command with PATH and `env` only, so nothing from the test run's environment leaks in. */
export function startCli(cli: BuiltCli, args: string[], env: Record<string, string> = {}, start: CliStart = {}): CliProcess {
  const child = spawn(process.execPath, [cli.script, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: [start.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  }) as unknown as ChildProcessByStdio<Writable | null, Readable, Readable>;
  if (start.stdin !== undefined) child.stdin?.end(start.stdin);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

/** Runs the built command to its end: its exit code and all it wrote. */
export async function runBuiltCli(
  cli: BuiltCli,
  args: string[],
  env: Record<string, string> = {},
  start: CliStart = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const running = startCli(cli, args, env, start);
  const { code } = await running.exit;
  return { code, stdout: running.stdout(), stderr: running.stderr() };
}
