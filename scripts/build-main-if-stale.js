#!/usr/bin/env node
// `npm run check`, `watch` and `sim` run this first: it rebuilds dist/main only when the bundle there
// is not the one the current sources make, so a check no longer pays a build at every run.
//
// A content stamp, not mtimes: a checkout, a stash or a copy can leave sources older than a bundle
// they did not make. The stamp holds a hash of the inputs (every file under main/ with its path,
// and the configs the build reads) and of the outputs it produced; the bundle is current when both
// still match. A build done some other way (`npm run build`, `npm test`) leaves outputs the stamp
// does not know, so the next run rebuilds once: never a stale bundle, at worst one build too many.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the main bundle is built from, besides every file under main/. */
export const BUILD_CONFIGS = ['vite.main.config.ts', 'tsconfig.json', 'package.json'];
/** Where the stamp lives: beside dist/main, which each build empties, and outside what is packaged. */
export const STAMP_FILE = path.join('dist', '.main-build-stamp.json');

const SOURCE_DIR = 'main';
const OUTPUT_DIR = path.join('dist', 'main');

/** Files under `dir` (relative to root), sorted, so the hash does not depend on the listing order. */
function filesUnder(root, dir, keep = () => true) {
  const out = [];
  const walk = (relative) => {
    let entries;
    try {
      entries = fs.readdirSync(path.join(root, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const child = path.join(relative, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && keep(child)) out.push(child);
    }
  };
  walk(dir);
  return out.sort();
}

/** One hash over the paths and contents: a renamed, added or removed file changes it too. */
function hashFiles(root, files) {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file.split(path.sep).join('/')}\0`);
    try {
      hash.update(fs.readFileSync(path.join(root, file)));
    } catch {
      hash.update('(missing)');
    }
    hash.update('\0');
  }
  return hash.digest('hex');
}

export function inputsHash(root) {
  return hashFiles(root, [...filesUnder(root, SOURCE_DIR), ...BUILD_CONFIGS]);
}

/** The built JavaScript (source maps aside): what `node dist/main/cli.js` actually runs. */
export function outputsHash(root) {
  const files = filesUnder(root, OUTPUT_DIR, (file) => file.endsWith('.js'));
  return files.length === 0 ? null : hashFiles(root, files);
}

function readStamp(root) {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, STAMP_FILE), 'utf8'));
  } catch {
    return null;
  }
}

/** True when dist/main holds what the current sources build. */
export function mainBuildIsCurrent(root) {
  const stamp = readStamp(root);
  if (!stamp || typeof stamp.inputs !== 'string' || typeof stamp.outputs !== 'string') return false;
  return stamp.inputs === inputsHash(root) && stamp.outputs === outputsHash(root);
}

/** The project's own main build (package.json's build:main), its output on stderr: stdout stays the command's. */
function npmBuildMain(root) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', '-s', 'build:main'], {
    cwd: root,
    stdio: ['ignore', 2, 'inherit'], // its stdout onto stderr
    shell: process.platform === 'win32',
  });
  return result.status === 0;
}

/**
 * Builds dist/main when it is stale and records the stamp. Returns 'current' (nothing done),
 * 'built', or 'failed' (the build's own messages already printed).
 */
export function ensureMainBuilt(root, build = npmBuildMain) {
  if (mainBuildIsCurrent(root)) return 'current';
  // Hashed before the build: a source edited while it runs leaves a stamp that no longer matches.
  const inputs = inputsHash(root);
  if (!build(root)) return 'failed';
  const outputs = outputsHash(root);
  if (outputs === null) return 'failed';
  fs.mkdirSync(path.dirname(path.join(root, STAMP_FILE)), { recursive: true });
  fs.writeFileSync(path.join(root, STAMP_FILE), `${JSON.stringify({ inputs, outputs })}\n`);
  return 'built';
}

const isEntryPoint = process.argv[1] !== undefined && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  if (ensureMainBuilt(root) === 'failed') process.exitCode = 1;
}
