/**
 * Which notifications to show after a poll, and what the app remembers about what it already said.
 * Pure: the monitor passes the poll's result, the remembered ledger, the settings and the time, and
 * gets back the notifications and the new ledger (which it persists).
 *
 * The rules (issue 3, section 2), decided against the ledger rather than against the previous poll
 * alone, so a restart, a failed poll or an account missing from one list never repeats an alert:
 * - An account *starts* needing re-sync when its last known health was something else, or nothing
 *   (a new account; also on the very first poll of a new install: the user wants to know at once).
 *   One notification each; three or more in one poll become one grouped notification.
 * - Never repeated while it keeps needing re-sync; with `reminderHours` set, a reminder after that
 *   many hours since the last announcement, then again every `reminderHours`.
 * - "Synchronized again" when an account goes from needing re-sync straight to ok (setting, on by default),
 *   except for an account the user just re-synced from the app: its window shows that success.
 * - The key rejected (connection problem `auth`): one notification for a run of auth failures; a
 *   successful poll ends the run. Offline, server errors, invalid responses: no notification, the icon
 *   says it.
 * - Snoozed or the kind turned off: nothing is shown, and a transition that happens meanwhile counts
 *   as seen (the icon told the truth): it is not shown when the snooze ends. An account still needing
 *   re-sync then is announced again only through the reminder rule; a reminder that fell due during
 *   the snooze is shown at the first poll after it.
 */
import { compareNames, type AssessedAccount, type Health } from '../health/accountHealth.js';
import type { Slicer } from '../yielding.js';
import type { ConnectionProblem, PlannedNotification, Settings } from '../appModel.js';
import { platformLabel } from '../health/platforms.js';
import { isSnoozed } from './snooze.js';
import { durationText } from '../views/timeFormat.js';

/** What the app remembers about one account between polls and across restarts. */
export interface AccountMemory {
  health: Health;
  reason: string;
  /** ISO: since when (as far as polls saw) the account has had this health. */
  since: string;
  /**
   * The last alert about this account: when, and for which health (`needs_resync` for an announcement
   * or reminder, `ok` for "synchronized again"). Also set when the alert was due but deliberately not
   * shown (snoozed, kind off), so it is not shown later.
   */
  notified: { at: string; health: Health } | null;
  /** ISO: when it left the list (see GONE_MEMORY_MS). */
  goneAt?: string;
}

export interface AlertLedger {
  /** By account id. */
  accounts: Record<string, AccountMemory>;
  /** The key-rejected notification was shown (or deliberately not) for the current run of auth failures. */
  keyRejectedShown: boolean;
}

export const EMPTY_LEDGER: AlertLedger = Object.freeze({ accounts: Object.freeze({}), keyRejectedShown: false }) as AlertLedger;

/**
 * How long an account that left the list is remembered: one that misses a poll (the list shifted
 * while being paged) and comes back still needing re-sync is not announced a second time.
 */
export const GONE_MEMORY_MS = 24 * 3_600_000;

/** Three or more accounts starting to need re-sync in one poll make one grouped notification. */
export const GROUP_THRESHOLD = 3;
/** How many names a grouped notification spells out. */
const NAMES_IN_GROUP = 3;

export interface AlertInput {
  /** The accounts of a successful poll with their health; null when the poll failed (nothing known about them). */
  accounts: readonly AssessedAccount[] | null;
  /** The connection problem after this poll (null after a success). */
  problem: ConnectionProblem | null;
  ledger: AlertLedger;
  settings: Pick<Settings, 'notifications' | 'reminderHours' | 'snooze'>;
  nowMs: number;
  /** Accounts the user re-synced from the app: their recovery counts as seen, not shown. */
  quietRecoveries?: ReadonlySet<string>;
}

export interface AlertPlan {
  /** To show, in this order. */
  notifications: PlannedNotification[];
  /** Ids of the accounts the shown notifications speak about, ungrouped (a grouped one names only a few). */
  shown: { needsResync: string[]; reminders: string[]; recovered: string[]; keyRejected: boolean };
  ledger: AlertLedger;
}

/** An account an alert was shown for, and since when it has had that health (a reminder's "for 3 h"). */
export interface AlertedAccount extends AssessedAccount {
  since: string;
}

/** What a plan showed, one entry per account (a grouped notification names only a few): the headless watch prints these. */
export interface AccountAlerts {
  needsResync: AlertedAccount[];
  reminders: AlertedAccount[];
  recovered: AlertedAccount[];
}

