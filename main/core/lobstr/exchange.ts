/**
 * One exchange with Lobstr: a single request (a GET, or a re-sync's POST), bounded by the timeout and the caller's abort, its body
 * read whole within the size cap. It says what came back (an answer, whatever its status) or why
 * nothing usable did, sorted into what another try may fix (transient) and what it cannot (thrown).
 * Whether and when to try again is requestWithRetries.ts's business.
 */
import { StringDecoder } from 'node:string_decoder';
import { LobstrApiError, type ApiErrorKind } from './apiErrors.js';
import type { ClientConfig } from './clientConfig.js';
import { lastingFetchFailure, networkReason } from './fetchFailure.js';

/** One complete HTTP answer, its body read whole within the cap. */
export interface Answer {
  status: number;
  statusText: string;
  headers: Headers;
  text: string;
}

/** A failure worth another try; the message is finished once the number of attempts is known. */
export interface Transient {
  kind: ApiErrorKind;
  /** What went wrong, without a closing period: " (tried 4 times)" may follow. */
  summary: string;
  /** What to do about it. */
  advice: string;
  status?: number;
  /** A 5xx may say when to come back. */
  retryAfterMs?: number;
}

export type Exchange = { type: 'answer'; answer: Answer } | { type: 'transient'; failure: Transient };

/** What is sent: a GET, or a POST with its JSON body (the body lives for this request only). */
export interface Outgoing {
  method: 'GET' | 'POST';
  url: string;
  body?: string;
}

/** One attempt: the answer with its whole body, a transient failure, or a thrown fatal one. */
export async function exchange(config: ClientConfig, outgoing: Outgoing, outer: AbortSignal): Promise<Exchange> {
  const { url } = outgoing;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('timeout'));
  }, config.timeoutMs);
  const onOuterAbort = (): void => controller.abort(outer.reason);
  if (outer.aborted) onOuterAbort();
  else outer.addEventListener('abort', onOuterAbort, { once: true });

  let readingBody = false;
  try {
    // Redirects are not followed, so the key is never sent to another address.
    const init: RequestInit = { method: outgoing.method, headers: config.headers, signal: controller.signal, redirect: 'manual' };
    if (outgoing.body !== undefined) {
      init.headers = { ...config.headers, 'Content-Type': 'application/json' };
      init.body = outgoing.body;
    }
    const response = await config.fetch(url, init);
    readingBody = true;
    const text = await readCappedBody(config, response);
    return { type: 'answer', answer: { status: response.status, statusText: response.statusText, headers: response.headers, text } };
  } catch (error) {
    if (outer.aborted) throw outer.reason ?? error;
    if (error instanceof LobstrApiError) throw error;
    if (timedOut) {
      return {
        type: 'transient',
        failure: {
          kind: 'timeout',
          summary: `Lobstr did not answer within ${formatSeconds(config.timeoutMs)}`,
          advice: 'Check your internet connection, or try again later.',
        },
      };
    }
    if (readingBody) {
      return {
        type: 'transient',
        failure: {
          kind: 'invalid_response',
          summary: `Lobstr's response was cut off before its end (${networkReason(error)})`,
          advice: 'Try again later.',
        },
      };
    }
    // A refused port, an untrusted certificate, a server without https: the same at every try.
    const lasting = lastingFetchFailure(error, url);
    if (lasting) throw config.fail(lasting.kind, lasting.message);
    return {
      type: 'transient',
      failure: {
        kind: 'network',
        summary: `Could not reach Lobstr at ${new URL(url).host}: ${networkReason(error)}`,
        advice: 'Check your internet connection and the API base URL.',
      },
    };
  } finally {
    clearTimeout(timer);
    outer.removeEventListener('abort', onOuterAbort);
  }
}

/** Reads the body as a stream, counting bytes, so an oversized one is refused without being held. */
async function readCappedBody(config: ClientConfig, response: Response): Promise<string> {
  const { maxBodyBytes } = config;
  const tooLarge = (): LobstrApiError =>
    config.fail(
      'invalid_response',
      `Lobstr sent a response larger than ${formatBytes(maxBodyBytes)}; it was refused rather than read into memory. ` +
        'Check the API base URL; if it is right, try again later.',
      response.status,
    );
  const declared = Number(response.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > maxBodyBytes) {
    void response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (response.body === null) return '';
  const reader = response.body.getReader();
  // Decoded chunk by chunk: no copy of the whole body in one more buffer. Buffers live outside V8's
  // heap until a collection notices them; at 10,000 accounts a poll reads 18 MB of bodies, and each
  // extra copy kept the main process's memory that much higher. StringDecoder is Buffer's own UTF-8
  // decoder (twice TextDecoder's speed on text with accents) and keeps a character cut between two
  // chunks whole.
  const decoder = new StringDecoder('utf8');
  let text = '';
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBodyBytes) {
      void reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    text += decoder.write(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }
  text += decoder.end();
  // Like TextDecoder, a byte order mark is dropped (JSON.parse would refuse it).
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 10) return `${Number(seconds.toFixed(1))} s`;
  if (seconds < 120) return `${Math.round(seconds)} s`;
  return `${Math.round(seconds / 60)} min`;
}

const MIB = 1024 * 1024;

function formatBytes(bytes: number): string {
  if (bytes >= MIB) return `${Number((bytes / MIB).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}
