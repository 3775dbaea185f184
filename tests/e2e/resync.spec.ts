/**
 * Re-sync from the window, end to end: the details of an expired account, cookies pasted (a Cookie
 * header), read by the app (names found and missing), sent to the simulator; the steps show, and the
 * account turns healthy in the details, the list and the tray. And a re-sync through the login window
 * cancelled while it waits: the box is back at its start, the login window closed, nothing sent.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { HeldAccount } from '../../main/shared/ipcContract.js';
import type { LoggedRequest } from '../../main/simulator/requestLog.js';
import { accountRows, arrangeHealth, type SimAccount } from './harness/accounts.js';
import { connectWithKey, expect, openWindow, test } from './harness/fixtures.js';
import { repoRoot } from './harness/trayAppInProcess.js';

const BOX = 'This account needs its cookies re-synced';
const SECRET = 'AQEDAR-e2e-secret-7c1e';
let account: SimAccount;
let required: string[];

test.beforeEach(async ({ control, ipc, app, page }) => {
  // Position 0 of the simulator's list (seed 7) is a Sales Navigator account: li_at, JSESSIONID and li_a.
  const arranged = await arrangeHealth(control, { 0: 'needs_resync' });
  account = arranged[0]!;
  // Short tasks: done when the re-sync first reads the task again.
  await control('POST', '/sync', { outcome: 'ok', steps_ms: [50, 100] });
  await connectWithKey({ ipc, app });
  const held = await ipc<HeldAccount>('account:held', account.id);
  if (!held.ok) throw new Error(held.error.message);
  required = held.value.account.cookies.filter((c) => c.required).map((c) => c.name);
  expect(required.length).toBeGreaterThan(1);
  await openWindow(page);
});

/** For a person to look at: test-results/screenshots/ (not committed). */
async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(repoRoot, 'test-results', 'screenshots', `${name}.png`), caret: 'hide', animations: 'disabled' });
}

async function openDetails(page: Page): Promise<void> {
  await accountRows(page).filter({ hasText: account.username }).click();
  await expect(page.getByRole('heading', { level: 2, name: account.username })).toBeVisible();
}

test('pasted cookies: the missing name shown, then sent, and the account is healthy in the details, the list and the tray', async ({ page, electron, control }) => {
  const tray = electron.trays.at(-1)!;
  expect(tray.icon).toBe('linux-alert.png');
  await openDetails(page);
  const box = page.getByRole('region', { name: BOX });
  await box.getByText('Paste cookies instead').click();
  const field = box.getByRole('textbox', { name: 'Cookies for Sales Navigator' });
  const send = box.getByRole('button', { name: 'Send these cookies to Lobstr' });

  // One cookie missing: named, and nothing can be sent.
  const [last, ...others] = [...required].reverse();
  await field.fill(others.map((name) => `${name}=${SECRET}`).join('; '));
  const report = box.getByRole('region', { name: 'What was read' });
  await expect(report).toContainText('Read as a Cookie header');
  await expect(report.getByRole('list', { name: 'Missing' })).toHaveText(last!);
  await expect(send).toBeDisabled();
  await shoot(page, 'resync-paste-missing');

  // All of them: sent, followed, done.
  await field.fill(required.map((name) => `${name}=${SECRET}`).join('; '));
  await expect(report.getByRole('list', { name: 'Missing' })).toHaveCount(0);
  await expect(send).toBeEnabled();
  await send.click();
  await expect(page.getByTestId('resync-step')).toHaveText(/Sending the cookies to Lobstr…|Lobstr is synchronizing the account/);
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await shoot(page, 'resync-running');

  const done = page.getByRole('region', { name: 'Re-synced', exact: true });
  await expect(done).toContainText(`${account.username} is synchronized: Lobstr has fresh cookies.`, { timeout: 10_000 });
  await expect(page.getByRole('region', { name: BOX })).toHaveCount(0);
  await shoot(page, 'resync-done');
  await expect(page.getByRole('region', { name: 'Account details' }).getByText('OK', { exact: true }).first()).toBeVisible();
  // No cookie value stays in the page.
  expect(await page.locator('body').innerText()).not.toContain(SECRET);
  expect(await page.locator('textarea').count()).toBe(0);

  await page.getByRole('button', { name: 'Back to accounts' }).click();
  await expect(accountRows(page).filter({ hasText: account.username })).toHaveAttribute('data-health', 'ok');
  expect(tray.icon).toBe('linux-ok.png');
  const sent = ((await control('GET', '/requests')) as LoggedRequest[]).filter((r) => r.method === 'POST' && r.path.endsWith('/accounts/cookies'));
  expect(sent).toHaveLength(1);
});

test('through the login window, kept while the details are left, cancelled while it waits: the box is back at its start and nothing is sent', async ({ page, electron, control }) => {
  await openDetails(page);
  const box = page.getByRole('region', { name: BOX });
  await box.getByRole('button', { name: 'Re-sync…' }).click();
  await expect(page.getByTestId('resync-step')).toHaveText(`Waiting for you to log in: 0 of ${required.length} cookies`);
  const login = electron.objects.loginWindow.BaseWindow.created.at(-1)!;
  expect(login.isDestroyed()).toBe(false);

  // Back to the list and in again: the step is still there.
  await page.getByRole('button', { name: 'Back to accounts' }).click();
  await openDetails(page);
  await expect(page.getByTestId('resync-step')).toHaveText(`Waiting for you to log in: 0 of ${required.length} cookies`);

  await box.getByRole('button', { name: 'Cancel' }).click();
  await expect(box.getByRole('button', { name: 'Re-sync…' })).toBeVisible();
  await expect(box).toContainText('Cancelled: nothing was sent to Lobstr.');
  await expect(box.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
  expect(login.isDestroyed()).toBe(true);
  expect(electron.trays.at(-1)!.icon).toBe('linux-alert.png');
  const requests = (await control('GET', '/requests')) as LoggedRequest[];
  expect(requests.some((r) => r.method === 'POST' && r.path.endsWith('/accounts/cookies'))).toBe(false);
});
