/**
 * For a renderer test file: every test reads the clock at TEST_NOW (only Date is faked: timers run
 * as usual, so the views' awaits and effects go on), and what it rendered is removed after it.
 */
import { cleanup } from '@testing-library/svelte';
import { afterEach, beforeEach, vi } from 'vitest';
import { TEST_NOW } from './fakeBridge';

export function useTestClock(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(TEST_NOW);
  });

  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });
}
