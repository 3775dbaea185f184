/**
 * The account list against the real core and the simulator: order, sorting, filters, search,
 * the keyboard, an account expiring while the window is open, and the connection banner.
 */
import type { Page } from '@playwright/test';
import { accountRows, arrangeHealth, expectAccountsListed, shownRows, type SimAccount } from './harness/accounts.js';
import { connectWithKey, expect, openWindow, test, watchForErrors } from './harness/fixtures.js';

/** The little of the page's DOM these tests read inside page.evaluate (the tests compile without the DOM library). */
interface PageElement {
  className: string;
  textContent: string | null;
  scrollHeight: number;
  clientHeight: number;
  scrollWidth: number;
  clientWidth: number;
  getBoundingClientRect(): { top: number; bottom: number };
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
}
interface InPage {
  document: { querySelector(selector: string): PageElement | null; querySelectorAll(selector: string): Iterable<PageElement>; scrollingElement: PageElement };
  getComputedStyle(element: PageElement): { backgroundColor: string; boxShadow: string; overflowY: string; willChange: string };
}

type Arranged = Array<SimAccount & { health: string }>;
let arranged: Arranged;

// Two need re-sync, one needs attention, one is locked, eight are fine.
test.beforeEach(async ({ control, ipc, app, page }) => {
  arranged = await arrangeHealth(control, { 8: 'needs_resync', 10: 'needs_resync', 6: 'attention', 9: 'locked' });
  await connectWithKey({ ipc, app });
  await openWindow(page);
  await expect(page.getByRole('heading', { name: 'Accounts' })).toBeVisible();
});

const byName = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' });
const usernamesWith = (health: string) => arranged.filter((a) => a.health === health).map((a) => a.username).sort(byName);
const filters = (page: Page) => page.getByRole('group', { name: 'Show accounts by health' });

test('worst first: needs re-sync, attention, locked, then OK, each by username', async ({ page }) => {
  const errors = watchForErrors(page);
  const rows = await shownRows(page);
  expect(rows.map((r) => r.username)).toEqual([
    ...usernamesWith('needs_resync'),
    ...usernamesWith('attention'),
    ...usernamesWith('locked'),
    ...usernamesWith('ok'),
  ]);
  expect(rows[0]!.name).toMatch(/ · needs re-sync: cookies expired$/);
  expect(rows[2]!.name).toMatch(/ · attention: status 403/);
  expect(rows[3]!.name).toMatch(/ · locked: Nothing to do: .+ lifts this lock /);
  // The counts, which double as filters.
  await expect(filters(page).getByRole('button')).toHaveText(['All 12', /2 need re-sync/, /1 attention/, /1 locked/, /8 OK/]);
  // The connection state on top.
  await expect(page.getByText(/^Checked \d\d:\d\d/)).toBeVisible();
  await expect(page.getByText(/Next check/)).toBeVisible();
  expect(errors).toEqual([]);
});

test('columns sort both ways and say how they sort', async ({ page }) => {
  const header = page.getByRole('columnheader', { name: 'Account' });
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const all = arranged.map((a) => a.username).sort(byName);
  await expect.poll(async () => (await shownRows(page)).map((r) => r.username)).toEqual(all);

  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(async () => (await shownRows(page)).map((r) => r.username)).toEqual([...all].reverse());

  const squids = page.getByRole('columnheader', { name: 'Squids' });
  await squids.getByRole('button').click();
  await expect(squids).toHaveAttribute('aria-sort', 'ascending');
  await expect(header).not.toHaveAttribute('aria-sort', /./);
  const counts = await accountRows(page).locator('[aria-colindex="5"]').allTextContents();
  expect(counts.map(Number)).toEqual([...counts.map(Number)].sort((a, b) => a - b));
});

