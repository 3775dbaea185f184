/**
 * What the window benchmark hands the page: the whole snapshot the app would send for N generated
 * accounts (each account's row), each account in full as the app answers account:held, and a run
 * of polls' pushes after the snapshot, each made by the core's own functions as the
 * monitor and the main process make them (assessSnapshot judges the poll against the previous
 * snapshot, snapshotDeltaView turns its delta into what is pushed). Each poll changes the health
 * of 1 to 20 accounts (expired ones move to the top of the list, in view), renames one and removes
 * one.
 */
import { DEFAULT_HEALTH_RULES } from '../main/core/health/accountHealth.js';
import type { MonitorStatus } from '../main/core/appModel.js';
import type { Account } from '../main/core/lobstr/account.js';
import { parseAccount } from '../main/core/lobstr/accountSchema.js';
import { assessAll, assessSnapshot, type AssessedSnapshot } from '../main/core/monitor/assessedSnapshot.js';
import { heldAccountView, snapshotDeltaView, snapshotHeadView, snapshotView, type ViewContext } from '../main/core/views/rendererViews.js';
import type { HeldAccount, SnapshotPush, SnapshotView } from '../main/core/views/windowViews.js';
import { generateAccounts } from '../main/simulator/accountFactory.js';

const SEED = 7;

export interface WindowData {
  /** The whole snapshot, revision 1 (snapshot:get's answer). */
  snapshot: SnapshotView;
  /** Its first `rows` accounts, counts and total whole (snapshot:head's answer). */
  head(rows: number): SnapshotView;
  /** An account of that snapshot in full (account:held's answer); null for an id it does not hold. */
  held(id: string): HeldAccount | null;
  /** Deltas following it, revision 2, 3…; each applies to the one before. */
  pushes: SnapshotPush[];
  /** Accounts each push changed (upserted + removed). */
  changed: number[];
}

function statusOf(snapshot: AssessedSnapshot, nowMs: number): MonitorStatus {
  return {
    configured: true,
    snapshot,
    problem: null,
    lastPollAt: snapshot.checkedAt,
    nextPollAt: new Date(nowMs + 5 * 60_000).toISOString(),
    polling: false,
  };
}

/** The account with its cookies expired, or synchronized again when they already were. */
function flipped(account: Account): Account {
  return account.status_code_info === 'cookies_expired' || account.status === '401' || account.status === '429'
    ? { ...account, status: '200', status_code_info: 'synchronized', lock_time: null }
    : { ...account, status_code_info: 'cookies_expired' };
}

export async function windowData(size: number, pushCount: number, nowMs: number): Promise<WindowData> {
  const rules = DEFAULT_HEALTH_RULES;
  const context: ViewContext = { nowMs, demo: false, rules };
  let accounts = generateAccounts(size, SEED, nowMs)
    .map((raw) => parseAccount(raw))
    .filter((parsed): parsed is Account => !('error' in parsed));
  const checkedAt = new Date(nowMs).toISOString();
  let previous = assessAll({ checkedAt, accounts, warnings: [] }, nowMs, rules);
  const first = statusOf(previous, nowMs);
  const snapshot = snapshotView(first, context);
  const held = (id: string): HeldAccount | null => heldAccountView(first, id);
  const head = (rows: number): SnapshotView => snapshotHeadView(first, context, rows);

  let icons = { ...snapshot.icons };
  const pushes: SnapshotPush[] = [];
  const changed: number[] = [];
  for (let poll = 0; poll < pushCount; poll++) {
    const next = accounts.slice();
    const flips = 1 + (poll % 20);
    // Spread over the list, a different stretch each poll.
    for (let k = 0; k < flips; k++) {
      const i = (poll * 7_919 + k * 104_729) % next.length;
      next[i] = flipped(next[i]!);
    }
    const renamed = (poll * 31_337 + 17) % next.length;
    next[renamed] = { ...next[renamed]!, username: `${next[renamed]!.username}.renamed` };
    next.splice((poll * 65_537 + 5) % next.length, 1);

    const polledAt = new Date(nowMs + (poll + 1) * 60_000).toISOString();
    const { snapshot: judged, delta } = await assessSnapshot(previous, { checkedAt: polledAt, accounts: next, warnings: [] }, nowMs, rules);
    const changes = snapshotDeltaView(statusOf(judged, nowMs), delta, icons, context);
    icons = { ...icons, ...changes.icons };
    pushes.push({ kind: 'delta', base: poll + 1, revision: poll + 2, changes });
    changed.push(changes.upserted.length + changes.removed.length);
    previous = judged;
    accounts = next;
  }
  return { snapshot, head, held, pushes, changed };
}
