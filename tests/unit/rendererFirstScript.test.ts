/**
 * The window's first script holds the list and nothing it does not need before the first row:
 * every kilobyte of it is parsed and compiled before the list of 10,000 accounts appears (the
 * first-render figure of bench/rendererBench.ts). The details, settings and onboarding views are
 * scripts of their own, loaded when idle or when first opened (renderer/src/laterViews.ts).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

// Inside the repo, so the build resolves its dependencies from node_modules.
const cache = path.join(process.cwd(), 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const outDir = mkdtempSync(path.join(cache, 'renderer-first-script-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

let manifest: Record<string, ManifestChunk>;

beforeAll(async () => {
  await build({
    configFile: 'vite.renderer.config.ts',
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true, manifest: 'manifest.json' },
  });
  manifest = JSON.parse(readFileSync(path.join(outDir, 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
}, 120_000);

/** The chunks the page loads before running anything: the entry and its static imports. */
function firstScripts(): Set<string> {
  const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry);
  if (!entry) throw new Error('the renderer build has no entry chunk');
  const loaded = new Set<string>();
  const visit = (key: string) => {
    if (loaded.has(key)) return;
    loaded.add(key);
    for (const next of manifest[key]?.imports ?? []) visit(next);
  };
  visit(entry[0]);
  return loaded;
}

describe('the window’s first script', () => {
  it.each(['src/views/DetailsView.svelte', 'src/views/SettingsView.svelte', 'src/views/OnboardingView.svelte'])(
    'leaves %s to a script of its own, loaded later',
    (view) => {
      // A view inside the first script has no chunk of its own in the manifest.
      expect(manifest[view]?.isDynamicEntry, `${view} is bundled into the first script`).toBe(true);
      expect(firstScripts().has(view)).toBe(false);
    },
  );

  it('holds the list view', () => {
    const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry)!;
    expect(manifest['src/views/ListView.svelte']).toBeUndefined(); // inside the entry, not a chunk
    expect(entry[1].dynamicImports).toEqual(
      expect.arrayContaining(['src/views/DetailsView.svelte', 'src/views/SettingsView.svelte', 'src/views/OnboardingView.svelte']),
    );
  });
});
