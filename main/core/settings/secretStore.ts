/**
 * The secret port: where the API key lives. The key is read only by the main process to call the
 * API; everything shown to the user (the renderer, the tray, logs) gets at most its hint, "…a1b2".
 * In the app the key is encrypted with Electron's safeStorage (main/electron/safeStorageSecretStore.ts).
 * What a key may look like, and how it is hidden in text, is main/core/settings/apiKey.ts's.
 */
import { normaliseApiKey } from './apiKey.js';
import { DEFAULT_API_BASE, originOf } from '../lobstr/baseUrl.js';

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

/** The key as read from where it is kept; a failed read is never remembered as "no key". */
export type KeyReading =
  | { state: 'absent' }
  /** The key and the origin it was checked against (it is sent nowhere else). */
  | { state: 'stored'; key: string; origin: string }
  /** The system keyring is locked or not ready yet: nothing was discarded, the next read tries again. */
  | { state: 'waiting' }
  /** It cannot be used (a damaged file, a key saved on another computer): `notice` says why. */
  | { state: 'unusable' };

export interface SecretStore {
  /** The key, for the API client only, with its origin; everything else shows at most its hint. */
  read(): Promise<KeyReading>;
  /** Checks (normaliseApiKey) and stores the key, bound to `origin`. Rejects with a message that never contains it. */
  setKey(key: string, origin: string): Promise<void>;
  clearKey(): Promise<void>;
  backend(): Promise<SecretBackend>;
  /** Something the user should be told (a stored key that cannot be used); null when all is well. */
  readonly notice: string | null;
}

/**
 * A store that keeps the key in memory only: the headless watch (key from LOBSTR_API_KEY) and
 * tests of whatever uses a SecretStore.
 */
export function createMemorySecretStore(
  initial: string | null = null,
  backend: SecretBackend = { kind: 'keychain', label: 'memory (this run only)', note: null },
  origin: string = originOf(DEFAULT_API_BASE),
): SecretStore {
  let stored = initial === null ? null : { key: normaliseApiKey(initial), origin: originOf(origin) };
  return {
    read: async () => (stored === null ? { state: 'absent' } : { state: 'stored', ...stored }),
    setKey: async (value, keyOrigin) => {
      stored = { key: normaliseApiKey(value), origin: originOf(keyOrigin) };
    },
    clearKey: async () => {
      stored = null;
    },
    backend: async () => ({ ...backend }),
    notice: null,
  };
}
