/**
 * Errors of the connection to the Lobstr API, as values with a kind and a message a person
 * can act on. Never contains the API key.
 */
export type ApiErrorKind =
  | 'auth' // 401/403 on the request itself: the API key is wrong or revoked
  | 'not_found'
  | 'rate_limited'
  | 'server' // 5xx
  | 'network' // refused, reset, DNS
  | 'timeout'
  | 'invalid_response'; // not JSON, an HTML error page, the wrong shape, too large

export class LobstrApiError extends Error {
  override readonly name = 'LobstrApiError';
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    /** HTTP status when a response was received. */
    readonly status?: number,
    /** For rate_limited: how long the server asked to wait, in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  toJSON(): { kind: ApiErrorKind; message: string } {
    return { kind: this.kind, message: this.message };
  }
}

export function isLobstrApiError(e: unknown): e is LobstrApiError {
  return e instanceof LobstrApiError;
}
