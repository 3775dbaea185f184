/**
 * The app lifecycle of a tray app (single instance, first window or none, reopening, keeping on
 * without a window, quitting), with a fake `app`.
 */
import { describe, expect, test } from 'vitest';
import { startAppLifecycle, type AppHandle, type AppLifecycleOptions, type WindowContext } from '../../main/electron/appLifecycle.js';
import type { MainWindowHandle } from '../../main/electron/window.js';

type AppEvent = 'second-instance' | 'window-all-closed' | 'activate' | 'before-quit';

class FakeApp implements AppHandle {
  readonly listeners = new Map<string, (() => void)[]>();
  quitCalls = 0;
  readonly dockCalls: string[] = [];
  readonly dock = {
    show: () => this.dockCalls.push('show'),
    hide: () => void this.dockCalls.push('hide'),
  };
  private markReady: () => void = () => {};
  private readonly readyPromise = new Promise<void>((resolve) => (this.markReady = resolve));

  constructor(private readonly gotLock: boolean) {}

  requestSingleInstanceLock(): boolean {
    return this.gotLock;
  }
  whenReady(): Promise<unknown> {
    return this.readyPromise;
  }
  quit(): void {
    this.quitCalls++;
    // Electron announces a quit before closing the windows.
    this.emit('before-quit');
  }
  on(event: string, listener: () => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  becomeReady(): void {
    this.markReady();
  }
  emit(event: AppEvent): void {
    for (const listener of this.listeners.get(event) ?? []) listener();
  }
}

class FakeWindow {
  minimized = false;
  readonly calls: string[] = [];
  private closedListener: (() => void) | null = null;

  constructor(readonly context: WindowContext) {}

  handle(): MainWindowHandle & { fake: FakeWindow } {
    return {
      fake: this,
      loadFile: async () => {},
      once: () => undefined,
      on: (event: string, listener: (...args: never[]) => unknown) => {
        if (event === 'closed') this.closedListener = listener as () => void;
      },
      show: () => this.calls.push('show'),
      hide: () => this.calls.push('hide'),
      focus: () => this.calls.push('focus'),
      restore: () => {
        this.calls.push('restore');
        this.minimized = false;
      },
      isMinimized: () => this.minimized,
      isVisible: () => true,
      webContents: {
        on: () => undefined,
        setWindowOpenHandler: () => {},
        session: { setPermissionRequestHandler: () => {}, webRequest: { onHeadersReceived: () => {} } },
      },
    };
  }
  /** The window is destroyed (e.g. closed while quitting). */
  destroy(): void {
    this.closedListener?.();
  }
}

function start(gotLock = true, options: AppLifecycleOptions = {}) {
  const app = new FakeApp(gotLock);
  const windows: FakeWindow[] = [];
  const lifecycle = startAppLifecycle(
    app,
    (context) => {
      const window = new FakeWindow(context);
      windows.push(window);
      return window.handle();
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
    expect(lifecycle.currentWindow()?.fake).toBe(windows[0]);
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
    expect(shown?.fake).toBe(windows[0]);
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
    expect(app.dockCalls).toEqual(['hide']);
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
    expect(app.dockCalls).toEqual([]);
  });
});
