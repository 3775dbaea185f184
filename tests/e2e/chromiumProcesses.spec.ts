/**
 * The Chromium that stands for Electron's renderer here (the tests' and the benchmark's) runs our
 * page and nothing of the browser's own. Chromium the browser, even headless, starts its address
 * bar's popup (a page in a renderer process of its own, with the `--top-chrome-webui` switch) about
 * 250 ms after each new window, unless the flags in scripts/chromium-location.js turn it off; on a
 * 2-core machine that page took the CPU from the first render the benchmark measures. A Chromium
 * update that renames those features would bring it back without a word: this test says so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { findChromium } from '../../scripts/chromium-location.js';

/** The command line of a process, or null when it is gone (or unreadable). */
function commandLine(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return null;
  }
}

test("no page of the browser's own runs beside the window (its address bar's popup took the first render's CPU)", async ({ browser, page }) => {
  test.skip(findChromium()?.source !== 'system', "Playwright's own headless Chromium has no browser UI of its own: the flags are for a system Chromium");
  test.skip(!existsSync('/proc/self/cmdline'), "reads the browser's processes' command lines in /proc, which only Linux has");
  const cdp = await browser.newBrowserCDPSession();
  await page.goto('/');
  // The popup's renderer came 230–280 ms after a new window; look for two seconds.
  const started = Date.now();
  let renderers: string[] = [];
  while (Date.now() - started < 2_000) {
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: Array<{ type: string; id: number }> };
    renderers = processInfo.filter((p) => p.type === 'renderer').map((p) => commandLine(p.id) ?? '');
    expect(renderers.filter((line) => line.includes('--top-chrome-webui')), 'a renderer of the browser\'s own UI').toEqual([]);
    await page.waitForTimeout(100);
  }
  expect(renderers.length, 'at least the window\'s own renderer was seen').toBeGreaterThan(0);
});
