import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// A sandboxed preload cannot be an ES module: emit one CommonJS file.
export default defineConfig({
  // The app version, baked in: a sandboxed preload cannot read package.json at run time.
  define: { __LOBSTR_TRAY_VERSION__: JSON.stringify(version) },
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'dist/preload',
    emptyOutDir: true,
    minify: false,
    // Rolldown's timing report measures the machine's load, not the code: off, so a build on a busy
    // machine prints nothing (tests/unit/buildWarnings.test.ts).
    rolldownOptions: {
      checks: { bundlerTimings: false },
      input: { index: 'preload/index.ts' },
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: '[name].cjs' },
    },
  },
});
