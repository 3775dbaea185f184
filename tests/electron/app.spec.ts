/**
 * The real Electron app, through Playwright's Electron driver: the window opens titled
 * "Lobstr Tray", the preload's API is there, and Node.js is not. Runs wherever an Electron binary
 * exists (after `npm start` has fetched one on a machine with internet); reports itself skipped,
 * with the reason, where none does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../../scripts/electron-binary.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
const binary = findElectronBinary();
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

test.skip(
  binary === null,
  'No Electron binary on this machine: node_modules/electron has no dist/ and it could not be downloaded (npm start fetches it where there is internet)',
);
test.skip(noDisplay, 'No display for Electron: run under a desktop session or xvfb-run');

test('the app opens its window with the preload API and without Node.js', async () => {
  // Launched on the app folder, as `npm start` does: Electron reads package.json "main".
  const app = await electron.launch({ executablePath: binary ?? '', args: [repoRoot] });
  try {
    const window = await app.firstWindow();
    await expect(window).toHaveTitle('Lobstr Tray');
    await expect(window.getByRole('heading', { level: 1, name: 'Lobstr Tray' })).toBeVisible();
    const bridge = await window.evaluate(() => (globalThis as { lobstr?: { version: string; platform: string } }).lobstr);
    expect(bridge).toEqual({ version, platform: process.platform });
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    await expect(window.getByRole('region', { name: 'About this app' })).toContainText(version);
  } finally {
    await app.close();
  }
});
