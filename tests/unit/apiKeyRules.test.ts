/**
 * The key's rules are one set (main/core/settings/apiKey.ts): the window's IPC check and the key store accept
 * exactly the same keys, and the client, the IPC handlers, the log and the command line hide a key in
 * text the same way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLobstrClient } from '../../main/core/lobstr/apiClient.js';
import { LobstrApiError } from '../../main/core/lobstr/apiErrors.js';
import { redactSecrets } from '../../main/core/settings/apiKey.js';
import { normaliseApiKey } from '../../main/core/settings/apiKey.js';
import { keyAccess, keyStatusOf } from '../../main/core/settings/keyAccess.js';
import { createMemorySecretStore, type KeyReading } from '../../main/core/settings/secretStore.js';
import { createSettingsStore } from '../../main/core/settings/settingsStore.js';
import { redactingIo } from '../../main/cli/cliIo.js';
import { registerIpcHandlers, type IpcHandlerDeps } from '../../main/electron/ipcHandlers.js';
import { FakeIpcMain } from '../helpers/fakeElectron/ipcMain.js';
import { recordingIo } from '../fixtures/recordingIo.js';

const KEY = 'lobstr-test-key-7f3a9c21e4b5d6a1';
const SAID = `Invalid token ${KEY}; the request had Authorization: Token ${KEY}`;

/** The IPC handlers with an in-memory key store and a Lobstr that accepts any key (or says `checkFails`). */
function keyHandlers(checkFails?: Error) {
  const ipc = new FakeIpcMain();
  const secrets = createMemorySecretStore();
  const settings = createSettingsStore();
  const checked: string[] = [];
  const logged: unknown[][] = [];
  const deps: IpcHandlerDeps = {
    monitor: {
      status: () => ({ configured: false, snapshot: null, problem: null, lastPollAt: null, nextPollAt: null, polling: false }),
      refreshNow: async () => {},
      accountRead: async () => {},
      changesSince: () => null,
    },
    snapshots: { full: () => ({ kind: 'full', revision: 1, snapshot: undefined as never }), head: () => ({ kind: 'head', snapshot: undefined as never }) },
    settings,
    secrets: {
      ...secrets,
      status: async () => keyStatusOf(keyAccess(await secrets.read(), settings.get().apiBaseUrl), secrets.notice),
    },
    accountReader: () => null,
    resync: {
      start: () => ({ ok: false, error: { kind: 'failed', message: 'not in this test' } }),
      checkPaste: () => ({ ok: false, error: { kind: 'failed', message: 'not in this test' } }),
      cancel: () => ({ ok: true, value: null }),
      get: () => ({ ok: true, value: null }),
    },
    checkKey: async (key) => {
      checked.push(key);
      if (checkFails) throw checkFails;
      return { origin: 'https://api.lobstr.io' };
    },
    demo: { start: async () => {}, stop: async () => {} },
    shell: { openExternal: async () => {} },
    clipboard: { writeText: () => {} },
    hideWindow: () => {},
    testNotification: () => {},
    logger: { warn: (...args) => logged.push(args), error: (...args) => logged.push(args) },
  };
  registerIpcHandlers(ipc, deps, () => true);
  return { ipc, secrets, checked, logged };
}

/** Pasted text near every limit: short, long, padded, as a header, with spaces or non-ASCII inside. */
const pasted = fc
  .tuple(
    fc.constantFrom('', ' ', '\n', 'Token ', 'token  ', 'Authorization: Token ', '\t '),
    fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'Z', '7', '-', '_', '.'), minLength: 0, maxLength: 20 }),
      fc.integer({ min: 500, max: 520 }).map((n) => 'k'.repeat(n)),
      fc.string({ unit: fc.constantFrom('a', ' ', 'é', '9'), minLength: 1, maxLength: 24 }),
    ),
    fc.constantFrom('', ' ', '\n', ' '.repeat(4000)),
  )
  .map(([before, key, after]) => `${before}${key}${after}`);

describe('one set of rules for a pasted key', () => {
  it('the window\'s IPC check and the key store accept exactly the same keys, and Lobstr is asked only about those', async () => {
    await fc.assert(
      fc.asyncProperty(pasted, async (text) => {
        const { ipc, secrets, checked } = keyHandlers();
        let expected: string | null;
        try {
          expected = normaliseApiKey(text);
        } catch {
          expected = null;
        }
        const answer = await ipc.invoke('key:set', text);
        if (expected === null) {
          expect(answer).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
          // Refused before anything was sent: a key the store would refuse never reaches Lobstr.
          expect(checked).toEqual([]);
        } else {
          expect(answer).toMatchObject({ ok: true });
          expect(checked).toEqual([expected]);
          expect(await secrets.read()).toEqual<KeyReading>({ state: 'stored', key: expected, origin: 'https://api.lobstr.io' });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('says the same thing about a refused key in the window and from the store', async () => {
    const { ipc } = keyHandlers();
    for (const text of ['', 'abc', 'abcd efgh ijkl', 'x'.repeat(600), 'k'.repeat(5000)]) {
      const answer = await ipc.invoke('key:set', text);
      let stored = '';
      try {
        normaliseApiKey(text);
      } catch (error) {
        stored = (error as Error).message;
      }
      expect(answer.ok).toBe(false);
      // "The API key is only 3 characters long; …" from the store, "The API key was refused: is only 3 …" in the window.
      expect(stored).toMatch(/^The API key /);
      if (!answer.ok) expect(answer.error.message).toBe(stored.replace(/^The API key /, 'The API key was refused: '));
    }
  });
});

describe('one way to hide a key in text', () => {
  const hidden = redactSecrets(SAID, [KEY]);

  it('hides the key wherever it appears', () => {
    expect(hidden).not.toContain(KEY);
  });

  it('the client hides it the same way in a server message it quotes', async () => {
    const client = createLobstrClient({
      apiKey: KEY,
      retries: 0,
      fetch: async () => new Response(JSON.stringify({ detail: SAID }), { status: 401, headers: { 'Content-Type': 'application/json' } }),
    });
    const error = (await client.listAccounts().catch((e: unknown) => e)) as LobstrApiError;
    expect(error).toBeInstanceOf(LobstrApiError);
    expect(error.message).toContain(hidden);
  });

  it('the IPC handlers hide it the same way in what the window is told and in the log', async () => {
    const toWindow = keyHandlers(new LobstrApiError('server', SAID));
    const answer = await toWindow.ipc.invoke('key:set', KEY);
    expect(answer).toMatchObject({ ok: false, error: { message: expect.stringContaining(hidden) } });

    const toLog = keyHandlers(new Error(SAID));
    await toLog.ipc.invoke('key:set', KEY);
    expect(JSON.stringify(toLog.logged)).toContain(JSON.stringify(hidden).slice(1, -1));
  });

  it('the command line hides it the same way in its output', () => {
    const recorded = recordingIo([], {});
    redactingIo(recorded.io, [KEY]).stdout.write(SAID);
    expect(recorded.stdout()).toBe(hidden);
  });
});
