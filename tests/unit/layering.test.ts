/**
 * The layout shows the architecture (shared/design.md "Layout"): only main/electron/ and the entry
 * import Electron; the core imports nothing from above it (no shared/, cli/, electron/, simulator/), so
 * it runs in plain Node and the view types the window receives are defined where the core makes them;
 * the Electron glue does not reach into the command line; the core is grouped in folders that follow
 * the data flow.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const main = path.join(process.cwd(), 'main');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every module a file imports (static, dynamic and type-only), resolved to a path under main/ or a package name. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]!);
  return specifiers.map((spec) => (spec.startsWith('.') ? path.relative(main, path.resolve(path.dirname(file), spec)) : spec));
}

const all = sources(main).map((file) => ({ file: path.relative(main, file), imports: importsOf(file) }));

describe('layering of main/', () => {
  it('only main/electron/ and main/index.ts import electron', () => {
    const offenders = all
      .filter(({ file }) => !file.startsWith('electron/') && file !== 'index.ts')
      .filter(({ imports }) => imports.some((spec) => spec === 'electron' || spec.startsWith('electron/')));
    expect(offenders.map((o) => o.file)).toEqual([]);
  });

  it('the core imports nothing from shared/, cli/, electron/ or simulator/', () => {
    const upward = all
      .filter(({ file }) => file.startsWith('core/'))
      .flatMap(({ file, imports }) =>
        imports.filter((spec) => /^(shared|cli|electron|simulator)\//.test(spec)).map((spec) => `${file} -> ${spec}`),
      );
    expect(upward).toEqual([]);
  });

  it('the Electron glue does not reach into the command line', () => {
    const intoCli = all
      .filter(({ file }) => file.startsWith('electron/'))
      .flatMap(({ file, imports }) => imports.filter((spec) => spec.startsWith('cli/') || spec === 'cli.js').map((spec) => `${file} -> ${spec}`));
    expect(intoCli).toEqual([]);
  });

  it('the core is grouped by the data flow: client, health, monitor, re-sync, settings, views', () => {
    const core = all.filter(({ file }) => file.startsWith('core/')).map(({ file }) => file);
    const folders = new Set(core.map((file) => file.split('/')[1]).filter((part) => !part!.endsWith('.ts')));
    expect([...folders].sort()).toEqual(['health', 'lobstr', 'monitor', 'resync', 'settings', 'views']);
    // Only what every step shares stays at the top: the model, the app's name, the slices long loops are cut in.
    expect(core.filter((file) => file.split('/').length === 2).sort()).toEqual(['core/appModel.ts', 'core/version.ts', 'core/yielding.ts']);
  });
});
