/**
 * `npm run build` (a step of `npm test`) prints nothing on a passing build, even on a busy machine:
 * Rolldown's timing report ("[PLUGIN_TIMINGS] JavaScript callbacks ran for 5.5s…") measures the
 * machine's load, not the code, and read like a failure in the middle of a green run. A plugin that
 * takes a few seconds (by waiting, so no CPU is spent) stands for a slow machine.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build, type Logger, type Plugin } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

// Inside the repo, so the bundles' external dependencies resolve from its node_modules.
const cache = path.join(process.cwd(), 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const outRoot = mkdtempSync(path.join(cache, 'build-warnings-'));
afterAll(() => rmSync(outRoot, { recursive: true, force: true }));

/** Rolldown reports callbacks that took more than about 3 s in all. */
const slowMachine: Plugin = {
  name: 'slow-machine',
  async buildStart() {
    await new Promise((resolve) => setTimeout(resolve, 3_500));
  },
};

function recordingLogger(printed: string[]): Logger {
  const keep = (message: string) => void printed.push(message);
  return { info: () => {}, warn: keep, warnOnce: keep, error: keep, clearScreen: () => {}, hasErrorLogged: () => false, hasWarned: false };
}

describe.concurrent('the build on a busy machine', () => {
  it.each(['vite.main.config.ts', 'vite.preload.config.ts', 'vite.renderer.config.ts'])(
    '%s prints no warning',
    async (configFile) => {
      const printed: string[] = [];
      const outDir = path.join(outRoot, path.basename(configFile, '.ts'));
      await build({
        configFile,
        logLevel: 'warn',
        customLogger: recordingLogger(printed),
        plugins: [slowMachine],
        build: { outDir, emptyOutDir: false, sourcemap: false },
      });
      expect(printed).toEqual([]);
    },
    60_000,
  );
});
