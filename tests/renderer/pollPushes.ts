/**
 * Polls as the app makes them, for the list's tests: the core judges a listing (assessAll, then
 * assessSnapshot against the previous snapshot) and turns it into what the window is sent.
 */
import type { MonitorStatus } from '../../main/core/appModel';
import type { Account } from '../../main/core/lobstr/account';
import { assessAll, assessSnapshot, type AssessedSnapshot } from '../../main/core/monitor/assessedSnapshot';
import { snapshotDeltaView, snapshotView, type ViewContext } from '../../main/core/views/rendererViews';
import type { SnapshotDelta, SnapshotView } from '../../main/core/views/windowViews';
import { TEST_NOW } from './fakeBridge';

const rules = { status429NeedsResync: true, timeZone: 'UTC' };
const context: ViewContext = { nowMs: TEST_NOW, demo: false, rules };

const statusOf = (snapshot: AssessedSnapshot): MonitorStatus => ({
  configured: true,
  snapshot,
  problem: null,
  lastPollAt: snapshot.checkedAt,
  nextPollAt: null,
  polling: false,
});

/** The first poll: judged, and the whole snapshot the window reads. */
export function firstPoll(accounts: readonly Account[]): { judged: AssessedSnapshot; view: SnapshotView } {
  const judged = assessAll({ checkedAt: '2026-11-25T14:00:00Z', accounts, warnings: [] }, TEST_NOW, rules);
  return { judged, view: snapshotView(statusOf(judged), context) };
}

/** A later poll listing `accounts`: judged against `previous`, what changed as it is pushed, and the whole snapshot after it. */
export async function nextPoll(
  previous: AssessedSnapshot,
  accounts: readonly Account[],
  knownIcons: Record<string, string>,
): Promise<{ judged: AssessedSnapshot; changes: SnapshotDelta; view: SnapshotView }> {
  const { snapshot, delta } = await assessSnapshot(previous, { checkedAt: '2026-11-25T14:05:00Z', accounts, warnings: [] }, TEST_NOW, rules);
  const status = statusOf(snapshot);
  return { judged: snapshot, changes: snapshotDeltaView(status, delta, knownIcons, context), view: snapshotView(status, context) };
}
