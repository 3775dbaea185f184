/**
 * The tray app, assembled: settings, the encrypted key, the Lobstr client (or the demo simulator),
 * the monitor, the tray, notifications, the window and its IPC. Every Electron object comes in as
 * a parameter (main/index.ts passes the real ones), so tests drive the whole app with small fakes
 * against the real simulator and see what a user would see.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { NodeLogger } from 'electron-log';
import { createLobstrClient, type FetchFunction, type LobstrClient, type LobstrClientOptions } from '../core/lobstr/apiClient.js';
import type { Account } from '../core/lobstr/account.js';
import { keyHint } from '../core/settings/apiKey.js';
import { LobstrApiError } from '../core/lobstr/apiErrors.js';
import type { MonitorStatus, Notifier, Settings } from '../core/appModel.js';
import { originOf } from '../core/lobstr/baseUrl.js';
import { keyAccess, keySetupLine, keyStatusOf, type KeyAccess } from '../core/settings/keyAccess.js';
import { createMonitor, type Monitor } from '../core/monitor/monitor.js';
import { JsonFileMonitorStore } from '../core/monitor/monitorStore.js';
import { createNotificationDelivery, NOTIFICATIONS_BLOCKED, notificationsBlockedView } from '../core/monitor/notificationDelivery.js';
import { snoozeFor } from '../core/monitor/snooze.js';
import { trayViewOf, type TrayAction, type TrayView } from '../core/views/trayView.js';
import { APP_NAME, APP_VERSION, userAgent } from '../core/version.js';
import { startDemoSession } from '../simulator/demoSession.js';
import type { RunningSimulator } from '../simulator/server.js';
import { applyAppMenu, type ApplicationMenuApi } from './appMenu.js';
import { startAppLifecycle, type AppHandle, type AppLifecycle } from './appLifecycle.js';
import { setupAppLog } from './appLog.js';
import { openElectronSettingsStore } from './electronSettingsStore.js';
import {
  appPageSenderCheck,
  createRendererPushes,
  registerIpcHandlers,
  type IpcHandlerDeps,
  type IpcMainLike,
  type RendererContents,
} from './ipcHandlers.js';
import { changeLoginItem, isLoginItemEnabled, startsHidden, type LoginItemApp, type LoginItemOptions } from './loginItem.js';
import { createElectronNotifier, setWindowsAppUserModelId, type NotificationClass } from './notifier.js';
import { API_KEY_FILE_NAME, createSafeStorageSecretStore, type SafeStorageApi } from './safeStorageSecretStore.js';
import { quitAfterShutdown, type QuittingApp } from './quitAfterShutdown.js';
import { createTrayController, type TrayElectron } from './tray.js';
import type { TrayIconImage } from './trayIcons.js';
import { createMainWindow, type MainWindowClass, type MainWindowHandle } from './window.js';

/** A window as the app uses it: Electron's BrowserWindow fits. */
export interface AppWindow extends MainWindowHandle {
  readonly webContents: MainWindowHandle['webContents'] & RendererContents;
  hide(): void;
}

/** The Electron objects the app runs on (main/index.ts passes the real ones). */
export interface TrayAppElectron<W extends AppWindow, Image extends TrayIconImage, ContextMenu> {
  app: AppHandle &
    QuittingApp &
    LoginItemApp & {
      getPath(name: 'userData' | 'logs'): string;
      setAppUserModelId(id: string): void;
      readonly isPackaged: boolean;
      getAppPath(): string;
    };
  BrowserWindow: MainWindowClass<W>;
  Tray: TrayElectron<Image, ContextMenu>['Tray'];
  Menu: TrayElectron<Image, ContextMenu>['Menu'] & ApplicationMenuApi<ContextMenu>;
  nativeImage: TrayElectron<Image, ContextMenu>['nativeImage'];
  Notification: NotificationClass;
  ipcMain: IpcMainLike;
  safeStorage: SafeStorageApi;
  shell: { openExternal(url: string): Promise<void>; openPath(path: string): Promise<string> };
  clipboard: IpcHandlerDeps['clipboard'];
  powerMonitor: { on(event: 'resume' | 'unlock-screen', listener: () => void): unknown };
  /**
   * Electron's net: isOnline, and fetch through Chromium's network stack (the system proxy, PAC and
   * the OS's certificates, which Node's fetch ignores). Usable once the app is ready.
   */
  net: { isOnline(): boolean; fetch: FetchFunction };
  /** electron-log/main's logger. */
  log: NodeLogger;
}

