import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InvalidApiKeyError, keyHint, normaliseApiKey } from '../../main/core/settings/apiKey.js';
import { createMemorySecretStore, type KeyReading, type SecretStore } from '../../main/core/settings/secretStore.js';
import {
  API_KEY_FILE_NAME,
  BASIC_TEXT_NOTE,
  MAX_KEYRING_WAITS,
  type SafeStorageApi,
  createSafeStorageSecretStore,
} from '../../main/electron/safeStorageSecretStore.js';
import { createFakeSafeStorage } from '../helpers/fakeElectron/safeStorage.js';

const KEY = '7c1e9f03d25b48a6b0e4a1b2';
const ORIGIN = 'https://api.lobstr.io';

/** The key the store reads now, or null (absent, waiting or unusable). */
async function keyOf(store: SecretStore): Promise<string | null> {
  const reading = await store.read();
  return reading.state === 'stored' ? reading.key : null;
}

let dir: string;
let filePath: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lobstr-secret-'));
  filePath = path.join(dir, 'userData', API_KEY_FILE_NAME);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the API key in safeStorage', () => {
  it('stores only ciphertext, in a file only the user can read, and reads the key back after a restart', async () => {
    const { api } = createFakeSafeStorage();
    const store = createSafeStorageSecretStore({ safeStorage: api, filePath, platform: 'linux' });
    expect((await store.read()).state).toBe('absent');
    await store.setKey(KEY, ORIGIN);

    const onDisk = await readFile(filePath, 'utf8');
    expect(onDisk).not.toContain(KEY);
    expect(Buffer.from(JSON.parse(onDisk).ciphertext, 'base64').toString('latin1')).not.toContain(KEY);
    if (process.platform !== 'win32') expect((await stat(filePath)).mode & 0o777).toBe(0o600);
    // Written atomically: no temporary file left behind.
    expect(await readdir(path.dirname(filePath))).toEqual([API_KEY_FILE_NAME]);

    const restarted = createSafeStorageSecretStore({ safeStorage: api, filePath, platform: 'linux' });
    expect((await restarted.read()).state).toBe('stored');
    expect(await keyOf(restarted)).toBe(KEY);
    expect(restarted.notice).toBeNull();
  });

  it('keeps the key beside the origin it was checked against, and reads both back', async () => {
    const store = createSafeStorageSecretStore({ safeStorage: createFakeSafeStorage().api, filePath });
    expect(await store.read()).toEqual<KeyReading>({ state: 'absent' });
    await store.setKey(KEY, 'https://proxy.example.com:8443');
    expect(JSON.parse(await readFile(filePath, 'utf8'))).toMatchObject({ version: 2, origin: 'https://proxy.example.com:8443' });
    const restarted = createSafeStorageSecretStore({ safeStorage: createFakeSafeStorage().api, filePath });
    expect(await restarted.read()).toEqual<KeyReading>({ state: 'stored', key: KEY, origin: 'https://proxy.example.com:8443' });
  });

  it('accepts a pasted header and keeps only the key', async () => {
    const store = createSafeStorageSecretStore({ safeStorage: createFakeSafeStorage().api, filePath });
    await store.setKey(`  Authorization: Token ${KEY}\n`, ORIGIN);
    expect(await keyOf(store)).toBe(KEY);
  });

  it('refuses a malformed key without repeating it', async () => {
    const store = createSafeStorageSecretStore({ safeStorage: createFakeSafeStorage().api, filePath });
    const bad = 'my key with spaces 1234';
    await expect(store.setKey(bad, ORIGIN)).rejects.toThrow(InvalidApiKeyError);
    await expect(store.setKey(bad, ORIGIN)).rejects.not.toThrow(bad);
    expect((await store.read()).state).toBe('absent');
  });

  it('clears the key from disk and memory', async () => {
    const store = createSafeStorageSecretStore({ safeStorage: createFakeSafeStorage().api, filePath });
    await store.setKey(KEY, ORIGIN);
    await store.clearKey();
    expect((await store.read()).state).toBe('absent');
    expect(await readdir(path.dirname(filePath))).toEqual([]);
    await expect(store.clearKey()).resolves.toBeUndefined();
  });

  it('replaces a key with a new one', async () => {
    const store = createSafeStorageSecretStore({ safeStorage: createFakeSafeStorage().api, filePath });
    await store.setKey(KEY, ORIGIN);
    await store.setKey('ffffffffffffffffffff9999', ORIGIN);
    const restarted = createSafeStorageSecretStore({ safeStorage: createFakeSafeStorage().api, filePath });
    expect(await keyOf(restarted)).toBe('ffffffffffffffffffff9999');
  });

  it('tells the log which key to redact when it is read or stored', async () => {
    const known: string[] = [];
    const { api } = createFakeSafeStorage();
    await createSafeStorageSecretStore({ safeStorage: api, filePath, onKeyKnown: (k) => known.push(k) }).setKey(KEY, ORIGIN);
    await keyOf(createSafeStorageSecretStore({ safeStorage: api, filePath, onKeyKnown: (k) => known.push(k) }));
    expect(known).toEqual([KEY, KEY]);
  });

  it('keeps operations in order, so a read racing a clear does not bring the key back', async () => {
    const store = createSafeStorageSecretStore({ safeStorage: createFakeSafeStorage().api, filePath });
    await store.setKey(KEY, ORIGIN);
    const [, afterClear] = await Promise.all([store.clearKey(), store.read()]);
    expect(afterClear).toEqual<KeyReading>({ state: 'absent' });
  });

  it('re-encrypts when safeStorage asks for it, and still returns the key', async () => {
    const { api, state } = createFakeSafeStorage();
    await createSafeStorageSecretStore({ safeStorage: api, filePath }).setKey(KEY, ORIGIN);
    const before = await readFile(filePath, 'utf8');
    state.reEncrypt = true;
    const encrypt = vi.spyOn(api, 'encryptStringAsync');
    expect(await keyOf(createSafeStorageSecretStore({ safeStorage: api, filePath }))).toBe(KEY);
    expect(encrypt).toHaveBeenCalledTimes(1);
    expect(await readFile(filePath, 'utf8')).toBe(before); // the fake's ciphertext is deterministic
  });
});

