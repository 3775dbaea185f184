/**
 * Honest when the data is old, against the real core and the simulator's faults: while checks fail
 * the header says when the last check succeeded and since when they fail (never "Checked" or "just
 * now"), the banner is written for a person (a title, a sentence, one action, the technical detail
 * behind a closed "Details"), in the connection problems' amber, not the re-sync red; a success
 * takes it all away. Pictures of it at the window's size and its minimum, light and dark, go to
 * test-results/stale/ (not committed) for a person to look at.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { accountRows, expectAccountsListed } from './harness/accounts.js';
import { connectWithKey, expect, openWindow, test, watchForErrors } from './harness/fixtures.js';
import { repoRoot } from './harness/trayAppInProcess.js';

test.beforeEach(async ({ ipc, app, page }) => {
  await connectWithKey({ ipc, app });
  await openWindow(page);
  await expect(accountRows(page).first()).toBeVisible();
});

const header = (page: Page) => page.getByRole('group', { name: 'Connection to Lobstr' });
const banner = (page: Page) => page.getByRole('alert').filter({ has: page.getByRole('heading') });
const CLOCK = /\d\d:\d\d/.source;

/** The next check gets an answer that is not the API's (not retried: the check fails at once). */
async function failNextCheck(page: Page, control: (method: string, path: string, body?: unknown) => Promise<unknown>) {
  await control('POST', '/faults', { malformed: 'html', count: 1 });
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(banner(page)).toBeVisible();
}

test('after a failed check the header says the last success and since when it fails, never "Checked"; a success clears it', async ({ page, control }) => {
  const errors = watchForErrors(page);
  await expect(header(page)).toContainText(new RegExp(`Checked ${CLOCK}`));

  await failNextCheck(page, control);
  await expect(header(page)).toContainText(new RegExp(`Last successful check ${CLOCK}`));
  await expect(header(page)).toContainText(new RegExp(`failing since ${CLOCK}`));
  await expect(header(page)).not.toContainText(/Checked|just now/);
  // The list stays: it is the last known state.
  await expectAccountsListed(page, 12);

  await banner(page).getByRole('button', { name: 'Retry now' }).click();
  await expect(banner(page)).toBeHidden();
  await expect(header(page)).toContainText(new RegExp(`Checked ${CLOCK}`));
  await expect(header(page)).not.toContainText(/failing|successful/);
  expect(errors).toEqual([]);
});

test('the banner: a title, a sentence, one action, and the technical detail only inside a closed Details', async ({ page, control }) => {
  await failNextCheck(page, control);
  const alert = banner(page);
  await expect(alert.getByRole('heading')).toHaveText("Lobstr's answer could not be read");
  await expect(alert.getByRole('button')).toHaveText(['Retry now']);

  // The client's own words ("answered with a web page", the base URL it names) are in the closed Details only.
  const details = alert.locator('details');
  await expect(details).not.toHaveAttribute('open');
  const technical = details.getByText(/web page/);
  await expect(technical).toBeHidden();
  const shown = await alert.evaluate((element) => (element as unknown as { innerText: string }).innerText);
  expect(shown).not.toMatch(/web page|https?:|\b\d{3}\b|failed check/);

  await details.getByText('Details', { exact: true }).click();
  await expect(technical).toBeVisible();
  await expect(details).toContainText(/1 failed check since \d\d:\d\d/);
});

test('a rejected key: its banner leads to the settings', async ({ page, control }) => {
  await control('POST', '/faults', { status: 401, count: 1 });
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(banner(page).getByRole('heading')).toHaveText('Lobstr does not accept your API key');
  await banner(page).getByRole('button', { name: 'Open settings' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Settings' })).toBeVisible();
});

/** The DOM calls made in the page below (this file's type check has no DOM library). */
interface PageDom {
  document: {
    createElement(tag: string): { style: { color: string }; remove(): void };
    body: { append(node: unknown): void };
    documentElement: unknown;
  };
  getComputedStyle(element: unknown): { color: string; backgroundColor: string; borderLeftColor: string };
}

/** WCAG's contrast ratio of two computed colours ("rgb(r, g, b)"). */
function contrast(a: string, b: string): number {
  const luminance = (rgb: string): number => {
    const [r, g, bl] = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map((c) => {
      const v = Number(c) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`the banner is amber, not the re-sync red, and its text reads (AA), ${scheme}`, async ({ page, control }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await failNextCheck(page, control);
    const colours = await banner(page).evaluate((element) => {
      const { document, getComputedStyle } = globalThis as unknown as PageDom;
      // A probe resolves each variable to the colour the page computes for it.
      const resolve = (variable: string): string => {
        const probe = document.createElement('span');
        probe.style.color = `var(${variable})`;
        document.body.append(probe);
        const colour = getComputedStyle(probe).color;
        probe.remove();
        return colour;
      };
      const style = getComputedStyle(element);
      return {
        background: style.backgroundColor,
        edge: style.borderLeftColor,
        text: style.color,
        title: getComputedStyle(element.querySelector('h3')).color,
        summary: getComputedStyle(element.querySelector('summary')).color,
        page: getComputedStyle(document.documentElement).backgroundColor,
        amber: resolve('--connection-bg'),
        amberEdge: resolve('--connection-border'),
        resyncRed: [resolve('--alert-bg'), resolve('--health-resync-bg'), resolve('--callout-danger-bg')],
      };
    });
    expect(colours.background).toBe(colours.amber);
    expect(colours.edge).toBe(colours.amberEdge);
    expect(colours.resyncRed).not.toContain(colours.background);
    for (const text of [colours.text, colours.title, colours.summary]) {
      expect(contrast(text, colours.background)).toBeGreaterThanOrEqual(4.5);
    }
    // The failure in the header is amber too, and reads on the page.
    const failing = await header(page)
      .getByText(/failing since/)
      .evaluate((element) => (globalThis as unknown as PageDom).getComputedStyle(element).color);
    expect(contrast(failing, colours.page)).toBeGreaterThanOrEqual(4.5);
  });
}

test('pictures of the failing list: the window and its minimum size, light and dark', async ({ page, control }) => {
  await failNextCheck(page, control);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [width, height] of [
      [960, 640],
      [480, 360],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.mouse.move(0, 0);
      const file = path.join(repoRoot, 'test-results', 'stale', `failing-${width}x${height}-${scheme}.png`);
      await page.screenshot({ path: file, caret: 'hide', animations: 'disabled' });
    }
  }
  // And with its Details open.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 960, height: 640 });
  await banner(page).locator('summary').click();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(repoRoot, 'test-results', 'stale', 'failing-details-960x640-light.png'), caret: 'hide', animations: 'disabled' });
  await expect(banner(page).locator('details')).toHaveAttribute('open');
});
