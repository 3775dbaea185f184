/**
 * The tray app, assembled: settings, the encrypted key, the Lobstr client (or the demo simulator),
 * the monitor, the tray, notifications, the window and its IPC. Every Electron object comes in as
 * a parameter (main/index.ts passes the real ones), so tests drive the whole app with small fakes
 * against the real simulator and see what a user would see.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { NodeLogger } from 'electron-log';
import type { FetchFunction } from '../core/lobstr/apiClient.js';
import type { Account } from '../core/lobstr/account.js';
import { keyHint } from '../core/settings/apiKey.js';
import { LobstrApiError } from '../core/lobstr/apiErrors.js';
import type { MonitorStatus, Notifier, Settings } from '../core/appModel.js';
import { originOf } from '../core/lobstr/baseUrl.js';
import { keySetupLine, keyStatusOf } from '../core/settings/keyAccess.js';
import { createMonitor, type Monitor } from '../core/monitor/monitor.js';
import { JsonFileMonitorStore } from '../core/monitor/monitorStore.js';
import { createNotificationDelivery, NOTIFICATIONS_BLOCKED, notificationsBlockedView } from '../core/monitor/notificationDelivery.js';
import { trayViewOf, type TrayAction, type TrayView } from '../core/views/trayView.js';
import { APP_NAME, APP_VERSION } from '../core/version.js';
import { createAccountSource } from './accountSource.js';
import { applyAppMenu, type ApplicationMenuApi } from './appMenu.js';
import { startAppLifecycle, type AppHandle, type AppLifecycle } from './appLifecycle.js';
import { setupAppLog } from './appLog.js';
import { openElectronSettingsStore } from './electronSettingsStore.js';
import {
  appPageSenderCheck,
  createRendererPushes,
  pushToRenderer,
  registerIpcHandlers,
  type IpcHandlerDeps,
  type IpcMainLike,
  type RendererContents,
} from './ipcHandlers.js';
import { startsHidden, type LoginItemApp, type LoginItemOptions } from './loginItem.js';
import { createLoginItemSync } from './loginItemSync.js';
import type { LoginWindowElectron } from './loginWindow.js';
import { PUSH } from '../shared/ipcContract.js';
import { createAppResync } from './resyncActions.js';
import { createTrayActions } from './trayActions.js';
import { watchWakeUps } from './wakeUps.js';
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
  /**
   * What the re-sync's login window is made of: BaseWindow, WebContentsView (our note above the
   * platform's page) and session (the page's, of the account's own), and process.versions.chrome for
   * its user agent.
   */
  loginWindow: Omit<LoginWindowElectron, 'platform'>;
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
    (context) =>
      createMainWindow(electron.BrowserWindow, files, {
        isQuitting: context.isQuitting,
        app,
        hideOnEscape: false,
        // Only links to Lobstr's own site get here (the dashboard's API page).
        openExternal: (url) => void electron.shell.openExternal(url).catch((e: unknown) => logger.warn(`The browser could not be opened on ${url}: ${(e as Error)?.message ?? String(e)}`)),
      }),
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
  const source = createAccountSource({
    settings,
    secrets,
    fetch: (input, init) => electron.net.fetch(input, init),
    onChange({ configured, forgetAccounts }) {
      if (monitor) {
        // Ordered so that exactly one poll starts, and none when there is nothing to watch.
        if (configured) {
          monitor.reconfigure({ forgetAccounts });
          monitor.setConfigured(true);
        } else {
          monitor.setConfigured(false);
          if (forgetAccounts) monitor.reconfigure({ forgetAccounts });
        }
      }
      // Why no key can be used may have changed without the monitor's state changing.
      render();
    },
  });

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

  // Re-syncs started from the window, the tray or a notification; each step is pushed to the window.
  const resync = createAppResync({
    client: () => source.activeClient(),
    monitor: { accountResynced: (account) => monitor!.accountResynced(account) },
    login: { ...electron.loginWindow, platform },
    account: (accountId) => monitor?.status().snapshot?.byId.get(accountId)?.account ?? null,
    push(accountId, progress) {
      // What was sent, by name, and how it ended: the progress holds names only, never a value.
      if (progress.step === 'sending') logger.info(`Re-sync of ${accountId}: sending ${progress.cookieNames.join(', ')} to Lobstr`);
      else if (progress.step === 'done') logger.info(`Re-sync of ${accountId}: synchronized`);
      else if (progress.step === 'failed') logger.warn(`Re-sync of ${accountId} failed (${progress.error.kind}): ${progress.error.message}`);
      else if (progress.step === 'cancelled') logger.info(`Re-sync of ${accountId} cancelled: ${progress.message}`);
      pushToRenderer(window()?.webContents, PUSH.resyncChanged, { accountId, progress });
    },
    logger,
  });

  const openWindow = (accountId: string | null = null, view?: 'settings'): void => {
    lifecycle.showWindow();
    if (accountId !== null || view) pushes.navigate(accountId, view ? { view } : {});
  };
  /**
   * "Re-sync…" from the tray (or a notification's action): the platform's sign-in page at once, and
   * the window on the account's details, where the progress shows. A re-sync already running is
   * shown there as it is; any refusal is said there too (the details ask for the account's re-sync).
   */
  const resyncFromLogin = (accountId: string): void => {
    const started = resync.start({ accountId, via: 'login', keepSignedIn: false });
    if (!started.ok) logger.warn(`A re-sync of ${accountId} did not start: ${started.error.message}`);
    lifecycle.showWindow();
    pushes.navigate(accountId, { resync: true });
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
    onClick(accountId, resync) {
      if (accountId === undefined || !resync) return openWindow(accountId ?? null);
      lifecycle.showWindow();
      pushes.navigate(accountId, { resync: true });
    },
    onResync: (accountId) => resyncFromLogin(accountId),
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
      setupLine: source.demo() ? null : keySetupLine(source.key(), secrets.notice),
    });
    tray.render(lastView);
    pushes.snapshotChanged();
  }

  const actions = createTrayActions({
    openWindow,
    resyncAccount: resyncFromLogin,
    refresh: () => monitor?.refreshNow(),
    settings,
    openLog() {
      void electron.shell.openPath(appLog.filePath).then((failure) => {
        if (failure) logger.warn(`Could not open the log file: ${failure}`);
      });
    },
    startDemo: () => source.startDemo(),
    stopDemo: () => source.stopDemo(),
    quit: () => app.quit(),
    logger,
  });
  function onAction(action: TrayAction): void {
    actions.run(action);
  }

  // ------------------------------------------------------------ launch at login
  const loginItemOptions: LoginItemOptions = {
    app,
    platform,
    launchArgs: app.isPackaged ? [] : [app.getAppPath()],
    ...(options.env ? { env: options.env } : {}),
    ...(options.homeDir ? { homeDir: options.homeDir } : {}),
  };
  const loginItem = createLoginItemSync(settings, loginItemOptions, logger);

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
            const before = loginItem.pending();
            const next = settings.update(patch);
            if (loginItem.pending() !== before) await loginItem.pending();
            return next;
          },
        },
        secrets: {
          // The window asking is a moment to read the key again (a keyring unlocked meanwhile).
          status: async () => keyStatusOf(await source.readKey(), secrets.notice),
          backend: () => secrets.backend(),
          async setKey(value, origin) {
            appLog.addSecret(value);
            await secrets.setKey(value, origin);
            logger.info(`API key set for ${origin} (${keyHint(value)})`);
            await source.keyChanged(true);
          },
          async clearKey() {
            await secrets.clearKey();
            logger.info('API key removed');
            await source.keyChanged(true);
          },
        },
        accountReader: () => source.activeClient(),
        async checkKey(value) {
          // One page is enough to know whether Lobstr accepts the key; it is bound to where it was checked.
          const baseUrl = settings.get().apiBaseUrl;
          const probe = source.clientFor({ apiKey: value, baseUrl, maxPages: 1, pageSize: 1 });
          await probe.listAccounts();
          return { origin: originOf(baseUrl) };
        },
        demo: { start: () => source.startDemo(), stop: () => source.stopDemo() },
        shell: electron.shell,
        clipboard: electron.clipboard,
        resync,
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
      async fetchAccounts(signal, reuse) {
        const active = await source.activeClient();
        if (!active) throw new LobstrApiError('auth', 'No Lobstr API key is set. Open Lobstr Tray and paste your key.');
        return active.listAccounts({ signal, reuse });
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

    // Launch at login as the OS has it now: read before listening to changes, so following the OS
    // does not write it back.
    await loginItem.followOsAtStart();

    const unsubscribeSettings = settings.onChange((next, previous) => {
      if (next.apiBaseUrl !== previous.apiBaseUrl) void source.keyChanged(false);
      if (next.pollIntervalMinutes !== previous.pollIntervalMinutes || next.status429NeedsResync !== previous.status429NeedsResync) {
        monitor?.settingsChanged();
      }
      loginItem.settingsChanged(next, previous);
      render();
    });

    // Wake-ups: the machine resumed or was unlocked, or the network came back.
    const keyUnreadable = (): boolean => !source.demo() && (source.key().kind === 'waiting' || source.key().kind === 'unusable');
    const stopWakeUps = watchWakeUps({
      powerMonitor: electron.powerMonitor,
      net: electron.net,
      wake: (reason) => monitor?.wake(reason),
      retryKey() {
        if (keyUnreadable()) void source.readKey().catch((e: unknown) => logger.warn(`Reading the API key failed: ${(e as Error).message}`));
      },
      ...(options.onlineCheckMs === undefined ? {} : { onlineCheckMs: options.onlineCheckMs }),
      ...(options.keyringRetryMs === undefined ? {} : { keyringRetryMs: options.keyringRetryMs }),
    });

    for (const warning of monitor.start().warnings) logger.warn(warning);
    render();
    // A reset settings file or an unreadable key must not go unnoticed, even when starting hidden.
    for (const notice of [settings.notice, secrets.notice]) {
      if (notice) notifier.show({ kind: 'app_notice', title: 'Lobstr Tray needs your attention', body: notice });
    }
    if (settings.get().demoMode) {
      await source.startDemo().catch((e: unknown) => logger.error(`The demo could not start: ${(e as Error).message}`));
    } else {
      await source.keyChanged(false);
    }
    render();

    shutdownWork = [
      unregisterIpc,
      unsubscribeSettings,
      stopWakeUps,
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
      await actions.settled();
      for (const work of shutdownWork) work();
      // Before the monitor stops: a re-sync ending hands its account to it.
      await resync.stopAll();
      await monitor?.stop();
      await source.close();
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
