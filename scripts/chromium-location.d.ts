// Types for scripts/chromium-location.js, used by playwright.config.ts.

export const SYSTEM_CHROMIUM_ARGS: readonly string[];

export const INSTALL_HINT: string;

export function findChromium(env?: NodeJS.ProcessEnv): { source: 'system' | 'playwright'; executablePath: string } | null;
