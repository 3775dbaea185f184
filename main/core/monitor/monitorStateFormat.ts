/**
 * The state file's text (version 2): what a restart needs to show the last state at once and to
 * compare the first poll with it (every field the window shows, the alert ledger), under 3 MB at
 * 10,000 accounts. Each account is a row of its own values (id, name, times) and of indexes into the
 * shared values (sharedValues.ts): its platform's data (object, type, hash, base URL, cookies, icon,
 * colour) and its status are each one index; trailing fields at their default are left out; one row
 * per line. Written piece by piece (`monitorStateText`), so a big state is written in slices.
 *
 * A file of version 1 is still read (monitorStateV1.ts). Anything else (not JSON, another version, a
 * damaged field) gives no state and a reason.
 */
import { z } from 'zod';
import { NO_EXTRA, type Account, type AccountSquid, type RequiredCookie } from '../lobstr/account.js';
import type { AccountMemory, AlertLedger } from './alertPlanner.js';
import type { PersistedMonitorState, StoreLoad } from './monitorStore.js';
import { readMonitorStateV1 } from './monitorStateV1.js';
import { isoTime, savedMemory, savedProblem } from './monitorStateSchema.js';
import { setOwn } from '../lobstr/sharedValues.js';
import { FileFormError, SharedValuesReader, SharedValuesWriter } from './sharedValues.js';

export const MONITOR_STATE_VERSION = 2;

/** An account's row, in this order; the last four are left out when null (null: none, or `{}` for extra). */
const ACCOUNT_FIELDS = [
  'id',
  'username',
  'created_at',
  'last_synchronization_time',
  'updated_at',
  'platform',
  'status',
  'squids',
  'params',
  'lock_time',
  'resets_in',
  'extra',
  'problem',
] as const;
const REQUIRED_CELLS = ACCOUNT_FIELDS.indexOf('params') + 1;
/** What an account's platform index stands for (shared by every account of the platform). */
const PLATFORM_FIELDS = ['object', 'type', 'account_type_hash', 'baseurl', 'cookies', 'icon', 'primary_color'] as const;
const STATUS_FIELDS = ['status', 'status_code_info', 'status_code_description'] as const;
/** Written in the file so a reader sees what the rows hold, and checked on reading. */
const FIELDS = { account: ACCOUNT_FIELDS, platform: PLATFORM_FIELDS, status: STATUS_FIELDS };
const FIELDS_JSON = JSON.stringify(FIELDS);

// ---------------------------------------------------------------- writing

/** The file's text in pieces (about one per account), to be joined or written one after the other. */
export function* monitorStateText(state: PersistedMonitorState, nowMs: number = Date.now()): Generator<string> {
  const shared = new SharedValuesWriter();
  const { snapshot, problem, ledger } = state;
  yield `{"version":${MONITOR_STATE_VERSION},"savedAt":${JSON.stringify(new Date(nowMs).toISOString())},\n"fields":${FIELDS_JSON},\n"snapshot":`;
  if (snapshot === null) {
    yield 'null';
  } else {
    yield `{"checkedAt":${JSON.stringify(snapshot.checkedAt)},"warnings":${JSON.stringify(snapshot.warnings)},"accounts":[`;
    let separator = '\n';
    for (const account of snapshot.accounts) {
      yield separator + JSON.stringify(accountRow(account, shared));
      separator = ',\n';
    }
    yield '\n]}';
  }
  yield `,\n"problem":${JSON.stringify(problem)},\n"ledger":{"keyRejectedShown":${JSON.stringify(ledger.keyRejectedShown)},"accounts":[`;
  let separator = '\n';
  for (const id in ledger.accounts) {
    yield `${separator}[${JSON.stringify(id)},${shared.add(ledger.accounts[id])}]`;
    separator = ',\n';
  }
  // The tables come last: they hold what the rows above added.
  yield `\n]},\n"shapes":${JSON.stringify(shared.shapes)},\n"values":[`;
  for (let i = 0; i < shared.texts.length; i++) yield (i === 0 ? '\n' : ',\n') + shared.texts[i];
  yield '\n]}\n';
}

/** The whole text at once (the memory store, tests). */
export function serialiseMonitorState(state: PersistedMonitorState, nowMs: number = Date.now()): string {
  let text = '';
  for (const piece of monitorStateText(state, nowMs)) text += piece;
  return text;
}

