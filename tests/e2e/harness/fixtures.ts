/**
 * The Playwright fixtures of the window tests: each test gets its own simulator, its own app
 * (fresh settings, no key, a temporary user-data folder) wired to its page, and the simulator's
 * control API. Everything is closed after the test, passed or failed.
 *
 *   test('…', async ({ page, sim, app, control, ipc }) => { … })
 */
import { existsSync } from 'node:fs';
import { test as base, expect, type Page } from '@playwright/test';
import type { TrayAppHandle } from '../../../main/electron/trayApp.js';
import type { InvokeChannel, IpcResult } from '../../../main/shared/ipcContract.js';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../main/simulator/server.js';
import type { FakeBrowserWindow, FakeElectron } from '../../helpers/fakeElectron.js';
import type { FakeSafeStorageOptions } from '../../helpers/fakeElectron/safeStorage.js';
import { startTrayAppInPage, type TrayAppInPage } from './trayAppInProcess.js';

/** The key the test simulator accepts (the app checks it with a real call before storing it). */
export const GOOD_KEY = '5eed5eed5eed5eed5eed5eed5eed5eed';
export const BAD_KEY = 'wrong-key-wrong-key-wrong-key-00';

/** A control API request under /__sim (e.g. 'POST', '/accounts/abc', {...}); its JSON answer. */
export type Control = (method: string, path: string, body?: unknown) => Promise<unknown>;

export interface WindowFixtures {
  /** Options of this test's simulator (override with test.use({ simulatorOptions: … })). */
  simulatorOptions: SimulatorOptions;
  /** The system's safeStorage (override with test.use({ safeStorageOptions: { backend: 'basic_text' } })). */
  safeStorageOptions: FakeSafeStorageOptions;
  sim: RunningSimulator;
  /** The app started for this test's page, pointed at the simulator, with no key yet. */
  trayApp: TrayAppInPage;
  app: TrayAppHandle<FakeBrowserWindow>;
  electron: FakeElectron;
  control: Control;
  ipc: <T = unknown>(channel: InvokeChannel, ...args: unknown[]) => Promise<IpcResult<T>>;
}

export const test = base.extend<WindowFixtures>({
  // Twelve generated accounts: for ten or more, every kind of health appears at least once.
  simulatorOptions: [{ accounts: 12, seed: 7 }, { option: true }],
  // A Linux desktop with a keyring, unless a test says otherwise.
  safeStorageOptions: [{}, { option: true }],

  sim: async ({ simulatorOptions }, use) => {
    const sim = await startSimulator({ port: 0, token: GOOD_KEY, ...simulatorOptions });
    try {
      await use(sim);
    } finally {
      await sim.close();
    }
  },

  trayApp: async ({ page, sim, safeStorageOptions }, use, testInfo) => {
    const running = await startTrayAppInPage(page, { safeStorage: safeStorageOptions });
    try {
      // Where the user's Lobstr is, for this test: the simulator (the app's setting, set as the user would).
      const pointed = await running.ipc('settings:update', { apiBaseUrl: sim.baseUrl });
      if (!pointed.ok) throw new Error(`Could not point the app at the simulator: ${pointed.error.message}`);
      await use(running);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus && existsSync(running.logFile)) {
        await testInfo.attach('lobstr-tray.log', { path: running.logFile, contentType: 'text/plain' });
      }
      await running.close();
    }
  },

  app: async ({ trayApp }, use) => use(trayApp.app),
  electron: async ({ trayApp }, use) => use(trayApp.electron),
  ipc: async ({ trayApp }, use) => use(trayApp.ipc),

  control: async ({ sim }, use) => {
    await use(async (method, path, body) => {
      const res = await fetch(`${sim.origin}/__sim${path}`, {
        method,
        ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status} ${text}`);
      return text === '' ? undefined : (JSON.parse(text) as unknown);
    });
  },
});

export { expect };

/** The user has set a key the simulator accepts, and the first check has ended. */
export async function connectWithKey(fixtures: Pick<WindowFixtures, 'ipc' | 'app'>): Promise<void> {
  const set = await fixtures.ipc('key:set', GOOD_KEY);
  if (!set.ok) throw new Error(`The simulator refused the test key: ${set.error.message}`);
  await fixtures.app.refreshNow();
}

/**
 * Opens the window (the built renderer served by vite preview) and waits until it has its whole
 * state: past "Loading…", and past the first screen's rows (a busy grid) to the whole list.
 */
export async function openWindow(page: Page): Promise<void> {
  await page.goto('./');
  await expect(page.getByRole('status').filter({ hasText: 'Loading…' })).toHaveCount(0);
  await expect(page.locator('[role="grid"][aria-busy="true"]')).toHaveCount(0);
}

/** Collects what the page logs as errors (a CSP violation, a failed script) while a test runs. */
export function watchForErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Waits until every CSS transition and animation in the page has ended (after a theme change, a hover). */
export async function transitionsEnded(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const doc = (globalThis as unknown as { document: { getAnimations(): Array<{ finished: Promise<unknown> }> } }).document;
    await Promise.all(doc.getAnimations().map((animation) => animation.finished.catch(() => undefined)));
  });
}
