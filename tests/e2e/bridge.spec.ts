/**
 * The page's `window.lobstr` is the app's: the built preload, answered by the real core in the
 * test process. What the renderer tests stand on, checked through the bridge itself.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BAD_KEY, expect, GOOD_KEY, openWindow, test, watchForErrors } from './harness/fixtures.js';
import { repoRoot } from './harness/trayAppInProcess.js';

const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };

/** The bridge as the page sees it (the tsconfig of the tests has no DOM types). */
type Bridge = Record<string, (...args: unknown[]) => Promise<unknown>> & { version: string; platform: string };
type WithBridge = typeof globalThis & { lobstr: Bridge };

test('the page gets the preload’s API, with the app’s version and no Node.js', async ({ page, trayApp }) => {
  expect(trayApp).toBeTruthy();
  const errors = watchForErrors(page);
  await openWindow(page);
  const seen = await page.evaluate(() => {
    const g = globalThis as WithBridge & { require?: unknown; process?: unknown };
    return {
      version: g.lobstr.version,
      platform: g.lobstr.platform,
      frozen: Object.isFrozen(g.lobstr),
      methods: Object.keys(g.lobstr).filter((k) => typeof g.lobstr[k] === 'function').sort(),
      node: typeof g.require !== 'undefined' || typeof g.process !== 'undefined',
    };
  });
  expect(seen).toMatchObject({ version, platform: 'linux', frozen: true, node: false });
  expect(seen.methods).toContain('setKey');
  expect(errors).toEqual([]);
});

test('a request from the page reaches the app’s handlers, validation included', async ({ page, trayApp }) => {
  expect(trayApp).toBeTruthy();
  await openWindow(page);
  const answers = await page.evaluate(
    async ([bad]) => {
      const { lobstr } = globalThis as WithBridge;
      return {
        rejected: await lobstr.setKey!(bad),
        invalid: await lobstr.updateSettings!({ pollIntervalMinutes: 'often' }),
        status: await lobstr.getKeyStatus!(),
      };
    },
    [BAD_KEY] as const,
  );
  expect(answers.rejected).toMatchObject({ ok: false, error: { kind: 'auth', message: 'Lobstr rejected this key' } });
  expect(answers.invalid).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
  expect(answers.status).toMatchObject({ ok: true, value: { set: false, hint: null } });
});

test('what the app pushes reaches the page’s subscribers', async ({ page, ipc }) => {
  await openWindow(page);
  await page.evaluate(() => {
    const g = globalThis as WithBridge & { seenTotals?: number[] };
    g.seenTotals = [];
    // A push is the whole snapshot or what changed since the one the page holds.
    type Push = { kind: 'full'; snapshot: { total: number } } | { kind: 'delta'; changes: { status: { total: number } } };
    (g.lobstr.onSnapshot as unknown as (cb: (push: Push) => void) => void)((push) =>
      g.seenTotals!.push(push.kind === 'full' ? push.snapshot.total : push.changes.status.total),
    );
  });
  const set = await ipc('key:set', GOOD_KEY);
  expect(set.ok).toBe(true);
  await expect
    .poll(() => page.evaluate(() => (globalThis as WithBridge & { seenTotals: number[] }).seenTotals.at(-1)))
    .toBe(12);
});
