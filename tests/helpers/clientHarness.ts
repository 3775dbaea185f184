/**
 * The Lobstr client as tests drive it: waits it asks for are recorded and resolve at once (no
 * test really sits out a backoff or a Retry-After) and the jitter is fixed, so waits are exact.
 */
import { createLobstrClient, type LobstrClient, type LobstrClientOptions } from '../../main/core/lobstr/apiClient.js';
import { LobstrApiError } from '../../main/core/lobstr/apiErrors.js';
import { nodeHttpFetch } from '../../main/cli/nodeHttpFetch.js';

/**
 * The two fetches the client runs on outside Electron: Node's (the default) and the command line's
 * own over node:http (main/cli/nodeHttpFetch.ts). Client tests run through both: they must behave alike.
 */
export const CLIENT_FETCHES = [
  ['Node fetch', undefined],
  ['the command line fetch', nodeHttpFetch],
] as const;

/** The User-Agent test clients send unless told otherwise. */
export const TEST_USER_AGENT = 'LobstrTray/9.9.9-test';

export interface RecordingClient {
  client: LobstrClient;
  /** Every wait the client asked for, in milliseconds, in order. */
  waits: number[];
}

export function recordingClient(options: LobstrClientOptions): RecordingClient {
  const waits: number[] = [];
  const client = createLobstrClient({
    userAgent: TEST_USER_AGENT,
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.5,
    ...options,
  });
  return { client, waits };
}

/** The LobstrApiError a call rejects with; anything else (or no rejection) fails the test. */
export async function failure(promise: Promise<unknown>): Promise<LobstrApiError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof LobstrApiError) return e;
    throw e;
  }
  throw new Error('expected a LobstrApiError');
}
