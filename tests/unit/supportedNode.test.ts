/**
 * The Node.js versions the README promises are the ones the installed tree really accepts: package.json
 * `engines` says the same, and the packages that would print EBADENGINE on the oldest supported Node
 * are exactly the ones the README names.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { repoRoot } from './packagingBuild.js';

// semver as electron-builder itself resolves it (one of its declared dependencies).
const semver = createRequire(createRequire(import.meta.url).resolve('app-builder-lib/package.json'))('semver') as {
  satisfies(version: string, range: string): boolean;
};

const packageJson = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } }>;
};
const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

const OLDEST = '20.19.0'; // Vite 8, Rolldown, jsdom 29 and the Svelte plugin need it
// Electron 45 and its install helpers declare >=22.12; jsdom 29 and the Vite plugins skip 23.
const WARNING_FREE = ['22.13.0', '24.0.0'];

/** Installed packages whose `engines.node` does not accept `version` (npm's EBADENGINE list). */
function refusing(version: string): string[] {
  const names = new Set<string>();
  for (const [key, entry] of Object.entries(lock.packages)) {
    const range = entry.engines?.node;
    // Optional packages for other platforms are in the lockfile but never installed (nor checked).
    if (key === '' || !range || !existsSync(path.join(repoRoot, key))) continue;
    if (!semver.satisfies(version, range)) names.add(key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length));
  }
  return [...names].sort();
}

describe('the Node.js versions', () => {
  test('package.json engines accept the oldest Node that runs the toolchain, and not older', () => {
    expect(semver.satisfies(OLDEST, packageJson.engines.node)).toBe(true);
    for (const version of WARNING_FREE) expect(semver.satisfies(version, packageJson.engines.node), version).toBe(true);
    for (const version of ['20.18.0', '22.12.0', '23.5.0']) {
      expect(semver.satisfies(version, packageJson.engines.node), version).toBe(false);
      expect(refusing(version).filter((name) => !name.includes('electron') && name !== 'node-abi'), version).not.toEqual([]);
    }
    expect(refusing(OLDEST).filter((name) => !name.includes('electron') && name !== 'node-abi')).toEqual([]);
  });

  test('on the recommended Node nothing warns; on the oldest only what the README names', () => {
    for (const version of WARNING_FREE) expect(refusing(version), version).toEqual([]);
    const named = refusing(OLDEST);
    expect(named).toEqual(['@electron-internal/extract-zip', '@electron/get', '@electron/rebuild', 'electron', 'node-abi']);
    const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## The window'));
    expect(quickStart).toContain('Node.js 22.13 or newer');
    expect(quickStart).toContain('Node.js 20.19');
    for (const name of named) expect(quickStart, name).toContain(`\`${name}\``);
  });
});
