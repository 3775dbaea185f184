/**
 * The API key's rules, in one place: how a pasted key is cleaned and checked (the window's IPC
 * schema and the key store use the same check, so one never accepts what the other refuses), how
 * much of it may be shown, and how it is hidden in any text (the client's error messages, the IPC
 * answers, the log and the command line's output).
 */

export const API_KEY_LIMITS = {
  /** Shorter than this is a key cut off while copying. */
  minLength: 8,
  /** Lobstr's keys are far shorter; longer is something else pasted by mistake. */
  maxLength: 512,
  /** What is pasted, header prefix and stray spaces included; longer is refused before it is read. */
  maxPastedLength: 4096,
} as const;

/** It travels in an HTTP header: printable ASCII, no spaces. */
export const API_KEY_CHARACTERS = /^[\x21-\x7e]+$/;

/** Fewer characters than this and the last four would give away too much of the key. */
const MIN_LENGTH_FOR_HINT = 16;

/** A key that was refused; the message says why and never contains the key. */
export class InvalidApiKeyError extends Error {
  override readonly name = 'InvalidApiKeyError';
}

/**
 * What was pasted, reduced to the key: trimmed, and a pasted header ("Token abc…" or
 * "Authorization: Token abc…") reduced to its credential, since that is how Lobstr's docs print it.
 */
export function cleanPastedKey(text: string): string {
  return text
    .trim()
    .replace(/^authorization\s*:\s*/i, '')
    .replace(/^token\s+/i, '')
    .trim();
}

export type ApiKeyCheck = { ok: true; key: string } | { ok: false; problem: string };

/**
 * Cleans and checks a pasted key. A refusal's `problem` continues "The API key …" ("is empty; paste
 * the key from your Lobstr dashboard") and never repeats the key.
 */
export function checkApiKey(input: unknown): ApiKeyCheck {
  const refuse = (problem: string): ApiKeyCheck => ({ ok: false, problem });
  if (typeof input !== 'string') return refuse('must be text');
  if (input.length > API_KEY_LIMITS.maxPastedLength) return refuse('is far longer than a Lobstr API key; paste only the key');
  const key = cleanPastedKey(input);
  if (key === '') return refuse('is empty; paste the key from your Lobstr dashboard');
  if (key.length < API_KEY_LIMITS.minLength) {
    return refuse(`is only ${key.length} characters long; paste the whole key from your Lobstr dashboard`);
  }
  if (key.length > API_KEY_LIMITS.maxLength) {
    return refuse(`is ${key.length} characters long, far longer than a Lobstr API key; paste only the key`);
  }
  if (!API_KEY_CHARACTERS.test(key)) {
    return refuse('must be a single word of letters, digits and punctuation, with no spaces; paste only the key');
  }
  return { ok: true, key };
}

/** The key in `input`, or InvalidApiKeyError ("The API key is empty; …"). */
export function normaliseApiKey(input: unknown): string {
  const checked = checkApiKey(input);
  if (!checked.ok) throw new InvalidApiKeyError(`The API key ${checked.problem}.`);
  return checked.key;
}

/** "…a1b2": enough to tell two keys apart, never enough to use one. A short key shows only "…". */
export function keyHint(key: string): string {
  return key.length >= MIN_LENGTH_FOR_HINT ? `…${key.slice(-4)}` : '…';
}

// ---------------------------------------------------------------- hiding a key in text

/** What stands in for a hidden secret, everywhere. */
export const REDACTED = '[redacted]';

/** Shorter strings are not treated as secrets: hiding "ab" everywhere would garble the text. */
const MIN_SECRET_LENGTH = 4;

/** `Authorization: …` as a header line, a JSON member or a query-style pair: the whole value goes. */
const AUTHORIZATION_VALUE = /(\bauthorization\b["']?\s*[:=]\s*["']?)([^"'\r\n,;}\]]+)/gi;
/** The scheme and credential of an Authorization header written out in prose or an error message. */
const SCHEME_CREDENTIAL = /\b(Token|Bearer|Basic)(\s+)([A-Za-z0-9._~+/=-]{8,})/g;
/** The variable the headless command reads its key from, should an environment dump reach a text. */
const KEY_VARIABLE = /(\bLOBSTR_API_KEY\s*[=:]\s*["']?)([^\s"']+)/g;

/**
 * Returns `text` with every given secret, every `Authorization:` value, every `Token <credential>`
 * and every `LOBSTR_API_KEY=` value replaced by "[redacted]": the one way a key is hidden, whether
 * the text is an error message for the window, a log line or the command line's output. The known
 * key goes wherever it appears; the shapes catch a key that is not known (an old one, one typed into
 * another field).
 */
export function redactSecrets(text: string, secrets: Iterable<string | null | undefined> = []): string {
  // The shapes first, so "Authorization: Token <key>" loses its whole value, not only the key.
  let result = text.replace(AUTHORIZATION_VALUE, (_match, name: string) => `${name}${REDACTED}`);
  // A credential has a digit somewhere; "Token rejected" is prose and stays readable.
  result = result.replace(SCHEME_CREDENTIAL, (match, scheme: string, space: string, credential: string) =>
    /\d/.test(credential) ? `${scheme}${space}${REDACTED}` : match,
  );
  result = result.replace(KEY_VARIABLE, (_match, name: string) => `${name}${REDACTED}`);

  const known = [...secrets]
    .filter((s): s is string => typeof s === 'string')
    .map((s) => s.trim())
    .filter((s) => s.length >= MIN_SECRET_LENGTH)
    // Longest first, so a secret that contains another is removed whole.
    .sort((a, b) => b.length - a.length);
  for (const secret of known) result = result.split(secret).join(REDACTED);
  return result;
}
