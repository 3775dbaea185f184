/**
 * The window's state, shared by every view: the latest snapshot pushed by the main process, the
 * current route, and the bridge to the app. One instance, created in App.svelte and passed down.
 */
import type { LobstrBridge } from '../../../preload/lobstrBridge';
import type { NavigateTarget, ResyncPush, ResyncView, SnapshotPush, SnapshotView } from '../../../main/shared/ipcContract';
import { applySnapshotPush, indexAhead, type HeldSnapshot } from '../../../main/core/views/heldSnapshot';
import { firstScreenRows } from '../../../main/core/views/firstScreen';
import { afterNextPaint } from './afterNextPaint';

/** Accounts indexed per task after a whole snapshot (a few ms of work each). */
const INDEXED_PER_TASK = 5_000;

export type Route =
  | { name: 'list' }
  | { name: 'details'; accountId: string }
  | { name: 'settings' };

export class AppState {
  /** null until the first snapshot arrives (the loading state). */
  snapshot = $state.raw<SnapshotView | null>(null);
  /**
   * True while `snapshot` is only the first screen (snapshot:head: its first rows, with the whole
   * counts and total) and the whole snapshot is being read; false once that has arrived. Even a
   * first screen that holds every account stands in until then: no push can be applied to it.
   */
  partial = $state(false);
  /** Why the first snapshot could not be read, if it could not. */
  loadError = $state<string | null>(null);
  route = $state<Route>({ name: 'list' });
  /** True while a refresh asked from the window runs. */
  refreshing = $state(false);
  /**
   * Each account's latest re-sync step, by account id: followed here, not in the details view, so
   * that steps pushed while another view shows are not lost.
   */
  resyncs = $state<Record<string, ResyncView>>({});
  /** The time of the last step the person put away, by account: that one and older ones stay away. */
  private resyncsDismissed: Record<string, string> = {};
  /** The account whose details should open with "Re-sync…" focused (a notification was clicked); taken once. */
  resyncReady = $state<string | null>(null);

  /** The snapshot with the revision of the last push applied (snapshotPushes.ts). */
  private held: HeldSnapshot | null = null;
  /** A whole snapshot is being asked for: pushes that cannot be applied wait for it. */
  private reading = false;

  constructor(readonly bridge: LobstrBridge) {}

  /** Reads the whole snapshot and follows every push of what changed, and the app's navigation requests. */
  start(): () => void {
    const offSnapshot = this.bridge.onSnapshot((push) => this.receive(push));
    const offNavigate = this.bridge.onNavigate((target) => this.navigateTo(target));
    const offResync = this.bridge.onResync((push) => this.noteResync(push));
    this.readFirstScreen();
    return () => {
      offSnapshot();
      offNavigate();
      offResync();
    };
  }

  /** Keeps a re-sync step unless a later one is held already (an answer can arrive after a push). */
  noteResync({ accountId, progress }: ResyncPush): void {
    const held = this.resyncs[accountId];
    if (held && Date.parse(held.at) > Date.parse(progress.at)) return;
    const dismissed = this.resyncsDismissed[accountId];
    if (dismissed !== undefined && Date.parse(progress.at) <= Date.parse(dismissed)) return;
    this.resyncs[accountId] = progress;
  }

  /** The person has read how the account's re-sync ended: its box goes (a healthy account's, entirely). */
  dismissResync(accountId: string): void {
    const held = this.resyncs[accountId];
    if (!held) return;
    this.resyncsDismissed[accountId] = held.at;
    delete this.resyncs[accountId];
  }

  /** The first step of a re-sync the window just started: newer than anything held for the account. */
  resyncStarted(accountId: string, progress: ResyncView): void {
    this.resyncs[accountId] = progress;
  }

  /** Asks the app for an account's re-sync step (a window opened while one ran, or reloaded). */
  async readResync(accountId: string): Promise<void> {
    const result = await this.bridge.getResync(accountId);
    if (result.ok && result.value) this.noteResync({ accountId, progress: result.value });
  }

  private receive(push: SnapshotPush): void {
    const next = applySnapshotPush(this.held, push);
    if (next === null) {
      // A change to a snapshot this window does not hold (it reloaded, or missed one): read it whole.
      this.readWhole();
      return;
    }
    if (next === this.held) return;
    this.held = next;
    this.snapshot = next.snapshot;
    this.partial = false;
    this.loadError = null;
    if (push.kind === 'full') this.indexAhead(next);
  }

  /**
   * After a whole snapshot, its accounts indexed a slice per task, so the first poll's push is
   * applied as quickly as the next; while the page has nothing else to do.
   */
  private indexAhead(held: HeldSnapshot): void {
    // While the page is idle (Chromium), or in a task of its own where there is no such thing (jsdom).
    const later = typeof requestIdleCallback === 'function' ? (fn: () => void) => requestIdleCallback(fn) : (fn: () => void) => setTimeout(fn, 0);
    const step = () => {
      if (held === this.held && !indexAhead(held, INDEXED_PER_TASK)) later(step);
    };
    later(step);
  }

  /**
   * The first screen's rows first (a few dozen, whatever the number of accounts), then the whole
   * snapshot once they are painted: at 100,000 accounts the whole one takes a few hundred ms to
   * send and read, and read with them it would hold back their first frame. Pushes that arrive
   * meanwhile cannot be applied to a part: they wait for the whole snapshot, which holds them.
   */
  private readFirstScreen(): void {
    this.reading = true;
    const thenWhole = () =>
      afterNextPaint(() => {
        this.reading = false;
        // A whole snapshot pushed meanwhile is held already.
        if (this.held === null) this.readWhole();
      });
    void this.bridge.getSnapshotHead(firstScreenRows(innerHeight)).then(
      (result) => {
        // For a window that shows nothing yet: a snapshot held or pushed meanwhile is newer.
        if (result.ok && this.held === null && this.snapshot === null) {
          this.snapshot = result.value.snapshot;
          this.partial = true;
        }
        thenWhole();
      },
      () => thenWhole(),
    );
  }

  private readWhole(): void {
    if (this.reading) return;
    this.reading = true;
    const failed = (message: string) => {
      // The first screen alone is not the list: say what went wrong instead of showing part of it.
      if (this.partial) {
        this.snapshot = null;
        this.partial = false;
      }
      if (this.snapshot === null) this.loadError = message;
    };
    void this.bridge.getSnapshot().then(
      (result) => {
        this.reading = false;
        if (result.ok) this.receive(result.value);
        else failed(result.error.message);
      },
      (error: unknown) => {
        this.reading = false;
        failed((error as Error)?.message ?? String(error));
      },
    );
  }

  navigateTo(target: NavigateTarget): void {
    this.resyncReady = target.resync && target.accountId ? target.accountId : null;
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