function accountRow(account: Account, shared: SharedValuesWriter): unknown[] {
  const platform = shared.addList([
    shared.add(account.object),
    shared.add(account.type),
    shared.add(account.account_type_hash),
    shared.add(account.baseurl),
    shared.add(account.cookies),
    shared.add(account.icon),
    shared.add(account.primary_color),
  ]);
  const status = shared.addList([
    shared.add(account.status),
    shared.add(account.status_code_info),
    shared.add(account.status_code_description),
  ]);
  // The params' entries are shared one by one: a platform's defaults once, each account's own settings apart.
  const params: Record<string, number> = {};
  for (const key of Object.keys(account.params)) setOwn(params, key, shared.add(account.params[key]));
  const row: unknown[] = [
    account.id,
    account.username,
    account.created_at,
    account.last_synchronization_time,
    account.updated_at,
    platform,
    status,
    account.squids.map((squid) => shared.add(squid)),
    shared.add(params),
    account.lock_time,
    account.resets_in,
    isEmpty(account.extra) ? null : shared.add(account.extra),
    account.problem === undefined ? null : shared.add(account.problem),
  ];
  while (row.length > REQUIRED_CELLS && row[row.length - 1] === null) row.pop();
  return row;
}

function isEmpty(record: Record<string, unknown>): boolean {
  for (const _ in record) return false;
  return true;
}

// ---------------------------------------------------------------- reading

const fileV2 = z.object({
  version: z.literal(MONITOR_STATE_VERSION),
  savedAt: isoTime,
  fields: z.unknown(),
  snapshot: z.object({ checkedAt: isoTime, warnings: z.array(z.string()), accounts: z.array(z.unknown()) }).nullable(),
  problem: savedProblem.nullable(),
  ledger: z.object({ keyRejectedShown: z.boolean(), accounts: z.array(z.unknown()) }),
  shapes: z.array(z.array(z.string())),
  values: z.array(z.unknown()),
});

const platformValue = z.object({
  object: z.string(),
  type: z.string(),
  account_type_hash: z.string(),
  baseurl: z.string(),
  cookies: z.array(z.object({ name: z.string(), required: z.boolean() })),
  icon: z.string(),
  primary_color: z.string().nullable(),
});
type PlatformValue = z.output<typeof platformValue>;
const statusValue = z.object({ status: z.string(), status_code_info: z.string(), status_code_description: z.string() });
type StatusValue = z.output<typeof statusValue>;
const squidValue = z.object({ name: z.string(), hash_value: z.string() });

/**
 * Reads what serialiseMonitorState wrote, or a version 1 file. Anything else gives no state and a
 * reason; `where` names the source in that reason.
 */
export function parseMonitorState(text: string, where = 'the saved monitor state'): StoreLoad {
  let raw: unknown;
  try {
    raw = JSON.parse(text) as unknown;
  } catch (e) {
    return unusable(where, `it is not valid JSON (${(e as Error).message})`);
  }
  if (typeof raw === 'object' && raw !== null && (raw as { version?: unknown }).version === 1) {
    const state = readMonitorStateV1(raw);
    return 'why' in state ? unusable(where, state.why) : { state, warning: null };
  }
  const parsed = fileV2.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return unusable(where, `it is not in the expected form (${path}${issue?.message ?? 'unknown problem'})`);
  }
  try {
    return { state: new StateReader(parsed.data).state(), warning: null };
  } catch (e) {
    if (!(e instanceof FileFormError)) throw e;
    return unusable(where, `it is not in the expected form (${e.where}: ${e.message})`);
  }
}

/** Turns rows back into accounts and the ledger, checking each field; each shared value is checked once. */
class StateReader {
  private readonly values: SharedValuesReader;
  private readonly platforms = new Map<number, PlatformValue>();
  private readonly statuses = new Map<number, StatusValue>();
  private readonly squids = new Map<number, AccountSquid>();
  private readonly params = new Map<number, Record<string, unknown>>();
  private readonly memories = new Map<number, AccountMemory>();

  constructor(private readonly file: z.output<typeof fileV2>) {
    this.values = new SharedValuesReader(file.shapes, file.values);
  }

  state(): PersistedMonitorState {
    const { snapshot, problem, ledger } = this.file;
    if (JSON.stringify(this.file.fields) !== FIELDS_JSON) throw new FileFormError('fields', 'rows of another form');
    return {
      snapshot: snapshot && {
        checkedAt: snapshot.checkedAt,
        accounts: snapshot.accounts.map((row, i) => this.account(row, `snapshot.accounts.${i}`)),
        warnings: snapshot.warnings,
      },
      problem,
      ledger: this.ledger(ledger),
    };
  }

