/**
 * The API key, encrypted with Electron's safeStorage (the async API) and kept as ciphertext in a
 * small file of the user data folder, readable by the user alone. `safeStorage` comes in as a
 * parameter so tests can pass a fake.
 *
 * Nothing here crashes the app over the key: a file it cannot read, or ciphertext it cannot decrypt
 * (a profile copied from another machine), means "no key yet" plus a notice asking for it again.
 * The key itself never goes into an error, a notice or a log line.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import { keyHint, normaliseApiKey, redactSecrets } from '../core/apiKey.js';
import type { Logger } from '../core/logRedaction.js';
import type { SecretBackend, SecretStore } from '../core/secretStore.js';

/** The parts of Electron's safeStorage used here. */
export type SafeStorageApi = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

export interface SafeStorageSecretStoreOptions {
  safeStorage: SafeStorageApi;
  /** Where the ciphertext is kept, e.g. path.join(app.getPath('userData'), API_KEY_FILE_NAME). */
  filePath: string;
  /** process.platform unless a test says otherwise. */
  platform?: NodeJS.Platform;
  logger?: Logger;
  /** Told the key whenever it is read or stored, so the log can redact it (AppLog.addSecret). */
  onKeyKnown?: (key: string) => void;
}

export const API_KEY_FILE_NAME = 'api-key.json';

export const BASIC_TEXT_NOTE =
  'No system keyring was found, so the key is encrypted with a fixed password: anyone who can read your files can recover it.';
export const UNAVAILABLE_NOTE =
  'This system offers no encryption for stored secrets, so Lobstr Tray cannot save the API key ' +
  '(it is never stored in clear text).';

/** On-disk shape: versioned so a later format can tell old files apart. */
interface KeyFile {
  version: 1;
  /** safeStorage's ciphertext, base64. */
  ciphertext: string;
}

const LINUX_BACKEND_LABELS: Record<string, string> = {
  gnome_libsecret: 'Secret Service keyring (libsecret)',
  kwallet: 'KWallet',
  kwallet5: 'KWallet 5',
  kwallet6: 'KWallet 6',
  unknown: 'system keyring',
};

