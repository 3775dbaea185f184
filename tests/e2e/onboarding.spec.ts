/**
 * First start, no key: the window asks for the Lobstr API key and checks it with a real call
 * before keeping it; or the user tries the demo. The app core runs against the simulator.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { HEALTH_ORDER } from '../../main/core/health/accountHealth.js';
import { shownRows } from './harness/accounts.js';
import { BAD_KEY, expect, GOOD_KEY, openWindow, test, watchForErrors } from './harness/fixtures.js';

test('a key Lobstr rejects is refused, said so, and not stored', async ({ page, trayApp, ipc }) => {
  const errors = watchForErrors(page);
  await openWindow(page);
  await expect(page.getByRole('heading', { name: 'Connect Lobstr Tray to Lobstr' })).toBeVisible();
  await expect(page.getByText('API page of the Lobstr dashboard')).toBeVisible(); // where the key is

  await page.getByLabel('Lobstr API key').fill(BAD_KEY);
  await page.getByRole('button', { name: 'Check and save key' }).click();

  const refusal = page.getByRole('alert').filter({ hasText: 'Lobstr rejected this key' });
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText('Nothing was stored.');
  // Still on onboarding, nothing kept anywhere.
  await expect(page.getByRole('heading', { name: 'Connect Lobstr Tray to Lobstr' })).toBeVisible();
  expect(await ipc('key:status')).toMatchObject({ ok: true, value: { set: false } });
  expect(existsSync(path.join(trayApp.root, 'userData', 'api-key.json'))).toBe(false);
  expect(errors).toEqual([]);
});

test('a key Lobstr accepts is kept and the accounts appear', async ({ page, trayApp, ipc }) => {
  await openWindow(page);
  await page.getByLabel('Lobstr API key').fill(`  ${GOOD_KEY}\n`); // pasted with a stray space and line break
  await page.getByRole('button', { name: 'Check and save key' }).click();

  await expect(page.getByRole('heading', { name: 'Accounts' })).toBeVisible();
  await expect(page.getByRole('grid')).toHaveAttribute('aria-rowcount', '17'); // 12 accounts, 4 health headings, the header row
  await expect(page.getByRole('status').filter({ hasText: '12 accounts' })).toBeVisible();
  expect(await ipc('key:status')).toMatchObject({ ok: true, value: { set: true, hint: `…${GOOD_KEY.slice(-4)}` } });
  expect(existsSync(path.join(trayApp.root, 'userData', 'api-key.json'))).toBe(true);
});

test('"Try with demo data" shows the demo accounts, those needing re-sync on top', async ({ page, app }) => {
  await openWindow(page);
  await page.getByRole('button', { name: 'Try with demo data' }).click();

  await expect(page.getByRole('heading', { name: 'Accounts' })).toBeVisible();
  await expect(page.getByText('Demo data', { exact: true })).toBeVisible();
  const resyncFilter = page.getByRole('group', { name: 'Show accounts by health' }).getByRole('button', { name: /re-sync/ });
  await expect(resyncFilter).toHaveText(/[1-9]\d* needs? re-sync/);
  const needing = Number((await resyncFilter.textContent())!.match(/\d+/)![0]);

  const rows = await shownRows(page);
  expect(rows.slice(0, needing).every((row) => row.health === 'needs_resync')).toBe(true);
  // Worst first all the way down.
  const ranks = rows.map((row) => HEALTH_ORDER.indexOf(row.health as (typeof HEALTH_ORDER)[number]));
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  expect(rows[0]!.name).toMatch(/ · needs re-sync: /);
  expect(app.settings().demoMode).toBe(true);
});

test.describe('Linux without a system keyring', () => {
  test.use({ safeStorageOptions: { backend: 'basic_text' } });

  test('says how weakly the key will be kept before it is stored, not only afterwards in Settings', async ({ page, trayApp }) => {
    await openWindow(page);
    const note = page.getByRole('note', { name: 'How your key will be kept: no keyring (fixed password)' });
    await expect(note).toBeVisible();
    await expect(note).toContainText('anyone who can read your files can recover it');
    // Said while nothing is stored yet, next to the field the key goes in.
    await expect(page.getByLabel('Lobstr API key')).toBeVisible();
    expect(existsSync(path.join(trayApp.root, 'userData', 'api-key.json'))).toBe(false);
  });
});
