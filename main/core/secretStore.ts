/**
 * The secret port: where the API key lives. The key is read only by the main process to call the
 * API; everything shown to the user (the renderer, the tray, logs) gets at most its hint, "…a1b2".
 * In the app the key is encrypted with Electron's safeStorage (main/electron/safeStorageSecretStore.ts).
 */

/**
 * keychain: the OS protects the key (macOS Keychain, Windows DPAPI, a Linux keyring).
 * basic_text: Linux without a keyring; Chromium encrypts with a fixed password, which hides the key
 * from a casual look at the file but not from anyone who can read the user's files.
 * unavailable: no encryption at all; the key is not stored.
 */
export type SecretBackendKind = 'keychain' | 'basic_text' | 'unavailable';

export interface SecretBackend {
  kind: SecretBackendKind;
  /** What protects the key, for the settings page: "macOS Keychain", "GNOME Keyring (libsecret)", … */
  label: string;
  /** What the user should know about it; null when there is nothing to add. */
  note: string | null;
}

export interface SecretStore {
  hasKey(): Promise<boolean>;
  /** "…a1b2" for a stored key, null when there is none. */
  keyHint(): Promise<string | null>;
  /** The key itself, for the API client only. Null when none is stored or it cannot be read. */
  getKey(): Promise<string | null>;
  /** Checks (normaliseApiKey) and stores the key. Rejects with a message that never contains it. */
  setKey(key: string): Promise<void>;
  clearKey(): Promise<void>;
  backend(): Promise<SecretBackend>;
  /** Something the user should be told (a stored key that could not be read); null when all is well. */
  readonly notice: string | null;
}

/** A key that was refused; the message says why and never contains the key. */
export class InvalidApiKeyError extends Error {
  override readonly name = 'InvalidApiKeyError';
}

const MIN_KEY_LENGTH = 8;
const MAX_KEY_LENGTH = 512;
/** Fewer characters than this and the last four would give away too much of the key. */
const MIN_LENGTH_FOR_HINT = 16;

/**
 * Trims what the user pasted and accepts it as an API key, or throws InvalidApiKeyError.
 * A pasted header ("Token abc…" or "Authorization: Token abc…") is reduced to the key, since that
 * is how the Lobstr docs print it.
 */
export function normaliseApiKey(input: unknown): string {
  if (typeof input !== 'string') throw new InvalidApiKeyError('The API key must be text.');
  const key = input
    .trim()
    .replace(/^authorization\s*:\s*/i, '')
    .replace(/^token\s+/i, '')
    .trim();
  if (key === '') throw new InvalidApiKeyError('The API key is empty; paste the key from your Lobstr dashboard.');
  if (key.length < MIN_KEY_LENGTH) {
    throw new InvalidApiKeyError(`The API key is only ${key.length} characters long; paste the whole key from your Lobstr dashboard.`);
  }
  if (key.length > MAX_KEY_LENGTH) {
    throw new InvalidApiKeyError(`The API key is ${key.length} characters long; a Lobstr key is far shorter. Paste only the key.`);
  }
  // It travels in an HTTP header: printable ASCII, no spaces.
  if (!/^[\x21-\x7e]+$/.test(key)) {
    throw new InvalidApiKeyError('The API key must be a single word of letters, digits and punctuation, with no spaces; paste only the key.');
  }
  return key;
}

/** "…a1b2": enough to tell two keys apart, never enough to use one. A short key shows only "…". */
export function keyHint(key: string): string {
  return key.length >= MIN_LENGTH_FOR_HINT ? `…${key.slice(-4)}` : '…';
}

/**
 * A store that keeps the key in memory only: the headless watch (key from LOBSTR_API_KEY) and
 * tests of whatever uses a SecretStore.
 */
export function createMemorySecretStore(
  initial: string | null = null,
  backend: SecretBackend = { kind: 'keychain', label: 'memory (this run only)', note: null },
): SecretStore {
  let key = initial === null ? null : normaliseApiKey(initial);
  return {
    hasKey: async () => key !== null,
    keyHint: async () => (key === null ? null : keyHint(key)),
    getKey: async () => key,
    setKey: async (value) => {
      key = normaliseApiKey(value);
    },
    clearKey: async () => {
      key = null;
    },
    backend: async () => ({ ...backend }),
    notice: null,
  };
}
