/**
 * Quitting that lets the app finish its work. Electron does not wait for a `before-quit` listener:
 * a promise it returns is ignored, the windows close, `will-quit` and `quit` follow and the process
 * ends, cutting off whatever was still being written (the last state save). Its docs give the way
 * out: "Calling event.preventDefault() will prevent the default behavior, which is terminating the
 * application". So the first quit is prevented, the shutdown awaited (bounded: a stuck shutdown
 * must never keep the user from quitting), and then the app quits again, for real.
 * Every way of quitting emits `before-quit`, so all of them go through here: the tray's Quit, Cmd+Q
 * (the menu's quit role), the Dock's Quit, a log-out on macOS.
 * Electron's app comes in as a parameter so tests can pass a fake.
 */
import type { PreventableEvent } from './window.js';

/** The parts of Electron's app used here. */
export interface QuittingApp {
  quit(): void;
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
}

export interface QuitAfterShutdownOptions {
  /** How long a quit waits for the shutdown before it goes ahead anyway. */
  timeoutMs?: number;
  /** Told when the shutdown took longer than timeoutMs (the app quits without waiting longer). */
  onTimeout?: (timeoutMs: number) => void;
  /** Told when the shutdown failed (the app quits all the same). */
  onFailure?: (error: unknown) => void;
}

export const SHUTDOWN_TIMEOUT_MS = 5_000;

/** Makes every quit of `app` wait for `shutdown` (once), then quit. */
export function quitAfterShutdown(app: QuittingApp, shutdown: () => Promise<unknown>, options: QuitAfterShutdownOptions = {}): void {
  const timeoutMs = options.timeoutMs ?? SHUTDOWN_TIMEOUT_MS;
  let phase: 'running' | 'stopping' | 'stopped' = 'running';

  app.on('before-quit', (event) => {
    if (phase === 'stopped') return;
    event.preventDefault();
    // Quit again while stopping (a second Cmd+Q): the first quit is already on its way.
    if (phase === 'stopping') return;
    phase = 'stopping';
    void boundedShutdown().then(() => {
      phase = 'stopped';
      app.quit();
    });
  });

  async function boundedShutdown(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<'timed_out'>((resolve) => (timer = setTimeout(() => resolve('timed_out'), timeoutMs)));
    const finished = shutdown().then(
      () => 'finished' as const,
      (error: unknown) => {
        options.onFailure?.(error);
        return 'failed' as const;
      },
    );
    const outcome = await Promise.race([finished, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timed_out') options.onTimeout?.(timeoutMs);
  }
}
