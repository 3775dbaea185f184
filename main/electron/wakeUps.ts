/**
 * The moments to look again without waiting for the next poll: the machine resumed or was unlocked,
 * the network came back (asked of the OS every few seconds while offline), and, while the system
 * keyring is still locked at login, every 30 s until the key can be read.
 */
import type { WakeReason } from '../core/monitor/monitor.js';

export interface WakeUpDeps {
  powerMonitor: { on(event: 'resume' | 'unlock-screen', listener: () => void): unknown };
  net: { isOnline(): boolean };
  /** Polls now, the backoff forgotten (the monitor's wake). */
  wake(reason: WakeReason): void;
  /** Reads the key again if it could not be read (a keyring locked at login); cheap otherwise. */
  retryKey(): void;
  onlineCheckMs?: number;
  keyringRetryMs?: number;
}

/** Starts listening; returns what stops the timers (Electron's powerMonitor listeners end with the app). */
export function watchWakeUps(deps: WakeUpDeps): () => void {
  deps.powerMonitor.on('resume', () => {
    deps.retryKey();
    deps.wake('resume');
  });
  deps.powerMonitor.on('unlock-screen', () => {
    deps.retryKey();
    deps.wake('unlock');
  });
  // A keyring still locked at login opens later: read the key again until it does (the monitor does
  // not poll without one).
  const keyringTimer = setInterval(deps.retryKey, deps.keyringRetryMs ?? 30_000);
  keyringTimer.unref?.();
  let wasOnline = deps.net.isOnline();
  const onlineTimer = setInterval(() => {
    const online = deps.net.isOnline();
    if (online && !wasOnline) deps.wake('online');
    wasOnline = online;
  }, deps.onlineCheckMs ?? 10_000);
  onlineTimer.unref?.();
  return () => {
    clearInterval(keyringTimer);
    clearInterval(onlineTimer);
  };
}
