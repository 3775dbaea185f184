/**
 * Keeping secrets out of logs. The API key is the one secret this app holds; a log file is
 * something people attach to bug reports, so every message is scrubbed on the way in: the known
 * key wherever it appears, and anything shaped like an authorization value even when the key is
 * not known (an old key, a key typed into a URL field).
 */
import { inspect } from 'node:util';
import { REDACTED, redactSecrets } from './apiKey.js';

/** What the core logs through; the app's is the electron-log file (main/electron/appLog.ts). */
export interface Logger {
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

/** Hiding the key in one text is apiKey.ts's; here it is applied to whatever reaches the log. */
export { REDACTED, redactSecrets };

/** Field names whose values are secrets whatever they hold. */
const SECRET_FIELD = /^(authorization|api[-_]?key|apikey|token|access[-_]?token|password|secret)$/i;

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
