/**
 * The app lifecycle of a tray app (single instance, first window or none, reopening, keeping on
 * without a window, quitting), with a fake `app`.
 */
import { describe, expect, test } from 'vitest';
import { startAppLifecycle, type AppLifecycleOptions, type WindowContext } from '../../main/electron/appLifecycle.js';
import { FakeApp } from '../helpers/fakeElectron/app.js';
import { FakeBrowserWindow } from '../helpers/fakeElectron/window.js';

/** A window the lifecycle opened, with the context it was given. */
class FakeWindow extends FakeBrowserWindow {
  constructor(readonly context: WindowContext) {
    super({});
  }
}

function start(gotLock = true, options: AppLifecycleOptions = {}) {
  // A Dock, as on macOS, so that the tests see what the lifecycle does with it.
  const app = new FakeApp({ gotLock, readyAtOnce: false, dock: true });
  const windows: FakeWindow[] = [];
  const lifecycle = startAppLifecycle(
    app,
    (context) => {
      const window = new FakeWindow(context);
      windows.push(window);
      return window;
    },
    options,
  );
  return { app, windows, lifecycle };
}

describe('the app lifecycle', () => {
  test('opens one window once Electron is ready', async () => {
    const { app, windows, lifecycle } = start();
    expect(windows).toHaveLength(0);
    app.becomeReady();
    await lifecycle.ready;
    expect(windows).toHaveLength(1);
    expect(lifecycle.primary).toBe(true);
    expect(lifecycle.currentWindow()).toBe(windows[0]);
  });

  test('a second start quits at once and opens nothing', async () => {
    const { app, windows, lifecycle } = start(false);
    app.becomeReady();
    await lifecycle.ready;
    expect(lifecycle.primary).toBe(false);
    expect(app.quitCalls).toBe(1);
    expect(windows).toHaveLength(0);
    expect(lifecycle.showWindow()).toBeNull();
  });

  test('starting the app again brings the existing window forward instead of opening another', async () => {
    const { app, windows, lifecycle } = start();
    app.becomeReady();
    await lifecycle.ready;
    const first = windows[0];
    if (!first) throw new Error('no window');
    first.minimized = true;
    app.emit('second-instance');
    expect(windows).toHaveLength(1);
    expect(first.calls).toEqual(['restore', 'show', 'focus']);
  });

  test('the tray opens the window, the same one each time', async () => {
    const { app, windows, lifecycle } = start();
    app.becomeReady();
    await lifecycle.ready;
    const shown = lifecycle.showWindow();
    expect(shown).toBe(windows[0]);
    lifecycle.showWindow();
    expect(windows).toHaveLength(1);
    expect(windows[0]?.calls).toEqual(['show', 'focus', 'show', 'focus']);
  });

  test('after its window was destroyed, activating the app opens a new one', async () => {
    const { app, windows, lifecycle } = start();
    app.becomeReady();
    await lifecycle.ready;
    windows[0]?.destroy();
    expect(lifecycle.currentWindow()).toBeNull();
    app.emit('activate');
    expect(windows).toHaveLength(2);
  });

  test('with no window left the app keeps running: it is a tray app', async () => {
    const { app, windows, lifecycle } = start();
    app.becomeReady();
    await lifecycle.ready;
    windows[0]?.destroy();
    app.emit('window-all-closed');
    expect(app.quitCalls).toBe(0);
    // Electron quits on window-all-closed unless someone listens: the lifecycle must listen.
    expect(app.listeners.get('window-all-closed')).toHaveLength(1);
  });

  test('the window learns when the app is quitting, so that closing it then really closes it', async () => {
    const { app, windows, lifecycle } = start();
    app.becomeReady();
    await lifecycle.ready;
    const context = windows[0]?.context;
    expect(context?.isQuitting()).toBe(false);
    expect(lifecycle.isQuitting()).toBe(false);
    app.emit('before-quit');
    expect(context?.isQuitting()).toBe(true);
    expect(lifecycle.isQuitting()).toBe(true);
  });

  test('started hidden: no window and no Dock icon until the tray asks for the window', async () => {
    const { app, windows, lifecycle } = start(true, { startHidden: () => true });
    app.becomeReady();
    await lifecycle.ready;
    expect(windows).toHaveLength(0);
    expect(app.dock?.calls).toEqual(['hide']);
    lifecycle.showWindow();
    expect(windows).toHaveLength(1);
  });

  test('a request to show the window before Electron is ready is kept until it is', async () => {
    const { app, windows, lifecycle } = start(true, { startHidden: () => true });
    expect(lifecycle.showWindow()).toBeNull();
    app.emit('second-instance');
    expect(windows).toHaveLength(0);
    app.becomeReady();
    await lifecycle.ready;
    expect(windows).toHaveLength(1);
    expect(app.dock?.calls).toEqual([]);
  });
});
