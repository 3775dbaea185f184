import { defineConfig } from 'vite';

// Benchmarks (`npm run bench`): built apart from the app so they never ship in app.asar.
export default defineConfig({
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
      },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
