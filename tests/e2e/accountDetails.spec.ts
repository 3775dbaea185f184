/**
 * An account's details, opened from the list, for each kind of health: what it says, what to do
 * for one that needs re-sync (naming the cookies), Refresh through GET /v1/accounts/{hash}, the
 * platform link, Copy ID, and a notification that opens the window on its account.
 */
import type { Page } from '@playwright/test';
import type { Health } from '../../main/core/health/accountHealth.js';
import { platformOf } from '../../main/core/health/platforms.js';
import type { LoggedRequest } from '../../main/simulator/requestLog.js';
import { accountRows, arrangeHealth, type SimAccount } from './harness/accounts.js';
import { connectWithKey, expect, openWindow, test } from './harness/fixtures.js';

type Arranged = Array<SimAccount & { health: Health }>;
let arranged: Arranged;

// Positions in the simulator's list (seed 7): 0 and 1 are Sales Navigator accounts, 6 is on X, 9 on LinkedIn.
test.beforeEach(async ({ control, ipc, app, page }) => {
  arranged = await arrangeHealth(control, { 0: 'needs_resync', 6: 'attention', 9: 'locked' });
  await connectWithKey({ ipc, app });
  await openWindow(page);
});

const accountWith = (health: Health, type?: string) =>
  arranged.find((a) => a.health === health && (type === undefined || a.type === type))!;

async function openDetails(page: Page, account: SimAccount): Promise<void> {
  await accountRows(page).filter({ hasText: account.username }).click();
  await expect(page.getByRole('heading', { level: 2, name: account.username })).toBeVisible();
}

const section = (page: Page, title: string) => page.getByRole('region', { name: title, exact: true });

test('needs re-sync: what to do, the cookies Lobstr needs for the platform, the squids that will fail', async ({ page }) => {
  const account = accountWith('needs_resync');
  expect(account.type).toBe('sales-nav-sync');
  await openDetails(page, account);

  await expect(page.getByRole('region', { name: 'Account details' })).toContainText('needs re-sync');
  const callout = section(page, 'This account needs its cookies re-synced');
  await expect(callout).toBeVisible();
  await expect(callout).toContainText('cookies expired');
  // The dashboard's steps, under the box's own re-sync, name the cookies Lobstr needs.
  await expect(callout.getByRole('button', { name: 'Re-sync…' })).toBeVisible();
  await callout.getByText('How to do it in the Lobstr dashboard instead').click();
  await expect(callout).toContainText('Refresh cookies');
  for (const cookie of platformOf('sales-nav-sync')!.cookies) await expect(callout.getByText(cookie, { exact: true })).toBeVisible();
  await expect(callout).toContainText('Sales Navigator Leads Search Export');

  // What matters first: the health and the re-sync, then the limits, then the account; the raw fields last.
  const limits = section(page, 'Limits and usage');
  const top = async (locator: ReturnType<typeof section>) => (await locator.boundingBox())!.y;
  expect(await top(callout)).toBeLessThan(await top(section(page, 'Cookies')));
  expect(await top(section(page, 'Cookies'))).toBeLessThan(await top(limits));
  expect(await top(limits)).toBeLessThan(await top(section(page, 'Account')));
  await expect(limits.getByRole('meter').first()).toBeVisible();
  await expect(limits.getByRole('columnheader', { name: 'Lobstr default' }).first()).toBeHidden();
  await limits.getByText("Compared with Lobstr's defaults").click();
  await expect(limits.getByRole('columnheader', { name: 'Lobstr default' }).first()).toBeVisible();
  await expect(limits.getByRole('columnheader', { name: 'This account' }).first()).toBeVisible();
  await expect(limits.getByRole('meter').first()).toBeVisible();
  await expect(section(page, 'Cookies')).toContainText('li_at');
  await expect(section(page, 'Squids')).toContainText('Sales Navigator Leads Search Export');
  const facts = section(page, 'Account');
  await expect(facts).toContainText(account.id);
  await expect(facts).toContainText('https://www.linkedin.com');
  await expect(facts.getByText('Last synchronization')).toBeVisible();

  // The raw fields, closed: the description Lobstr sent ("Success!", however misleading) shows only when opened.
  const technical = page.locator('details', { has: page.getByText('Technical details', { exact: true }) });
  await expect(technical).not.toHaveAttribute('open');
  await expect(technical.getByText('Account type hash')).toBeHidden();
  await expect(page.getByText('Success!')).toBeHidden();
  await technical.getByText('Technical details', { exact: true }).click();
  await expect(technical.getByText('Account type hash')).toBeVisible();
  for (const raw of ['sales-nav-sync', 'cookies_expired', 'Success!', 'account']) {
    await expect(technical.getByText(raw, { exact: true })).toBeVisible();
  }
  expect(await top(technical)).toBeGreaterThan(await top(facts));
});

