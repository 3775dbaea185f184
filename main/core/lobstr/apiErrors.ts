/**
 * Errors of the connection to the Lobstr API, as values with a kind and a message a person
 * can act on. Never contains the API key.
 */
export const API_ERROR_KINDS = [
  'auth', // 401/403 on the request itself: the API key is wrong or revoked
  'not_found',
  'rate_limited',
  'server', // 5xx
  'network', // refused, reset, DNS
  'timeout',
  'invalid_response', // not JSON, an HTML error page, the wrong shape, too large, a redirect
  'tls', // the certificate was refused, or the server does not speak https: no retry helps
  'config', // the API base URL cannot be used as it is (a port fetch refuses): no retry helps
] as const;

export type ApiErrorKind = (typeof API_ERROR_KINDS)[number];

export class LobstrApiError extends Error {
  override readonly name = 'LobstrApiError';
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    /** HTTP status when a response was received. */
    readonly status?: number,
    /** For rate_limited: how long the server asked to wait, in ms. */
    readonly retryAfterMs?: number,
    /**
     * Lobstr refused what the request sent (400/422 to a re-sync's cookies). The kind stays
     * `invalid_response`, as for any unexpected 4xx, so the connection's problems keep their kinds;
     * the re-sync reads this as "cookies rejected".
     */
    readonly rejected = false,
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
