/**
 * The API key, encrypted with Electron's safeStorage (the async API) and kept as ciphertext in a
 * small file of the user data folder, readable by the user alone, beside the origin it was checked
 * against (the key is sent nowhere else). `safeStorage` comes in as a parameter so tests can pass a fake.
 *
 * Nothing here crashes the app over the key, and a read that fails is never remembered: a system
 * keyring still locked at login means "waiting" (read again next time, the file untouched), not "no
 * key"; a file it cannot read or decrypt while the keyring works (a profile copied from another
 * machine) means a notice asking for the key again. The key never goes into an error, a notice or a
 * log line.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import { checkApiKey, normaliseApiKey, redactSecrets } from '../core/settings/apiKey.js';
import { DEFAULT_API_BASE, originOf } from '../core/lobstr/baseUrl.js';
import type { Logger } from '../core/settings/logRedaction.js';
import type { KeyReading, SecretBackend, SecretStore } from '../core/settings/secretStore.js';

/** The parts of Electron's safeStorage used here. */
export type SafeStorageApi = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

export interface SafeStorageSecretStoreOptions {
  safeStorage: SafeStorageApi;
  /** Where the ciphertext is kept, e.g. path.join(app.getPath('userData'), API_KEY_FILE_NAME). */
  filePath: string;
  /**
   * The origin a key saved before keys were bound to one (a version-1 file) belongs to: the base
   * URL's as configured now. Those versions sent the key to that base URL at every check, so binding
   * it there gives it to no one new, while a user of a proxy or another Lobstr address keeps working.
   * Default: the default base URL's origin.
   */
  legacyOrigin?: () => string;
  /** process.platform unless a test says otherwise. */
  platform?: NodeJS.Platform;
  logger?: Logger;
  /** Told the key whenever it is read or stored, so the log can redact it (AppLog.addSecret). */
  onKeyKnown?: (key: string) => void;
  /** How long to wait for safeStorage to say whether encryption is available (it may wait for the keyring). */
  availabilityTimeoutMs?: number;
}

export const API_KEY_FILE_NAME = 'api-key.json';

export const BASIC_TEXT_NOTE =
  'No system keyring was found, so the key is encrypted with a fixed password: anyone who can read your files can recover it.';
export const UNAVAILABLE_NOTE =
  'This system offers no encryption for stored secrets, so Lobstr Tray cannot save the API key ' +
  '(it is never stored in clear text).';

/**
 * Reads in a row that failed while the keyring would not even decrypt a fresh value of its own,
 * after which the wait is given up and the user is asked for the key again (the file stays).
 */
export const MAX_KEYRING_WAITS = 5;

/**
 * Electron's decryptStringAsync rejects with this when the key provider is temporarily unavailable
 * (a keyring still locked): shell/browser/api/electron_api_safe_storage.cc, "safeStorage.
 * decryptStringAsync is temporarily unavailable. Please try again.". Other failures say "Error while
 * decrypting the ciphertext provided to safeStorage.decryptStringAsync."
 */
const TEMPORARILY_UNAVAILABLE = /temporarily unavailable/i;

/** What the keyring is asked to encrypt and decrypt, to tell a locked keyring apart from ciphertext that is not ours. */
const PROBE_TEXT = 'lobstr-tray keyring check';

/** On-disk shape: version 2 names the origin the key was checked against; version 1 had none. */
type KeyFile = { version: 2; origin: string; ciphertext: string } | { version: 1; ciphertext: string };

const LINUX_BACKEND_LABELS: Record<string, string> = {
  gnome_libsecret: 'Secret Service keyring (libsecret)',
  kwallet: 'KWallet',
  kwallet5: 'KWallet 5',
  kwallet6: 'KWallet 6',
  unknown: 'system keyring',
};

const NOTICES = {
  unreadable: 'The saved API key could not be read; enter it again in Settings.',
  damaged: 'The saved API key file is damaged; enter the key again in Settings.',
  foreign:
    'The saved API key could not be decrypted (it was probably saved on another computer or user account); enter it again in Settings.',
  stillLocked:
    `The system keyring still does not open the saved API key after ${MAX_KEYRING_WAITS} tries: ` +
    'unlock the keyring, or enter the key again in Settings.',
} as const;

