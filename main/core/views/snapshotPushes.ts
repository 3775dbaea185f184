/**
 * What the window is sent of the monitor's snapshot, and when. The window asks for the whole
 * snapshot once (snapshot:get, at start or reload); from then on it is pushed what changed: the
 * accounts new or changed, the ids gone, the icons of types it has not seen, and the small status.
 * At most one push per poll: a poll's start alone (polling, no next time yet) is not pushed; its
 * end is, and a poll where nothing changed pushes a few hundred bytes.
 *
 * The main process's side only; the window applies them with heldSnapshot.ts (a push whose base
 * is not the revision it holds makes it ask for the whole snapshot again).
 */
import type { MonitorStatus } from '../appModel.js';
import type { AccountsDelta } from '../monitor/assessedSnapshot.js';
import { snapshotDeltaView, snapshotHeadView, snapshotView, snapshotViewInSlices, type ViewContext } from './rendererViews.js';
import { createSlicer, type Slicer } from '../yielding.js';
import type { SnapshotDelta, SnapshotHead, SnapshotPush, SnapshotView } from './windowViews.js';

export type FullSnapshotPush = Extract<SnapshotPush, { kind: 'full' }>;

/** The window's page, as far as pushes go: the same object for as long as the page lives. */
export interface PushTarget {
  send(push: SnapshotPush): void;
}

export interface SnapshotSource {
  status(): MonitorStatus;
  /** The monitor's changesSince (monitor.ts). */
  changesSince(revision: number): AccountsDelta | null;
}

export interface SnapshotPushes {
  /** The whole snapshot for the window asking: later pushes to it are what changed since. */
  full(): FullSnapshotPush;
  /** The same, made in slices (snapshot:get at 100,000 accounts must not hold the main process). */
  fullInSlices(slicer?: Slicer): Promise<FullSnapshotPush>;
  /**
   * The snapshot's first `rows` accounts, for the window's first screen (snapshot:head). It changes
   * nothing of what the window is known to hold: pushes start from the whole snapshot it asks next.
   */
  head(rows: number): SnapshotHead;
  /** The monitor's status changed: pushes to the window what it does not have yet, if anything. */
  changed(): void;
  /** Pushes made so far (for the app's figures). */
  readonly count: number;
}

/** What the window holds, as far as the main process knows. */
interface Held {
  target: PushTarget;
  revision: number;
  snapshotRevision: number;
  icons: Record<string, string>;
  statusKey: string;
}

/** The status without what changes at every poll's start (polling, the next poll's time). */
function statusKeyOf(status: SnapshotDelta['status']): string {
  const { polling: _polling, nextPollAt: _next, ...rest } = status;
  return JSON.stringify(rest);
}

export function createSnapshotPushes(
  target: () => PushTarget | null,
  source: SnapshotSource,
  context: () => ViewContext,
): SnapshotPushes {
  let revision = 0;
  let held: Held | null = null;
  let count = 0;

  /** The whole `snapshot` of `status` as the page's: later pushes to it are what changed since. */
  function hand(status: MonitorStatus, snapshot: SnapshotView): FullSnapshotPush {
    const push: FullSnapshotPush = { kind: 'full', revision: ++revision, snapshot };
    const current = target();
    const { accounts: _accounts, icons, ...rest } = snapshot;
    held = current && {
      target: current,
      revision: push.revision,
      snapshotRevision: status.snapshot?.revision ?? 0,
      icons: { ...icons },
      statusKey: statusKeyOf(rest),
    };
    return push;
  }

  return {
    full() {
      const status = source.status();
      return hand(status, snapshotView(status, context()));
    },

    async fullInSlices(slicer = createSlicer()) {
      // The status as it is now: a poll that ends meanwhile is the next push's, from this revision.
      const status = source.status();
      return hand(status, await snapshotViewInSlices(status, context(), slicer));
    },

    head(rows) {
      return { kind: 'head', snapshot: snapshotHeadView(source.status(), context(), rows) };
    },

    changed() {
      const current = target();
      // A page that has not asked for the snapshot yet (loading, reloaded) asks for it as it starts.
      if (!current || !held || held.target !== current) return;
      const status = source.status();
      const snapshotRevision = status.snapshot?.revision ?? 0;
      let push: SnapshotPush;
      if (snapshotRevision === held.snapshotRevision) {
        const changes = snapshotDeltaView(status, null, held.icons, context());
        const statusKey = statusKeyOf(changes.status);
        if (statusKey === held.statusKey) return;
        push = { kind: 'delta', base: held.revision, revision: ++revision, changes };
        held = { ...held, revision: push.revision, statusKey };
      } else {
        const delta = source.changesSince(held.snapshotRevision);
        if (delta) {
          const changes = snapshotDeltaView(status, delta, held.icons, context());
          push = { kind: 'delta', base: held.revision, revision: ++revision, changes };
          held = {
            ...held,
            revision: push.revision,
            snapshotRevision,
            icons: { ...held.icons, ...changes.icons },
            statusKey: statusKeyOf(changes.status),
          };
        } else {
          const status = source.status();
          push = hand(status, snapshotView(status, context()));
        }
      }
      count++;
      current.send(push);
    },

    get count() {
      return count;
    },
  };
}
