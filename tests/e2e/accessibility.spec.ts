/**
 * An accessibility smoke check of every view, against the real core: each control has an
 * accessible name, keyboard focus is visible, and at 200% zoom (the app's 1100×720 window is then
 * 550×360 CSS pixels) nothing scrolls sideways and the main controls can be reached and seen (90% of each at least, a list row clipped by its frame).
 * Screenshots at 200% go to test-results/screenshots/.
 */
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { accountRows, arrangeHealth } from './harness/accounts.js';
import { connectWithKey, expect, openWindow, test } from './harness/fixtures.js';
import { repoRoot } from './harness/trayAppInProcess.js';

const shotsDir = path.join(repoRoot, 'test-results', 'screenshots');

/** Each view, reached as a user reaches it, with the controls that must stay usable. */
const VIEWS: Array<{ name: string; open(page: Page): Promise<void>; keyControls(page: Page): Locator[] }> = [
  {
    name: 'onboarding',
    async open() {},
    keyControls: (page) => [
      page.getByLabel('Lobstr API key'),
      page.getByRole('button', { name: 'Check and save key' }),
      page.getByRole('button', { name: 'Try with demo data' }),
    ],
  },
  {
    name: 'list',
    open: openList,
    keyControls: (page) => [
      page.getByRole('searchbox', { name: 'Search accounts' }),
      page.getByRole('button', { name: 'Refresh', exact: true }),
      page.getByRole('button', { name: 'Settings', exact: true }),
      page.getByRole('group', { name: 'Show accounts by health' }).getByRole('button').first(),
      accountRows(page).first(),
    ],
  },
  {
    name: 'details',
    async open(page) {
      await openList(page);
      await accountRows(page).first().click();
      await expect(page.getByRole('region', { name: 'This account needs its cookies re-synced' })).toBeVisible();
    },
    keyControls: (page) => [
      page.getByRole('button', { name: 'Back to accounts' }),
      page.getByRole('button', { name: 'Refresh', exact: true }),
      page.getByRole('button', { name: 'Copy ID' }),
      page.getByRole('button', { name: 'Re-sync…' }),
    ],
  },
  {
    name: 'settings',
    async open(page) {
      await openList(page);
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await expect(page.getByLabel('Check every (minutes)')).toBeVisible();
    },
    keyControls: (page) => [
      page.getByRole('button', { name: 'Back to accounts' }),
      page.getByRole('button', { name: 'Replace key' }),
      page.getByLabel('API base URL'),
      page.getByLabel('Check every (minutes)'),
      page.getByRole('switch', { name: 'Launch at login' }),
    ],
  },
];

async function openList(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Accounts' })).toBeVisible();
}

/** The views after onboarding need a key and accounts of every health. */
async function prepare(view: string, fixtures: Parameters<typeof connectWithKey>[0] & { control: Parameters<typeof arrangeHealth>[0] }) {
  if (view === 'onboarding') return;
  await arrangeHealth(fixtures.control, { 0: 'needs_resync', 6: 'attention', 9: 'locked' });
  await connectWithKey(fixtures);
}

const CONTROL_ROLES = ['button', 'link', 'textbox', 'searchbox', 'checkbox', 'radio', 'combobox', 'spinbutton', 'switch', 'slider', 'grid', 'row'] as const;

for (const view of VIEWS) {
  test(`${view.name}: every control has an accessible name, and focus is visible`, async ({ page, control, ipc, app }) => {
    await prepare(view.name, { control, ipc, app });
    await openWindow(page);
    await view.open(page);

    for (const role of CONTROL_ROLES) {
      for (const control of await page.getByRole(role).all()) {
        if (await control.isVisible()) await expect(control, `a ${role} without a name`).toHaveAccessibleName(/\S/);
      }
    }
    // Form fields whatever their role (a password field has none).
    for (const field of await page.locator('input, select, textarea').all()) {
      if (await field.isVisible()) await expect(field, 'a form field without a name').toHaveAccessibleName(/\S/);
    }

    // The first stops of the Tab order each show where the focus is.
    await page.locator('body').focus();
    for (let stop = 0; stop < 8; stop++) {
      await page.keyboard.press('Tab');
      const focused = page.locator(':focus');
      if ((await focused.count()) === 0) continue;
      const ring = await focused.evaluate((element) => {
        const style = (globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }).getComputedStyle(element);
        return { outline: style['outlineStyle'], width: parseFloat(style['outlineWidth'] ?? '0'), shadow: style['boxShadow'] };
      });
      const what = await focused.evaluate((element) => (element as unknown as { outerHTML: string }).outerHTML.slice(0, 120));
      expect(ring.outline !== 'none' && ring.width > 0 ? true : ring.shadow !== 'none', `no visible focus on ${what}`).toBe(true);
    }
  });
}

