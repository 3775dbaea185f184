/**
 * What the window does once idle after its first screen: the other views' scripts load, and the
 * sorting collators are built, so neither a first click nor a first poll's push waits for them.
 */
import { afterEach, expect, test, vi } from 'vitest';
import { countCollators } from '../helpers/countedCollators';

afterEach(() => {
  vi.unstubAllGlobals();
});

test('when idle, the window builds the collators its sorts need (not before its first row)', async () => {
  vi.resetModules();
  const idle: Array<() => void> = [];
  vi.stubGlobal('requestIdleCallback', (callback: () => void) => idle.push(callback));
  const counted = countCollators();
  try {
    await import('../../renderer/src/lib/accountFilter'); // declares the column sorts' collator and, through the health order, the names'
    const { laterViews, loadLaterViewsWhenIdle } = await import('../../renderer/src/laterViews');
    loadLaterViewsWhenIdle();
    expect(counted.count).toBe(0);
    expect(idle).toHaveLength(1);
    idle[0]!();
    expect(counted.count).toBe(2);
    // The views' scripts it started to load, loaded before the test's environment goes.
    await Promise.all([laterViews.details(), laterViews.settings()]);
  } finally {
    counted.restore();
  }
});
