// Values vite.preload.config.ts substitutes at build time (Vite `define`).

/** package.json's "version". */
declare const __LOBSTR_TRAY_VERSION__: string;
