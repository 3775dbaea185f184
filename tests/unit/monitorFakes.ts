/**
 * Fakes at the monitor's edges, shared by its tests: accounts, a clock whose timers tests fire by
 * moving time, a Lobstr list whose answers tests script, a notifier that records what it showed.
 */
import type { Account, AccountList } from '../../main/core/lobstr/account.js';
import { LobstrApiError, type ApiErrorKind } from '../../main/core/lobstr/apiErrors.js';
import type { Clock, MonitorEvent, PlannedNotification, Settings } from '../../main/core/appModel.js';
import { createMonitor, type Monitor } from '../../main/core/monitor/monitor.js';
import { MemoryMonitorStore, type MonitorStore } from '../../main/core/monitor/monitorStore.js';
import { settingsWith } from '../fixtures/settings.js';

// The monitor's tests build their settings here too.
export { settingsWith };

let serial = 0;

/** A healthy X account used by one squid; override what the test is about. */
export function makeAccount(overrides: Partial<Account> = {}): Account {
  serial += 1;
  const id = overrides.id ?? `acc${String(serial).padStart(29, '0')}`;
  return {
    id,
    object: 'account',
    username: `user${serial}`,
    created_at: '2025-01-01T00:00:00Z',
    last_synchronization_time: '2025-01-02T00:00:00Z',
    status: '200',
    status_code_info: 'synchronized',
    status_code_description: 'Success!',
    type: 'twitter-sync',
    params: {},
    updated_at: null,
    account_type_hash: '9853173fc00a940a33d7a420c176ad3b',
    squids: [{ name: 'Tweets', hash_value: `sq${serial}` }],
    baseurl: 'https://x.com',
    cookies: [{ name: 'auth_token', required: true }],
    icon: '',
    primary_color: null,
    lock_time: null,
    resets_in: null,
    extra: {},
    ...overrides,
  };
}

export const EXPIRED: Partial<Account> = { status: '401', status_code_info: 'cookies_expired' };
export const HEALTHY: Partial<Account> = { status: '200', status_code_info: 'synchronized', lock_time: null };
export const ATTENTION: Partial<Account> = { status: '500', status_code_info: 'account_blocked' };

export const T0 = Date.parse('2026-03-02T09:00:00Z');
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** Lets every pending promise callback run (the fakes answer without real I/O). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

/** A clock that only moves when the test says so; due timers fire in order as it moves. */
export class FakeClock implements Clock {
  private timers: Timer[] = [];
  private nextId = 1;

  constructor(public nowMs: number = T0) {}

  now(): number {
    return this.nowMs;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, at: this.nowMs + Math.max(0, ms), callback };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  /** When the earliest timer is due, or null when none is set. */
  nextTimerAt(): number | null {
    return this.timers.reduce<number | null>((min, t) => (min === null || t.at < min ? t.at : min), null);
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing each timer that falls due on the way and letting it settle. */
  async advance(ms: number): Promise<void> {
    const end = this.nowMs + ms;
    await flush();
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.nowMs = Math.max(this.nowMs, due.at);
      due.callback();
      await flush();
    }
    this.nowMs = end;
    await flush();
  }

  /** Moves time to the next timer and fires it; returns how long that was. */
  async runNextTimer(): Promise<number> {
    const at = this.nextTimerAt();
    if (at === null) throw new Error('no timer is set');
    const waited = at - this.nowMs;
    await this.advance(waited);
    return waited;
  }
}

/** A Lobstr account list whose answers the test scripts, counting calls and overlapping ones. */
export class FakeLobstr {
  accounts: Account[] = [];
  /** Failures to answer with, in order, before the list is served again. */
  failures: LobstrApiError[] = [];
  /** When set, every call fails with it until cleared. */
  failing: LobstrApiError | null = null;
  calls = 0;
  inFlight = 0;
  maxInFlight = 0;
  aborted = 0;
  private gate: { promise: Promise<void>; open: () => void } | null = null;

