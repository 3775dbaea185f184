// Finds (and, once, fetches) the Electron executable for `npm start` and the Electron tests.
//
// This deliberately never calls `require('electron')`: since electron 42 that call downloads the
// binary on first use and throws a stack trace when it can't. Instead it reads the same places
// node_modules/electron/index.js reads: ELECTRON_OVERRIDE_DIST_PATH, or path.txt + dist/.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** Where the executable sits inside an Electron dist, per platform (as electron's install.js writes path.txt). */
export function electronExecutableName(platform = process.platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/** The installed `electron` package's directory, or null when `npm install` has not been run. */
export function electronPackageDir() {
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

function isExecutableFile(file) {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The absolute path of a runnable Electron executable, or null when there is none.
 * @param {{ packageDir?: string | null, env?: NodeJS.ProcessEnv }} [options]
 * @returns {string | null}
 */
export function findElectronBinary({ packageDir = electronPackageDir(), env = process.env } = {}) {
  let relative = null;
  if (packageDir) {
    try {
      relative = fs.readFileSync(path.join(packageDir, 'path.txt'), 'utf8').trim() || null;
    } catch {
      relative = null;
    }
  }
  let candidate = null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    candidate = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? electronExecutableName());
  } else if (packageDir && relative) {
    candidate = path.join(packageDir, 'dist', relative);
  }
  return candidate && isExecutableFile(candidate) ? path.resolve(candidate) : null;
}

/**
 * Runs electron's own installer (node_modules/electron/install.js) once, quietly.
 * Resolves true when it exited cleanly. A note goes to stdout only if the download is still
 * running after a few seconds, so a fast failure (no internet) stays silent.
 * @param {{ packageDir?: string | null, timeoutMs?: number, noticeAfterMs?: number, env?: NodeJS.ProcessEnv }} [options]
 * @returns {Promise<boolean>}
 */
export function downloadElectronBinary({
  packageDir = electronPackageDir(),
  timeoutMs = 60_000,
  noticeAfterMs = 3_000,
  env = process.env,
} = {}) {
  if (!packageDir) return Promise.resolve(false);
  const installer = path.join(packageDir, 'install.js');
  if (!fs.existsSync(installer)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [installer], { stdio: 'ignore', env, cwd: packageDir });
    const notice = setTimeout(() => {
      console.log('Lobstr Tray: downloading the Electron binary (first start only)...');
    }, noticeAfterMs);
    const deadline = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    const finish = (ok) => {
      clearTimeout(notice);
      clearTimeout(deadline);
      resolve(ok);
    };
    child.on('error', () => finish(false));
    child.on('exit', (code) => finish(code === 0));
  });
}
