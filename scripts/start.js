#!/usr/bin/env node
// `npm start` (after the build): launches the Electron app, or says in one line why it can't.
// Runs in plain Node and must never import `electron` (see electron-binary.js for why).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadElectronBinary, electronPackageDir, findElectronBinary } from './electron-binary.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const NO_BINARY =
  'Lobstr Tray: no Electron binary on this machine (it could not be downloaded), so the tray app cannot start here. ' +
  'Try the headless check instead: npm run check -- --demo';
const NO_PACKAGE = 'Lobstr Tray: the electron package is not installed. Run npm install first, then npm start.';
const NOT_BUILT = 'Lobstr Tray: the app is not built (dist/main/index.js is missing). Run npm start, which builds it first.';

function fail(line) {
  console.error(line);
  process.exitCode = 1;
}

async function main() {
  const packageDir = electronPackageDir();
  if (!packageDir && !process.env.ELECTRON_OVERRIDE_DIST_PATH) return fail(NO_PACKAGE);

  let binary = findElectronBinary({ packageDir });
  if (!binary) {
    // The official way, as `require('electron')` would do it, but bounded and without its stack trace.
    await downloadElectronBinary({ packageDir });
    binary = findElectronBinary({ packageDir });
  }
  if (!binary) return fail(NO_BINARY);
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'main', 'index.js'))) return fail(NOT_BUILT);

  // Electron is given the app folder, not the script: it then reads package.json ("main", name,
  // version), so app.getVersion() and the user-data folder are the app's own, as when packaged.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would turn Electron into plain Node
  // The handlers go in before Electron is spawned: a signal that came in between would otherwise
  // end this script by default and orphan Electron, which keeps the terminal's output open (seen
  // on a loaded machine). A handler runs on the event loop, so after spawn() has returned.
  let child = null;
  const forward = (signal) => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child = spawn(binary, [repoRoot, ...process.argv.slice(2)], { stdio: 'inherit', env });

  child.on('error', (error) => {
    fail(`Lobstr Tray: could not run Electron at ${binary}: ${error.message}`);
  });
  child.on('exit', (code, signal) => {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
    if (code !== null) process.exitCode = code;
    else process.exitCode = 128 + (signal ? (os.constants.signals[signal] ?? 0) : 0);
  });
}

main().catch((error) => {
  fail(`Lobstr Tray: could not start: ${error instanceof Error ? error.message : String(error)}`);
});
