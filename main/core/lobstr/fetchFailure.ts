/**
 * What a rejected fetch means. Two HTTP stacks reject differently: Node's fetch (undici; the command
 * line's own fetch over node:http, main/cli/nodeHttpFetch.ts, fails the same way) with
 * `TypeError: fetch failed` and the cause's code (ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT,
 * ERR_SSL_WRONG_VERSION_NUMBER) or message ("bad port"); Electron's net.fetch (Chromium, the tray app)
 * with Chromium's error name in the message (net::ERR_CONNECTION_REFUSED, net::ERR_CERT_AUTHORITY_INVALID,
 * net::ERR_UNSAFE_PORT; the list is Chromium's net/base/net_error_list.h).
 *
 * Most failures may pass (offline, a server restarting) and are worth another try. Some never can:
 * a port the HTTP stack refuses to use, a certificate this computer does not trust, a server that does
 * not speak https, a redirect (never followed, so the key stays where it was checked). Those are said
 * at once, with their own cause and what to change.
 */
import type { ApiErrorKind } from './apiErrors.js';
import { DEFAULT_API_BASE } from './baseUrl.js';

/** A failure asking again cannot fix: the whole sentence for the user. */
export interface LastingFailure {
  kind: Extract<ApiErrorKind, 'config' | 'tls' | 'invalid_response'>;
  message: string;
}

/** Node's (OpenSSL's) codes for a certificate it does not trust; Chromium's are net::ERR_CERT_*. */
const CERTIFICATE_CODES =
  /^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_\w+|ERR_TLS_CERT_ALTNAME_INVALID|HOSTNAME_MISMATCH)$/;
/** OpenSSL's words when the other side answered a TLS handshake with something that is not TLS. */
const NOT_TLS_CODES = /^(ERR_SSL_WRONG_VERSION_NUMBER|ERR_SSL_PACKET_LENGTH_TOO_LONG|ERR_SSL_HTTP_REQUEST|EPROTO)$/;

/** The failure when it is one no retry can fix; null when another try may work. */
export function lastingFetchFailure(error: unknown, url: string): LastingFailure | null {
  const code = findErrorCode(error);
  const message = innermostMessage(error);
  const chromium = chromiumError(error);
  const target = new URL(url);
  const host = target.host;

  // Both stacks refuse the Fetch standard's "bad ports" (9, 25, 6000…): undici says "bad port".
  if (message === 'bad port' || chromium === 'ERR_UNSAFE_PORT') {
    const port = target.port || (target.protocol === 'https:' ? '443' : '80');
    return {
      kind: 'config',
      message:
        `The API base URL uses port ${port}, which the app's HTTP client refuses to connect to (it is reserved for ` +
        `another protocol), so nothing was sent. Check the port in the API base URL; Lobstr's is ${DEFAULT_API_BASE}.`,
    };
  }
  if ((code !== undefined && CERTIFICATE_CODES.test(code)) || chromium?.startsWith('ERR_CERT_')) {
    const why = chromium ?? `${message}${code !== undefined && code !== message ? `, ${code}` : ''}`;
    return {
      kind: 'tls',
      message:
        `The certificate of ${host} was refused (${why}), so nothing was sent to it. Check the API base URL; if it is ` +
        'right, this network may inspect https (a company proxy or an antivirus): its certificate must be trusted by ' +
        'this computer (the command line also reads extra ones from NODE_EXTRA_CA_CERTS).',
    };
  }
  if (
    (code !== undefined && NOT_TLS_CODES.test(code)) ||
    /wrong version number/i.test(message) ||
    chromium === 'ERR_SSL_PROTOCOL_ERROR' ||
    chromium === 'ERR_SSL_VERSION_OR_CIPHER_MISMATCH'
  ) {
    return {
      kind: 'tls',
      message:
        `${host} does not speak https: the secure connection failed at its start (${chromium ?? code ?? message}); it may ` +
        'be a plain http:// server. Check the API base URL: https:// for Lobstr, http:// only for a local simulator.',
    };
  }
  if (message === 'Redirect was cancelled') {
    // net.fetch with redirect: 'manual' cancels the request at the redirect (ClientRequest's 'redirect' event).
    return {
      kind: 'invalid_response',
      message:
        `Lobstr redirected the request away from ${target.origin}${target.pathname}. The key is not sent to a redirected ` +
        'address: check the API base URL, and if the new address is right, set it there.',
    };
  }
  return null;
}

/** The innermost readable reason of a failed fetch, with its code, for "Could not reach Lobstr: …". */
export function networkReason(error: unknown): string {
  const code = findErrorCode(error) ?? chromiumError(error);
  switch (code) {
    case 'ECONNREFUSED':
    case 'ERR_CONNECTION_REFUSED':
      return `the connection was refused (${code})`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ERR_NAME_NOT_RESOLVED':
    case 'ERR_NAME_RESOLUTION_FAILED':
      return `the host name could not be resolved (${code})`;
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'ERR_CONNECTION_RESET':
    case 'ERR_CONNECTION_CLOSED':
    case 'ERR_EMPTY_RESPONSE':
      return `the connection was cut (${code})`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ERR_CONNECTION_TIMED_OUT':
    case 'ERR_TIMED_OUT':
      return `connecting timed out (${code})`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENETDOWN':
    case 'ERR_INTERNET_DISCONNECTED':
    case 'ERR_ADDRESS_UNREACHABLE':
    case 'ERR_NETWORK_CHANGED':
      return `the network is unreachable (${code})`;
    case 'ERR_PROXY_CONNECTION_FAILED':
    case 'ERR_TUNNEL_CONNECTION_FAILED':
      return `the system's proxy could not be used (${code})`;
    default:
      break;
  }
  const message = innermostMessage(error);
  return code !== undefined && !message.includes(code) ? `${message} (${code})` : message;
}

/** Chromium's error name ("ERR_CERT_AUTHORITY_INVALID") from a net.fetch rejection's message. */
function chromiumError(error: unknown): string | undefined {
  return /\bnet::(ERR_[A-Z0-9_]+)/.exec(innermostMessage(error))?.[1];
}

function findErrorCode(error: unknown, depth = 0): string | undefined {
  if (depth > 6 || typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  const inner = findErrorCode((error as { cause?: unknown }).cause, depth + 1);
  if (inner !== undefined) return inner;
  if (error instanceof AggregateError) {
    for (const e of error.errors) {
      const found = findErrorCode(e, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return typeof code === 'string' ? code : undefined;
}

function innermostMessage(error: unknown): string {
  let current: unknown = error;
  let message = 'unknown error';
  for (let depth = 0; depth < 6 && current instanceof Error; depth++) {
    if (current.message) message = current.message.trim();
    current = current.cause;
  }
  return message;
}