test('the health counts filter the list, one or several at once', async ({ page }) => {
  await filters(page).getByRole('button', { name: /1 locked/ }).click();
  await expect(filters(page).getByRole('button', { name: /1 locked/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('status').filter({ hasText: 'Showing 1 of 12 accounts' })).toBeVisible();
  expect((await shownRows(page)).map((r) => r.username)).toEqual(usernamesWith('locked'));

  await filters(page).getByRole('button', { name: /2 need re-sync/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Showing 3 of 12 accounts' })).toBeVisible();
  expect((await shownRows(page)).map((r) => r.health)).toEqual(['needs_resync', 'needs_resync', 'locked']);

  await filters(page).getByRole('button', { name: 'All 12' }).click();
  await expect(accountRows(page)).toHaveCount(12);
  await expect(filters(page).getByRole('button', { name: 'All 12' })).toHaveAttribute('aria-pressed', 'true');
});

test('search filters as you type: by username, platform or id', async ({ page }) => {
  const search = page.getByRole('searchbox', { name: 'Search accounts' });
  const target = arranged.find((a) => a.health === 'locked')!;

  await search.fill(target.username.slice(0, 6));
  await expect(accountRows(page).first()).toHaveAttribute('aria-label', new RegExp(`^${escape(target.username)} · `));

  await search.fill(target.id);
  await expect(accountRows(page)).toHaveCount(1);
  await expect(accountRows(page)).toHaveAttribute('aria-label', new RegExp(`^${escape(target.username)} · `));

  await search.fill('linkedin');
  const linkedin = arranged.filter((a) => a.type === 'linkedin-sync').length;
  await expect(accountRows(page)).toHaveCount(linkedin);
  await expect(page.getByRole('status').filter({ hasText: `Showing ${linkedin} of 12 accounts` })).toBeVisible();

  await search.fill('no-such-account');
  await expect(page.getByText('No account matches “no-such-account”')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(accountRows(page)).toHaveCount(12);
  await expect(search).toHaveValue('');
});

test("every row shows its platform's icon, and typing a search swaps no image address in the list (each swap was work at every keystroke)", async ({ page }) => {
  type IconPage = {
    document: { querySelectorAll(selector: string): Iterable<PageElement>; querySelector(selector: string): unknown };
    getComputedStyle(element: PageElement): { backgroundImage: string; width: string };
    MutationObserver: new (callback: (records: Array<{ attributeName: string | null }>) => void) => { observe(target: unknown, options: object): void };
    __srcChanges?: number;
  };
  const icons = () =>
    page.evaluate(() => {
      const inPage = globalThis as unknown as IconPage;
      return [...inPage.document.querySelectorAll('[role="row"][data-row-index] .account > :first-child')].map((icon) => {
        const style = inPage.getComputedStyle(icon);
        return { image: style.backgroundImage.slice(0, 22), width: style.width };
      });
    });
  const before = await icons();
  expect(before).toHaveLength(12);
  for (const icon of before) expect(icon).toEqual({ image: expect.stringMatching(/^url\("data:image\//), width: '18px' });

  await page.evaluate(() => {
    const inPage = globalThis as unknown as IconPage;
    inPage.__srcChanges = 0;
    new inPage.MutationObserver((records) => {
      for (const record of records) if (record.attributeName === 'src') inPage.__srcChanges! += 1;
    }).observe(inPage.document.querySelector('[role="grid"]'), { subtree: true, attributes: true, attributeFilter: ['src'] });
  });
  const search = page.getByRole('searchbox', { name: 'Search accounts' });
  await search.pressSequentially('in');
  await expect(page.getByRole('status').filter({ hasText: /^Showing \d+ of 12 accounts/ })).toBeVisible();
  await search.fill('');
  await expect(accountRows(page)).toHaveCount(12);
  expect(await page.evaluate(() => (globalThis as unknown as IconPage).__srcChanges)).toBe(0);
  expect(await icons()).toHaveLength(12);
});

test('keyboard: / searches, j/k and arrows move, Enter opens, Esc comes back, r refreshes', async ({ page, control }) => {
  const grid = page.getByRole('grid');
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search accounts' })).toBeFocused();
  await page.keyboard.press('Escape'); // an empty search: back to the list
  await expect(grid).toBeFocused();

  const rows = await shownRows(page);
  await page.keyboard.press('j');
  await expect(accountRows(page).nth(0)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('j');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('k');
  await expect(accountRows(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(grid).toHaveAttribute('aria-activedescendant', /^account-row-/);

  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: rows[1]!.username })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: 'Accounts' })).toBeVisible();
  await expect(accountRows(page).nth(1)).toHaveAttribute('aria-selected', 'true'); // the same account still selected

  await control('DELETE', '/requests');
  await page.keyboard.press('r');
  await expect.poll(async () => ((await control('GET', '/requests')) as unknown[]).length).toBeGreaterThan(0);
});

test('Esc on the list, with no search or filter, hides the window', async ({ page, electron }) => {
  await expect.poll(() => electron.windows[0]?.isVisible()).toBe(true);
  await page.getByRole('grid').focus();
  await page.keyboard.press('Escape');
  await expect.poll(() => electron.windows[0]?.isVisible()).toBe(false);
});

test('an account expired through the simulator rises to the top, tinted, after a refresh', async ({ page, control }) => {
  const fine = arranged.filter((a) => a.health === 'ok').sort((a, b) => byName(b.username, a.username))[0]!; // now last
  expect((await shownRows(page)).at(-1)!.username).toBe(fine.username);

  await control('POST', `/accounts/${fine.id}`, { status: '401' });
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();

  await expect(filters(page).getByRole('button', { name: /3 need re-sync/ })).toBeVisible();
  const rows = await shownRows(page);
  const position = rows.findIndex((r) => r.username === fine.username);
  expect(position).toBeLessThan(3);
  expect(rows[position]!.name).toMatch(/ · needs re-sync: status 401: cookies rejected$/);
  const row = accountRows(page).nth(position);
  await expect(row.getByRole('gridcell').nth(1)).toHaveText('Status 401: cookies rejected');
  await expect(row).toHaveAttribute('data-health', 'needs_resync');
});

test('rows that need re-sync stand out: a tint and a strong red left edge no other row has, under a "Needs re-sync · n" heading', async ({ page }) => {
  const look = (health: string) =>
    page.locator(`[role="row"][data-row-index][data-health="${health}"]`).first().evaluate((row) => {
      const style = (globalThis as unknown as InPage).getComputedStyle(row as unknown as PageElement);
      return { background: style.backgroundColor, edge: style.boxShadow };
    });
  const resync = await look('needs_resync');
  const ok = await look('ok');
  const attention = await look('attention');
  expect(resync.background).not.toBe(ok.background);
  expect(resync.edge).toMatch(/inset/);
  expect(resync.edge).toMatch(/3px 0px 0px/);
  for (const other of [ok, attention]) expect(other.edge).toBe('none');
  await expect(page.getByRole('rowheader').first()).toHaveText(/^Needs re-sync · 2$/);
});

test('an unreadable answer shows the banner at once; Retry now clears it; the list stays', async ({ page, control }) => {
  await control('POST', '/faults', { malformed: true, count: 1 });
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();

  const banner = page.getByRole('alert').filter({ hasText: 'Retry now' });
  await expect(banner).toBeVisible();
  await expect(banner.getByRole('heading')).toHaveText("Lobstr's answer could not be read");
  await expect(page.getByText(/^Last successful check \d\d:\d\d/)).toBeVisible();
  await expectAccountsListed(page, 12);
  // The list is marked as the last known state while checks fail…
  const staleBand = page.getByTestId('stale-band');
  await expect(staleBand).toContainText(/^Last known state, from \d\d:\d\d/);
  await expect(staleBand).not.toContainText('just now');

  await banner.getByRole('button', { name: 'Retry now' }).click();
  await expect(banner).toBeHidden();
  await expectAccountsListed(page, 12);
  // …and not once a check succeeds.
  await expect(staleBand).toBeHidden();
});

test('while Lobstr answers 500 the banner says so and the list stays; it goes once Lobstr recovers', async ({ page, control, app }) => {
  test.slow(); // the client retries a server error three times, with backoff, before the poll fails
  await control('POST', '/faults', { status: 500 });
  await app.refreshNow();

  const banner = page.getByRole('alert').filter({ hasText: 'Retry now' });
  await expect(banner).toBeVisible();
  await expect(banner.getByRole('heading')).toHaveText('Lobstr is having trouble');
  await expectAccountsListed(page, 12);
  await expect(filters(page).getByRole('button', { name: /2 need re-sync/ })).toBeVisible();

  await control('DELETE', '/faults');
  await banner.getByRole('button', { name: 'Retry now' }).click();
  await expect(banner).toBeHidden({ timeout: 15_000 });
  await expectAccountsListed(page, 12);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('once the list is shown, the details and settings views load in the background, so opening one waits for no file', async ({ page }) => {
  await expect(accountRows(page).first()).toBeVisible();
  const loadedViews = () =>
    page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((entry) => new URL(entry.name).pathname.split('/').pop() ?? '')
        .filter((file) => /^(DetailsView|SettingsView)-.*\.js$/.test(file))
        .map((file) => file.split('-')[0])
        .sort(),
    );
  await expect.poll(loadedViews).toEqual(['DetailsView', 'SettingsView']);
});

/** What a guidance line shows in the page: its text, the whole line (title), and how much of it is in sight. */
interface GuidanceInSight {
  text: string;
  title: string;
  /** Width in px of the line's text in sight (its lead, cut with an ellipsis where the cell is narrow). */
  leadShown: number;
  /** True when the lead is cut (an ellipsis). */
  leadCut: boolean;
  /** A lock's time: its width in sight and its full width (equal when it is not cut). */
  until: { shown: number; full: number } | null;
  rowHeight: number;
}

async function guidanceInSight(page: Page, health: 'locked' | 'attention'): Promise<GuidanceInSight> {
  const row = page.locator(`[role="row"][data-row-index][data-health="${health}"]`).first();
  await expect(row.locator('.guidance')).toBeVisible();
  return row.evaluate((element) => {
    type Box = { left: number; right: number; width: number; height: number };
    type El = {
      textContent: string | null;
      scrollWidth: number;
      clientWidth: number;
      getAttribute(n: string): string | null;
      getBoundingClientRect(): Box;
      querySelector(s: string): El | null;
    };
    const rowEl = element as unknown as El;
    const cell = rowEl.querySelector('[aria-colindex="2"]')!;
    const line = cell.querySelector('.guidance')!;
    const lead = line.querySelector('.lead')!;
    const until = line.querySelector('.until');
    const clip = cell.getBoundingClientRect();
    const inSight = (box: Box) => Math.max(0, Math.min(box.right, clip.right) - Math.max(box.left, clip.left));
    return {
      text: (cell.textContent ?? '').replace(/\s+/g, ' ').trim(),
      title: line.getAttribute('title') ?? '',
      leadShown: inSight(lead.getBoundingClientRect()),
      leadCut: lead.scrollWidth > lead.clientWidth + 1,
      until: until ? { shown: inSight(until.getBoundingClientRect()), full: until.getBoundingClientRect().width } : null,
      rowHeight: rowEl.getBoundingClientRect().height,
    };
  });
}

for (const viewport of [{ width: 960, height: 640 }, { width: 480, height: 360 }]) {
  test.describe(`the guidance of locked and attention rows at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('each row shows its line in sight (a lock\'s time whole), the whole line on hover and in the row\'s name', async ({ page }) => {
      const locked = await guidanceInSight(page, 'locked');
      expect(locked.title).toMatch(/^Nothing to do: .+ lifts this lock (on \d{1,2} [A-Z][a-z]{2} )?at \d\d:\d\d$/);
      expect(locked.text).toBe(locked.title);
      // "Nothing to do: …" and the time are there for the user, whatever the width.
      expect(locked.leadShown).toBeGreaterThanOrEqual(90);
      expect(locked.until!.full).toBeGreaterThan(30);
      expect(locked.until!.shown).toBeCloseTo(locked.until!.full, 0);
      // At the window's real size, the platform's column gives it the room to read whole.
      if (viewport.width === 960) expect(locked.leadCut).toBe(false);

      const attention = await guidanceInSight(page, 'attention');
      const [line, status] = attention.title.split('\n');
      expect(line).toMatch(/^(.+) wants to confirm it is you: sign in to \1 in your browser and complete its security check$/);
      expect(status).toBe('Status 403: checkpoint reached');
      expect(attention.text).toBe(line);
      expect(attention.leadShown).toBeGreaterThanOrEqual(120);

      // Still one line in a row of 32 px.
      expect([locked.rowHeight, attention.rowHeight]).toEqual([32, 32]);
      const names = (await shownRows(page)).map((r) => r.name);
      expect(names.find((n) => n.includes(' · locked: '))).toMatch(new RegExp(`· locked: ${escape(locked.title)}$`));
      expect(names.find((n) => n.includes(' · attention: '))).toMatch(new RegExp(`· attention: status 403: checkpoint reached.*\\. ${escape(line!)}$`));
    });
  });
}

test.describe('at the window’s minimum size, 480×360', () => {
  test.use({ viewport: { width: 480, height: 360 } });

  test('at least 5 account rows show without scrolling, in the one scroll area, usernames whole', async ({ page }) => {
    await expect(accountRows(page).first()).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/list-480x360.png' });
    const layout = await page.evaluate(() => {
      const { document, getComputedStyle } = globalThis as unknown as InPage;
      const viewport = document.querySelector('[role="grid"] .viewport')!;
      const box = viewport.getBoundingClientRect();
      const rows = [...viewport.querySelectorAll('[role="row"][data-row-index]')];
      const whole = rows.filter((row) => {
        const r = row.getBoundingClientRect();
        return r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
      });
      const scrollers = [...document.querySelectorAll('*')].filter((el) => {
        const style = getComputedStyle(el);
        return /(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 1;
      });
      return {
        wholeRows: whole.length,
        pageScrolls: document.scrollingElement!.scrollHeight > document.scrollingElement!.clientHeight + 1,
        scrollers: scrollers.map((el) => el.className),
        cutUsernames: whole
          .map((row) => row.querySelector('.username')!)
          .filter((name) => name.scrollWidth > name.clientWidth + 1)
          .map((name) => name.textContent),
      };
    });
    expect(layout.wholeRows).toBeGreaterThanOrEqual(5);
    expect(layout.pageScrolls).toBe(false);
    expect(layout.scrollers).toHaveLength(1);
    expect(layout.cutUsernames).toEqual([]);
    // The platform column gives way first (the icon and the row's name still say it).
    await expect(page.getByRole('columnheader', { name: 'Platform' })).toBeHidden();
  });

  test('the rows take a compositing layer of their own only while the list scrolls (at rest one was drawn again at every keystroke)', async ({ page }) => {
    await expect(accountRows(page).first()).toBeVisible();
    const willChange = () =>
      page.evaluate(() => {
        const { document, getComputedStyle } = globalThis as unknown as InPage;
        return getComputedStyle(document.querySelector('[role="grid"] .rows')!).willChange;
      });
    expect(await willChange()).toBe('auto');
    await page.locator('[role="grid"] .viewport').hover();
    await page.mouse.wheel(0, 64);
    await expect.poll(willChange).toBe('transform');
    // Once the scroll has settled (VirtualList's SCROLL_SETTLED_MS, 200 ms), the layer goes.
    await expect.poll(willChange).toBe('auto');
  });

  test('the toolbar is one row: search, filters, refresh and settings', async ({ page }) => {
    const tops = await Promise.all(
      [page.getByRole('searchbox', { name: 'Search accounts' }), page.getByRole('button', { name: /^All / }), page.getByRole('button', { name: 'Refresh', exact: true }), page.getByRole('button', { name: 'Settings', exact: true })].map(
        async (control) => (await control.boundingBox())!,
      ),
    );
    const middle = (b: { y: number; height: number }) => b.y + b.height / 2;
    for (const box of tops) expect(Math.abs(middle(box) - middle(tops[0]!))).toBeLessThan(4);
  });
});
