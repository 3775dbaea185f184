/**
 * safeStorage with a reversible "encryption", so files hold something that is not the key. What it
 * does on failure follows Electron's own code (shell/browser/api/electron_api_safe_storage.cc, Electron
 * 45) and docs (electron.d.ts, SafeStorage; docs/api/safe-storage.md), never anything more lenient:
 * - isAsyncEncryptionAvailable resolves once the async encryptor exists (`available`);
 * - decryptStringAsync rejects "Error while decrypting the ciphertext provided to
 *   safeStorage.decryptStringAsync." for ciphertext it cannot decrypt (another machine's), and
 *   "safeStorage.decryptStringAsync is temporarily unavailable. Please try again." while the key
 *   provider is temporarily unavailable (`locked`: a Linux keyring not unlocked yet at login);
 * - encryptStringAsync rejects "Error while encrypting the text provided to
 *   safeStorage.encryptStringAsync." when the encryptor cannot encrypt (here: while `locked`).
 */
import type { SafeStorageApi } from '../../../main/electron/safeStorageSecretStore.js';

export type StorageBackend = ReturnType<SafeStorageApi['getSelectedStorageBackend']>;

export interface FakeSafeStorageOptions {
  /** The machine's secret byte: what one machine encrypted another cannot decrypt. */
  machine?: number;
  available?: boolean;
  backend?: StorageBackend;
  /** The keyring is still locked (at login): decryption is temporarily unavailable. */
  locked?: boolean;
}

export interface FakeSafeStorageState {
  available: boolean;
  backend: StorageBackend;
  reEncrypt: boolean;
  locked: boolean;
}

/**
 * XOR with a per-machine byte behind a marker naming the machine. `state` changes what it reports
 * later (encryption gone, a backend asking to re-encrypt, the keyring locked or unlocked).
 */
export function createFakeSafeStorage(options: FakeSafeStorageOptions = {}): { api: SafeStorageApi; state: FakeSafeStorageState } {
  const machine = options.machine ?? 0x5a;
  const state: FakeSafeStorageState = {
    available: options.available ?? true,
    backend: options.backend ?? 'gnome_libsecret',
    reEncrypt: false,
    locked: options.locked ?? false,
  };
  const api: SafeStorageApi = {
    isAsyncEncryptionAvailable: async () => state.available,
    getSelectedStorageBackend: () => state.backend,
    encryptStringAsync: async (plain) => {
      if (state.locked || !state.available) throw new Error('Error while encrypting the text provided to safeStorage.encryptStringAsync.');
      return Buffer.concat([Buffer.from([0xee, machine]), Buffer.from(plain, 'utf8').map((b) => b ^ machine)]);
    },
    decryptStringAsync: async (cipher) => {
      if (state.locked) throw new Error('safeStorage.decryptStringAsync is temporarily unavailable. Please try again.');
      if (cipher[0] !== 0xee || cipher[1] !== machine) {
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptStringAsync.');
      }
      return { result: Buffer.from(cipher.subarray(2).map((b) => b ^ machine)).toString('utf8'), shouldReEncrypt: state.reEncrypt };
    },
  };
  return { api, state };
}
