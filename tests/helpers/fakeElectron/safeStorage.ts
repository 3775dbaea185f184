/** safeStorage with a reversible "encryption", so files hold something that is not the key. */
import type { SafeStorageApi } from '../../../main/electron/safeStorageSecretStore.js';

export type StorageBackend = ReturnType<SafeStorageApi['getSelectedStorageBackend']>;

export interface FakeSafeStorageOptions {
  /** The machine's secret byte: what one machine encrypted another cannot decrypt. */
  machine?: number;
  available?: boolean;
  backend?: StorageBackend;
}

/**
 * XOR with a per-machine byte behind a marker naming the machine. `state` changes what it reports
 * later (encryption gone, a backend asking to re-encrypt).
 */
export function createFakeSafeStorage(options: FakeSafeStorageOptions = {}): {
  api: SafeStorageApi;
  state: { available: boolean; backend: StorageBackend; reEncrypt: boolean };
} {
  const machine = options.machine ?? 0x5a;
  const state = { available: options.available ?? true, backend: options.backend ?? ('gnome_libsecret' as StorageBackend), reEncrypt: false };
  const api: SafeStorageApi = {
    isAsyncEncryptionAvailable: async () => state.available,
    getSelectedStorageBackend: () => state.backend,
    encryptStringAsync: async (plain) => Buffer.concat([Buffer.from([0xee, machine]), Buffer.from(plain, 'utf8').map((b) => b ^ machine)]),
    decryptStringAsync: async (cipher) => {
      if (cipher[0] !== 0xee || cipher[1] !== machine) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return { result: Buffer.from(cipher.subarray(2).map((b) => b ^ machine)).toString('utf8'), shouldReEncrypt: state.reEncrypt };
    },
  };
  return { api, state };
}
