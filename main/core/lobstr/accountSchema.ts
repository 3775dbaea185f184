/**
 * Runtime validation of what the Lobstr API sends, normalised into the app's `Account`.
 *
 * Tolerant where shared/lobstr-api.md's Decisions say the sources disagree (status as a string
 * or a number, `lock_time` as Unix seconds or an ISO date, both `squids` item shapes, null
 * `updated_at`, unknown extra fields kept) and where a real API may leave trivia out (icon,
 * cookies, squids, params, the newest fields): those get empty defaults.
 * Strict on what the health rules read: `id`, `status` and `status_code_info`.
 *
 * One unreadable account must not sink a poll: if it has an id it is kept with `problem` set
 * (the health rules report it as attention with that reason); without an id it is dropped and
 * the caller warns.
 */
import { z } from 'zod';
import { NO_EXTRA, type Account } from './account.js';
import { LobstrApiError } from './apiErrors.js';
import type { IconTable } from './iconTable.js';
import { setOwn } from './sharedValues.js';

/** Short reasons, since they end up in a sentence: "status_code_info: expected a string". */
function expected(what: string) {
  return { error: (issue: { input?: unknown }) => (issue.input === undefined ? 'missing' : `expected ${what}`) };
}

const requiredString = z.string(expected('a string'));
/** A string a real API might leave out or send as null: '' then. */
const optionalString = z
  .string(expected('a string'))
  .nullish()
  .transform((v) => v ?? '');
/** An ISO timestamp or null; '' is read as null so "last synced" never shows garbage. */
const timestamp = z
  .string(expected('a string or null'))
  .nullish()
  .transform((v) => (v === undefined || v === null || v.trim() === '' ? null : v));

const squid = z.union(
  [
    z.looseObject({ name: z.string(), hash_value: z.string() }).transform((s) => ({ name: s.name, hash_value: s.hash_value })),
    // The MCP fixtures' shape.
    z.looseObject({ id: z.string(), name: z.string() }).transform((s) => ({ name: s.name, hash_value: s.id })),
  ],
  expected('{name, hash_value} or {id, name}'),
);

const cookie = z
  .looseObject({
    name: z.string(expected('a string')),
    required: z.boolean(expected('true or false')).nullish(),
  }, expected('an object'))
  .transform((c) => ({ name: c.name, required: c.required ?? true }));

/** Unix seconds; an ISO 8601 date (SDK and MCP read it so) becomes seconds; digits in a string too. */
const lockTime = z
  .union(
    [
      z.number().transform(Math.floor),
      z.string().regex(/^\d+$/).transform(Number),
      z.iso.datetime({ offset: true, local: true }).transform((s) => Math.floor(Date.parse(s) / 1000)),
      z.null(),
    ],
    expected('Unix seconds, an ISO 8601 date or null'),
  )
  .optional()
  .transform((v) => (v === undefined || Number.isNaN(v) ? null : v));

/** One schema per field of the seed's account object, plus the newest documented fields. */
const accountFields = {
  id: requiredString.min(1, 'expected a non-empty string'),
  object: z
    .string(expected('a string'))
    .nullish()
    .transform((v) => v ?? 'account'),
  username: optionalString,
  created_at: timestamp,
  last_synchronization_time: timestamp,
  // Documented as a string ("200"); some clients send and compare numbers.
  status: z
    .union([z.string(), z.number()], expected('a string or a number'))
    .transform((v) => (typeof v === 'number' ? String(v) : v)),
  status_code_info: requiredString,
  status_code_description: optionalString,
  type: optionalString,
  params: z
    .record(z.string(), z.unknown(), expected('an object'))
    .nullish()
    .transform((v) => v ?? {}),
  updated_at: timestamp,
  account_type_hash: optionalString,
  squids: z
    .array(squid, expected('a list'))
    .nullish()
    .transform((v) => v ?? []),
  baseurl: optionalString,
  cookies: z
    .array(cookie, expected('a list'))
    .nullish()
    .transform((v) => v ?? []),
  icon: optionalString,
  primary_color: z
    .string(expected('a string or null'))
    .nullish()
    .transform((v) => v ?? null),
  lock_time: lockTime,
  resets_in: z
    .number(expected('a number or null'))
    .nullish()
    .transform((v) => v ?? null),
};

type KnownField = keyof typeof accountFields;
type ParsedFields = { [K in KnownField]: z.output<(typeof accountFields)[K]> };

// The compiler checks here that the schema's output is exactly the app's Account.
const fieldsMatchAccount: (p: ParsedFields) => Omit<Account, 'extra' | 'problem'> = (p) => p;

const KNOWN_FIELDS = Object.keys(accountFields) as KnownField[];
const KNOWN = new Set<string>(KNOWN_FIELDS);

export const accountSchema = z.looseObject(accountFields);

/** What a field becomes when its value cannot be read. */
const FALLBACK: ParsedFields = {
  id: '',
  object: 'account',
  username: '',
  created_at: null,
  last_synchronization_time: null,
  status: '',
  status_code_info: '',
  status_code_description: '',
  type: '',
  params: {},
  updated_at: null,
  account_type_hash: '',
  squids: [],
  baseurl: '',
  cookies: [],
  icon: '',
  primary_color: null,
  lock_time: null,
  resets_in: null,
};