test('Lobstr slow to answer: the details show the account at once, in full, as the last check has it', async ({ page, control }) => {
  const account = accountWith('needs_resync');
  // The details' own read from Lobstr (GET /v1/accounts/{hash}) takes 20 s.
  await control('POST', '/faults', { latency_ms: 20_000, path: `/v1/accounts/${account.id}`, count: 1 });
  await openDetails(page, account);
  const quickly = { timeout: 3_000 };
  await expect(section(page, 'Squids')).toContainText('Sales Navigator Leads Search Export', quickly);
  await expect(section(page, 'Cookies')).toContainText('li_at', quickly);
  await expect(section(page, 'Limits and usage').getByRole('meter').first()).toBeVisible(quickly);
  await expect(page.locator('details', { hasText: 'Technical details' })).toContainText('Success!', quickly);
  await expect(page.getByRole('button', { name: 'Refreshing…' })).toBeVisible();
  await control('DELETE', '/faults');
});

test('locked: until when, that there is nothing to do, and no re-sync advice or cookies', async ({ page }) => {
  const account = accountWith('locked');
  await openDetails(page, account);
  const health = section(page, 'Health');
  // In the window's clock, as the list says it (24 h); the day too when the lock ends after midnight.
  await expect(health).toContainText(/Nothing to do: LinkedIn lifts this lock (on \d{1,2} [A-Z][a-z]{2} )?at \d\d:\d\d/);
  await expect(health).toContainText('Locked until');
  expect((await health.boundingBox())!.y).toBeLessThan((await section(page, 'Limits and usage').boundingBox())!.y);
  await expect(section(page, 'This account needs its cookies re-synced')).toHaveCount(0);
  await expect(section(page, 'Cookies')).toHaveCount(0);
});

test('attention: the status and what to do on the platform, the raw codes under Technical details', async ({ page }) => {
  const account = accountWith('attention');
  await openDetails(page, account);
  const health = section(page, 'Health');
  await expect(health).toContainText('Status 403: checkpoint reached');
  await expect(health).toContainText('wants to confirm it is you: sign in to');
  await expect(health).toContainText('in your browser and complete its security check');
  const technical = page.locator('details', { hasText: 'Technical details' });
  await technical.getByText('Technical details', { exact: true }).click();
  await expect(technical).toContainText('403');
  await expect(technical).toContainText('checkpoint_reached');
  await expect(section(page, 'This account needs its cookies re-synced')).toHaveCount(0);
  await expect(section(page, 'Cookies')).toHaveCount(0);
});

test('OK: synchronized, no advice, and Refresh re-reads the account from Lobstr', async ({ page, control }) => {
  const account = accountWith('ok', 'sales-nav-sync');
  await openDetails(page, account);
  const details = page.getByRole('region', { name: 'Account details' });
  await expect(section(page, 'Health')).toContainText('Synchronized');
  await expect(section(page, 'This account needs its cookies re-synced')).toHaveCount(0);
  await expect(section(page, 'Cookies')).toHaveCount(0);

  // It expires in Lobstr; Refresh here reads this one account again.
  await control('POST', `/accounts/${account.id}`, { status_code_info: 'cookies_expired' });
  await control('DELETE', '/requests');
  await details.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(section(page, 'This account needs its cookies re-synced')).toBeVisible();
  await expect(section(page, 'Cookies')).toBeVisible();
  const requests = (await control('GET', '/requests')) as LoggedRequest[];
  expect(requests.map((r) => `${r.method} ${r.path}`)).toContain(`GET /v1/accounts/${account.id}`);

  await page.getByRole('button', { name: 'Back to accounts' }).click();
  await expect(page.getByRole('heading', { name: 'Accounts' })).toBeVisible();
});