/** The accounts behind `plan`'s notifications, from the poll's `accounts`. */
export function alertedAccounts(plan: AlertPlan, byId: ReadonlyMap<string, AssessedAccount>): AccountAlerts {
  const pick = (ids: readonly string[]): AlertedAccount[] =>
    ids.flatMap((id) => {
      const assessed = byId.get(id);
      return assessed ? [{ ...assessed, since: plan.ledger.accounts[id]?.since ?? new Date(0).toISOString() }] : [];
    });
  return { needsResync: pick(plan.shown.needsResync), reminders: pick(plan.shown.reminders), recovered: pick(plan.shown.recovered) };
}

export function planAlerts(input: AlertInput): AlertPlan {
  const steps = planAlertSteps(input);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The same plan, giving the event loop a turn when a slice is spent (100,000 accounts on the main process). */
export async function planAlertsInSlices(input: AlertInput, slicer: Slicer): Promise<AlertPlan> {
  const steps = planAlertSteps(input);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    const pause = slicer.maybeYield();
    if (pause) await pause;
  }
}

/** planAlerts, pausing (yield) every few hundred accounts so a caller can cut the work in slices. */
function* planAlertSteps(input: AlertInput): Generator<void, AlertPlan, void> {
  const { accounts, problem, ledger, settings, nowMs, quietRecoveries } = input;
  const kinds = settings.notifications;
  const quiet = isSnoozed(settings.snooze, nowMs);
  const nowIso = new Date(nowMs).toISOString();

  if (accounts === null) {
    // A failed poll says nothing about the accounts: only the key can be news.
    let keyRejectedShown = ledger.keyRejectedShown;
    const notifications: PlannedNotification[] = [];
    if (problem?.kind === 'auth' && !keyRejectedShown) {
      if (kinds.keyRejected && !quiet) notifications.push(keyRejectedNotification());
      keyRejectedShown = true;
    }
    return {
      notifications,
      shown: { needsResync: [], reminders: [], recovered: [], keyRejected: notifications.length > 0 },
      ledger: keyRejectedShown === ledger.keyRejectedShown ? ledger : { ...ledger, keyRejectedShown },
    };
  }

  const starting: AssessedAccount[] = [];
  const reminders: AssessedAccount[] = [];
  /** For the reminder's "for 3 h": since when each reminded account has needed re-sync. */
  const neededSince = new Map<string, number>();
  const recovered: AssessedAccount[] = [];
  const remembered: Record<string, AccountMemory> = {};
  /** Whether any memory differs from the ledger's: an unchanged ledger is returned as it was (nothing to save). */
  let changed = false;
  const reminderMs = settings.reminderHours !== null && settings.reminderHours > 0 ? settings.reminderHours * 3_600_000 : null;

  let step = 0;
  for (const assessed of accounts) {
    if ((++step & 255) === 0) yield;
    const { account, health, reason } = assessed;
    const before = Object.hasOwn(ledger.accounts, account.id) ? ledger.accounts[account.id] : undefined;
    const since = before && before.health === health ? before.since : nowIso;
    let notified = before?.notified ?? null;

    if (health === 'needs_resync' && before?.health !== 'needs_resync') {
      if (kinds.needsResync && !quiet) starting.push(assessed);
      notified = { at: nowIso, health };
    } else if (health === 'needs_resync' && reminderMs !== null && kinds.needsResync && !quiet) {
      const lastMs = Date.parse(notified?.health === 'needs_resync' ? notified.at : since);
      if (!(nowMs - lastMs < reminderMs)) {
        reminders.push(assessed);
        neededSince.set(account.id, Date.parse(since));
        notified = { at: nowIso, health };
      }
    } else if (health === 'ok' && before?.health === 'needs_resync') {
      if (kinds.recovered && !quiet && !quietRecoveries?.has(account.id)) recovered.push(assessed);
      notified = { at: nowIso, health };
    }
    if (before && before.health === health && before.reason === reason && before.since === since && before.notified === notified && before.goneAt === undefined) {
      remembered[account.id] = before;
    } else {
      remembered[account.id] = { health, reason, since, notified };
      changed = true;
    }
  }

  for (const id in ledger.accounts) {
    if ((++step & 255) === 0) yield;
    if (Object.hasOwn(remembered, id)) continue;
    const memory = ledger.accounts[id]!;
    const goneAt = memory.goneAt ?? nowIso;
    if (nowMs - Date.parse(goneAt) < GONE_MEMORY_MS) {
      remembered[id] = memory.goneAt === undefined ? { ...memory, goneAt } : memory;
      if (memory.goneAt === undefined) changed = true;
    } else {
      changed = true;
    }
  }

  const notifications = [
    ...grouped(starting, announceOne, (list) => ({
      kind: 'needs_resync_group',
      title: `${list.length} accounts need cookie re-sync`,
      body: namesOf(list),
    })),
    ...grouped(
      reminders,
      (a) => remindOne(a, nowMs - (neededSince.get(a.account.id) ?? nowMs)),
      (list) => ({ kind: 'reminder', title: `${list.length} accounts still need cookie re-sync`, body: namesOf(list) }),
    ),
    ...grouped(recovered, recoveredOne, (list) => ({
      kind: 'recovered',
      title: `${list.length} accounts are synchronized again`,
      body: namesOf(list),
    })),
  ];

  return {
    notifications,
    shown: {
      needsResync: starting.map((a) => a.account.id),
      reminders: reminders.map((a) => a.account.id),
      recovered: recovered.map((a) => a.account.id),
      keyRejected: false,
    },
    // A successful poll ends a run of auth failures: a later rejection is news again.
    ledger: !changed && !ledger.keyRejectedShown ? ledger : { accounts: remembered, keyRejectedShown: false },
  };
}

