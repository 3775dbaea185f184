/**
 * Keeping secrets out of logs. The API key is the one secret this app holds; a log file is
 * something people attach to bug reports, so every message is scrubbed on the way in: the known
 * key wherever it appears, and anything shaped like an authorization value even when the key is
 * not known (an old key, a key typed into a URL field).
 */
import { inspect } from 'node:util';

/** What the core logs through; the app's is the electron-log file (main/electron/appLog.ts). */
export interface Logger {
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

export const REDACTED = '[redacted]';

/** Shorter strings are not treated as secrets: redacting "ab" everywhere would garble the log. */
const MIN_SECRET_LENGTH = 4;

/** `Authorization: …` as a header line, a JSON member or a query-style pair: the whole value goes. */
const AUTHORIZATION_VALUE = /(\bauthorization\b["']?\s*[:=]\s*["']?)([^"'\r\n,;}\]]+)/gi;
/** The scheme and credential of an Authorization header written out in prose or an error message. */
const SCHEME_CREDENTIAL = /\b(Token|Bearer|Basic)(\s+)([A-Za-z0-9._~+/=-]{8,})/g;
/** The variable the headless command reads its key from, should an environment dump reach a log. */
const KEY_VARIABLE = /(\bLOBSTR_API_KEY\s*[=:]\s*["']?)([^\s"']+)/g;
/** Field names whose values are secrets whatever they hold. */
const SECRET_FIELD = /^(authorization|api[-_]?key|apikey|token|access[-_]?token|password|secret)$/i;

/**
 * Returns `text` with every given secret, every `Authorization:` value, every `Token <credential>`
 * and every `LOBSTR_API_KEY=` value replaced by "[redacted]".
 */
export function redactSecrets(text: string, secrets: Iterable<string | null | undefined> = []): string {
  let result = text;
  const known = [...secrets]
    .filter((s): s is string => typeof s === 'string')
    .map((s) => s.trim())
    .filter((s) => s.length >= MIN_SECRET_LENGTH)
    // Longest first, so a secret that contains another is removed whole.
    .sort((a, b) => b.length - a.length);
  for (const secret of known) result = result.split(secret).join(REDACTED);

  result = result.replace(AUTHORIZATION_VALUE, (_match, name: string) => `${name}${REDACTED}`);
  // A credential has a digit somewhere; "Token rejected" is prose and stays readable.
  result = result.replace(SCHEME_CREDENTIAL, (match, scheme: string, space: string, credential: string) =>
    /\d/.test(credential) && credential !== REDACTED ? `${scheme}${space}${REDACTED}` : match,
  );
  result = result.replace(KEY_VARIABLE, (_match, name: string) => `${name}${REDACTED}`);
  return result;
}

const MAX_DEPTH = 6;

/**
 * A copy of any value about to be logged with its secrets removed: strings are scrubbed, errors are
 * copied with scrubbed messages and stacks, arrays and plain objects are walked (fields named like
 * `authorization` or `apiKey` are dropped whole), other objects are rendered to text and scrubbed.
 * The original is never modified.
 */
export function redactValue(value: unknown, secrets: Iterable<string | null | undefined> = []): unknown {
  const known = [...secrets];
  const seen = new WeakSet<object>();

  const walk = (item: unknown, depth: number): unknown => {
    if (typeof item === 'string') return redactSecrets(item, known);
    if (typeof item !== 'object' || item === null) return item;
    if (item instanceof Date) return item;
    if (seen.has(item)) return '[Circular]';
    if (depth >= MAX_DEPTH) return redactSecrets(inspect(item, { depth: 0 }), known);
    seen.add(item);

    if (item instanceof Error) return redactError(item, (inner) => walk(inner, depth + 1), known);
    if (Array.isArray(item)) return item.map((entry) => walk(entry, depth + 1));
    const proto: unknown = Object.getPrototypeOf(item);
    if (proto === Object.prototype || proto === null) {
      const copy: Record<string, unknown> = {};
      for (const [key, entry] of Object.entries(item)) {
        copy[key] = SECRET_FIELD.test(key) && entry !== null && entry !== undefined ? REDACTED : walk(entry, depth + 1);
      }
      return copy;
    }
    // Headers, Maps, class instances: their text form is what a log shows anyway.
    return redactSecrets(inspect(item, { depth: 2 }), known);
  };

  return walk(value, 0);
}

function redactError(error: Error, walk: (value: unknown) => unknown, secrets: Iterable<string | null | undefined>): Error {
  // Same prototype, so the log still shows "LobstrApiError: …" and instanceof holds.
  const copy = Object.create(Object.getPrototypeOf(error) as object) as Error;
  for (const [key, entry] of Object.entries(error)) {
    (copy as unknown as Record<string, unknown>)[key] = SECRET_FIELD.test(key) ? REDACTED : walk(entry);
  }
  const define = (key: string, value: unknown): void => {
    Object.defineProperty(copy, key, { value, writable: true, configurable: true, enumerable: false });
  };
  define('name', error.name);
  define('message', redactSecrets(error.message, secrets));
  define('stack', error.stack === undefined ? undefined : redactSecrets(error.stack, secrets));
  if ('cause' in error) define('cause', walk(error.cause));
  return copy;
}
