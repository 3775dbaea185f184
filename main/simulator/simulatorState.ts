/**
 * Everything a running simulator holds: its accounts, the fault queue and the request log, plus the
 * making of accounts added later (through the control API or a `shift`), which reuse the generated
 * accounts' squids but draw from their own seeded stream so the original list never changes.
 */
import { createAccountFactory, generateAccounts, type AccountFactory, type RawAccount } from './accountFactory.js';
import { AccountConflictError, AccountStore, type StoredAccount } from './accountStore.js';
import { FaultQueue, type ErrorShape } from './faults.js';
import { RequestLog } from './requestLog.js';

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
  /** The error-body shape used when no `error_shape` fault says otherwise. */
  readonly errorShape: ErrorShape;
  private readonly laterAccounts: AccountFactory;

  constructor(options: SimulatorStateOptions) {
    this.accounts = new AccountStore(generateAccounts(options.accounts, options.seed, options.nowMs));
    this.errorShape = options.errorShape;
    this.laterAccounts = createAccountFactory(options.seed, options.nowMs, options.accounts, 2);
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
