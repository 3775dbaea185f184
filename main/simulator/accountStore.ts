/**
 * The simulator's accounts, in the order the API lists them, each with its JSON cached as bytes, so a
 * page of 100 accounts out of 100,000 is a slice and one copy, not 100 fresh serialisations and a
 * text encoded again as it is sent (on a 2-core machine the simulator's work per page delayed the
 * listing benchmark's answers). Any change to an account drops its cached bytes.
 */
import type { RawAccount } from './accountFactory.js';

/** An account as stored: the generated fields, possibly overwritten with anything through the control API. */
export type StoredAccount = Record<string, unknown> & { id: string };

interface Entry {
  account: StoredAccount;
  bytes: Buffer | null;
}

export class AccountConflictError extends Error {}

export class AccountStore {
  private readonly entries: Entry[];
  private readonly byId = new Map<string, Entry>();

  constructor(accounts: readonly RawAccount[]) {
    this.entries = accounts.map((a) => ({ account: a as unknown as StoredAccount, bytes: null }));
    for (const entry of this.entries) this.byId.set(entry.account.id, entry);
  }

  get size(): number {
    return this.entries.length;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): StoredAccount | undefined {
    return this.byId.get(id)?.account;
  }

  /** The account's JSON text, as it appears inside `data`. */
  json(id: string): string | undefined {
    const entry = this.byId.get(id);
    return entry ? this.bytesOf(entry).toString() : undefined;
  }

  /** The JSON of the accounts at positions [offset, offset + limit), as bytes. */
  pageBytes(offset: number, limit: number): Buffer[] {
    return this.entries.slice(offset, offset + limit).map((entry) => this.bytesOf(entry));
  }

  /** Every account, in list order (read-only view for the control API and the demo scenario). */
  all(): readonly StoredAccount[] {
    return this.entries.map((e) => e.account);
  }

  /** The account at a list position. */
  at(index: number): StoredAccount | undefined {
    return this.entries[index]?.account;
  }

  /**
   * Overwrites top-level fields. `id` may change to another unused non-empty string; every other field
   * takes any JSON value, so tests can serve odd or broken accounts on purpose.
   */
  update(id: string, fields: Record<string, unknown>): StoredAccount | undefined {
    const entry = this.byId.get(id);
    if (!entry) return undefined;
    const newId = fields.id;
    if (newId !== undefined && newId !== id) {
      if (typeof newId !== 'string' || newId === '') throw new RangeError('id must be a non-empty string');
      if (this.byId.has(newId)) throw new AccountConflictError(`an account with id ${newId} already exists`);
    }
    // defineProperty rather than assignment, so a "__proto__" key from JSON stays a plain field.
    for (const [key, value] of Object.entries(fields)) {
      Object.defineProperty(entry.account, key, { value, writable: true, enumerable: true, configurable: true });
    }
    entry.bytes = null;
    if (entry.account.id !== id) {
      this.byId.delete(id);
      this.byId.set(entry.account.id, entry);
    }
    return entry.account;
  }

  /** Adds accounts at the end of the list, or at its front (as if created earlier than all others). */
  add(accounts: readonly StoredAccount[], where: 'end' | 'front'): void {
    const seen = new Set<string>();
    for (const account of accounts) {
      if (this.byId.has(account.id) || seen.has(account.id)) {
        throw new AccountConflictError(`an account with id ${account.id} already exists`);
      }
      seen.add(account.id);
    }
    const fresh = accounts.map((account) => ({ account, bytes: null }));
    if (where === 'end') this.entries.push(...fresh);
    else this.entries.unshift(...fresh);
    for (const entry of fresh) this.byId.set(entry.account.id, entry);
  }

  remove(id: string): boolean {
    const entry = this.byId.get(id);
    if (!entry) return false;
    this.byId.delete(id);
    this.entries.splice(this.entries.indexOf(entry), 1);
    return true;
  }

  private bytesOf(entry: Entry): Buffer {
    entry.bytes ??= Buffer.from(JSON.stringify(entry.account));
    return entry.bytes;
  }
}
