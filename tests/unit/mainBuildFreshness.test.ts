/**
 * `npm run check` (and `watch`, `sim`) rebuild dist/main only when it is stale: a check run twice
 * builds once. Driven on a small stand-in project with a stand-in build that counts its runs, so the
 * test says exactly when a build happens, without the real (slow) one or touching dist/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { BUILD_CONFIGS, STAMP_FILE, ensureMainBuilt } from '../../scripts/build-main-if-stale.js';

let root: string;
let builds: number;

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

/** Stands in for `vite build`: the bundle is the sources joined, so it changes when they do. */
function build(at: string): boolean {
  builds++;
  const sources = ['main/cli.ts', 'main/core/client.ts'].map((f) => {
    try {
      return readFileSync(path.join(at, f), 'utf8');
    } catch {
      return '';
    }
  });
  rmSync(path.join(at, 'dist', 'main'), { recursive: true, force: true });
  mkdirSync(path.join(at, 'dist', 'main', 'chunks'), { recursive: true });
  writeFileSync(path.join(at, 'dist', 'main', 'cli.js'), sources.join('\n'));
  writeFileSync(path.join(at, 'dist', 'main', 'chunks', 'client-1.js'), 'export {}');
  return true;
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'lobstr-freshness-'));
  builds = 0;
  write('main/cli.ts', 'import "./core/client.js";');
  write('main/core/client.ts', 'export const pages = 4;');
  for (const config of BUILD_CONFIGS) write(config, `// ${config}`);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the main bundle is rebuilt only when stale', () => {
  test('built when there is none, then not again while nothing changed', () => {
    expect(ensureMainBuilt(root, build)).toBe('built');
    expect(ensureMainBuilt(root, build)).toBe('current');
    expect(ensureMainBuilt(root, build)).toBe('current');
    expect(builds).toBe(1);
  });

  test('rebuilt when a source changes, is added or is removed', () => {
    ensureMainBuilt(root, build);
    write('main/core/client.ts', 'export const pages = 8;');
    expect(ensureMainBuilt(root, build)).toBe('built');
    write('main/core/pageWalk.ts', 'export {};');
    expect(ensureMainBuilt(root, build)).toBe('built');
    rmSync(path.join(root, 'main/core/pageWalk.ts'));
    expect(ensureMainBuilt(root, build)).toBe('built');
    expect(ensureMainBuilt(root, build)).toBe('current');
    expect(builds).toBe(4);
  });

  test('rebuilt when a config the build reads changes', () => {
    ensureMainBuilt(root, build);
    for (const config of BUILD_CONFIGS) {
      write(config, `// ${config}, edited`);
      expect(ensureMainBuilt(root, build), config).toBe('built');
    }
    expect(builds).toBe(1 + BUILD_CONFIGS.length);
  });

  test('rebuilt when dist/main was replaced by another build, or removed', () => {
    ensureMainBuilt(root, build);
    write('dist/main/cli.js', '// built from other sources by npm run build');
    expect(ensureMainBuilt(root, build)).toBe('built');
    rmSync(path.join(root, 'dist', 'main'), { recursive: true });
    expect(ensureMainBuilt(root, build)).toBe('built');
    expect(builds).toBe(3);
  });

  test('a failed build leaves no stamp, so the next run tries again', () => {
    expect(ensureMainBuilt(root, () => false)).toBe('failed');
    expect(() => readFileSync(path.join(root, STAMP_FILE))).toThrow();
    expect(ensureMainBuilt(root, build)).toBe('built');
  });

  test('the stamp stays out of dist/main, which is packaged and emptied by each build', () => {
    expect(path.dirname(STAMP_FILE)).toBe('dist');
  });
});

describe("package.json's commands that run the bundle", () => {
  test('check, watch, resync and sim build only through the freshness check', () => {
    const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    for (const name of ['check', 'watch', 'resync', 'sim']) {
      expect(scripts[name], name).toMatch(/^node scripts\/build-main-if-stale\.js && node dist\/main\//);
    }
  });
});