/** One notification each, or one for all of them from GROUP_THRESHOLD on; names in alphabetical order. */
function grouped(
  list: readonly AssessedAccount[],
  one: (a: AssessedAccount) => PlannedNotification,
  group: (sorted: AssessedAccount[]) => PlannedNotification,
): PlannedNotification[] {
  const sorted = [...list].sort(byName);
  if (sorted.length === 0) return [];
  if (sorted.length >= GROUP_THRESHOLD) return [group(sorted)];
  return sorted.map(one);
}

function byName(a: AssessedAccount, b: AssessedAccount): number {
  return compareNames(a.account, b.account);
}

function announceOne({ account, reason }: AssessedAccount): PlannedNotification {
  return {
    kind: 'needs_resync',
    title: `${accountName(account)} needs cookie re-sync`,
    body: `${platformLabel(account.type)} · ${reason} · ${squidsText(account.squids.length)}`,
    accountId: account.id,
  };
}

function remindOne({ account, reason }: AssessedAccount, forMs: number): PlannedNotification {
  return {
    kind: 'reminder',
    title: `${accountName(account)} still needs cookie re-sync`,
    body: `${platformLabel(account.type)} · ${reason} for ${durationText(forMs / 1000)} · ${squidsText(account.squids.length)}`,
    accountId: account.id,
  };
}

function recoveredOne({ account, reason }: AssessedAccount): PlannedNotification {
  return {
    kind: 'recovered',
    title: `${accountName(account)} is synchronized again`,
    body: `${platformLabel(account.type)} · ${reason}`,
    accountId: account.id,
  };
}

export function keyRejectedNotification(): PlannedNotification {
  return {
    kind: 'key_rejected',
    title: 'Lobstr rejected the API key',
    body: 'Accounts are not being checked. Copy the key again from the API page of the Lobstr dashboard and set it in Settings.',
  };
}

/** Letters, digits and underscores only: the shape of an X handle, the one kind of name "@" belongs to. */
const HANDLE = /^[A-Za-z0-9_]+$/;

/**
 * How an account is named to a person: a handle as "@maya_builds"; anything else (an e-mail address,
 * a display name such as "Chloé Petit", a name already starting with "@") as it is; an empty one
 * falls back to the start of the id.
 */
export function accountName(account: { username: string; id: string }): string {
  const name = account.username.trim();
  if (name === '') return `account ${account.id.slice(0, 8)}`;
  return HANDLE.test(name) ? `@${name}` : name;
}

/** "used by no squid", "used by 1 squid", "used by 2 squids". */
export function squidsText(count: number): string {
  if (count === 0) return 'used by no squid';
  return `used by ${count} squid${count === 1 ? '' : 's'}`;
}

/** "@a, @b and @c", "@a, @b, @c and 2 more". */
function namesOf(list: readonly AssessedAccount[]): string {
  const names = list.map((a) => accountName(a.account));
  if (names.length <= NAMES_IN_GROUP) {
    return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
  }
  return `${names.slice(0, NAMES_IN_GROUP).join(', ')} and ${names.length - NAMES_IN_GROUP} more`;
}
