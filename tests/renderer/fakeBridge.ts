/**
 * A `window.lobstr` for component tests: answers from plain data, records calls, and lets a test
 * push snapshots and navigation requests as the main process would. Built on the real core's
 * view of accounts (snapshotView, heldAccountView), so the components see what the app would send
 * them: the list's snapshot, and each account in full as the app holds it (account:held).
 */
import type { LobstrBridge } from '../../preload/lobstrBridge';
import type { Account } from '../../main/core/lobstr/account';
import type { MonitorStatus } from '../../main/core/appModel';
import { DEFAULT_SETTINGS } from '../../main/core/settings/settings';
import { heldAccountView, snapshotHeadView, snapshotView, type ViewContext } from '../../main/core/views/rendererViews';
import { assessAll } from '../../main/core/monitor/assessedSnapshot';
import type { HeldAccount, IpcResult, KeyStatus, NavigateTarget, ResyncPush, ResyncView, SettingsValues, SnapshotPush, SnapshotView } from '../../main/shared/ipcContract';

export const TEST_NOW = Date.parse('2026-11-25T14:05:00Z');

type PlainSnapshot = { checkedAt: string; accounts: Account[]; warnings: string[] };

/** What the app holds behind each snapshot made here: an account in full, by id (account:held). */
const heldBehind = new WeakMap<SnapshotView, (id: string) => HeldAccount | null>();
/** The first rows of each snapshot made here, as the app answers snapshot:head. */
const headBehind = new WeakMap<SnapshotView, (rows: number) => SnapshotView>();

/** The first screen of `snapshot` (snapshot:head), made by the core from the same status when snapshotOf made it. */
export function headOf(snapshot: SnapshotView, rows: number): SnapshotView {
  return headBehind.get(snapshot)?.(rows) ?? { ...snapshot, accounts: snapshot.accounts.slice(0, rows) };
}

/** The account as the app holds it behind `snapshot` (made by snapshotOf); null when it has none. */
export function heldIn(snapshot: SnapshotView, id: string): HeldAccount | null {
  return heldBehind.get(snapshot)?.(id) ?? null;
}

/** A snapshot as the app would push it for these accounts (judged by the core, as the monitor does). */
export function snapshotOf(
  accounts: Account[],
  overrides: Partial<Omit<MonitorStatus, 'snapshot'>> & { snapshot?: PlainSnapshot | null } = {},
  demo = false,
): SnapshotView {
  const rules = { status429NeedsResync: true, timeZone: 'UTC' };
  const { snapshot: plain, ...rest } = overrides;
  const listing = plain === undefined ? { checkedAt: '2026-11-25T14:02:00Z', accounts, warnings: [] } : plain;
  const status: MonitorStatus = {
    configured: true,
    snapshot: listing && assessAll(listing, TEST_NOW, rules),
    problem: null,
    lastPollAt: '2026-11-25T14:02:00Z',
    nextPollAt: '2026-11-25T14:07:00Z',
    polling: false,
    ...rest,
  };
  const context: ViewContext = { nowMs: TEST_NOW, demo, rules };
  const view = snapshotView(status, context);
  heldBehind.set(view, (id) => heldAccountView(status, id));
  headBehind.set(view, (rows) => snapshotHeadView(status, context, rows));
  return view;
}

const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });

export interface FakeBridge extends LobstrBridge {
  /** Every call: [method, ...args]. */
  readonly calls: unknown[][];
  pushSnapshot(snapshot: SnapshotView): void;
  navigate(target: NavigateTarget): void;
  /** The main process tells of a re-sync's step (resync:changed). */
  pushResync(push: ResyncPush): void;
}