  private account(row: unknown, where: string): Account {
    if (!Array.isArray(row) || row.length < REQUIRED_CELLS || row.length > ACCOUNT_FIELDS.length) {
      throw new FileFormError(where, `expected a row of ${REQUIRED_CELLS} to ${ACCOUNT_FIELDS.length} fields`);
    }
    const cell = (i: number): string => `${where}.${i}`;
    const id = row[0] as unknown;
    if (typeof id !== 'string' || id === '') throw new FileFormError(cell(0), 'expected a non-empty string');
    const username = text(row[1], cell(1));
    const platform = this.platform(row[5], cell(5));
    const status = this.status(row[6], cell(6));
    const squidRefs = row[7] as unknown;
    if (!Array.isArray(squidRefs)) throw new FileFormError(cell(7), 'expected a list');
    const account: Account = {
      id,
      object: platform.object,
      username,
      created_at: textOrNull(row[2], cell(2)),
      last_synchronization_time: textOrNull(row[3], cell(3)),
      status: status.status,
      status_code_info: status.status_code_info,
      status_code_description: status.status_code_description,
      type: platform.type,
      params: this.paramsOf(row[8], cell(8)),
      updated_at: textOrNull(row[4], cell(4)),
      account_type_hash: platform.account_type_hash,
      squids: squidRefs.map((ref) => this.squid(ref, cell(7))),
      baseurl: platform.baseurl,
      cookies: platform.cookies,
      icon: platform.icon,
      primary_color: platform.primary_color,
      lock_time: numberOrNull(row[9], cell(9)),
      resets_in: numberOrNull(row[10], cell(10)),
      extra: row[11] === undefined || row[11] === null ? NO_EXTRA : this.record(row[11], cell(11)),
    };
    if (row[12] !== undefined && row[12] !== null) account.problem = text(this.values.get(row[12], cell(12)), cell(12));
    return account;
  }

  private platform(ref: unknown, where: string): PlatformValue {
    return this.once(this.platforms, ref, where, () => this.group(ref, PLATFORM_FIELDS, platformValue, where));
  }

  private status(ref: unknown, where: string): StatusValue {
    return this.once(this.statuses, ref, where, () => this.group(ref, STATUS_FIELDS, statusValue, where));
  }

  /** A group of fields shared as one value: a list of indexes, one per field. */
  private group<T>(ref: unknown, names: readonly string[], schema: z.ZodType<T>, where: string): T {
    const refs = this.values.get(ref, where);
    if (!Array.isArray(refs) || refs.length !== names.length) throw new FileFormError(where, `expected a list of ${names.length} references`);
    const fields: Record<string, unknown> = {};
    names.forEach((name, i) => (fields[name] = this.values.get(refs[i], where)));
    return check(schema, fields, where);
  }

  private squid(ref: unknown, where: string): AccountSquid {
    return this.once(this.squids, ref, where, () => check(squidValue, this.values.get(ref, where), where));
  }

  /** An account's params: the entries of one value, each an index of its own value. */
  private paramsOf(ref: unknown, where: string): Record<string, unknown> {
    return this.once(this.params, ref, where, () => {
      const refs = this.record(ref, where);
      const params: Record<string, unknown> = {};
      for (const key of Object.keys(refs)) setOwn(params, key, this.values.get(refs[key], where));
      return params;
    });
  }

  private record(ref: unknown, where: string): Record<string, unknown> {
    const value = this.values.get(ref, where);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FileFormError(where, 'expected an object');
    return value as Record<string, unknown>;
  }

  private once<T>(cache: Map<number, T>, ref: unknown, where: string, read: () => T): T {
    const known = typeof ref === 'number' ? cache.get(ref) : undefined;
    if (known !== undefined) return known;
    const value = read();
    cache.set(ref as number, value);
    return value;
  }

  private ledger(ledger: z.output<typeof fileV2>['ledger']): AlertLedger {
    const accounts: Record<string, AccountMemory> = {};
    ledger.accounts.forEach((row, i) => {
      const where = `ledger.accounts.${i}`;
      if (!Array.isArray(row) || row.length !== 2 || typeof row[0] !== 'string') {
        throw new FileFormError(where, 'expected an account id and a reference');
      }
      const memory = this.once(this.memories, row[1], where, () => check(savedMemory, this.values.get(row[1], where), where));
      setOwn(accounts, row[0], memory);
    });
    return { accounts, keyRejectedShown: ledger.keyRejectedShown };
  }
}

function check<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new FileFormError(where, `${issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? 'unknown problem'}`);
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new FileFormError(where, 'expected a string');
  return value;
}

function textOrNull(value: unknown, where: string): string | null {
  return value === null ? null : text(value, where);
}

function numberOrNull(value: unknown, where: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number') throw new FileFormError(where, 'expected a number or null');
  return value;
}

export function unusable(where: string, why: string): StoreLoad {
  return {
    state: null,
    warning: `${capitalise(where)} could not be used: ${why}. Starting fresh: the accounts show after the first check, and an alert already shown may be shown once more.`,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
