/**
 * The settings read like a desktop app's preferences, not a web form: sections of grouped rows (the
 * section's title outside, its rows inside one rounded box), each row with its label on the left and
 * its control on the right, on one line at the window's size; at the window's minimum nothing runs
 * off the side, a switch stays beside its label, and every control can still be reached.
 */
import type { Page } from '@playwright/test';
import { connectWithKey, expect, openWindow, test, type WindowFixtures } from './harness/fixtures.js';

/** A row of the settings: its label (and hint) on the left, its control on the right. */
const ROW = '.settings-view .setting-row';

async function openSettings(page: Page, fixtures: Pick<WindowFixtures, 'ipc' | 'app'>): Promise<void> {
  await connectWithKey(fixtures);
  await openWindow(page);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByLabel('Check every (minutes)')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Replace key' })).toBeVisible();
}

interface MeasuredRow {
  label: string;
  labelBox: { x: number; y: number; width: number; height: number };
  controlBox: { x: number; y: number; width: number; height: number } | null;
  rowRight: number;
  /** The row's own padding on the right, where its control ends. */
  rowPaddingRight: number;
}

/** Each row's label and the box of its controls, in page coordinates. */
async function measureRows(page: Page): Promise<MeasuredRow[]> {
  return page.locator(ROW).evaluateAll((rows: unknown[]) => {
    type Box = { x: number; y: number; width: number; height: number; right: number; bottom: number };
    type El = {
      querySelector(s: string): El | null;
      getBoundingClientRect(): Box;
      textContent: string | null;
    };
    const g = globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> };
    const box = (b: Box) => ({ x: b.x, y: b.y, width: b.width, height: b.height });
    return (rows as El[]).map((row) => {
      const label = row.querySelector('.setting-label')!;
      const control = row.querySelector('.setting-control');
      return {
        label: (label.textContent ?? '').trim(),
        labelBox: box(label.getBoundingClientRect()),
        controlBox: control ? box(control.getBoundingClientRect()) : null,
        rowRight: row.getBoundingClientRect().right,
        rowPaddingRight: parseFloat(g.getComputedStyle(row)['paddingRight']!),
      };
    });
  });
}

/** The labels of the rows whose control is not right of the label, on its line. */
function offLine(rows: MeasuredRow[]): string[] {
  return rows
    .filter(({ labelBox: l, controlBox: c }) => {
      if (!c) return true;
      const rightOfLabel = c.x >= l.x + l.width;
      const sameLine = c.y < l.y + l.height && l.y < c.y + c.height;
      return !(rightOfLabel && sameLine);
    })
    .map((r) => r.label);
}

