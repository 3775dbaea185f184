/**
 * Accounts as the window tests arrange them (through the simulator's control API) and read them
 * back (from the list's grid, as a user sees it).
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { Health } from '../../../main/core/health/accountHealth.js';
import type { Control } from './fixtures.js';

export interface SimAccount {
  id: string;
  username: string;
  type: string;
}

/** The simulator's accounts, in its list order. */
export async function simAccounts(control: Control): Promise<SimAccount[]> {
  return (await control('GET', '/accounts')) as SimAccount[];
}

/** The fields that give an account each health (the rules of main/core/health/accountHealth.ts). */
export function healthFields(health: Health, nowMs = Date.now()): Record<string, unknown> {
  const healthy = {
    status: '200',
    status_code_info: 'synchronized',
    status_code_description: 'Success!',
    lock_time: null,
    resets_in: null,
  };
  switch (health) {
    case 'ok':
      return healthy;
    case 'needs_resync':
      // As seen in the wild: the codes say expired while the description still reads "Success!".
      return { ...healthy, status_code_info: 'cookies_expired' };
    case 'attention':
      return { ...healthy, status: '403', status_code_info: 'checkpoint_reached', status_code_description: 'Checkpoint reached' };
    case 'locked':
      return { ...healthy, lock_time: Math.floor(nowMs / 1000) + 2 * 3600 };
  }
}

/**
 * Every account healthy except the ones named here (by position in the simulator's list); returns
 * the accounts with the health each was given.
 */
export async function arrangeHealth(
  control: Control,
  unhealthy: Partial<Record<number, Exclude<Health, 'ok'>>>,
): Promise<Array<SimAccount & { health: Health }>> {
  const accounts = await simAccounts(control);
  return Promise.all(
    accounts.map(async (account, index) => {
      const health = unhealthy[index] ?? 'ok';
      await control('POST', `/accounts/${account.id}`, healthFields(health));
      return { ...account, health };
    }),
  );
}

/** The grid's account rows (those in the page: the list renders only the rows in view). */
export function accountRows(page: Page): Locator {
  return page.getByRole('grid').getByRole('row').filter({ has: page.getByRole('gridcell') });
}

/**
 * The grid lists `count` accounts: the status line says so, the grid's aria-rowcount counts at
 * least them (plus the header row and the health headings), and the rows in view are on the page.
 * The list is virtual, so rows scrolled out of view (beyond a few) are not in the page: counting
 * elements would count the window's height.
 */
export async function expectAccountsListed(page: Page, count: number): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: new RegExp(`^\\s*${count} accounts\\s*$`) })).toBeVisible();
  const rowCount = Number(await page.getByRole('grid').getAttribute('aria-rowcount'));
  expect(rowCount).toBeGreaterThan(count);
  await expect(accountRows(page).first()).toBeVisible();
  expect(await accountRows(page).count()).toBeLessThanOrEqual(count);
}

/** What the grid's rows show, top to bottom: health (data-health), username and accessible name. */
export async function shownRows(page: Page): Promise<Array<{ health: string; username: string; name: string }>> {
  const rows = accountRows(page);
  const count = await rows.count();
  const shown: Array<{ health: string; username: string; name: string }> = [];
  for (let i = 0; i < count; i++) {
    const row = rows.nth(i);
    const name = (await row.getAttribute('aria-label')) ?? '';
    shown.push({ health: (await row.getAttribute('data-health')) ?? '', username: name.split(' · ')[0] ?? '', name });
  }
  return shown;
}