export function createSafeStorageSecretStore(options: SafeStorageSecretStoreOptions): SecretStore {
  const { safeStorage, filePath, logger } = options;
  const platform = options.platform ?? process.platform;

  /** undefined until the file has been read once; null: no usable key. */
  let cached: string | null | undefined;
  let notice: string | null = null;

  // One operation at a time: a read racing a write must not resurrect a cleared key.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(operation: () => Promise<T>): Promise<T> => {
    const run = queue.then(operation, operation);
    queue = run.catch(() => undefined);
    return run;
  };

  const encryptionAvailable = async (): Promise<boolean> => {
    try {
      return await safeStorage.isAsyncEncryptionAvailable();
    } catch (error) {
      logger?.warn('safeStorage could not tell whether encryption is available:', describe(error));
      return false;
    }
  };

  const remember = (key: string): string => {
    cached = key;
    options.onKeyKnown?.(key);
    return key;
  };

  const unreadable = (message: string, detail?: unknown): null => {
    notice = message;
    cached = null;
    logger?.warn(message, ...(detail === undefined ? [] : [describe(detail)]));
    return null;
  };

  const load = async (): Promise<string | null> => {
    if (cached !== undefined) return cached;

    let text: string;
    try {
      text = await fs.readFile(filePath, 'utf8');
    } catch (error) {
      if (isMissing(error)) {
        cached = null;
        return null;
      }
      return unreadable('The saved API key could not be read; enter it again in Settings.', error);
    }

    const ciphertext = readKeyFile(text);
    if (ciphertext === null) return unreadable('The saved API key file is damaged; enter the key again in Settings.');

    if (!(await encryptionAvailable())) {
      return unreadable('The saved API key cannot be decrypted because this system offers no encryption now; enter it again in Settings.');
    }

    let decrypted: { result: string; shouldReEncrypt: boolean };
    try {
      decrypted = await safeStorage.decryptStringAsync(ciphertext);
    } catch (error) {
      return unreadable(
        'The saved API key could not be decrypted (it was probably saved on another computer or user account); enter it again in Settings.',
        error,
      );
    }

    let key: string;
    try {
      key = normaliseApiKey(decrypted.result);
    } catch {
      return unreadable('The saved API key file is damaged; enter the key again in Settings.');
    }
    notice = null;
    remember(key);

    if (decrypted.shouldReEncrypt) {
      // The OS rotated its key or a better keyring appeared: store the key under the new protection.
      try {
        await writeCiphertext(filePath, await safeStorage.encryptStringAsync(key));
      } catch (error) {
        logger?.warn('Re-encrypting the saved API key failed; the old copy still works:', describe(error, [key]));
      }
    }
    return key;
  };

  return {
    hasKey: () => serial(async () => (await load()) !== null),
    keyHint: () =>
      serial(async () => {
        const key = await load();
        return key === null ? null : keyHint(key);
      }),
    getKey: () => serial(load),

    setKey: (input) =>
      serial(async () => {
        const key = normaliseApiKey(input);
        if (!(await encryptionAvailable())) throw new Error(UNAVAILABLE_NOTE);

        let ciphertext: Buffer;
        try {
          ciphertext = await safeStorage.encryptStringAsync(key);
        } catch (error) {
          throw new Error(`Encrypting the API key failed: ${describe(error, [key])}`);
        }
        // A broken encryptor that hands back the plaintext must not make us write the key in clear.
        if (ciphertext.length === 0 || ciphertext.includes(key) || ciphertext.toString('base64').includes(key)) {
          throw new Error('Encryption did not hide the API key, so it was not saved.');
        }

        try {
          await writeCiphertext(filePath, ciphertext);
        } catch (error) {
          throw new Error(`The API key could not be saved: ${describe(error, [key])}`);
        }
        notice = null;
        remember(key);
      }),

    clearKey: () =>
      serial(async () => {
        try {
          await fs.unlink(filePath);
        } catch (error) {
          if (!isMissing(error)) throw new Error(`The saved API key could not be removed: ${describe(error)}`);
        }
        cached = null;
        notice = null;
      }),

    backend: async (): Promise<SecretBackend> => {
      if (!(await encryptionAvailable())) return { kind: 'unavailable', label: 'none', note: UNAVAILABLE_NOTE };
      if (platform === 'darwin') return { kind: 'keychain', label: 'macOS Keychain', note: null };
      if (platform === 'win32') return { kind: 'keychain', label: 'Windows data protection (DPAPI)', note: null };
      const selected = safeStorage.getSelectedStorageBackend();
      if (selected === 'basic_text') return { kind: 'basic_text', label: 'no keyring (fixed password)', note: BASIC_TEXT_NOTE };
      return { kind: 'keychain', label: LINUX_BACKEND_LABELS[selected] ?? selected, note: null };
    },

    get notice() {
      return notice;
    },
  };
}

function readKeyFile(text: string): Buffer | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const file = parsed as Partial<KeyFile>;
  if (file.version !== 1 || typeof file.ciphertext !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(file.ciphertext)) {
    return null;
  }
  return Buffer.from(file.ciphertext, 'base64');
}

/**
 * Atomic and private: the ciphertext goes to a temporary file created 0600 beside the target and is
 * renamed over it, so a crash leaves the old key or the new one, never half of one.
 */
async function writeCiphertext(filePath: string, ciphertext: Buffer): Promise<void> {
  const content: KeyFile = { version: 1, ciphertext: ciphertext.toString('base64') };
  await fs.mkdir(path.dirname(filePath), { recursive: true, mode: 0o700 });
  const temporary = `${filePath}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await fs.open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(content)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, filePath);
  } catch (error) {
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/** An error's message for a sentence or a log line, with the key scrubbed should it appear. */
function describe(error: unknown, secrets: string[] = []): string {
  const message = error instanceof Error ? error.message : String(error);
  return redactSecrets(message, secrets);
}