test.describe('at 200% zoom', () => {
  // The 1100×720 window at 200%: half the CSS pixels, each drawn twice as large.
  test.use({ viewport: { width: 550, height: 360 }, deviceScaleFactor: 2 });

  for (const view of VIEWS) {
    test(`${view.name}: no sideways scrolling, and the main controls are usable`, async ({ page, control, ipc, app }) => {
      await prepare(view.name, { control, ipc, app });
      await openWindow(page);
      await view.open(page);

      const overflow = await page.evaluate(() => {
        const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document
          .documentElement;
        return root.scrollWidth - root.clientWidth;
      });
      expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0);

      for (const control of view.keyControls(page)) {
        await control.scrollIntoViewIfNeeded();
        await expect(control).toBeVisible();
        await expect(control).toBeInViewport({ ratio: 0.9 });
      }
      await page.screenshot({ path: path.join(shotsDir, `zoom200-${view.name}.png`), fullPage: true });
    });
  }
});

// A health's mark is a box whose background is its shape in the health's colour (HealthMark.svelte).
// Forced colours (Windows' high contrast) would keep that colour, or repaint a plain box in the
// background's: there it becomes a mask of the shape over the text's system colour. Each mark must
// show, in each theme.
test('every health mark is drawn in its colour, in light, dark and forced colours (high contrast)', async ({ page, control, ipc, app }) => {
  await prepare('list', { control, ipc, app });
  await openWindow(page);
  await openList(page);
  const themes: Array<{ colorScheme: 'light' | 'dark'; forcedColors?: 'active' }> = [{ colorScheme: 'light' }, { colorScheme: 'dark' }, { colorScheme: 'light', forcedColors: 'active' }];
  const variable = { needs_resync: '--health-resync-fg', attention: '--health-attention-fg', locked: '--health-locked-fg', ok: '--health-ok-fg' };
  for (const theme of themes) {
    await page.emulateMedia({ forcedColors: 'none', ...theme });
    for (const [health, colourVariable] of Object.entries(variable)) {
      const mark = page.locator(`[role="row"][data-health="${health}"] .health .mark`).first();
      await expect(mark).toBeVisible();
      // The health's colour; in forced colours, the text's system colour.
      const expected = await resolvedColour(page, theme.forcedColors === 'active' ? 'CanvasText' : `var(${colourVariable})`);
      const box = (await mark.boundingBox())!;
      const drawn = await page.screenshot({ clip: box });
      await mark.evaluate((element) => ((element as unknown as { style: { visibility: string } }).style.visibility = 'hidden'));
      const without = await page.screenshot({ clip: box });
      await mark.evaluate((element) => ((element as unknown as { style: { visibility: string } }).style.visibility = ''));
      const where = `the ${health} mark (${JSON.stringify(theme)})`;
      expect(drawn.equals(without), `${where} is not drawn`).toBe(false);
      // The stroke's core is painted in that colour (anti-aliased edges blend with the row).
      const closest = await closestPixel(page, drawn, expected);
      expect(closest, `${where}: no pixel in ${expected}`).toBeLessThanOrEqual(24);
    }
  }
});

/** A CSS colour (a variable, a system colour) as the page resolves it now: "rgb(r, g, b)". */
function resolvedColour(page: Page, css: string): Promise<string> {
  return page.evaluate((value) => {
    const g = globalThis as unknown as {
      document: { createElement(tag: string): { style: { color: string }; remove(): void }; body: { append(node: unknown): void } };
      getComputedStyle(node: unknown): { color: string };
    };
    const probe = g.document.createElement('span');
    probe.style.color = value;
    g.document.body.append(probe);
    const colour = g.getComputedStyle(probe).color;
    probe.remove();
    return colour;
  }, css);
}

/** The smallest distance (the largest of the three channel differences) from `rgb` to a pixel of a PNG. */
function closestPixel(page: Page, png: Buffer, rgb: string): Promise<number> {
  return page.evaluate(
    async ([base64, colour]) => {
      const g = globalThis as unknown as {
        Image: new () => { src: string; decode(): Promise<void>; width: number; height: number };
        OffscreenCanvas: new (w: number, h: number) => { getContext(t: '2d'): { drawImage(i: unknown, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
      };
      const image = new g.Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const context = new g.OffscreenCanvas(image.width, image.height).getContext('2d');
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, image.width, image.height);
      const [r, gr, b] = (colour.match(/\d+/g) ?? []).map(Number);
      let best = 255;
      for (let i = 0; i < data.length; i += 4) best = Math.min(best, Math.max(Math.abs(data[i]! - r!), Math.abs(data[i + 1]! - gr!), Math.abs(data[i + 2]! - b!)));
      return best;
    },
    [png.toString('base64'), rgb] as const,
  );
}
