/**
 * The controls of the settings and of onboarding look and behave like the platforms' own: on/off
 * settings are switches (announced as switches, on or off), the select is a popup button with its
 * chevron, a disclosure has a chevron that turns as it opens (no browser triangle), and buttons,
 * fields and selects share one compact height (24–28 px, as in the platforms' settings windows).
 */
import type { Locator, Page } from '@playwright/test';
import { BAD_KEY, connectWithKey, expect, openWindow, test, transitionsEnded } from './harness/fixtures.js';

/** Height in CSS pixels of each visible control, with its name for the message. */
async function heights(page: Page, controls: Locator): Promise<Array<{ control: string; height: number }>> {
  const measured: Array<{ control: string; height: number }> = [];
  for (const control of await controls.all()) {
    if (!(await control.isVisible())) continue;
    const box = (await control.boundingBox())!;
    const name = await control.evaluate(
      (el: unknown) => {
        const e = el as { tagName: string; textContent: string | null; labels?: ArrayLike<{ textContent: string | null }> | null; getAttribute(n: string): string | null };
        const label = e.labels?.[0]?.textContent ?? '';
        return `${e.tagName.toLowerCase()} "${label.trim() || (e.textContent ?? '').trim().slice(0, 40) || e.getAttribute('aria-label')}"`;
      },
    );
    measured.push({ control: name, height: Math.round(box.height) });
  }
  return measured;
}

const COMPACT = 'button, input:not([type="checkbox"], [type="radio"]), select';

function expectCompact(measured: Array<{ control: string; height: number }>): void {
  expect(measured.length).toBeGreaterThan(2);
  const off = measured.filter((m) => m.height < 24 || m.height > 28);
  expect(off, `controls outside 24–28 px:\n${off.map((m) => `  ${m.control}: ${m.height} px`).join('\n')}`).toEqual([]);
}

test.describe('settings', () => {
  test.beforeEach(async ({ ipc, app, page }) => {
    await connectWithKey({ ipc, app });
    await openWindow(page);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect(page.getByLabel('Check every (minutes)')).toBeVisible();
  });

  test('every on/off setting is a switch, on or off, that turns by click and by Space', async ({ page, app }) => {
    const view = page.getByRole('region', { name: 'Settings', exact: true });
    await expect(view.getByRole('checkbox')).toHaveCount(0);
    const switches = view.getByRole('switch');
    expect(await switches.count()).toBeGreaterThanOrEqual(6);

    const launch = page.getByRole('switch', { name: 'Launch at login' });
    await expect(launch).not.toBeChecked();
    await launch.click();
    await expect(launch).toBeChecked();
    await expect.poll(() => app.settings().launchAtLogin).toBe(true);

    const hidden = page.getByRole('switch', { name: 'Start hidden' });
    await hidden.focus();
    await page.keyboard.press('Space');
    await expect(hidden).toBeChecked();
    await expect.poll(() => app.settings().startHidden).toBe(true);

    // Drawn as a switch, not the browser's checkbox: a track wider than tall, with a knob.
    const look = await launch.evaluate((el: unknown) => {
      const g = globalThis as unknown as { getComputedStyle(e: unknown, p?: string): Record<string, string> };
      const style = g.getComputedStyle(el);
      return { appearance: style['appearance'], width: parseFloat(style['width']!), height: parseFloat(style['height']!), knob: g.getComputedStyle(el, '::before')['content'] };
    });
    expect(look.appearance).toBe('none');
    expect(look.width).toBeGreaterThan(look.height * 1.5);
    expect(look.knob).not.toBe('none');
  });

  test('buttons, fields and the select share one compact height; the select is a popup button', async ({ page }) => {
    expectCompact(await heights(page, page.locator('.settings-view').locator(COMPACT)));
    const select = page.getByLabel('Remind me while an account still needs re-sync');
    const popup = await select.evaluate((el: unknown) => {
      const g = globalThis as unknown as { getComputedStyle(e: unknown, p?: string): Record<string, string> };
      const parent = (el as { parentElement: unknown }).parentElement;
      return { appearance: g.getComputedStyle(el)['appearance'], chevron: g.getComputedStyle(parent, '::after')['content'] };
    });
    // Not the browser's own drop-down arrow: the app draws the popup button's chevron.
    expect(popup.appearance).toBe('none');
    expect(popup.chevron).not.toBe('none');
  });

  test('a refused value is explained under the field, naming it', async ({ page }) => {
    const interval = page.getByLabel('Check every (minutes)');
    await interval.fill('0');
    await interval.press('Enter');
    await expect(page.getByRole('alert')).toHaveText(/^Check every \(minutes\): .*1 (and|to) 60/);
    await expect(interval).toHaveAccessibleDescription(/Check every \(minutes\): /);
  });
});

test.describe('onboarding', () => {
  test.beforeEach(async ({ page, trayApp }) => {
    expect(trayApp).toBeTruthy(); // the app, with no key yet, behind the page
    await openWindow(page);
    await expect(page.getByRole('button', { name: 'Try with demo data' })).toBeVisible();
  });

  test('buttons and fields share one compact height', async ({ page }) => {
    expectCompact(await heights(page, page.locator('.onboarding').locator(COMPACT)));
  });

  test('"Advanced" is a disclosure with a chevron that turns as it opens, not the browser triangle', async ({ page }) => {
    const summary = page.getByText('Advanced', { exact: true });
    const look = () =>
      summary.evaluate((el: unknown) => {
        const g = globalThis as unknown as { getComputedStyle(e: unknown, p?: string): Record<string, string> };
        const chevron = g.getComputedStyle(el, '::before');
        return { marker: g.getComputedStyle(el)['listStyleType'], chevron: chevron['content'], turn: chevron['transform'] };
      });
    const closed = await look();
    expect(closed.marker).toBe('none');
    expect(closed.chevron).not.toBe('none');
    await summary.click();
    await expect(page.getByLabel('API base URL')).toBeVisible();
    await transitionsEnded(page);
    const open = await look();
    expect(open.turn).not.toBe(closed.turn);
  });

  test('a refused key is explained under the field, naming it', async ({ page }) => {
    await page.getByLabel('Lobstr API key').fill(BAD_KEY);
    await page.getByRole('button', { name: 'Check and save key' }).click();
    await expect(page.getByRole('alert')).toContainText(/^Lobstr API key: Lobstr rejected this key/);
  });
});
