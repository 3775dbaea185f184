/** The clock of a command that waits: its timers hold the process open (the app's systemClock lets them go). */
import type { Clock } from '../core/appModel.js';

export function processClock(now: () => number = Date.now): Clock {
  return {
    now,
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}
