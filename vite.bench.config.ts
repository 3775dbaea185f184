import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Benchmarks (`npm run bench`): built apart from the app so they never ship in app.asar.
// The poll-path benchmark runs the app on the test fakes in plain Node: electron-store is bundled so
// that its `import electron` reaches the small stub instead of the electron package (no runtime here).
export default defineConfig({
  resolve: { alias: { electron: fileURLToPath(new URL('bench/electronStub.ts', import.meta.url)) } },
  ssr: { noExternal: ['electron-store'] },
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'dist/bench',
    emptyOutDir: true,
    minify: false,
    rolldownOptions: {
      input: {
        run: 'bench/run.ts',
        listOnce: 'bench/listOnce.ts',
        simulatorProcess: 'bench/simulatorProcess.ts',
        rendererBench: 'bench/rendererBench.ts',
        pollPath: 'bench/pollPath.ts',
        pollPathApp: 'bench/pollPathApp.ts',
      },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
