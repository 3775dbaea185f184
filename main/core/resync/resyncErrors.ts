/** A client failure during a re-sync, as the re-sync's own error kinds, in words for this step. */
import { isLobstrApiError } from '../lobstr/apiErrors.js';
import type { ResyncError } from './resyncProgress.js';

export type ResyncCall = 'send' | 'status' | 'read';

export function resyncErrorOf(error: unknown, call: ResyncCall): ResyncError {
  if (!isLobstrApiError(error)) {
    return { kind: 'server', message: `The re-sync failed inside the app: ${(error as Error)?.message ?? String(error)}` };
  }
  const message = error.message;
  if (error.rejected) return { kind: 'cookies_rejected', message: `${message} Log in again (or export fresh cookies) and retry.` };
  switch (error.kind) {
    case 'auth':
      return { kind: 'key_rejected', message };
    case 'not_found':
      // A task Lobstr no longer knows is its failure; an account it no longer knows is gone.
      return call === 'status'
        ? { kind: 'server', message: `${message} Start the re-sync again.` }
        : { kind: 'account_gone', message: `${message} Nothing to re-sync: the account list updates at the next check.` };
    case 'network':
    case 'timeout':
    case 'tls':
    case 'config':
      return { kind: 'network', message };
    default:
      return { kind: 'server', message };
  }
}