export interface TrayAppOptions {
  /** dist/ (built main, preload and renderer). */
  distDir: string;
  /** resources/ (icons), beside app.asar once packaged. */
  resourcesDir: string;
  argv: readonly string[];
  platform?: NodeJS.Platform;
  /** The environment and home folder login items are found by (Linux: $XDG_CONFIG_HOME/autostart); the process's own by default. */
  env?: NodeJS.ProcessEnv;
  homeDir?: string;
  /** How often to ask the OS whether the network is back while offline. */
  onlineCheckMs?: number;
  /** How often to read the saved key again while the system keyring is locked or not ready. */
  keyringRetryMs?: number;
}

/** What the app exposes to its end-to-end test and to tests with fakes. */
export interface TrayAppHandle<W extends AppWindow> {
  readonly lifecycle: AppLifecycle<W>;
  /** Resolves once the app is ready and watching (at once for a second instance). */
  readonly ready: Promise<void>;
  status(): MonitorStatus;
  trayView(): TrayView | null;
  refreshNow(): Promise<void>;
  settings(): Settings;
  /** Stops the monitor and the demo, and removes the tray and IPC handlers. */
  shutdown(): Promise<void>;
}

export function startTrayApp<W extends AppWindow, Image extends TrayIconImage, ContextMenu>(
  electron: TrayAppElectron<W, Image, ContextMenu>,
  options: TrayAppOptions,
): TrayAppHandle<W> {
  const { app } = electron;
  const platform = options.platform ?? process.platform;
  const files = {
    preload: path.join(options.distDir, 'preload', 'index.cjs'),
    page: path.join(options.distDir, 'renderer', 'index.html'),
    icon: path.join(options.resourcesDir, 'icon.png'),
  };

  const appLog = setupAppLog({ log: electron.log, logsDir: app.getPath('logs') });
  const logger = appLog.logger;
  const settings = openElectronSettingsStore({ directory: app.getPath('userData'), logger });
  if (settings.notice) logger.warn(settings.notice);
  const secrets = createSafeStorageSecretStore({
    safeStorage: electron.safeStorage,
    filePath: path.join(app.getPath('userData'), API_KEY_FILE_NAME),
    platform,
    logger,
    onKeyKnown: appLog.addSecret,
    // A key saved before keys were bound belongs to the base URL it has been sent to all along.
    legacyOrigin: () => originOf(settings.get().apiBaseUrl),
  });

  // Registered before the lifecycle's own, so the menu is in place before the window opens.
  void app.whenReady().then(() => applyAppMenu(electron.Menu, platform, APP_NAME));
  const lifecycle = startAppLifecycle(
    app,
    // The page handles Esc itself (back from details, then hide through the preload).
    (context) => createMainWindow(electron.BrowserWindow, files, { isQuitting: context.isQuitting, app, hideOnEscape: false }),
    { startHidden: () => startsHidden(options.argv, settings.get()) },
  );

  let monitor: Monitor | null = null;
  let lastView: TrayView | null = null;
  let shutdownWork: Array<() => unknown> = [];

  if (!lifecycle.primary) {
    return {
      lifecycle,
      ready: Promise.resolve(),
      status: () => ({ configured: false, snapshot: null, problem: null, lastPollAt: null, nextPollAt: null, polling: false }),
      trayView: () => null,
      refreshNow: async () => {},
      settings: () => settings.get(),
      shutdown: async () => {},
    };
  }

  // ------------------------------------------------------------ where accounts come from
  let demo: RunningSimulator | null = null;
  let client: LobstrClient | null = null;

  /** Every request to Lobstr from the app goes through Chromium's stack, as a browser's would. */
  const lobstrClient = (options: Omit<LobstrClientOptions, 'fetch' | 'userAgent'>): LobstrClient =>
    createLobstrClient({ ...options, userAgent: userAgent('app'), fetch: (input, init) => electron.net.fetch(input, init) });

  /** What the saved key allows with the configured base URL, as last read. */
  let key: KeyAccess = { kind: 'absent' };
  const accessNow = async (): Promise<KeyAccess> => keyAccess(await secrets.read(), settings.get().apiBaseUrl);

  /**
   * Reads the key again (a failed read is never remembered, so a keyring unlocked since is seen);
   * when what it allows changed, the monitor follows.
   */
  async function readKey(): Promise<KeyAccess> {
    const before = key.kind;
    key = await accessNow();
    if (key.kind !== before && !demo) await sourceChanged(false);
    return key;
  }

  async function activeClient(): Promise<LobstrClient | null> {
    if (client) return client;
    if (demo) {
      client = lobstrClient({ apiKey: demo.token, baseUrl: demo.baseUrl });
      return client;
    }
    const access = await readKey();
    // Only a key checked with this base URL's origin, and only to that base URL (never a newer setting).
    if (access.kind !== 'ready' || client) return client;
    client = lobstrClient({ apiKey: access.key, baseUrl: access.baseUrl });
    return client;
  }

  /** The key, the base URL or the demo changed: the next poll goes to the new source. */
  async function sourceChanged(forgetAccounts: boolean): Promise<void> {
    client = null;
    key = await accessNow();
    // A client made while the key was read may hold the old base URL.
    client = null;
    const configured = demo !== null || key.kind === 'ready';
    if (!monitor) return;
    // Ordered so that exactly one poll starts, and none when there is nothing to watch.
    if (configured) {
      monitor.reconfigure({ forgetAccounts });
      monitor.setConfigured(true);
    } else {
      monitor.setConfigured(false);
      if (forgetAccounts) monitor.reconfigure({ forgetAccounts });
    }
    // Why no key can be used may have changed without the monitor's state changing.
    render();
  }

  async function startDemo(): Promise<void> {
    if (demo) return;
    demo = await startDemoSession();
    if (!settings.get().demoMode) settings.update({ demoMode: true });
    await sourceChanged(true);
  }

  async function stopDemo(): Promise<void> {
    const running = demo;
    demo = null;
    if (settings.get().demoMode) settings.update({ demoMode: false });
    await running?.close();
    await sourceChanged(true);
  }

  // ------------------------------------------------------------ what the user sees
  const window = (): W | null => lifecycle.currentWindow();
  /** The monitor as the window's handlers reach it (it exists once the app is ready). */
  const monitorPort = {
    status: () => monitor!.status(),
    refreshNow: () => monitor!.refreshNow(),
    accountRead: (account: Account) => monitor!.accountRead(account),
    changesSince: (revision: number) => monitor!.changesSince(revision),
  };
  const pushes = createRendererPushes(() => window()?.webContents, {
    monitor: monitorPort,
    settings,
    notificationsBlocked: () => notificationsBlocked(),
  });

  const openWindow = (accountId: string | null = null, view?: 'settings'): void => {
    lifecycle.showWindow();
    if (accountId !== null || view) pushes.navigate(accountId, view);
  };

  // Whether the system shows them: said in the tray menu and in Settings when it refuses them.
  const delivery = createNotificationDelivery();
  delivery.onChange((blocked) => {
    if (blocked) logger.warn(`${NOTIFICATIONS_BLOCKED}${blocked.error ? `: ${blocked.error}` : ' (none supported)'}`);
    else logger.info('Notifications are shown again');
    render();
  });
  const notificationsBlocked = () => notificationsBlockedView(delivery.blocked(), platform);
  const electronNotifier = createElectronNotifier(electron.Notification, {
    onClick: (accountId) => openWindow(accountId ?? null),
    platform,
    icon: files.icon,
    delivery,
  });
  const notifier: Notifier = {
    show(notification) {
      logger.info(`Notification: ${notification.title}`);
      electronNotifier.show(notification);
    },
  };

  const tray = createTrayController(
    { Tray: electron.Tray, Menu: electron.Menu, nativeImage: electron.nativeImage },
    { iconsDir: path.join(options.resourcesDir, 'tray'), platform, onAction },
  );

  function render(): void {
    if (!monitor) return;
    const current = settings.get();
    lastView = trayViewOf({
      status: monitor.status(),
      settings: current,
      now: Date.now(),
      platform,
      showCount: current.showCountInMenuBar,
      notificationsBlocked: delivery.blocked(),
      setupLine: demo ? null : keySetupLine(key, secrets.notice),
    });
    tray.render(lastView);
    pushes.snapshotChanged();
  }

  /** Work started from the tray menu; shutdown waits for it so nothing writes after the app stops. */
  const pendingActions = new Set<Promise<unknown>>();
  function track(work: Promise<unknown> | undefined): void {
    if (!work) return;
    const settled = work.catch((e: unknown) => logger.error(`A tray action failed: ${(e as Error)?.message ?? String(e)}`));
    pendingActions.add(settled);
    void settled.finally(() => pendingActions.delete(settled));
  }

  function onAction(action: TrayAction): void {
    switch (action.type) {
      case 'open':
        return openWindow();
      case 'open_account':
        return openWindow(action.accountId);
      case 'refresh':
        track(monitor?.refreshNow());
        return;
      case 'snooze':
        settings.update({ snooze: snoozeFor(action.preset, Date.now()) });
        return;
      case 'resume_notifications':
        settings.update({ snooze: null });
        return;
      case 'settings':
        return openWindow(null, 'settings');
      case 'open_log':
        void electron.shell.openPath(appLog.filePath).then((failure) => {
          if (failure) logger.warn(`Could not open the log file: ${failure}`);
        });
        return;
      case 'start_demo':
        track(startDemo().catch((e: unknown) => logger.error(`The demo could not start: ${(e as Error).message}`)));
        return;
      case 'stop_demo':
        track(stopDemo());
        return;
      case 'quit':
        app.quit();
        return;
    }
  }

  // ------------------------------------------------------------ launch at login
  const loginItemOptions: LoginItemOptions = {
    app,
    platform,
    launchArgs: app.isPackaged ? [] : [app.getAppPath()],
    ...(options.env ? { env: options.env } : {}),
    ...(options.homeDir ? { homeDir: options.homeDir } : {}),
  };
  /** The last change of launch at login, until the OS has taken it (or refused). */
  let loginItemChange: Promise<void> = Promise.resolve();
  /** True while the setting is put back to what the OS does: nothing is written then. */
  let followingOs = false;
  /** After a refused change, the switch shows what the OS really does. */
  async function followOs(): Promise<void> {
    const truth = await isLoginItemEnabled(settings.get(), loginItemOptions).catch(() => null);
    if (truth === null || truth === settings.get().launchAtLogin) return;
    followingOs = true;
    try {
      settings.update({ launchAtLogin: truth });
    } finally {
      followingOs = false;
    }
  }

  // ------------------------------------------------------------ start once Electron is ready
  const ready = app.whenReady().then(async () => {
    setWindowsAppUserModelId(app, platform);
    electronNotifier.listenForActivations();
    electronNotifier.checkSupport();
    logger.info(`Lobstr Tray ${APP_VERSION} started (${platform}, settings in ${app.getPath('userData')})`);

    const unregisterIpc = registerIpcHandlers(
      electron.ipcMain,
      {
        monitor: monitorPort,
        snapshots: pushes,
        settings: {
          get: () => settings.get(),
          get notice() {
            return settings.notice;
          },
          // A change of launch at login is done once the OS has taken it; its failure is this change's refusal.
          async update(patch) {
            const before = loginItemChange;
            const next = settings.update(patch);
            if (loginItemChange !== before) await loginItemChange;
            return next;
          },
        },
        secrets: {
          // The window asking is a moment to read the key again (a keyring unlocked meanwhile).
          status: async () => keyStatusOf(await readKey(), secrets.notice),
          backend: () => secrets.backend(),
          async setKey(value, origin) {
            appLog.addSecret(value);
            await secrets.setKey(value, origin);
            logger.info(`API key set for ${origin} (${keyHint(value)})`);
            if (!demo) await sourceChanged(true);
          },
          async clearKey() {
            await secrets.clearKey();
            logger.info('API key removed');
            if (!demo) await sourceChanged(true);
          },
        },
        accountReader: activeClient,
        async checkKey(value) {
          // One page is enough to know whether Lobstr accepts the key; it is bound to where it was checked.
          const baseUrl = settings.get().apiBaseUrl;
          const probe = lobstrClient({ apiKey: value, baseUrl, maxPages: 1, pageSize: 1 });
          await probe.listAccounts();
          return { origin: originOf(baseUrl) };
        },
        demo: { start: startDemo, stop: stopDemo },
        shell: electron.shell,
        clipboard: electron.clipboard,
        hideWindow: () => window()?.hide(),
        // Past any pause, straight to the system: the user asked to see whether notifications arrive.
        testNotification: () =>
          electronNotifier.show({
            kind: 'app_notice',
            title: 'Lobstr Tray can notify you',
            body: 'This is how you will hear that an account needs its cookies re-synced.',
          }),
        notificationsBlocked,
        logger,
      },
      appPageSenderCheck(pathToFileURL(files.page).href),
    );

    monitor = createMonitor({
      async fetchAccounts(signal) {
        const active = await activeClient();
        if (!active) throw new LobstrApiError('auth', 'No Lobstr API key is set. Open Lobstr Tray and paste your key.');
        return active.listAccounts({ signal });
      },
      store: new JsonFileMonitorStore(path.join(app.getPath('userData'), 'monitor-state.json')),
      getSettings: () => settings.get(),
      notifier,
      configured: false,
      onStatus: render,
      onEvents: (events) => {
        for (const event of events) {
          if (event.type === 'connection_error') logger.warn(`Lobstr check failed (${event.problem.kind}): ${event.problem.message}`);
          else if (event.type === 'connection_restored') logger.info('Lobstr answers again');
          else if (event.type === 'health_changed') logger.info(`Account ${event.account.id}: ${event.from} -> ${event.to} (${event.reason})`);
        }
      },
      onWarning: (message) => logger.warn(message),
    });

    // Launch at login as the OS has it now (the user may have removed it in the system's settings):
    // read before listening to changes, so following the OS does not write it back.
    const atLogin = await isLoginItemEnabled(settings.get(), loginItemOptions).catch((e: unknown) => {
      logger.warn(`Could not read whether Lobstr Tray launches at login: ${(e as Error).message}`);
      return null;
    });
    if (atLogin !== null && atLogin !== settings.get().launchAtLogin) {
      logger.info(`Launch at login is ${atLogin ? 'on' : 'off'} in the system's settings; the setting follows`);
      settings.update({ launchAtLogin: atLogin });
    }

    const unsubscribeSettings = settings.onChange((next, previous) => {
      if (next.apiBaseUrl !== previous.apiBaseUrl && !demo) void sourceChanged(false);
      if (next.pollIntervalMinutes !== previous.pollIntervalMinutes || next.status429NeedsResync !== previous.status429NeedsResync) {
        monitor?.settingsChanged();
      }
      if (!followingOs && (next.launchAtLogin !== previous.launchAtLogin || next.startHidden !== previous.startHidden)) {
        loginItemChange = changeLoginItem(next, loginItemOptions).catch(async (e: unknown) => {
          logger.warn(`Could not change launch at login: ${(e as Error).message}`);
          await followOs();
          throw e;
        });
        // Said to the window by the settings change that caused it; nobody else waits for it.
        loginItemChange.catch(() => undefined);
      }
      render();
    });

    // Wake-ups: the machine resumed or was unlocked, or the network came back.
    const keyUnreadable = (): boolean => !demo && (key.kind === 'waiting' || key.kind === 'unusable');
    const retryKey = (): void => {
      if (keyUnreadable()) void readKey().catch((e: unknown) => logger.warn(`Reading the API key failed: ${(e as Error).message}`));
    };
    electron.powerMonitor.on('resume', () => {
      retryKey();
      monitor?.wake('resume');
    });
    electron.powerMonitor.on('unlock-screen', () => {
      retryKey();
      monitor?.wake('unlock');
    });
    // A keyring still locked at login opens later: read the key again until it does (the monitor does
    // not poll without one).
    const keyringTimer = setInterval(retryKey, options.keyringRetryMs ?? 30_000);
    keyringTimer.unref?.();
    let wasOnline = electron.net.isOnline();
    const onlineTimer = setInterval(() => {
      const online = electron.net.isOnline();
      if (online && !wasOnline) monitor?.wake('online');
      wasOnline = online;
    }, options.onlineCheckMs ?? 10_000);
    onlineTimer.unref?.();

    for (const warning of monitor.start().warnings) logger.warn(warning);
    render();
    // A reset settings file or an unreadable key must not go unnoticed, even when starting hidden.
    key = await accessNow();
    for (const notice of [settings.notice, secrets.notice]) {
      if (notice) notifier.show({ kind: 'app_notice', title: 'Lobstr Tray needs your attention', body: notice });
    }
    if (settings.get().demoMode) {
      await startDemo().catch((e: unknown) => logger.error(`The demo could not start: ${(e as Error).message}`));
    } else {
      await sourceChanged(false);
    }
    render();

    shutdownWork = [
      unregisterIpc,
      unsubscribeSettings,
      () => clearInterval(onlineTimer),
      () => clearInterval(keyringTimer),
      () => tray.destroy(),
    ];
  });
  ready.catch((e: unknown) => logger.error(`Lobstr Tray could not start: ${(e as Error).message}`));

  quitAfterShutdown(app, shutdown, {
    onTimeout: (ms) => logger.warn(`Quitting without waiting any longer: stopping took more than ${ms / 1000} s, so the last changes may not be saved.`),
    onFailure: (e: unknown) => logger.error(`Stopping the app failed: ${(e as Error)?.message ?? String(e)}`),
  });

  let stopped: Promise<void> | null = null;
  function shutdown(): Promise<void> {
    stopped ??= (async () => {
      await ready.catch(() => {});
      await Promise.allSettled([...pendingActions]);
      for (const work of shutdownWork) work();
      await monitor?.stop();
      await demo?.close();
      demo = null;
    })();
    return stopped;
  }

  return {
    lifecycle,
    ready: ready.then(() => {}),
    status: () =>
      monitor?.status() ?? { configured: false, snapshot: null, problem: null, lastPollAt: null, nextPollAt: null, polling: false },
    trayView: () => lastView,
    refreshNow: () => monitor?.refreshNow() ?? Promise.resolve(),
    settings: () => settings.get(),
    shutdown,
  };
}
