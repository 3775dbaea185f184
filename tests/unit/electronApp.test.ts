/**
 * The app lifecycle (single instance, first window, reopening, quitting), with a fake `app`.
 */
import { describe, expect, test } from 'vitest';
import { startAppLifecycle, type AppHandle } from '../../main/electron/appLifecycle.js';
import type { MainWindowHandle } from '../../main/electron/window.js';

class FakeApp implements AppHandle {
  readonly listeners = new Map<string, () => void>();
  quitCalls = 0;
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
  }
  on(event: string, listener: () => void): this {
    this.listeners.set(event, listener);
    return this;
  }
  becomeReady(): void {
    this.markReady();
  }
  emit(event: 'second-instance' | 'window-all-closed' | 'activate'): void {
    this.listeners.get(event)?.();
  }
}

class FakeWindow {
  minimized = false;
  readonly calls: string[] = [];
  private closedListener: (() => void) | null = null;

  handle(): MainWindowHandle {
    return {
      loadFile: async () => {},
      once: () => undefined,
      on: (_event: 'closed', listener: () => void) => (this.closedListener = listener),
      show: () => this.calls.push('show'),
      focus: () => this.calls.push('focus'),
      restore: () => {
        this.calls.push('restore');
        this.minimized = false;
      },
      isMinimized: () => this.minimized,
      webContents: {
        on: () => undefined,
        setWindowOpenHandler: () => {},
        session: { setPermissionRequestHandler: () => {} },
      },
    };
  }
  close(): void {
    this.closedListener?.();
  }
}

function start(gotLock = true) {
  const app = new FakeApp(gotLock);
  const windows: FakeWindow[] = [];
  const lifecycle = startAppLifecycle(app, () => {
    const window = new FakeWindow();
    windows.push(window);
    return window.handle();
  });
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
  });

  test('a second start quits at once and opens nothing', async () => {
    const { app, windows, lifecycle } = start(false);
    app.becomeReady();
    await lifecycle.ready;
    expect(lifecycle.primary).toBe(false);
    expect(app.quitCalls).toBe(1);
    expect(windows).toHaveLength(0);
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

  test('after its window was closed, activating the app opens a new one', async () => {
    const { app, windows, lifecycle } = start();
    app.becomeReady();
    await lifecycle.ready;
    windows[0]?.close();
    app.emit('activate');
    expect(windows).toHaveLength(2);
  });

  test('closing the last window quits the app', async () => {
    const { app, lifecycle } = start();
    app.becomeReady();
    await lifecycle.ready;
    app.emit('window-all-closed');
    expect(app.quitCalls).toBe(1);
  });
});
