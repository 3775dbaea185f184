import { defineConfig } from 'vite';

// The main process, the headless `lobstr-tray` command and the simulator, bundled for Node.
// Dependencies stay external (ssr build): electron is provided by the runtime, and the
// production dependencies ship in app.asar's node_modules.
export default defineConfig({
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'dist/main',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    rolldownOptions: {
      input: {
        index: 'main/index.ts',
        cli: 'main/cli.ts',
        'simulator/cli': 'main/simulator/cli.ts',
      },
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