describe('which protection the key has', () => {
  it('names the OS keychain on macOS and Windows, with nothing to warn about', async () => {
    const { api } = createFakeSafeStorage();
    expect(await createSafeStorageSecretStore({ safeStorage: api, filePath, platform: 'darwin' }).backend()).toEqual({
      kind: 'keychain',
      label: 'macOS Keychain',
      note: null,
    });
    expect((await createSafeStorageSecretStore({ safeStorage: api, filePath, platform: 'win32' }).backend()).kind).toBe('keychain');
  });

  it('names the Linux keyring in use', async () => {
    const { api } = createFakeSafeStorage({ backend: 'kwallet6' });
    expect(await createSafeStorageSecretStore({ safeStorage: api, filePath, platform: 'linux' }).backend()).toEqual({
      kind: 'keychain',
      label: 'KWallet 6',
      note: null,
    });
  });

  it('says plainly when Linux has no keyring and a fixed password protects the key', async () => {
    const { api } = createFakeSafeStorage({ backend: 'basic_text' });
    const backend = await createSafeStorageSecretStore({ safeStorage: api, filePath, platform: 'linux' }).backend();
    expect(backend.kind).toBe('basic_text');
    expect(backend.note).toBe(BASIC_TEXT_NOTE);
    expect(backend.note).toBe(
      'No system keyring was found, so the key is encrypted with a fixed password: anyone who can read your files can recover it.',
    );
  });

  it('refuses to store the key when no encryption is available, and writes nothing', async () => {
    const { api } = createFakeSafeStorage({ available: false });
    const store = createSafeStorageSecretStore({ safeStorage: api, filePath, platform: 'linux' });
    const backend = await store.backend();
    expect(backend.kind).toBe('unavailable');
    expect(backend.note).toMatch(/cannot save the API key/);
    await expect(store.setKey(KEY, ORIGIN)).rejects.toThrow(/no encryption .* never stored in clear text/);
    expect((await store.read()).state).toBe('absent');
    await expect(readdir(dir)).resolves.toEqual([]);
  });

  it('refuses to write when the encryptor hands back the plaintext', async () => {
    // Deliberately a broken encryptor, local to this test: the shared fake always hides the key.
    const broken: SafeStorageApi = { ...createFakeSafeStorage().api, encryptStringAsync: async (plain) => Buffer.from(plain) };
    const store = createSafeStorageSecretStore({ safeStorage: broken, filePath });
    await expect(store.setKey(KEY, ORIGIN)).rejects.toThrow(/did not hide the API key/);
    await expect(readdir(dir)).resolves.toEqual([]);
  });
});