test('the platform opens in the browser, and Copy ID puts the id on the clipboard', async ({ page, electron }) => {
  // No permission is granted to the page: the window refuses them all, so the copy goes through the app.
  const account = accountWith('locked');
  await openDetails(page, account);

  await page.getByRole('button', { name: 'Open LinkedIn' }).click();
  await expect.poll(() => electron.opened.external).toEqual(['https://www.linkedin.com/']);

  await page.getByRole('button', { name: 'Copy ID' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
  expect(electron.clipboard).toEqual([account.id]);
  // The page's own clipboard is refused, as the app's window refuses it.
  type WithClipboard = { navigator: { clipboard: { writeText(text: string): Promise<void> } } };
  const own = await page.evaluate(() =>
    (globalThis as unknown as WithClipboard).navigator.clipboard.writeText('x').then(() => 'written', (e: Error) => e.name),
  );
  expect(own).toBe('NotAllowedError');
});

test.describe('in a narrow window (its smallest size, 480×360, at 200% zoom)', () => {
  test.use({ viewport: { width: 240, height: 180 }, deviceScaleFactor: 2 });

  test('an id and a hash stay on one line, cut in the middle, and Copy puts the whole of them on the clipboard', async ({ page, electron }) => {
    const account = accountWith('needs_resync');
    await openDetails(page, account);
    await section(page, 'Account').scrollIntoViewIfNeeded();
    await page.locator('details', { hasText: 'Technical details' }).getByText('Technical details', { exact: true }).click();

    const squid = page.getByRole('button', { name: /^Copy the hash of / }).first();
    for (const copy of [page.getByRole('button', { name: 'Copy ID' }), squid]) {
      const value = copy.locator('xpath=ancestor::*[contains(@class, "id-value")][1]').locator('.hash');
      const whole = (await value.getAttribute('title'))!;
      expect(whole).toMatch(/^[0-9a-f]{32}$/);
      await expect(value).toHaveText(whole); // read out whole
      const shape = await value.evaluate((element) => {
        // The page's DOM, typed here only as far as it is read (these tests are compiled without the DOM library).
        type Box = { getBoundingClientRect(): { width: number; height: number }; scrollWidth: number; clientWidth: number; textContent: string | null };
        type Style = { lineHeight: string; fontSize: string; textOverflow: string; fontFamily: string };
        const styleOf = (globalThis as unknown as { getComputedStyle(e: unknown): Style }).getComputedStyle;
        const box = element as unknown as Box & { firstElementChild: Box; lastElementChild: Box };
        const head = box.firstElementChild;
        const tail = box.lastElementChild;
        const headStyle = styleOf(head);
        return {
          height: box.getBoundingClientRect().height,
          lineHeight: parseFloat(headStyle.lineHeight) || parseFloat(headStyle.fontSize) * 1.5,
          cut: head.scrollWidth > head.clientWidth,
          ellipsis: headStyle.textOverflow,
          tail: tail.textContent,
          tailShown: tail.getBoundingClientRect().width > 0,
          monospace: /mono/i.test(styleOf(element).fontFamily),
        };
      });
      expect(shape.height, 'on one line').toBeLessThan(shape.lineHeight * 1.5);
      expect(shape.cut, 'too long for the space: cut').toBe(true);
      expect(shape.ellipsis).toBe('ellipsis');
      expect(shape.tail).toBe(whole.slice(-4));
      expect(shape.tailShown, 'its end stays in sight').toBe(true);
      expect(shape.monospace).toBe(true);
      const before = (await value.boundingBox())!;
      await copy.click();
      expect(electron.clipboard.at(-1)).toBe(whole);
      // "Copied" shows over the button, taking no room from the value.
      await expect(page.getByRole('status').filter({ hasText: 'Copied' }).first()).toBeVisible();
      expect((await value.boundingBox())!.width).toBe(before.width);
    }
    expect(electron.clipboard[0]).toBe(account.id);
  });
});

test('a notification, clicked, opens the window on its account', async ({ page, control, app, electron }) => {
  await expect(page.getByRole('heading', { name: 'Accounts' })).toBeVisible();
  const account = accountWith('ok');
  await control('POST', `/accounts/${account.id}`, { status: '401' });
  await app.refreshNow();
  const notification = electron.notifications.find((n) => n.options.title.includes(account.username));
  expect(notification).toBeDefined();

  await notification!.click();
  await expect(page.getByRole('heading', { level: 2, name: account.username })).toBeVisible();
  await expect(section(page, 'This account needs its cookies re-synced')).toContainText('status 401');
});

test('"‹ Accounts" is the toolbar’s back control: first in it, and still there at the bottom of a long account', async ({ page }) => {
  await page.setViewportSize({ width: 480, height: 360 });
  await openDetails(page, accountWith('needs_resync'));
  const back = page.getByRole('button', { name: 'Back to accounts' });
  await expect(back).toHaveText('Accounts');
  await page.mouse.wheel(0, 5_000);
  await expect.poll(() => page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY)).toBeGreaterThan(100);
  const box = (await back.boundingBox())!;
  expect(box.y).toBeLessThan(20);
  expect(box.x).toBeLessThan(30);
  await back.click();
  await expect(page.getByRole('grid', { name: 'Accounts' })).toBeVisible();
});
