// Which Chromium the renderer tests use: the system's (Debian's `chromium`, or CHROMIUM_PATH) when
// there is one, else the one `npx playwright install chromium` downloads. Shared by
// playwright.config.ts and scripts/test.js (which gets one when there is neither: chromium-install.js).
import fs from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

// Flags that let a distribution's Chromium run headless as root in a container, without reaching out.
export const SYSTEM_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // Chromium the browser, even headless, starts its address bar's popup (a page of its own, in a
  // renderer process of its own) about 250 ms after each new window: at the very time the window
  // under test loads. Electron has no such page. On a 2-core machine it took the CPU from the
  // page's first render: 195–202 ms with it, 125–134 ms without (bench/rendererBench.ts, 10,000).
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
];

export const INSTALL_HINT =
  'No Chromium for the renderer tests: install one with `apt-get install -y chromium` (Debian/Ubuntu) ' +
  'or `npx playwright install chromium`, then run npm test again.';

function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {{ source: 'system' | 'playwright', executablePath: string } | null}
 */
export function findChromium(env = process.env) {
  const candidates = env.CHROMIUM_PATH ? [env.CHROMIUM_PATH, ...SYSTEM_CANDIDATES] : SYSTEM_CANDIDATES;
  const system = candidates.find(isFile);
  if (system) return { source: 'system', executablePath: system };
  const bundled = chromium.executablePath();
  if (bundled && isFile(bundled)) return { source: 'playwright', executablePath: bundled };
  return null;
}
