import { chmod, stat } from 'node:fs/promises';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/**
 * Entries that start with a shebang are programs (`lobstr-tray` is package.json's bin): npm links the
 * bin to the built file and the shell runs it directly, so each build must leave it executable.
 * Without this every rebuild rewrote dist/main/cli.js as 0644 and `npx lobstr-tray` said "Permission denied".
 */
function executableEntries(): Plugin {
  return {
    name: 'lobstr-tray:executable-entries',
    async writeBundle(options, bundle) {
      const outDir = options.dir ?? path.dirname(options.file ?? '');
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.isEntry || !chunk.code.startsWith('#!')) continue;
        const file = path.join(outDir, chunk.fileName);
        await chmod(file, (await stat(file)).mode | 0o111);
      }
    },
  };
}

// The main process, the headless `lobstr-tray` command and the simulator, bundled for Node.
// Dependencies stay external (ssr build): electron is provided by the runtime, and the
// production dependencies ship in app.asar's node_modules.
export default defineConfig({
  plugins: [executableEntries()],
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'dist/main',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    // Rolldown's timing report measures the machine's load, not the code: off, so a build on a busy
    // machine prints nothing (tests/unit/buildWarnings.test.ts).
    rolldownOptions: {
      checks: { bundlerTimings: false },
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
