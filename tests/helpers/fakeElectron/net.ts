/**
 * Electron's `net`: isOnline() and fetch(), recording each request.
 *
 * `net.fetch` sends a request "similarly to how fetch() works in the renderer, using Chromium's
 * network stack. This differs from Node's fetch(), which uses Node.js's HTTP stack" (electron.d.ts,
 * net.fetch; https://www.electronjs.org/docs/latest/api/net#netfetchinput-init): the system proxy,
 * PAC files and the OS's certificate store apply to it, not to Node's global fetch. What this fake
 * models, each from Electron's docs or issue tracker, never more lenient than Electron:
 * - "The net API can be used only after the application emits the ready event" (net docs): before
 *   app.whenReady() it throws.
 * - "net.fetch() does not support the data: or blob: schemes" (Limitations): refused.
 * - It takes the standard RequestInit (plus bypassCustomProtocolHandlers); Node-only options such as
 *   undici's `dispatcher` do not exist there: refused, so the app cannot come to rely on one.
 * - `signal` (AbortSignal) stops the request, as the renderer's fetch does.
 * - `redirect: 'manual'` does not hand back the 3xx answer: the underlying ClientRequest cancels the
 *   request at an unhandled redirect, and the promise rejects with "Redirect was cancelled"
 *   (electron/electron#43715; ClientRequest's 'redirect' event docs).
 * - A failure rejects with Chromium's error name in the message (net::ERR_CONNECTION_REFUSED,
 *   net::ERR_CERT_AUTHORITY_INVALID, net::ERR_UNSAFE_PORT; Chromium's net_error_list.h), not with
 *   undici's "fetch failed" and its `cause.code`.
 * The request itself goes on through the Node fetch captured when this module loaded (or the transport
 * given), so the simulator answers it, and a test spying on globalThis.fetch sees only what bypassed
 * net.fetch.
 */
const nodeFetch: typeof fetch = globalThis.fetch;

/** A request the app sent through net.fetch. */
export interface NetRequest {
  url: string;
  method: string;
}

/** RequestInit fields of the standard, plus Electron's own. */
const KNOWN_INIT = new Set([
  'method', 'headers', 'body', 'mode', 'credentials', 'cache', 'redirect', 'referrer', 'referrerPolicy',
  'integrity', 'keepalive', 'signal', 'window', 'priority', 'duplex', 'bypassCustomProtocolHandlers',
]);

export class FakeNet {
  readonly requests: NetRequest[] = [];

  constructor(
    private readonly app: { isReady(): boolean },
    private readonly online: { value: boolean },
    private readonly transport: typeof fetch = nodeFetch,
  ) {}

  isOnline(): boolean {
    return this.online.value;
  }

  /** Bound, so the app may pass `net.fetch` on as a function. */
  readonly fetch = async (input: string | Request, init: RequestInit = {}): Promise<Response> => {
    if (!this.app.isReady()) throw new Error('net.fetch cannot be used before the app is ready');
    const url = typeof input === 'string' ? input : input.url;
    const scheme = new URL(url).protocol;
    if (scheme === 'data:' || scheme === 'blob:') throw new TypeError(`net.fetch does not support the ${scheme} scheme`);
    const unknown = Object.keys(init).filter((key) => !KNOWN_INIT.has(key));
    if (unknown.length > 0) throw new TypeError(`net.fetch has no option ${unknown.join(', ')} (a Node.js fetch option)`);
    this.requests.push({ url, method: (init.method ?? (typeof input === 'string' ? 'GET' : input.method)).toUpperCase() });

    let response: Response;
    try {
      response = await this.transport(input, init);
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new Error(`net::${chromiumErrorFor(error)}`);
    }
    if (init.redirect === 'manual' && response.status >= 300 && response.status < 400 && response.headers.has('location')) {
      await response.body?.cancel().catch(() => undefined);
      throw new Error('Redirect was cancelled');
    }
    return response;
  };
}

/** Chromium's name for what Node's fetch met (the same wire event, as Chromium reports it). */
function chromiumErrorFor(error: unknown): string {
  let message = '';
  let code: string | undefined;
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 6; current = current.cause, depth++) {
    message = current.message;
    code = (current as { code?: string }).code ?? code;
  }
  if (message === 'bad port') return 'ERR_UNSAFE_PORT';
  if (code === 'ECONNREFUSED') return 'ERR_CONNECTION_REFUSED';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'ERR_NAME_NOT_RESOLVED';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return 'ERR_CONNECTION_RESET';
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return 'ERR_CONNECTION_TIMED_OUT';
  if (code !== undefined && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code)) return 'ERR_CERT_AUTHORITY_INVALID';
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number/.test(message)) return 'ERR_SSL_PROTOCOL_ERROR';
  return 'ERR_FAILED';
}
