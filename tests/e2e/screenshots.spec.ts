/**
 * Screenshots of every view in the light and the dark theme, in a window of the app's size, with
 * the demo data: written to test-results/screenshots/ (not committed) for a person to look at.
 * With UPDATE_SCREENSHOTS=1 the light list and details also replace the README's pictures in
 * docs/screenshots/ (`UPDATE_SCREENSHOTS=1 npx playwright test --project=renderer screenshots`).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { accountRows } from './harness/accounts.js';
import { expect, openWindow, test } from './harness/fixtures.js';
import { repoRoot } from './harness/trayAppInProcess.js';

const shotsDir = path.join(repoRoot, 'test-results', 'screenshots');
const readmeDir = path.join(repoRoot, 'docs', 'screenshots');
const updateReadme = process.env.UPDATE_SCREENSHOTS === '1';

test.use({ viewport: { width: 1100, height: 720 } });

/** The window as it is now; full page for the long views. */
async function shoot(page: Page, name: string, fullPage = false): Promise<string> {
  const file = path.join(shotsDir, `${name}.png`);
  // No caret blinking into one shot and not the next, no hover left over from a click.
  await page.mouse.move(0, 0);
  await page.screenshot({ path: file, fullPage, caret: 'hide', animations: 'disabled' });
  return file;
}

for (const scheme of ['light', 'dark'] as const) {
  test(`every view, ${scheme}`, async ({ page, trayApp }) => {
    expect(trayApp).toBeTruthy();
    await page.emulateMedia({ colorScheme: scheme });
    await openWindow(page);

    await expect(page.getByRole('heading', { name: 'Connect Lobstr Tray to Lobstr' })).toBeVisible();
    await shoot(page, `onboarding-${scheme}`);

    await page.getByRole('button', { name: 'Try with demo data' }).click();
    await expect(page.getByRole('heading', { name: 'Accounts' })).toBeVisible();
    await expect(accountRows(page).first()).toBeVisible();
    const list = await shoot(page, `list-${scheme}`);

    // An account that needs re-sync and that squids use: its details show the advice and what fails.
    await accountRows(page)
      .and(page.locator('[data-health="needs_resync"]'))
      .filter({ has: page.locator('[aria-colindex="5"]').filter({ hasNotText: /^0$/ }) })
      .first()
      .click();
    await expect(page.getByRole('region', { name: 'This account needs its cookies re-synced' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Limits and usage' })).toBeVisible();
    const details = await shoot(page, `details-${scheme}`);
    await shoot(page, `details-${scheme}-full`, true);

    await page.getByRole('button', { name: 'Back to accounts' }).click();
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Settings' })).toBeVisible();
    await expect(page.getByLabel('Check every (minutes)')).toBeVisible();
    await shoot(page, `settings-${scheme}-full`, true);

    if (updateReadme && scheme === 'light') {
      mkdirSync(readmeDir, { recursive: true });
      copyFileSync(list, path.join(readmeDir, 'list.png'));
      copyFileSync(details, path.join(readmeDir, 'details.png'));
    }
  });
}
