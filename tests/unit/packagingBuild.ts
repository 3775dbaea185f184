/**
 * Shared by the packaging tests: the repo root, and a build of dist/ when one is missing
 * (`npm test` builds before vitest runs, so this only builds when a test file is run alone).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const BUILT_FILES = [
  'dist/main/index.js',
  'dist/main/cli.js',
  'dist/main/simulator/cli.js',
  'dist/preload/index.cjs',
  'dist/renderer/index.html',
];

/** Builds dist/ (the whole app) unless every one of `needed` is already there. */
export function ensureBuilt(needed: readonly string[] = BUILT_FILES): void {
  if (needed.every((file) => existsSync(path.join(repoRoot, file)))) return;
  // Under npm, npm_execpath is npm's own script: run it with this Node rather than relying on PATH.
  const npmCli = process.env.npm_execpath;
  const [command, args] = npmCli ? [process.execPath, [npmCli, 'run', 'build']] : ['npm', ['run', 'build']];
  const result = spawnSync(command, args, {
    cwd: repoRoot,
    encoding: 'utf8',
    shell: !npmCli && process.platform === 'win32',
  });
  if (result.status !== 0) {
    throw new Error(`npm run build failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}
