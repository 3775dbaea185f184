/**
 * What `import electron from 'electron'` gives the poll-path benchmark's app process (aliased in
 * vite.bench.config.ts): electron-store imports it at load, and there is no Electron runtime here
 * (docs in /work/shared/toolchain.md §2). Without `app` and `ipcMain` electron-store needs an
 * absolute `cwd`, which the app always gives it; everything else comes from the fakes.
 */
const stub = { app: undefined, ipcMain: undefined, shell: { openPath: async () => '' } };
export default stub;
export const { app, ipcMain, shell } = stub;
