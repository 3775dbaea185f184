/**
 * Every view of the window, each reached as a user reaches it, for the tests that look at the
 * whole page (contrast, what red is used for): onboarding (also after a refused key), the list
 * with every health (also under a connection problem's banner), the details of an account of each
 * health, and the settings (also with a refused value and the key's removal being confirmed).
 */
import type { Page } from '@playwright/test';
import type { Health } from '../../../main/core/health/accountHealth.js';
import { accountRows, arrangeHealth } from './accounts.js';
import { BAD_KEY, connectWithKey, expect, openWindow, type WindowFixtures } from './fixtures.js';

export type ViewFixtures = Pick<WindowFixtures, 'control' | 'ipc' | 'app'>;

export interface AuditedView {
  name: string;
  open(page: Page, fixtures: ViewFixtures): Promise<void>;
}

/** Accounts of every health: the first needs re-sync, the 7th attention, the 10th is locked. */
async function listWithEveryHealth(page: Page, fixtures: ViewFixtures): Promise<void> {
  await arrangeHealth(fixtures.control, { 0: 'needs_resync', 6: 'attention', 9: 'locked' });
  await connectWithKey(fixtures);
  await openWindow(page);
  await expect(accountRows(page).first()).toBeVisible();
}

async function detailsOf(health: Health, page: Page, fixtures: ViewFixtures): Promise<void> {
  await listWithEveryHealth(page, fixtures);
  await accountRows(page).and(page.locator(`[data-health="${health}"]`)).first().click();
  await expect(page.getByRole('button', { name: /^Back/ })).toBeVisible();
  await expect(accountRows(page)).toHaveCount(0);
}

async function onboarding(page: Page): Promise<void> {
  await openWindow(page);
  await expect(page.getByRole('button', { name: 'Try with demo data' })).toBeVisible();
}

async function settings(page: Page, fixtures: ViewFixtures): Promise<void> {
  await connectWithKey(fixtures);
  await openWindow(page);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByLabel('Check every (minutes)')).toBeVisible();
}

export const AUDITED_VIEWS: AuditedView[] = [
  { name: 'onboarding', open: onboarding },
  {
    name: 'onboarding after a refused key',
    async open(page) {
      await onboarding(page);
      await page.getByLabel('Lobstr API key').fill(BAD_KEY);
      await page.getByRole('button', { name: 'Check and save key' }).click();
      await expect(page.getByRole('alert')).toBeVisible();
    },
  },
  { name: 'list with every health', open: listWithEveryHealth },
  {
    name: 'list under a connection problem',
    async open(page, fixtures) {
      await listWithEveryHealth(page, fixtures);
      await fixtures.control('POST', '/faults', { malformed: true, count: 1 });
      await page.getByRole('button', { name: 'Refresh', exact: true }).click();
      await expect(page.getByRole('alert').filter({ has: page.getByRole('button') })).toBeVisible();
    },
  },
  ...(['needs_resync', 'attention', 'locked', 'ok'] as const).map((health) => ({
    name: `details of an account with health ${health}`,
    open: (page: Page, fixtures: ViewFixtures) => detailsOf(health, page, fixtures),
  })),
  { name: 'settings', open: settings },
  {
    name: 'settings with a refused value, removing the key',
    async open(page, fixtures) {
      await settings(page, fixtures);
      const interval = page.getByLabel('Check every (minutes)');
      await interval.fill('0');
      await interval.press('Enter');
      await expect(page.getByRole('alert')).toBeVisible();
      await page.getByRole('button', { name: 'Remove key' }).click();
      await expect(page.getByRole('button', { name: 'Yes, remove the key' })).toBeVisible();
    },
  },
];
