/**
 * The built window UI in Chromium, under its real Content-Security-Policy: outside the app it
 * explains itself; with the preload's API present it shows the version; it follows the OS theme.
 */
import { expect, test, type Page } from '@playwright/test';

/** Collects what the page logs as errors (a CSP violation, a failed script) while a test runs. */
function watchForErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

test('outside the app, the window explains where it belongs and what to run instead', async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto('./');
  await expect(page).toHaveTitle('Lobstr Tray');
  await expect(page.getByRole('heading', { level: 1, name: 'Lobstr Tray' })).toBeVisible();
  const notice = page.getByRole('region', { name: 'Not running inside Lobstr Tray' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('This window runs inside the Lobstr Tray app.');
  await expect(notice).toContainText('npm run check -- --demo');
  await page.screenshot({ path: 'test-results/renderer-outside-app.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('inside the app, the window shows the version the preload reports', async ({ page }) => {
  const errors = watchForErrors(page);
  await page.addInitScript(() => {
    // What preload/index.ts exposes through contextBridge.
    Object.defineProperty(globalThis, 'lobstr', { value: Object.freeze({ version: '9.8.7', platform: 'linux' }) });
  });
  await page.goto('./');
  const about = page.getByRole('region', { name: 'About this app' });
  await expect(about).toBeVisible();
  await expect(about.getByRole('definition').first()).toHaveText('9.8.7');
  await expect(about).toContainText('Linux');
  await expect(page.getByRole('region', { name: 'Not running inside Lobstr Tray' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/renderer-in-app.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('it follows the operating system’s light or dark theme', async ({ page }) => {
  // The page colours of renderer/src/app.css: near-white in light mode, near-black in dark mode.
  const root = page.locator('html');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('./');
  await expect(root).toHaveCSS('background-color', 'rgb(246, 246, 247)');

  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(root).toHaveCSS('background-color', 'rgb(23, 23, 26)');
  await page.screenshot({ path: 'test-results/renderer-dark.png', fullPage: true });
});