test.describe('at the window’s size, 960×640', () => {
  test.use({ viewport: { width: 960, height: 640 } });

  test('each row has its label on the left and its control on the right, on one line', async ({ page, ipc, app }) => {
    await openSettings(page, { ipc, app });

    // Every field, popup button and switch beside its own label.
    const labelled = await page.locator('.settings-view').locator('input, select').evaluateAll((controls: unknown[]) => {
      type Box = { x: number; y: number; width: number; height: number };
      type El = { labels: ArrayLike<{ textContent: string | null; getBoundingClientRect(): Box }> | null; getBoundingClientRect(): Box };
      return (controls as El[]).map((control) => {
        const label = control.labels?.[0];
        const l = label?.getBoundingClientRect();
        const c = control.getBoundingClientRect();
        return {
          label: (label?.textContent ?? '(no label)').trim(),
          beside: !!l && c.x >= l.x + l.width && c.y < l.y + l.height && l.y < c.y + c.height,
        };
      });
    });
    expect(labelled.length, 'fields, popup buttons and switches').toBeGreaterThanOrEqual(9);
    expect(labelled.filter((c) => !c.beside).map((c) => c.label), 'controls not beside their label, right of it').toEqual([]);

    // Every row (those of buttons too): the control on the label's line, ending at the row's right edge.
    const rows = await measureRows(page);
    // The key, the base URL, the interval, status 429, three kinds of notification, the reminder,
    // pausing, the test notification, launch at login, start hidden, the demo.
    expect(rows.length, 'settings rows').toBeGreaterThanOrEqual(13);

    expect(offLine(rows), 'rows whose control is not on the label’s line, right of it').toEqual([]);

    // Right-aligned: each control ends where its row's padding begins.
    const notRight = rows.filter((r) => r.controlBox && Math.abs(r.rowRight - r.rowPaddingRight - (r.controlBox.x + r.controlBox.width)) > 2);
    expect(notRight.map((r) => r.label), 'rows whose control does not end at the row’s right edge').toEqual([]);

    // Paused, the row has a fourth button (Resume): still on the label's line.
    await page.getByRole('button', { name: 'Pause for 1 hour' }).click();
    await expect(page.getByRole('button', { name: 'Resume', exact: true })).toBeVisible();
    expect(offLine(await measureRows(page)), 'while paused, rows whose control is not on the label’s line').toEqual([]);
  });

  test('the controls of a section share one rounded group, its title outside it', async ({ page, ipc, app }) => {
    await openSettings(page, { ipc, app });
    const sections = await page.locator('.settings-view section').evaluateAll((elements: unknown[]) => {
      type El = {
        parentElement: El | null;
        contains(other: El): boolean;
        querySelector(s: string): El | null;
        querySelectorAll(s: string): ArrayLike<El>;
        getBoundingClientRect(): { top: number; bottom: number };
        getAttribute(n: string): string | null;
        textContent: string | null;
      };
      const g = globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> };
      /** The control's nearest ancestor drawn as a box: an edge all round and rounded corners. */
      const groupOf = (el: El, stop: El): El | null => {
        for (let at = el.parentElement; at && at !== stop.parentElement; at = at.parentElement) {
          const style = g.getComputedStyle(at);
          if (parseFloat(style['borderTopWidth']!) > 0 && parseFloat(style['borderBottomWidth']!) > 0 && parseFloat(style['borderTopLeftRadius']!) > 0) return at;
        }
        return null;
      };
      return (elements as El[])
        .map((section) => {
          const title = section.querySelector('h3');
          const rows = Array.from(section.querySelectorAll('button, input, select'));
          const groups = new Set(rows.map((row) => groupOf(row, section)));
          const [group] = [...groups];
          return {
            title: (title?.textContent ?? '').trim(),
            rows: rows.length,
            groups: groups.size,
            inGroup: group !== null && group !== undefined,
            titleOutside: !!title && !!group && !group.contains(title) && title.getBoundingClientRect().bottom <= group.getBoundingClientRect().top,
          };
        })
        .filter((s) => s.rows > 0);
    });
    expect(sections.map((s) => s.title)).toEqual(expect.arrayContaining(['Lobstr API key', 'Connection', 'Notifications', 'Startup', 'Demo mode']));
    for (const section of sections) {
      expect(section, `section "${section.title}"`).toMatchObject({ groups: 1, inGroup: true, titleOutside: true });
    }
  });
});

/** The focused control of the settings: whether it shows whole, inside the window and not under the toolbar. */
async function focusedControl(page: Page): Promise<{ name: string; at: string; shown: boolean } | null> {
  return page.evaluate(() => {
    type Box = { left: number; right: number; top: number; bottom: number };
    type El = { tagName: string; id: string; textContent: string | null; closest(s: string): El | null; getBoundingClientRect(): Box };
    const g = globalThis as unknown as { document: { activeElement: El | null; querySelector(s: string): El | null }; innerWidth: number; innerHeight: number };
    const el = g.document.activeElement;
    if (!el?.closest('.settings-view')) return null;
    const r = el.getBoundingClientRect();
    const toolbar = g.document.querySelector('.settings-view .view-toolbar');
    const top = toolbar && !el.closest('.view-toolbar') ? toolbar.getBoundingClientRect().bottom : 0;
    return {
      name: `${el.tagName.toLowerCase()}#${el.id} "${(el.textContent ?? '').trim()}"`,
      at: `${Math.round(r.left)},${Math.round(r.top)}…${Math.round(r.right)},${Math.round(r.bottom)}`,
      // Half a pixel of tolerance: scrolling into view may stop on a fraction.
      shown: r.left >= -0.5 && r.right <= g.innerWidth + 0.5 && r.top >= top - 0.5 && r.bottom <= g.innerHeight + 0.5,
    };
  });
}