const MAX_PROBLEMS_LISTED = 3;

/**
 * One account item of a response. `{ error }` (a short reason) only when the item has no
 * usable id; any other defect yields an Account with `problem` set. `icons`, when given, is the
 * listing's table of icons: the account gets the copy already held (see iconTable.ts).
 */
export function parseAccount(raw: unknown, icons?: IconTable): Account | { error: string } {
  if (!isRecord(raw)) return { error: `expected an account object, got ${describeValue(raw)}` };
  const id = raw['id'];
  if (typeof id !== 'string' || id.trim() === '') {
    return { error: id === undefined ? 'the item has no id' : `id: expected a non-empty string, got ${describeValue(id)}` };
  }

  // An own "__proto__" key (JSON.parse makes one) is kept as a field, not made the prototype.
  let extra = NO_EXTRA;
  for (const key in raw) {
    if (!Object.hasOwn(raw, key) || KNOWN.has(key)) continue;
    if (extra === NO_EXTRA) extra = {};
    setOwn(extra, key, raw[key]);
  }

  const whole = accountSchema.safeParse(raw);
  if (whole.success) return toAccount(whole.data as ParsedFields, extra, icons);

  // Best effort: every readable field kept, the rest at their fallback.
  const partial: Record<string, unknown> = {};
  for (const key of KNOWN_FIELDS) {
    const result = accountFields[key].safeParse(raw[key]);
    partial[key] = result.success ? result.data : FALLBACK[key];
  }
  const account = toAccount(partial as ParsedFields, extra, icons);
  account.problem = describeIssues(whole.error.issues);
  return account;
}

/**
 * The Account as one object literal, its fields always in this order: every account then shares
 * one hidden class, its fields held inline. (Spreading the parsed fields into a new object, as
 * this did before, gave each of 10,000 accounts a hidden class of its own: 2 KB an account instead
 * of 1.2, and property reads gone megamorphic in every loop over the list.)
 */
function toAccount(p: ParsedFields, extra: Record<string, unknown>, icons: IconTable | undefined): Account {
  return {
    id: p.id,
    object: p.object,
    username: p.username,
    created_at: p.created_at,
    last_synchronization_time: p.last_synchronization_time,
    status: p.status,
    status_code_info: p.status_code_info,
    status_code_description: p.status_code_description,
    type: p.type,
    params: p.params,
    updated_at: p.updated_at,
    account_type_hash: p.account_type_hash,
    squids: p.squids,
    baseurl: p.baseurl,
    cookies: p.cookies,
    icon: icons?.intern(p.icon) ?? p.icon,
    primary_color: p.primary_color,
    lock_time: p.lock_time,
    resets_in: p.resets_in,
    extra,
  };
}

/** The pagination envelope of GET /accounts (and of the detail endpoint). */
export interface AccountsPage {
  /** null when the server left a counter out; the client then walks until an empty page. */
  total_results: number | null;
  total_pages: number | null;
  page: number | null;
  limit: number | null;
  data: unknown[];
}

const counter = z
  .number(expected('a whole number'))
  .int({ error: 'expected a whole number' })
  .nonnegative({ error: 'expected a whole number' })
  .nullish()
  .transform((v) => v ?? null);

const accountsPageSchema = z.looseObject({
  total_results: counter,
  total_pages: counter,
  page: counter,
  limit: counter,
  data: z.array(z.unknown(), expected('a list')),
});

/**
 * Reads the envelope; the items stay raw (parseAccount reads each one). Throws
 * LobstrApiError('invalid_response') when the body is not the envelope at all.
 */
export function parseAccountsPage(body: unknown): AccountsPage {
  const result = accountsPageSchema.safeParse(body);
  if (result.success) {
    const { total_results, total_pages, page, limit, data } = result.data;
    return { total_results, total_pages, page, limit, data };
  }
  const why =
    isRecord(body) && Array.isArray(body['data'])
      ? describeIssues(result.error.issues)
      : `expected an object with a "data" list, got ${describeBody(body)}`;
  throw new LobstrApiError(
    'invalid_response',
    `Lobstr's answer is not a page of accounts (${why}). Check the API base URL (it should end in /v1, like https://api.lobstr.io/v1).`,
  );
}

/** The fields the health rules read are named first: they are why the account is not trusted. */
const DECISIVE_FIELDS = new Set<PropertyKey>(['id', 'status', 'status_code_info']);

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const decisive = (issue: z.core.$ZodIssue): number => (DECISIVE_FIELDS.has(issue.path[0] ?? '') ? 0 : 1);
  const ordered = [...issues].sort((a, b) => decisive(a) - decisive(b));
  const parts = ordered.slice(0, MAX_PROBLEMS_LISTED).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  const more = issues.length - MAX_PROBLEMS_LISTED;
  return more > 0 ? `${parts.join('; ')} (and ${more} more)` : parts.join('; ');
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(the item)' : out;
}

function describeBody(body: unknown): string {
  if (isRecord(body)) return 'an object without one';
  return describeValue(body);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value.trim() === '' ? 'an empty string' : 'a string';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
