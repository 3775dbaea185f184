/**
 * Quitting waits for the app to stop, bounded: with a fake `app` that quits as Electron does
 * (before-quit, the windows, will-quit, quit, then the process ends, never waiting for a listener).
 */
import { describe, expect, test } from 'vitest';
import { quitAfterShutdown } from '../../main/electron/quitAfterShutdown.js';
import { FakeApp } from '../helpers/fakeElectron/app.js';
import { FakeBrowserWindow } from '../helpers/fakeElectron/window.js';

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } {
  let resolve = (): void => {};
  let reject = (_error: Error): void => {};
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('the fake app quits as Electron does', () => {
  test('without a listener that prevents it, the process ends at once: before-quit, windows closed, will-quit, quit', () => {
    const window = new FakeBrowserWindow({});
    const app = new FakeApp({ windows: () => [window] });
    const seen: string[] = [];
    for (const event of ['before-quit', 'will-quit', 'quit']) app.on(event, () => void seen.push(event));
    window.on('closed', () => void seen.push('window closed'));
    app.quit();
    expect(seen).toEqual(['before-quit', 'window closed', 'will-quit', 'quit']);
    expect(app.exitCode).toBe(0);
  });

  test('a window that refuses to close, or a prevented will-quit, keeps the app running', () => {
    const window = new FakeBrowserWindow({});
    const app = new FakeApp({ windows: () => [window] });
    window.on('close', (event: { preventDefault(): void }) => event.preventDefault());
    app.quit();
    expect(app.exited).toBe(false);
    const windowless = new FakeApp();
    windowless.on('will-quit', (event: { preventDefault(): void }) => event.preventDefault());
    windowless.quit();
    expect(windowless.exited).toBe(false);
  });

  test('exit() ends at once, without before-quit', () => {
    const app = new FakeApp();
    let asked = false;
    app.on('before-quit', () => void (asked = true));
    app.exit(3);
    expect([app.exitCode, asked]).toEqual([3, false]);
  });
});

describe('quitting after the shutdown', () => {
  test('the quit waits for the shutdown, then goes through, once', async () => {
    const app = new FakeApp();
    const stopping = deferred();
    let shutdowns = 0;
    quitAfterShutdown(app, () => {
      shutdowns++;
      return stopping.promise;
    });
    app.quit();
    app.quit(); // impatient: a second Cmd+Q while stopping
    await Promise.resolve();
    expect(app.exited).toBe(false);
    stopping.resolve();
    await expect.poll(() => app.exitCode).toBe(0);
    expect(shutdowns).toBe(1);
  });

  test('a shutdown that takes too long is reported, and the app quits anyway', async () => {
    const app = new FakeApp();
    const reported: number[] = [];
    quitAfterShutdown(app, () => new Promise(() => {}), { timeoutMs: 20, onTimeout: (ms) => reported.push(ms) });
    app.quit();
    await expect.poll(() => app.exited).toBe(true);
    expect(reported).toEqual([20]);
  });

  test('a shutdown that fails is reported, and the app quits anyway', async () => {
    const app = new FakeApp();
    const failures: unknown[] = [];
    const failure = new Error('disk full');
    quitAfterShutdown(app, () => Promise.reject(failure), { onFailure: (error) => failures.push(error) });
    app.quit();
    await expect.poll(() => app.exited).toBe(true);
    expect(failures).toEqual([failure]);
  });
});