  constructor(accounts: Account[] = []) {
    this.accounts = accounts;
  }

  set(id: string, fields: Partial<Account>): void {
    this.accounts = this.accounts.map((a) => (a.id === id ? { ...a, ...fields } : a));
  }

  /** Holds every answer until `release()`: a poll stays in flight meanwhile. */
  hold(): void {
    let open!: () => void;
    const promise = new Promise<void>((resolve) => (open = resolve));
    this.gate = { promise, open };
  }

  release(): void {
    this.gate?.open();
    this.gate = null;
  }

  readonly fetchAccounts = async (signal: AbortSignal): Promise<AccountList> => {
    this.calls++;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.gate) {
        const gate = this.gate.promise;
        await new Promise<void>((resolve, reject) => {
          void gate.then(resolve);
          signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), { once: true });
        });
      }
      if (signal.aborted) {
        this.aborted++;
        throw new DOMException('aborted', 'AbortError');
      }
      const failure = this.failures.shift() ?? this.failing;
      if (failure) throw failure;
      const accounts = this.accounts.map((a) => ({ ...a }));
      return { accounts, totalResults: accounts.length, pagesFetched: 1, requests: 1, warnings: [] };
    } catch (e) {
      if (signal.aborted && !(e instanceof LobstrApiError)) this.aborted++;
      throw e;
    } finally {
      this.inFlight--;
    }
  };
}

export function apiError(kind: ApiErrorKind, retryAfterMs?: number): LobstrApiError {
  const messages: Record<ApiErrorKind, string> = {
    auth: 'Lobstr rejected the API key (401 Invalid token.). Check the key on the Lobstr dashboard\'s API page.',
    not_found: 'Lobstr has no accounts list here.',
    rate_limited: 'Lobstr is limiting requests.',
    server: "Lobstr's server failed (500).",
    network: 'Could not reach Lobstr at api.lobstr.io: connection refused.',
    timeout: 'Lobstr did not answer within 20 s.',
    invalid_response: 'Lobstr answered with a web page.',
    tls: 'The certificate of api.lobstr.io was refused (net::ERR_CERT_AUTHORITY_INVALID).',
    config: 'The API base URL uses port 9, which the app refuses to connect to.',
  };
  return new LobstrApiError(kind, messages[kind], kind === 'auth' ? 401 : undefined, retryAfterMs);
}

export class RecordingNotifier {
  shown: PlannedNotification[] = [];
  show(notification: PlannedNotification): void {
    this.shown.push(notification);
  }
  take(): PlannedNotification[] {
    const shown = this.shown;
    this.shown = [];
    return shown;
  }
}

/** A monitor wired to the fakes above, with what it reports collected for the test to read. */
export function monitorHarness(
  options: {
    accounts?: Account[];
    settings?: Partial<Settings>;
    store?: MonitorStore;
    random?: () => number;
    configured?: boolean;
    clock?: FakeClock;
    api?: FakeLobstr;
  } = {},
) {
  const clock = options.clock ?? new FakeClock();
  const api = options.api ?? new FakeLobstr(options.accounts ?? []);
  const notifier = new RecordingNotifier();
  const store = options.store ?? new MemoryMonitorStore();
  const events: MonitorEvent[] = [];
  const warnings: string[] = [];
  const harness = {
    clock,
    api,
    notifier,
    store,
    events,
    warnings,
    settings: settingsWith(options.settings),
    monitor: undefined as unknown as Monitor,
    takeEvents(): MonitorEvent[] {
      return events.splice(0, events.length);
    },
  };
  harness.monitor = createMonitor({
    fetchAccounts: api.fetchAccounts,
    clock,
    store,
    getSettings: () => harness.settings,
    notifier,
    random: options.random ?? (() => 0.5),
    configured: options.configured,
    timeZone: 'UTC',
    onEvents: (e) => events.push(...e),
    onWarning: (w) => warnings.push(w),
  });
  return harness;
}
