/**
 * The window's state, shared by every view: the latest snapshot pushed by the main process, the
 * current route, and the bridge to the app. One instance, created in App.svelte and passed down.
 */
import type { LobstrBridge } from '../../../preload/lobstrBridge';
import type { NavigateTarget, SnapshotView } from '../../../main/shared/ipcContract';

export type Route =
  | { name: 'list' }
  | { name: 'details'; accountId: string }
  | { name: 'settings' };

export class AppState {
  /** null until the first snapshot arrives (the loading state). */
  snapshot = $state.raw<SnapshotView | null>(null);
  /** Why the first snapshot could not be read, if it could not. */
  loadError = $state<string | null>(null);
  route = $state<Route>({ name: 'list' });
  /** True while a refresh asked from the window runs. */
  refreshing = $state(false);

  constructor(readonly bridge: LobstrBridge) {}

  /** Reads the first snapshot and follows every later one, and the app's navigation requests. */
  start(): () => void {
    const offSnapshot = this.bridge.onSnapshot((snapshot) => {
      this.snapshot = snapshot;
      this.loadError = null;
    });
    const offNavigate = this.bridge.onNavigate((target) => this.navigateTo(target));
    void this.bridge.getSnapshot().then((result) => {
      if (result.ok) this.snapshot ??= result.value;
      else this.loadError = result.error.message;
    });
    return () => {
      offSnapshot();
      offNavigate();
    };
  }

  navigateTo(target: NavigateTarget): void {
    if (target.view === 'settings') this.route = { name: 'settings' };
    else if (target.accountId) this.route = { name: 'details', accountId: target.accountId };
    else this.route = { name: 'list' };
  }

  go(route: Route): void {
    this.route = route;
  }

  /** Checks Lobstr now; the new snapshot arrives through onSnapshot. Returns an error message, if any. */
  async refresh(): Promise<string | null> {
    this.refreshing = true;
    try {
      const result = await this.bridge.refresh();
      return result.ok ? null : result.error.message;
    } finally {
      this.refreshing = false;
    }
  }
}
