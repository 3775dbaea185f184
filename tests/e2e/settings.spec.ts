/**
 * Settings against the real core: the key (shown only by its last characters, removed with a
 * confirmation), a change saved at once and a refused one explained, the switches, and the tray's
 * "Settings…" opening the window there.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { connectWithKey, expect, GOOD_KEY, openWindow, test } from './harness/fixtures.js';
import { repoRoot } from './harness/trayAppInProcess.js';

const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };

test.beforeEach(async ({ ipc, app, page }) => {
  await connectWithKey({ ipc, app });
  await openWindow(page);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Settings' })).toBeVisible();
});

test('the key shows only as its last characters, with where it is kept', async ({ page }) => {
  const key = page.getByRole('region', { name: 'Lobstr API key' });
  await expect(key).toContainText(`Set, ending …${GOOD_KEY.slice(-4)}`);
  await expect(key).toContainText('Secret Service keyring (libsecret)');
  await expect(page.locator('body')).not.toContainText(GOOD_KEY);
  await expect(page.getByRole('region', { name: 'About this app' })).toContainText(version);
});

test('a change is saved at once; a refused one says why and changes nothing', async ({ page, app }) => {
  const interval = page.getByLabel('Check every (minutes)');
  await interval.fill('10');
  await interval.press('Enter');
  await expect.poll(() => app.settings().pollIntervalMinutes).toBe(10);

  await interval.fill('0');
  await interval.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: /1 (and|to) 60/ })).toBeVisible();
  expect(app.settings().pollIntervalMinutes).toBe(10);

  await page.getByRole('switch', { name: 'Launch at login' }).check();
  await expect.poll(() => app.settings().launchAtLogin).toBe(true);
  await page.getByRole('switch', { name: 'An account is synchronized again' }).uncheck();
  await expect.poll(() => app.settings().notifications.recovered).toBe(false);
});

test('removing the key asks first, then the window goes back to onboarding', async ({ page, ipc }) => {
  await page.getByRole('button', { name: 'Remove key' }).click();
  await page.getByRole('button', { name: 'Keep the key' }).click();
  expect(await ipc('key:status')).toMatchObject({ ok: true, value: { set: true } });

  await page.getByRole('button', { name: 'Remove key' }).click();
  await page.getByRole('button', { name: 'Yes, remove the key' }).click();
  await expect.poll(async () => ((await ipc('key:status')) as { value?: { set: boolean } }).value?.set).toBe(false);
  await page.getByRole('button', { name: /^Back/ }).click();
  await expect(page.getByRole('heading', { name: 'Connect Lobstr Tray to Lobstr' })).toBeVisible();
});

test('the tray menu’s "Settings…" opens the window on the settings', async ({ page, electron }) => {
  await page.getByRole('button', { name: 'Back to accounts' }).click();
  await expect(page.getByRole('heading', { name: 'Accounts' })).toBeVisible();
  expect(electron.trays.at(-1)!.menu!.click('Settings…')).toBe(true);
  await expect(page.getByRole('heading', { level: 2, name: 'Settings' })).toBeVisible();
});
