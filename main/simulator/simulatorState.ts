/**
 * Everything a running simulator holds: its accounts, the fault queue, the request log and the cookie
 * sync tasks, plus the
 * making of accounts added later (through the control API or a `shift`), which reuse the generated
 * accounts' squids but draw from their own seeded stream so the original list never changes.
 */
import { createAccountFactory, generateAccounts, isoSeconds, type AccountFactory, type RawAccount } from './accountFactory.js';
import { AccountConflictError, AccountStore, type StoredAccount } from './accountStore.js';
import { FaultQueue, type ErrorShape } from './faults.js';
import { RequestLog } from './requestLog.js';
import { SyncTasks } from './syncTasks.js';

export interface SimulatorStateOptions {
  accounts: number;
  seed: number;
  nowMs: number;
  errorShape: ErrorShape;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export class SimulatorState {
  readonly accounts: AccountStore;
  readonly faults = new FaultQueue();
  readonly requests = new RequestLog();
  readonly sync: SyncTasks;
  /** The error-body shape used when no `error_shape` fault says otherwise. */
  readonly errorShape: ErrorShape;
  private readonly laterAccounts: AccountFactory;

  constructor(options: SimulatorStateOptions) {
    this.accounts = new AccountStore(generateAccounts(options.accounts, options.seed, options.nowMs));
    this.errorShape = options.errorShape;
    this.laterAccounts = createAccountFactory(options.seed, options.nowMs, options.accounts, 2);
    this.sync = new SyncTasks(options.seed, (task, atMs) => this.synchronized(task.account, task.type, atMs));
  }

  /**
   * A sync task succeeded at `atMs`: the account (or a new one of `type`) is healthy, synced then and
   * unlocked; its limits and squids are kept, as Lobstr's refresh does. Null when the account is gone.
   */
  private synchronized(account: string | null, type: string, atMs: number): string | null {
    const hash = account ?? this.addAccount({ type }, atMs).id;
    const at = isoSeconds(atMs);
    const fields = {
      status: '200',
      status_code_info: 'synchronized',
      status_code_description: 'Success!',
      last_synchronization_time: at,
      updated_at: at,
      lock_time: null,
    };
    return this.accounts.update(hash, fields) ? hash : null;
  }

  /**
   * Adds one healthy account at the end of the list, created just now. `fields` overwrite the generated
   * ones (a `type` is honoured when generating, so a LinkedIn account gets LinkedIn's cookies and icon).
   */
  addAccount(fields: Record<string, unknown>, nowMs: number): StoredAccount {
    if (typeof fields.id === 'string' && this.accounts.has(fields.id)) {
      throw new AccountConflictError(`an account with id ${fields.id} already exists`);
    }
    const generated = this.makeUnique({
      createdAtMs: nowMs - 2 * MINUTE,
      nowMs,
      ...(typeof fields.type === 'string' ? { type: fields.type } : {}),
    });
    this.accounts.add([generated], 'end');
    try {
      return this.accounts.update(generated.id, fields) as StoredAccount;
    } catch (error) {
      this.accounts.remove(generated.id);
      throw error;
    }
  }

  /**
   * Inserts `count` new healthy accounts at the front of the list, created before every other one, as
   * if the list shifted between two page requests. Returns them in list order.
   */
  shift(count: number, nowMs: number): StoredAccount[] {
    const firstCreated = Date.parse(String(this.accounts.at(0)?.created_at ?? ''));
    const before = Number.isFinite(firstCreated) ? firstCreated : nowMs - 3 * 365 * 24 * HOUR;
    const fresh: StoredAccount[] = [];
    for (let j = 0; j < count; j++) {
      fresh.push(this.makeUnique({ createdAtMs: before - (count - j) * HOUR, nowMs }));
    }
    this.accounts.add(fresh, 'front');
    return fresh;
  }

  private makeUnique(options: Parameters<AccountFactory['make']>[0]): StoredAccount {
    let account: RawAccount;
    do account = this.laterAccounts.make({ ...options, health: 'healthy' });
    while (this.accounts.has(account.id));
    return account as unknown as StoredAccount;
  }
}