test.describe('at the window’s minimum, 480×360', () => {
  test.use({ viewport: { width: 480, height: 360 } });

  test('nothing runs off the side, a switch stays beside its label, and every control is reachable by Tab and Shift+Tab', async ({ page, ipc, app }) => {
    await openSettings(page, { ipc, app });

    const widths = await page.evaluate(() => {
      type El = {
        scrollWidth: number;
        clientWidth: number;
        className: string;
        tagName: string;
        getBoundingClientRect(): { left: number; right: number; width: number };
      };
      const g = globalThis as unknown as {
        document: { scrollingElement: El; querySelectorAll(s: string): ArrayLike<El> };
        innerWidth: number;
        getComputedStyle(e: unknown): Record<string, string>;
      };
      const name = (el: El) => `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]}`;
      const all = Array.from(g.document.querySelectorAll('.settings-view, .settings-view *'));
      // Cut off or scrolling sideways: a box that clips what is wider than itself (text kept for
      // screen readers only is clipped to a pixel on purpose).
      const clipped = all
        .filter((el) => g.getComputedStyle(el)['overflowX'] !== 'visible' && el.scrollWidth > el.clientWidth && el.clientWidth > 1)
        .map((el) => `${name(el)}: ${el.scrollWidth} > ${el.clientWidth}`);
      // Past the window's edges.
      const outside = all
        .filter((el) => el.getBoundingClientRect().width > 0)
        .filter((el) => el.getBoundingClientRect().left < -0.5 || el.getBoundingClientRect().right > g.innerWidth + 0.5)
        .map((el) => `${name(el)}: ${Math.round(el.getBoundingClientRect().left)}…${Math.round(el.getBoundingClientRect().right)}`);
      return { page: { scroll: g.document.scrollingElement.scrollWidth, client: g.document.scrollingElement.clientWidth }, over: [...clipped, ...outside] };
    });
    expect(widths.page.scroll, 'the page scrolls sideways').toBeLessThanOrEqual(widths.page.client);
    expect(widths.over, 'elements cut off or past the window’s edge').toEqual([]);

    // A switch needs little room: it stays on its label's line even here.
    for (const name of ['Status 429 means expired cookies', 'Launch at login', 'An account is synchronized again']) {
      const control = await page.getByRole('switch', { name }).boundingBox();
      const label = await page.locator('label', { hasText: name }).boundingBox();
      expect(control!.x, `"${name}": switch right of its label`).toBeGreaterThanOrEqual(label!.x + label!.width);
      expect(control!.y < label!.y + label!.height && label!.y < control!.y + control!.height, `"${name}": on its label's line`).toBe(true);
    }

    // Every control of the view, reached from the back control by Tab, then back by Shift+Tab, shows
    // whole inside the window, not under the toolbar that stays on top.
    const expected = await page.locator('.settings-view').locator('button, input, select').count();
    await page.getByRole('button', { name: 'Back to accounts' }).focus();
    for (const key of ['Tab', 'Shift+Tab']) {
      const reached = new Set<string>();
      for (let i = 0; i < expected + 5 && reached.size < expected; i += 1) {
        if (i > 0 || key === 'Shift+Tab') await page.keyboard.press(key);
        const focused = await focusedControl(page);
        if (!focused) continue;
        expect(focused.shown, `${key}: ${focused.name} is shown whole when focused (${focused.at})`).toBe(true);
        reached.add(focused.name);
      }
      expect(reached.size, `controls reached by ${key}`).toBe(expected);
    }
  });
});
