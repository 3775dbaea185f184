/**
 * The secret port: where the API key lives. The key is read only by the main process to call the
 * API; everything shown to the user (the renderer, the tray, logs) gets at most its hint, "…a1b2".
 * In the app the key is encrypted with Electron's safeStorage (main/electron/safeStorageSecretStore.ts).
 * What a key may look like, and how it is hidden in text, is main/core/apiKey.ts's.
 */
import { keyHint, normaliseApiKey } from './apiKey.js';

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
