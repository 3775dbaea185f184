import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The window's UI. `base: './'` so the built page loads from file:// inside Electron.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [svelte()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    // Rolldown's timing report measures the machine's load, not the code: off, so a build on a busy
    // machine prints nothing (tests/unit/buildWarnings.test.ts).
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  preview: { host: '127.0.0.1' },
});
