/**
 * An account's `params` read for people. Lobstr sends `{default: {...}, user: {...}}`: the account
 * type's limits and this account's own limits and usage (for Sales Navigator: batch, profiles,
 * searches, batch_hours). The shape is free-form per platform, so anything unexpected is passed
 * on as it is for a key/value display instead of being dropped or failing.
 */
import { isoFromUnixSeconds } from './dateTime';

/** One cell of the side-by-side table: text, and the ISO time when the value is a date. */
export interface ParamCell {
  text: string;
  iso?: string;
}

/** One attribute of a limit (max, default, value...), Lobstr's default next to this account's. */
export interface ParamRow {
  key: string;
  label: string;
  lobstr: ParamCell | null;
  account: ParamCell | null;
}

/** How much of a limit is used. */
export interface Usage {
  used: number;
  limit: number;
  /** "today" for a daily counter, "in the current batch" for a batch. */
  period: string;
  /** What is counted ("profiles"), when the API says. */
  unit: string | null;
}

export interface LimitEntry {
  /** The API's key: "profiles", "batch_hours". */
  name: string;
  /** "batch hours". */
  title: string;
  description: string | null;
  usage: Usage | null;
  rows: ParamRow[];
}

export type ParamsReading =
  /** The platform has no limits (`{}` or `{default: {}, user: {}}`). */
  | { kind: 'none' }
  /** The documented shape; `rest` holds any other top-level key, for a key/value display. */
  | { kind: 'limits'; entries: LimitEntry[]; rest: Record<string, unknown> }
  /** A shape this version does not know: shown as key/value. */
  | { kind: 'other'; value: Record<string, unknown> };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const LABELS: Record<string, string> = {
  max: 'Limit',
  default: 'Default',
  value: 'Value',
  current: 'Current',
  attribute: 'Counts',
  timestamp: 'Counter since',
  start_time: 'Start time',
  last_batch_at: 'Last batch',
};
/** Fixed order for the known attributes; unknown ones follow in the order the API sent them. */
const ORDER = ['max', 'default', 'value', 'current', 'attribute', 'timestamp', 'last_batch_at', 'start_time'];

export function readParams(params: Record<string, unknown>): ParamsReading {
  const keys = Object.keys(params);
  if (keys.length === 0) return { kind: 'none' };
  const lobstr = params['default'];
  const account = params['user'];
  const hasDefault = 'default' in params;
  const hasUser = 'user' in params;
  if ((!hasDefault && !hasUser) || (hasDefault && !isRecord(lobstr)) || (hasUser && !isRecord(account))) {
    return { kind: 'other', value: params };
  }
  const defaults = isRecord(lobstr) ? lobstr : {};
  const own = isRecord(account) ? account : {};
  const rest: Record<string, unknown> = {};
  for (const key of keys) if (key !== 'default' && key !== 'user') rest[key] = params[key];

  const names = [...new Set([...Object.keys(defaults), ...Object.keys(own)])];
  if (names.length === 0 && Object.keys(rest).length === 0) return { kind: 'none' };
  return { kind: 'limits', entries: names.map((name) => limitEntry(name, defaults[name], own[name])), rest };
}

function limitEntry(name: string, lobstrValue: unknown, accountValue: unknown): LimitEntry {
  // A bare value where an object was expected is still shown, as the limit's value.
  const lobstr = lobstrValue === undefined ? {} : isRecord(lobstrValue) ? lobstrValue : { value: lobstrValue };
  const account = accountValue === undefined ? {} : isRecord(accountValue) ? accountValue : { value: accountValue };
  const description = text(lobstr['description']) ?? text(account['description']);
  const usage = usageOf(account);

  const attributes = [...new Set([...Object.keys(lobstr), ...Object.keys(account)])].filter((key) => key !== 'description');
  attributes.sort((a, b) => rank(a) - rank(b));
  const rows = attributes.map((key) => ({
    key,
    label: key === 'value' && usage?.period === 'today' ? 'Used today' : (LABELS[key] ?? key.replace(/_/g, ' ')),
    lobstr: key in lobstr ? cell(key, lobstr[key]) : null,
    account: key in account ? cell(key, account[key]) : null,
  }));
  return { name, title: name.replace(/_/g, ' '), description, usage, rows };
}

function rank(key: string): number {
  const at = ORDER.indexOf(key);
  return at === -1 ? ORDER.length : at;
}

/**
 * A daily counter (`value` against `max`, with the `timestamp` of its day) or a batch in progress
 * (`current` against `max`). A `value` without a timestamp (batch_hours) is a setting, not usage.
 */
function usageOf(account: Record<string, unknown>): Usage | null {
  const limit = account['max'];
  if (typeof limit !== 'number' || !Number.isFinite(limit)) return null;
  const unit = text(account['attribute']);
  const value = account['value'];
  if (typeof value === 'number' && Number.isFinite(value) && 'timestamp' in account) {
    return { used: value, limit, period: 'today', unit };
  }
  const current = account['current'];
  if (typeof current === 'number' && Number.isFinite(current)) {
    return { used: current, limit, period: 'in the current batch', unit };
  }
  return null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** A value as text; a unix `timestamp` also as a date. */
function cell(key: string, value: unknown): ParamCell {
  if (key === 'timestamp' && typeof value === 'number') {
    const iso = isoFromUnixSeconds(value);
    if (iso !== null) return { text: String(value), iso };
  }
  return { text: valueText(value) };
}

/** A short readable form of any JSON value: "—" for null, strings as they are, the rest as JSON. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value === '' ? '(empty)' : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
