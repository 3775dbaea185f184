/**
 * Where the tray app's accounts come from: the built-in simulator's demo, or Lobstr with the saved
 * key at the base URL it was checked with, or nothing (the app waits for setup). Holds the client for
 * the current source and says when the source changes, so the monitor follows (startTrayApp wires it).
 */
import { createLobstrClient, type FetchFunction, type LobstrClient, type LobstrClientOptions } from '../core/lobstr/apiClient.js';
import type { Settings } from '../core/appModel.js';
import { keyAccess, type KeyAccess } from '../core/settings/keyAccess.js';
import type { SecretStore } from '../core/settings/secretStore.js';
import { userAgent } from '../core/version.js';
import { startDemoSession } from '../simulator/demoSession.js';
import type { RunningSimulator } from '../simulator/server.js';

export interface AccountSourceDeps {
  settings: { get(): Settings; update(patch: Partial<Settings>): unknown };
  secrets: Pick<SecretStore, 'read'>;
  /** Electron's net.fetch: every request to Lobstr from the app goes through Chromium's stack. */
  fetch: FetchFunction;
  /**
   * The source changed (`configured`: there is something to watch; `forgetAccounts`: the accounts are
   * another source's, to be forgotten). Awaited before a change resolves.
   */
  onChange(change: { configured: boolean; forgetAccounts: boolean }): void;
}

export interface AccountSource {
  /** A client for the current source (made once per source); null while there is none. */
  activeClient(): Promise<LobstrClient | null>;
  /** A client of the app's kind for other uses (checking a key where it will be used). */
  clientFor(options: Omit<LobstrClientOptions, 'fetch' | 'userAgent'>): LobstrClient;
  /** Reads the key again (a keyring unlocked meanwhile); the monitor follows when what it allows changed. */
  readKey(): Promise<KeyAccess>;
  /** What the key allowed when last read. */
  key(): KeyAccess;
  /** The key or the base URL changed (`forgetAccounts` when the key itself did). Nothing happens during the demo. */
  keyChanged(forgetAccounts: boolean): Promise<void>;
  /** The demo's simulator while it runs. */
  demo(): RunningSimulator | null;
  startDemo(): Promise<void>;
  stopDemo(): Promise<void>;
  /** Stops the demo's simulator, if it runs (at shutdown). */
  close(): Promise<void>;
}

export function createAccountSource(deps: AccountSourceDeps): AccountSource {
  const { settings, secrets } = deps;
  let demo: RunningSimulator | null = null;
  let client: LobstrClient | null = null;
  /** What the saved key allows with the configured base URL, as last read. */
  let key: KeyAccess = { kind: 'absent' };
  const accessNow = async (): Promise<KeyAccess> => keyAccess(await secrets.read(), settings.get().apiBaseUrl);
  const clientFor = (options: Omit<LobstrClientOptions, 'fetch' | 'userAgent'>): LobstrClient =>
    createLobstrClient({ ...options, userAgent: userAgent('app'), fetch: deps.fetch });

  /** The key, the base URL or the demo changed: the next poll goes to the new source. */
  async function changed(forgetAccounts: boolean): Promise<void> {
    client = null;
    key = await accessNow();
    // A client made while the key was read may hold the old base URL.
    client = null;
    deps.onChange({ configured: demo !== null || key.kind === 'ready', forgetAccounts });
  }

  async function readKey(): Promise<KeyAccess> {
    const before = key.kind;
    key = await accessNow();
    if (key.kind !== before && !demo) await changed(false);
    return key;
  }

  return {
    async activeClient() {
      if (client) return client;
      if (demo) {
        client = clientFor({ apiKey: demo.token, baseUrl: demo.baseUrl });
        return client;
      }
      const access = await readKey();
      // Only a key checked with this base URL's origin, and only to that base URL (never a newer setting).
      if (access.kind !== 'ready' || client) return client;
      client = clientFor({ apiKey: access.key, baseUrl: access.baseUrl });
      return client;
    },
    clientFor,
    readKey,
    key: () => key,
    async keyChanged(forgetAccounts) {
      if (!demo) await changed(forgetAccounts);
    },
    demo: () => demo,
    async startDemo() {
      if (demo) return;
      demo = await startDemoSession();
      if (!settings.get().demoMode) settings.update({ demoMode: true });
      await changed(true);
    },
    async stopDemo() {
      const running = demo;
      demo = null;
      if (settings.get().demoMode) settings.update({ demoMode: false });
      await running?.close();
      await changed(true);
    },
    async close() {
      const running = demo;
      demo = null;
      await running?.close();
    },
  };
}
