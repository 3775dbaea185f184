/**
 * The command line's fetch: the subset of the Fetch API the Lobstr client uses (a GET, or a POST with
 * a text body, with headers, a signal, redirects not followed, a streamed body), over Node's http and
 * https modules.
 *
 * Why not Node's global fetch: its HTTP client (undici) compiles a WebAssembly HTTP parser on the first
 * request, which alone raised the peak memory of a whole `lobstr-tray check` by about 25 MB (108-119 MB
 * against 89-92 MB at 1,000 accounts), and costs more per request. The tray app keeps Electron's
 * net.fetch; this is only for the command.
 *
 * It fails the way Node's fetch does, so fetchFailure.ts reads both alike: `TypeError('fetch failed')`
 * whose cause is the socket's or TLS's own error (ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT,
 * ERR_SSL_WRONG_VERSION_NUMBER…), and the Fetch standard's "bad port" refusal before connecting.
 * Like fetch it asks for compressed bodies and decompresses them; like fetch with redirect: 'manual'
 * it returns a redirect as it came. Keep-alive connections are reused across the pages of a listing
 * (Node's global agents keep them alive, unreferenced, so they never hold the process open).
 */
import http from 'node:http';
import https from 'node:https';
import { Readable, pipeline, type Duplex } from 'node:stream';
import zlib from 'node:zlib';
import type { FetchFunction } from '../core/lobstr/apiClient.js';

/** The Fetch standard's "bad ports" (fetch.spec.whatwg.org/#block-bad-port): fetch refuses them, so does this. */
const BAD_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110,
  111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532,
  540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061,
  6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/** Statuses whose response has no body (the Response constructor refuses one). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

function fetchFailed(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause });
}

function decoderFor(encoding: string | undefined): Duplex | null {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      // Servers end gzip bodies loosely at times; browsers and fetch accept a missing trailer.
      return zlib.createGunzip({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH });
    case 'deflate':
      return zlib.createInflate({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH });
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return null;
  }
}

export const nodeHttpFetch: FetchFunction = (input, init) =>
  new Promise<Response>((resolve, reject) => {
    let url: URL;
    try {
      url = new URL(input);
    } catch (error) {
      reject(new TypeError('Failed to parse URL', { cause: error }));
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      reject(fetchFailed(new Error('unknown scheme')));
      return;
    }
    if (BAD_PORTS.has(Number(url.port))) {
      reject(fetchFailed(new Error('bad port')));
      return;
    }
    const signal = init.signal ?? undefined;
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }

    const headers = new Headers(init.headers);
    // What Node's fetch asks for.
    if (!headers.has('accept-encoding')) headers.set('accept-encoding', 'gzip, deflate');
    const transport = url.protocol === 'https:' ? https : http;
    const request = transport.request(url, { method: init.method ?? 'GET', headers: Object.fromEntries(headers), signal }, (response) => {
      const status = response.statusCode ?? 0;
      const responseHeaders = new Headers();
      const raw = response.rawHeaders;
      for (let i = 0; i + 1 < raw.length; i += 2) responseHeaders.append(raw[i]!, raw[i + 1]!);

      let body: ReadableStream<Uint8Array> | null = null;
      if (NULL_BODY_STATUSES.has(status) || init.method === 'HEAD') {
        response.resume();
      } else {
        const decoder = decoderFor(response.headers['content-encoding']);
        // pipeline passes a failure on either side (a cut connection, a corrupt body) to the reader.
        const stream: Readable = decoder ? pipeline(response, decoder, () => undefined) : response;
        body = Readable.toWeb(stream) as ReadableStream<Uint8Array>;
      }
      try {
        resolve(new Response(body, { status, statusText: response.statusMessage ?? '', headers: responseHeaders }));
      } catch (error) {
        // A status outside 200-599: not an HTTP answer fetch would give either.
        response.destroy();
        reject(fetchFailed(error));
      }
    });
    request.on('error', (error) => reject(signal?.aborted ? signal.reason : fetchFailed(error)));
    // A text body only: the client sends JSON as a string (a re-sync's cookies).
    request.end(typeof init.body === 'string' ? init.body : undefined);
  });
