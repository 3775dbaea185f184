/**
 * The built window UI in Chromium, under its real Content-Security-Policy: outside the app it
 * explains itself; inside it, every view loads without an error or a policy violation; it follows
 * the OS theme; while the app has not answered yet it says it is loading.
 */
import { expect as plainExpect, test as plainTest } from '@playwright/test';
import { accountRows } from './harness/accounts.js';
import { connectWithKey, expect, openWindow, test, watchForErrors } from './harness/fixtures.js';

plainTest('outside the app, the window explains where it belongs and what to run instead', async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto('./');
  await plainExpect(page).toHaveTitle('Lobstr Tray');
  await plainExpect(page.getByRole('heading', { level: 1, name: 'Lobstr Tray' })).toBeVisible();
  const notice = page.getByRole('region', { name: 'Not running inside Lobstr Tray' });
  await plainExpect(notice).toBeVisible();
  await plainExpect(notice).toContainText('This window runs inside the Lobstr Tray app.');
  await plainExpect(notice).toContainText('npm run check -- --demo');
  plainExpect(errors).toEqual([]);
});

plainTest('it follows the operating system’s light or dark theme', async ({ page }) => {
  // The page colours of renderer/src/app.css: near-white in light mode, near-black in dark mode.
  const root = page.locator('html');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('./');
  await plainExpect(root).toHaveCSS('background-color', 'rgb(246, 246, 247)');
  await page.emulateMedia({ colorScheme: 'dark' });
  await plainExpect(root).toHaveCSS('background-color', 'rgb(23, 23, 26)');
});

test('every view loads with no error and no policy violation', async ({ page, ipc, app }) => {
  const errors = watchForErrors(page);
  await connectWithKey({ ipc, app });
  await openWindow(page);
  await expect(accountRows(page).first()).toBeVisible();
  await accountRows(page).first().click();
  await expect(page.getByRole('button', { name: 'Back to accounts' })).toBeVisible();
  await page.getByRole('button', { name: 'Back to accounts' }).click();
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'About this app' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('until the app answers, the window says it is loading', async ({ page, trayApp }) => {
  // Hold the first answers back, as a busy main process would.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const original = trayApp.electron.ipcMain.invoke.bind(trayApp.electron.ipcMain);
  trayApp.electron.ipcMain.invoke = async <T>(channel: string, ...args: unknown[]) => {
    if (channel === 'snapshot:head' || channel === 'snapshot:get') await held;
    return original<T>(channel, ...args);
  };
  await page.goto('./');
  await expect(page.getByRole('status').filter({ hasText: 'Loading…' })).toBeVisible();
  release();
  await expect(page.getByRole('heading', { name: 'Connect Lobstr Tray to Lobstr' })).toBeVisible();
});

test.describe('10,000 accounts', () => {
  test.use({ simulatorOptions: { accounts: 10_000, seed: 7 } });

  test('the first rows are on screen while the whole list is still on its way, then the whole list takes their place', async ({ page, ipc, app, trayApp }) => {
    test.slow();
    await connectWithKey({ ipc, app });
    const whole = await ipc('snapshot:get');
    if (!whole.ok) throw new Error(whole.error.message);
    const { counts, accounts } = (whole.value as { snapshot: { counts: Record<string, number>; accounts: Array<{ username: string }> } }).snapshot;
    // The whole snapshot held back, as a main process still sending 10,000 rows.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const original = trayApp.electron.ipcMain.invoke.bind(trayApp.electron.ipcMain);
    trayApp.electron.ipcMain.invoke = async <T>(channel: string, ...args: unknown[]) => {
      if (channel === 'snapshot:get') await held;
      return original<T>(channel, ...args);
    };
    await page.goto('./');

    const grid = page.getByRole('grid', { name: 'Accounts' });
    await expect(accountRows(page).first()).toBeVisible();
    await expect(grid).toHaveAttribute('aria-busy', 'true');
    await expect(accountRows(page).first()).toHaveAttribute('aria-label', new RegExp(`^${accounts[0]!.username} `));
    // The counts and the total are the whole list's, not the rows at hand.
    await expect(page.getByRole('status').filter({ hasText: /^\s*10,000 accounts\s*$/ })).toBeVisible();
    const worst = ['needs_resync', 'attention', 'locked', 'ok'].find((health) => counts[health]! > 0)!;
    expect(counts[worst]).toBeGreaterThan(100); // more than the first screen holds
    await expect(grid.getByRole('rowheader').first()).toContainText(`· ${counts[worst]!.toLocaleString('en')}`);
    // As long as the whole list: its scroll bar does not jump when the rest arrives.
    expect(Number(await grid.getAttribute('aria-rowcount'))).toBeGreaterThan(10_001);

    release();
    await expect(grid).toHaveAttribute('aria-busy', 'false');
    await grid.focus();
    await page.keyboard.press('End');
    await expect(grid.locator('[aria-selected="true"]')).toHaveAttribute('aria-label', new RegExp(`^${accounts.at(-1)!.username.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `));
  });
});
