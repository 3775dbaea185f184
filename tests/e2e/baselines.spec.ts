/**
 * The window as a user sees it, compared with committed pictures: every view (onboarding, the
 * list, the list while checks fail, an account's details per health, settings, 10,000 accounts)
 * at the window's size (960×640), at its minimum (480×360) and at 200% zoom (the 960×640 window
 * showing 480×320 CSS px on a 2× surface), light and dark. The pictures were taken in Debian's
 * Chromium: another browser draws text differently, so elsewhere the comparison is skipped with
 * that reason. Clock times, dates and "3 h ago" change from run to run: they are masked.
 *
 * UPDATE_SCREENSHOTS=1 npx playwright test --project=renderer baselines   retakes them all, and the
 * README's pictures (docs/screenshots/) from the light 960×640 list and details.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { accountRows, arrangeHealth } from './harness/accounts.js';
import { connectWithKey, expect, openWindow, test } from './harness/fixtures.js';
import { repoRoot } from './harness/trayAppInProcess.js';

const update = process.env.UPDATE_SCREENSHOTS === '1';
const baselineBrowser = path.join(repoRoot, 'tests', 'e2e', 'baselines.spec.ts-snapshots', 'browser.json');
const readmeDir = path.join(repoRoot, 'docs', 'screenshots');

const SIZES = [
  { name: '960x640', viewport: { width: 960, height: 640 }, deviceScaleFactor: 1 },
  { name: '480x360', viewport: { width: 480, height: 360 }, deviceScaleFactor: 1 },
  { name: 'zoom200', viewport: { width: 480, height: 320 }, deviceScaleFactor: 2 },
] as const;

/** Text that changes with the clock: "14:05", "27 Nov", "3 h ago", "in 4 min", "just now". */
const CLOCK_TEXT = /\d{1,2}:\d\d|\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b|\bago\b|\bin \d+ (s|min|h|d)\b|just now|less than a minute|any moment/;

/** Marks each element whose own text reads the clock, so the comparison masks it. */
async function clockTexts(page: Page): Promise<Locator> {
  await page.evaluate((source) => {
    const pattern = new RegExp(source);
    type Node = { nodeType: number; textContent: string | null; parentElement: { setAttribute(n: string, v: string): void } | null };
    const walker = (globalThis as unknown as { document: { body: unknown; createTreeWalker(root: unknown, what: number): { nextNode(): Node | null } } }).document;
    const walk = walker.createTreeWalker(walker.body, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walk.nextNode(); node; node = walk.nextNode()) {
      if (pattern.test(node.textContent ?? '')) node.parentElement?.setAttribute('data-clock-text', '');
    }
  }, CLOCK_TEXT.source);
  return page.locator('[data-clock-text], time');
}

/** Why this browser cannot be compared with the pictures (another Chromium draws text differently); null when it can. */
function otherBrowser(version: string): string | null {
  if (update) return null;
  let taken: string;
  try {
    taken = (JSON.parse(readFileSync(baselineBrowser, 'utf8')) as { version: string }).version;
  } catch {
    return 'no pictures have been taken yet: UPDATE_SCREENSHOTS=1 takes them';
  }
  return version === taken ? null : `the pictures were taken in Chromium ${taken} (Debian's); this is Chromium ${version}, which draws text differently`;
}

async function compare(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  // A check still running shows a turning icon and "Checking…": wait for the settled window.
  await expect(page.getByText(/^Checking Lobstr now/)).toHaveCount(0);
  // The simulator listens on a port of its own at each run, and the settings show its address.
  const mask = [await clockTexts(page), page.getByRole('textbox', { name: 'API base URL' })];
  await expect(page).toHaveScreenshot(`${name}.png`, { mask, animations: 'disabled', caret: 'hide', maxDiffPixelRatio: 0.005 });
}

test.describe.configure({ mode: 'parallel' });

for (const size of SIZES) {
  for (const scheme of ['light', 'dark'] as const) {
    test.describe(`${size.name}, ${scheme}`, () => {
      test.use({ viewport: size.viewport, deviceScaleFactor: size.deviceScaleFactor, colorScheme: scheme });

      test.beforeEach(async ({ browser }, testInfo) => {
        const reason = otherBrowser(browser.version());
        if (reason) testInfo.skip(true, reason);
      });

      test('onboarding, then the demo list', async ({ page, trayApp }) => {
        expect(trayApp).toBeTruthy();
        await openWindow(page);
        await expect(page.getByRole('heading', { name: 'Connect Lobstr Tray to Lobstr' })).toBeVisible();
        await compare(page, `onboarding-${size.name}-${scheme}`);
        await page.getByRole('button', { name: 'Try with demo data' }).click();
        await expect(accountRows(page).first()).toBeVisible();
        await compare(page, `list-${size.name}-${scheme}`);
        if (update && size.name === '960x640' && scheme === 'light') {
          mkdirSync(readmeDir, { recursive: true });
          await page.screenshot({ path: path.join(readmeDir, 'list.png') });
        }
      });

      test('details of an account per health, and settings', async ({ page, control, ipc, app }) => {
        await arrangeHealth(control, { 8: 'needs_resync', 10: 'needs_resync', 6: 'attention', 9: 'locked' });
        await connectWithKey({ ipc, app });
        await openWindow(page);
        for (const health of ['needs_resync', 'attention', 'locked', 'ok'] as const) {
          await accountRows(page).and(page.locator(`[data-health="${health}"]`)).first().click();
          await expect(page.getByRole('region', { name: 'Account details' })).toBeVisible();
          await compare(page, `details-${health}-${size.name}-${scheme}`);
          if (update && health === 'needs_resync' && size.name === '960x640' && scheme === 'light') {
            mkdirSync(readmeDir, { recursive: true });
            await page.screenshot({ path: path.join(readmeDir, 'details.png') });
          }
          await page.keyboard.press('Escape');
          await expect(accountRows(page).first()).toBeVisible();
        }
        await page.getByRole('button', { name: 'Settings', exact: true }).click();
        await expect(page.getByRole('heading', { level: 2, name: 'Settings' })).toBeVisible();
        await compare(page, `settings-${size.name}-${scheme}`);
      });

      test('the list while checks fail: the banner and the stale list', async ({ page, control, ipc, app }) => {
        await connectWithKey({ ipc, app });
        await openWindow(page);
        await control('POST', '/faults', { malformed: true, count: 1 });
        await page.getByRole('button', { name: 'Refresh', exact: true }).click();
        await expect(page.getByTestId('stale-band')).toBeVisible();
        await compare(page, `list-failing-${size.name}-${scheme}`);
      });
    });
  }
}

test.describe('10,000 accounts', () => {
  test.use({ simulatorOptions: { accounts: 10_000, seed: 7 }, viewport: { width: 960, height: 640 } });
  for (const scheme of ['light', 'dark'] as const) {
    test(`the list, ${scheme}`, async ({ page, ipc, app, browser }, testInfo) => {
      const reason = otherBrowser(browser.version());
      if (reason) testInfo.skip(true, reason);
      test.slow();
      await page.emulateMedia({ colorScheme: scheme });
      await connectWithKey({ ipc, app });
      await openWindow(page);
      await expect(accountRows(page).first()).toBeVisible();
      await compare(page, `list-10000-${scheme}`);
    });
  }
});

test.afterAll(async ({ browser }) => {
  if (!update) return;
  mkdirSync(path.dirname(baselineBrowser), { recursive: true });
  writeFileSync(baselineBrowser, `${JSON.stringify({ version: browser.version() }, null, 2)}\n`);
});
