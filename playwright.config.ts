import { defineConfig } from '@playwright/test';
import { findChromium, SYSTEM_CHROMIUM_ARGS } from './scripts/chromium-location.js';

// Two projects: the built window UI in Chromium (served by `vite preview`: module scripts are
// blocked over file:// in a plain browser), and the real Electron app where a binary exists.
// Both need `npm run build` first; `npm test` does that.
// LOBSTR_TRAY_E2E_PORT lets two checkouts run their browser tests side by side.
const PORT = Number(process.env.LOBSTR_TRAY_E2E_PORT ?? 41873);
const chromium = findChromium();

export default defineConfig({
  forbidOnly: true,
  outputDir: 'test-results/playwright',
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  timeout: 30_000,
  // The window's pictures (tests/e2e/baselines.spec.ts): compared, never written, unless asked.
  updateSnapshots: process.env.UPDATE_SCREENSHOTS === '1' ? 'all' : 'none',
  webServer: {
    command: `npx vite preview --config vite.renderer.config.ts --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
  },
  projects: [
    {
      name: 'renderer',
      testDir: 'tests/e2e',
      use: {
        browserName: 'chromium',
        baseURL: `http://127.0.0.1:${PORT}/`,
        // With no system Chromium, Playwright's own (after `npx playwright install chromium`).
        ...(chromium?.source === 'system'
          ? { launchOptions: { executablePath: chromium.executablePath, args: [...SYSTEM_CHROMIUM_ARGS] } }
          : {}),
      },
    },
    {
      name: 'electron',
      testDir: 'tests/electron',
    },
  ],
});
