import { defineConfig } from 'vite';

// A sandboxed preload cannot be an ES module: emit one CommonJS file.
export default defineConfig({
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'dist/preload',
    emptyOutDir: true,
    minify: false,
    rolldownOptions: {
      input: { index: 'preload/index.ts' },
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: '[name].cjs' },
    },
  },
});
