/**
 * Setting the API key from the window: the optional base URL is saved first (a refused one stops
 * there), then the key goes to the app, which checks it with a real call to Lobstr before storing
 * it. Used by onboarding and by the settings' "Replace key".
 */
import type { LobstrBridge } from '../../../../preload/lobstrBridge';
import type { IpcErrorKind, KeyStatus } from '../../../../main/shared/ipcContract';

export type KeySubmission =
  | { ok: true; status: KeyStatus }
  | { ok: false; field: 'key' | 'apiBaseUrl'; kind: IpcErrorKind; message: string };

export interface BaseUrlChoice {
  /** What the user typed. */
  value: string;
  /** The setting as it is now; an unchanged or blank value is not saved again. */
  current: string;
}

export async function submitKey(
  bridge: Pick<LobstrBridge, 'setKey' | 'updateSettings'>,
  rawKey: string,
  baseUrl?: BaseUrlChoice,
): Promise<KeySubmission> {
  // A key copied from a web page often brings a space or a line break along.
  const key = rawKey.trim();
  if (key === '') return { ok: false, field: 'key', kind: 'invalid_request', message: 'Paste your Lobstr API key first.' };

  const wantedBase = baseUrl?.value.trim() ?? '';
  if (baseUrl && wantedBase !== '' && wantedBase !== baseUrl.current) {
    const saved = await bridge.updateSettings({ apiBaseUrl: wantedBase });
    if (!saved.ok) return { ok: false, field: 'apiBaseUrl', kind: saved.error.kind, message: saved.error.message };
  }

  const result = await bridge.setKey(key);
  if (!result.ok) return { ok: false, field: 'key', kind: result.error.kind, message: result.error.message };
  return { ok: true, status: result.value };
}

/** What to do after a refusal, in a sentence; null when the message says enough. */
export function keyAdvice(kind: IpcErrorKind): string | null {
  switch (kind) {
    case 'auth':
      return 'Check that you copied the whole key from the API page of the Lobstr dashboard, or create a new key there, then paste it again. Nothing was stored.';
    case 'network':
    case 'timeout':
      return 'Check your internet connection and the API base URL, then try again. Nothing was stored.';
    case 'server':
    case 'rate_limited':
      return 'Lobstr could not answer just now; wait a moment and try again. Nothing was stored.';
    default:
      return null;
  }
}
