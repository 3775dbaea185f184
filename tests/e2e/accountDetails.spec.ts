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

  // Every field of the account, readably.
  const facts = section(page, 'Account');
  await expect(facts).toContainText(account.id);
  await expect(facts).toContainText('sales-nav-sync');
  await expect(facts).toContainText('https://www.linkedin.com');
  await expect(facts.getByText('Account type hash')).toBeVisible();
  await expect(facts.getByText('Last synchronization')).toBeVisible();
  const status = section(page, 'Status');
  await expect(status).toContainText('cookies_expired');
  await expect(status).toContainText('Success!'); // the description Lobstr sent, however misleading
  const limits = section(page, 'Limits and usage');
  await expect(limits.getByRole('columnheader', { name: 'Lobstr default' }).first()).toBeVisible();
  await expect(limits.getByRole('columnheader', { name: 'This account' }).first()).toBeVisible();
  await expect(limits.getByRole('meter').first()).toBeVisible();
  await expect(section(page, 'Cookies')).toContainText('li_at');
  await expect(section(page, 'Squids')).toContainText('Sales Navigator Leads Search Export');
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
  await expect(section(page, 'Status')).toContainText('Success!', quickly);
  await expect(page.getByRole('button', { name: 'Refreshing…' })).toBeVisible();
  await control('DELETE', '/faults');
});

test('locked: until when, and no re-sync advice', async ({ page }) => {
  const account = accountWith('locked');
  await openDetails(page, account);
  await expect(page.getByRole('region', { name: 'Account details' })).toContainText(/locked until (\d{1,2} \w{3} )?\d\d:\d\d/); // the date too when the lock ends on another day
  await expect(section(page, 'Status')).toContainText('Locked until');
  await expect(section(page, 'This account needs its cookies re-synced')).toHaveCount(0);
});

test('attention: the status and what Lobstr says about it', async ({ page }) => {
  const account = accountWith('attention');
  await openDetails(page, account);
  await expect(page.getByRole('region', { name: 'Account details' })).toContainText('status 403: checkpoint reached');
  const status = section(page, 'Status');
  await expect(status).toContainText('403');
  await expect(status).toContainText('checkpoint_reached');
  await expect(status).toContainText('Checkpoint reached');
  await expect(section(page, 'This account needs its cookies re-synced')).toHaveCount(0);
});

test('OK: synchronized, no advice, and Refresh re-reads the account from Lobstr', async ({ page, control }) => {
  const account = accountWith('ok', 'sales-nav-sync');
  await openDetails(page, account);
  const details = page.getByRole('region', { name: 'Account details' });
  await expect(details).toContainText('synchronized');
  await expect(section(page, 'This account needs its cookies re-synced')).toHaveCount(0);

  // It expires in Lobstr; Refresh here reads this one account again.
  await control('POST', `/accounts/${account.id}`, { status_code_info: 'cookies_expired' });
  await control('DELETE', '/requests');
  await details.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(section(page, 'This account needs its cookies re-synced')).toBeVisible();
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