export function fakeBridge(snapshot: SnapshotView, overrides: Partial<LobstrBridge> = {}): FakeBridge {
  const calls: unknown[][] = [];
  const snapshotListeners = new Set<(push: SnapshotPush) => void>();
  /** Each snapshot pushed whole, with a new revision, as the main process does after a change it cannot send as a delta. */
  let revision = 1;
  const navigateListeners = new Set<(t: NavigateTarget) => void>();
  const resyncListeners = new Set<(push: ResyncPush) => void>();
  const resyncs = new Map<string, ResyncView>();
  let current = snapshot;
  let settings: SettingsValues = structuredClone(DEFAULT_SETTINGS) as SettingsValues;
  const keyStatus: KeyStatus = {
    set: snapshot.configured && !snapshot.demo,
    hint: snapshot.configured && !snapshot.demo ? '…a1b2' : null,
    storage: { kind: 'keychain', label: 'GNOME Keyring (libsecret)', note: null },
    notice: null,
    waiting: false,
  };
  const record = (name: string, ...args: unknown[]) => void calls.push([name, ...args]);

  const bridge: FakeBridge = {
    version: '1.2.3',
    platform: 'linux',
    calls,
    async getSnapshot() {
      record('getSnapshot');
      return ok({ kind: 'full', revision, snapshot: current });
    },
    async getSnapshotHead(rows) {
      record('getSnapshotHead', rows);
      return ok({ kind: 'head', snapshot: headOf(current, rows) });
    },
    onSnapshot(callback) {
      snapshotListeners.add(callback);
      return () => snapshotListeners.delete(callback);
    },
    async refresh() {
      record('refresh');
      return ok(null);
    },
    async getAccount(hash) {
      record('getAccount', hash);
      const held = heldIn(current, hash);
      if (!held) return { ok: false, error: { kind: 'not_found', message: `Account ${hash} was not found on Lobstr` } };
      return ok({ account: held.account, icon: held.icon, fetchedAt: new Date(TEST_NOW).toISOString() });
    },
    async getHeldAccount(hash) {
      record('getHeldAccount', hash);
      const held = heldIn(current, hash);
      if (!held) return { ok: false, error: { kind: 'not_found', message: `There is no account ${hash} in the last check.` } };
      return ok(held);
    },
    async getSettings() {
      record('getSettings');
      return ok({ settings, notice: null });
    },
    async updateSettings(patch) {
      record('updateSettings', patch);
      settings = { ...settings, ...patch, notifications: { ...settings.notifications, ...patch.notifications } } as SettingsValues;
      return ok({ settings, notice: null });
    },
    async getKeyStatus() {
      record('getKeyStatus');
      return ok(keyStatus);
    },
    async setKey(key) {
      record('setKey', key);
      return ok({ ...keyStatus, set: true, hint: `…${key.slice(-4)}` });
    },
    async clearKey() {
      record('clearKey');
      return ok({ ...keyStatus, set: false, hint: null });
    },
    async startDemo() {
      record('startDemo');
      return ok(null);
    },
    async stopDemo() {
      record('stopDemo');
      return ok(null);
    },
    async openPlatform(hash) {
      record('openPlatform', hash);
      return ok({ url: heldIn(current, hash)?.account.baseurl ?? '' });
    },
    async hideWindow() {
      record('hideWindow');
      return ok(null);
    },
    async copyText(text) {
      record('copyText', text);
      return ok(null);
    },
    async testNotification() {
      record('testNotification');
      return ok(null);
    },
    onNavigate(callback) {
      navigateListeners.add(callback);
      return () => navigateListeners.delete(callback);
    },
    pushSnapshot(next) {
      current = next;
      revision++;
      for (const listener of snapshotListeners) listener({ kind: 'full', revision, snapshot: next });
    },
    navigate(target) {
      for (const listener of navigateListeners) listener(target);
    },
    // Re-syncs: the first step answered, the next ones pushed by the test (pushResync).
    async startResync(request) {
      record('startResync', request);
      const waiting: ResyncView = { step: 'waiting_for_login', found: [], missing: [], have: 0, need: 0, signingIn: false, at: new Date(0).toISOString() };
      resyncs.set(request.accountId, waiting);
      return ok(waiting);
    },
    async checkPastedCookies(request) {
      record('checkPastedCookies', request);
      return ok({ format: null, found: [], missing: [], problem: 'Not read in this test.' });
    },
    async cancelResync(accountId) {
      record('cancelResync', accountId);
      return ok(null);
    },
    async getResync(accountId) {
      record('getResync', accountId);
      return ok(resyncs.get(accountId) ?? null);
    },
    onResync(callback) {
      resyncListeners.add(callback);
      return () => resyncListeners.delete(callback);
    },
    pushResync(push) {
      resyncs.set(push.accountId, push.progress);
      for (const listener of resyncListeners) listener(push);
    },
    ...overrides,
  };
  return bridge;
}