describe('a saved key that cannot be used', () => {
  it('from another machine (the keyring works, the ciphertext is not ours): unusable at once, with a notice, never a crash', async () => {
    await createSafeStorageSecretStore({ safeStorage: createFakeSafeStorage({ machine: 1 }).api, filePath }).setKey(KEY, ORIGIN);
    const warn = vi.fn();
    const logger = { info: vi.fn(), warn, error: vi.fn() };
    const here = createSafeStorageSecretStore({ safeStorage: createFakeSafeStorage({ machine: 2 }).api, filePath, logger });
    expect(await keyOf(here)).toBeNull();
    expect((await here.read()).state).toBe('unusable');
    expect(here.notice).toMatch(/could not be decrypted .* another computer .* enter it again/);
    expect(warn).toHaveBeenCalled();
    expect(JSON.stringify(warn.mock.calls)).not.toContain(KEY);

    // Entering the key again replaces the unreadable copy and clears the notice.
    await here.setKey(KEY, ORIGIN);
    expect(here.notice).toBeNull();
    expect(await keyOf(createSafeStorageSecretStore({ safeStorage: createFakeSafeStorage({ machine: 2 }).api, filePath }))).toBe(KEY);
  });

  it('a damaged file: treated as absent, with a notice', async () => {
    for (const content of ['not json', '{"version":1}', '{"version":2,"ciphertext":"AAAA"}', '{"version":1,"ciphertext":"%%%"}', 'null']) {
      await writeFile(path.join(dir, 'key.json'), content);
      const store = createSafeStorageSecretStore({ safeStorage: createFakeSafeStorage().api, filePath: path.join(dir, 'key.json') });
      expect(await keyOf(store)).toBeNull();
      expect(store.notice).toMatch(/damaged; enter the key again/);
    }
  });

  it('encryption not available (yet) since the key was saved: waiting, not "no key", and the file is kept', async () => {
    const { api, state } = createFakeSafeStorage();
    await createSafeStorageSecretStore({ safeStorage: api, filePath }).setKey(KEY, ORIGIN);
    state.available = false;
    const store = createSafeStorageSecretStore({ safeStorage: api, filePath });
    expect(await store.read()).toEqual<KeyReading>({ state: 'waiting' });
    expect(store.notice).toBeNull();
    state.available = true;
    expect(await keyOf(store)).toBe(KEY);
  });

  it('an encryptor error never carries the key into the message', async () => {
    // Deliberately a failing encryptor that echoes its input, local to this test: the shared fake never fails.
    const failing: SafeStorageApi = {
      ...createFakeSafeStorage().api,
      encryptStringAsync: async (plain) => {
        throw new Error(`cannot encrypt "${plain}"`);
      },
    };
    const attempt = createSafeStorageSecretStore({ safeStorage: failing, filePath }).setKey(KEY, ORIGIN);
    await expect(attempt).rejects.toThrow(/Encrypting the API key failed: cannot encrypt "\[redacted\]"/);
  });
});

