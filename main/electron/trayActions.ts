/**
 * What the tray menu's items do. Work they start (a refresh, the demo) is tracked, so the app's
 * shutdown waits for it and nothing writes after the app has stopped.
 */
import type { Settings } from '../core/appModel.js';
import { snoozeFor } from '../core/monitor/snooze.js';
import type { TrayAction } from '../core/views/trayView.js';

export interface TrayActionDeps {
  openWindow(accountId?: string | null, view?: 'settings'): void;
  /** Starts the account's re-sync through the login window, and shows its details with the progress. */
  resyncAccount(accountId: string): void;
  refresh(): Promise<unknown> | undefined;
  settings: { update(patch: Partial<Settings>): unknown };
  openLog(): void;
  startDemo(): Promise<unknown>;
  stopDemo(): Promise<unknown>;
  quit(): void;
  logger: { error(message: string): void };
}

export interface TrayActions {
  run(action: TrayAction): void;
  /** Resolves once the work started so far has settled. */
  settled(): Promise<unknown>;
}

export function createTrayActions(deps: TrayActionDeps): TrayActions {
  const pending = new Set<Promise<unknown>>();
  function track(work: Promise<unknown> | undefined): void {
    if (!work) return;
    const settled = work.catch((e: unknown) => deps.logger.error(`A tray action failed: ${(e as Error)?.message ?? String(e)}`));
    pending.add(settled);
    void settled.finally(() => pending.delete(settled));
  }

  return {
    run(action) {
      switch (action.type) {
        case 'open':
          return deps.openWindow();
        case 'open_account':
          return deps.openWindow(action.accountId);
        case 'resync_account':
          return deps.resyncAccount(action.accountId);
        case 'refresh':
          return track(deps.refresh());
        case 'snooze':
          deps.settings.update({ snooze: snoozeFor(action.preset, Date.now()) });
          return;
        case 'resume_notifications':
          deps.settings.update({ snooze: null });
          return;
        case 'settings':
          return deps.openWindow(null, 'settings');
        case 'open_log':
          return deps.openLog();
        case 'start_demo':
          return track(deps.startDemo().catch((e: unknown) => deps.logger.error(`The demo could not start: ${(e as Error).message}`)));
        case 'stop_demo':
          return track(deps.stopDemo());
        case 'quit':
          return deps.quit();
      }
    },
    settled: () => Promise.allSettled([...pending]),
  };
}