export function createSafeStorageSecretStore(options: SafeStorageSecretStoreOptions): SecretStore {
  const { safeStorage, filePath, logger } = options;
  const platform = options.platform ?? process.platform;
  const legacyOrigin = options.legacyOrigin ?? (() => originOf(DEFAULT_API_BASE));
  const availabilityTimeoutMs = options.availabilityTimeoutMs ?? 5_000;

  /** Only what a later read would find again: the key, or no file. Failures are read again each time. */
  let settled: { key: string; origin: string } | 'absent' | undefined;
  let notice: string | null = null;
  let failedReads = 0;
  /** The last problem logged, so a retried read that fails the same way does not fill the log. */
  let lastLogged: string | null = null;

  // One operation at a time: a read racing a write must not resurrect a cleared key.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(operation: () => Promise<T>): Promise<T> => {
    const run = queue.then(operation, operation);
    queue = run.catch(() => undefined);
    return run;
  };

  /** Electron may keep the answer pending while it waits for the keyring; past the timeout, "not now". */
  const encryptionAvailable = async (): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), availabilityTimeoutMs);
      timer.unref?.();
    });
    try {
      return await Promise.race([safeStorage.isAsyncEncryptionAvailable(), timeout]);
    } catch (error) {
      logOnce('safeStorage could not tell whether encryption is available:', error);
      return false;
    } finally {
      clearTimeout(timer);
    }
  };

  /** True when the keyring encrypts and decrypts a value of its own now: a failure on ours is not "locked". */
  const keyringWorks = async (): Promise<boolean> => {
    try {
      return (await safeStorage.decryptStringAsync(await safeStorage.encryptStringAsync(PROBE_TEXT))).result === PROBE_TEXT;
    } catch {
      return false;
    }
  };

  const logOnce = (message: string, detail?: unknown): void => {
    if (message === lastLogged) return;
    lastLogged = message;
    logger?.warn(message, ...(detail === undefined ? [] : [describe(detail)]));
  };

  const unusable = (message: string, detail?: unknown): KeyReading => {
    notice = message;
    logOnce(message, detail);
    return { state: 'unusable' };
  };

  const waiting = (why: string, detail?: unknown): KeyReading => {
    notice = null;
    logOnce(`Waiting for the system keyring to read the saved API key (${why}).`, detail);
    return { state: 'waiting' };
  };

  const load = async (): Promise<KeyReading> => {
    if (settled === 'absent') return { state: 'absent' };
    if (settled !== undefined) return { state: 'stored', ...settled };

    let text: string;
    try {
      text = await fs.readFile(filePath, 'utf8');
    } catch (error) {
      if (isMissing(error)) {
        settled = 'absent';
        return { state: 'absent' };
      }
      return unusable(NOTICES.unreadable, error);
    }

    const file = readKeyFile(text);
    if (file === null) return unusable(NOTICES.damaged);
    const ciphertext = Buffer.from(file.ciphertext, 'base64');

    if (!(await encryptionAvailable())) return waiting('encryption is not available yet');

    let decrypted: { result: string; shouldReEncrypt: boolean };
    try {
      decrypted = await safeStorage.decryptStringAsync(ciphertext);
    } catch (error) {
      if (TEMPORARILY_UNAVAILABLE.test(describe(error))) return waiting('it is temporarily unavailable', error);
      // Either the keyring is not unlocked yet, or the ciphertext is not ours: ask the keyring.
      if (await keyringWorks()) return unusable(NOTICES.foreign, error);
      failedReads += 1;
      if (failedReads >= MAX_KEYRING_WAITS) return unusable(NOTICES.stillLocked, error);
      return waiting('it does not decrypt yet', error);
    }

    const checked = checkApiKey(decrypted.result);
    if (!checked.ok) return unusable(NOTICES.damaged);
    const key = checked.key;
    const origin = file.version === 2 ? file.origin : legacyOrigin();
    failedReads = 0;
    notice = null;
    lastLogged = null;
    settled = { key, origin };
    options.onKeyKnown?.(key);

    if (decrypted.shouldReEncrypt || file.version === 1) {
      // The OS rotated its key, or the file predates origins: write it again, bound (version 2).
      try {
        const next = decrypted.shouldReEncrypt ? await safeStorage.encryptStringAsync(key) : ciphertext;
        await writeKeyFile(filePath, next, origin);
      } catch (error) {
        logger?.warn('Rewriting the saved API key failed; the old copy still works:', describe(error, [key]));
      }
    }
    return { state: 'stored', key, origin };
  };

  return {
    read: () => serial(load),

    setKey: (input, origin) =>
      serial(async () => {
        const key = normaliseApiKey(input);
        const boundTo = originOf(origin);
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
          await writeKeyFile(filePath, ciphertext, boundTo);
        } catch (error) {
          throw new Error(`The API key could not be saved: ${describe(error, [key])}`);
        }
        notice = null;
        failedReads = 0;
        lastLogged = null;
        settled = { key, origin: boundTo };
        options.onKeyKnown?.(key);
      }),

    clearKey: () =>
      serial(async () => {
        try {
          await fs.unlink(filePath);
        } catch (error) {
          if (!isMissing(error)) throw new Error(`The saved API key could not be removed: ${describe(error)}`);
        }
        settled = 'absent';
        notice = null;
        failedReads = 0;
        lastLogged = null;
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

/** The file's content, or null when it is not a key file this version can read. */
function readKeyFile(text: string): KeyFile | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const file = parsed as { version?: unknown; origin?: unknown; ciphertext?: unknown };
  if (typeof file.ciphertext !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(file.ciphertext)) return null;
  if (file.version === 1) return { version: 1, ciphertext: file.ciphertext };
  if (file.version === 2 && typeof file.origin === 'string' && isOrigin(file.origin)) {
    return { version: 2, origin: file.origin, ciphertext: file.ciphertext };
  }
  return null;
}

function isOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === text;
  } catch {
    return false;
  }
}

/**
 * Atomic and private: the file goes to a temporary file created 0600 beside the target and is
 * renamed over it, so a crash leaves the old key or the new one, never half of one.
 */
async function writeKeyFile(filePath: string, ciphertext: Buffer, origin: string): Promise<void> {
  const content: KeyFile = { version: 2, origin, ciphertext: ciphertext.toString('base64') };
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