describe('a system keyring still locked at login', () => {
  it('is waiting, not "no key": the failed read is not remembered, the file is never touched, and the key is read once it opens', async () => {
    const { api, state } = createFakeSafeStorage();
    await createSafeStorageSecretStore({ safeStorage: api, filePath }).setKey(KEY, ORIGIN);
    const saved = await readFile(filePath);
    state.locked = true;
    const warn = vi.fn();
    const store = createSafeStorageSecretStore({ safeStorage: api, filePath, logger: { info: vi.fn(), warn, error: vi.fn() } });
    for (let i = 0; i < 10; i++) expect(await store.read()).toEqual<KeyReading>({ state: 'waiting' });
    expect(store.notice).toBeNull();
    expect((await readFile(filePath)).equals(saved)).toBe(true);
    expect(await readdir(path.dirname(filePath))).toEqual([API_KEY_FILE_NAME]);
    expect(warn).toHaveBeenCalledTimes(1); // said once, not at every retry

    state.locked = false;
    expect(await store.read()).toEqual<KeyReading>({ state: 'stored', key: KEY, origin: ORIGIN });
  });

  it('a keyring that fails without saying it is temporarily unavailable is waited for a few tries, then the user is asked', async () => {
    // Electron's other decrypt failure ("Error while decrypting…") while even a fresh value of the keyring's own fails too.
    const { api } = createFakeSafeStorage();
    await createSafeStorageSecretStore({ safeStorage: api, filePath }).setKey(KEY, ORIGIN);
    const saved = await readFile(filePath);
    const failing: SafeStorageApi = {
      ...api,
      encryptStringAsync: async () => {
        throw new Error('Error while encrypting the text provided to safeStorage.encryptStringAsync.');
      },
      decryptStringAsync: async () => {
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptStringAsync.');
      },
    };
    const store = createSafeStorageSecretStore({ safeStorage: failing, filePath });
    for (let i = 1; i < MAX_KEYRING_WAITS; i++) expect((await store.read()).state).toBe('waiting');
    expect((await store.read()).state).toBe('unusable');
    expect(store.notice).toMatch(/still does not open the saved API key .* unlock the keyring, or enter the key again/);
    expect((await readFile(filePath)).equals(saved)).toBe(true);
  });

  it('Electron may keep the availability answer pending while it waits for the keyring: that is waiting too', async () => {
    const { api } = createFakeSafeStorage();
    await createSafeStorageSecretStore({ safeStorage: api, filePath }).setKey(KEY, ORIGIN);
    const pending: SafeStorageApi = { ...api, isAsyncEncryptionAvailable: () => new Promise<boolean>(() => {}) };
    const store = createSafeStorageSecretStore({ safeStorage: pending, filePath, availabilityTimeoutMs: 20 });
    expect(await store.read()).toEqual<KeyReading>({ state: 'waiting' });
  });
});

describe('a key saved before keys were bound to an origin (version 1)', () => {
  it('belongs to the base URL configured at the upgrade, and the file is rewritten as version 2 with the same ciphertext', async () => {
    const { api } = createFakeSafeStorage();
    const ciphertext = (await api.encryptStringAsync(KEY)).toString('base64');
    await mkdir(path.dirname(filePath), { recursive: true });
    await writeFile(filePath, JSON.stringify({ version: 1, ciphertext }));
    const store = createSafeStorageSecretStore({ safeStorage: api, filePath, legacyOrigin: () => 'https://eu.lobstr.example' });
    expect(await store.read()).toEqual<KeyReading>({ state: 'stored', key: KEY, origin: 'https://eu.lobstr.example' });
    expect(JSON.parse(await readFile(filePath, 'utf8'))).toEqual({ version: 2, origin: 'https://eu.lobstr.example', ciphertext });
  });

  it('is left as it is while the keyring is locked', async () => {
    const { api, state } = createFakeSafeStorage();
    const content = JSON.stringify({ version: 1, ciphertext: (await api.encryptStringAsync(KEY)).toString('base64') });
    await mkdir(path.dirname(filePath), { recursive: true });
    await writeFile(filePath, content);
    state.locked = true;
    expect((await createSafeStorageSecretStore({ safeStorage: api, filePath }).read()).state).toBe('waiting');
    expect(await readFile(filePath, 'utf8')).toBe(content);
  });
});

describe('API key checks and hints', () => {
  it('accepts a key with or without the Token prefix', () => {
    expect(normaliseApiKey(KEY)).toBe(KEY);
    expect(normaliseApiKey(`token ${KEY}`)).toBe(KEY);
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['abc', /only 3 characters/],
    ['x'.repeat(600), /600 characters/],
    ['abcd efgh ijkl', /no spaces/],
    ['clé-secrète-123', /no spaces/],
  ])('refuses %j', (input, message) => {
    expect(() => normaliseApiKey(input)).toThrow(message);
  });

  it('refuses what is not text', () => {
    expect(() => normaliseApiKey(42)).toThrow(/must be text/);
  });

  it('hints with the last four characters, and gives nothing away of a short key', () => {
    expect(keyHint(KEY)).toBe('…a1b2');
    expect(keyHint('12345678')).toBe('…');
  });

  it('the in-memory store behaves the same for the headless watch and tests', async () => {
    const store = createMemorySecretStore();
    expect((await store.read()).state).toBe('absent');
    await store.setKey(`Token ${KEY}`, ORIGIN);
    expect(await keyOf(store)).toBe(KEY);
    expect(await store.read()).toEqual<KeyReading>({ state: 'stored', key: KEY, origin: ORIGIN });
    await store.clearKey();
    expect(await store.read()).toEqual<KeyReading>({ state: 'absent' });
  });
});
