/**
 * The simulated Lobstr API under /v1, as /work/shared/lobstr-api.md decides (auth, pagination, errors,
 * rate-limit headers): the routing, the token check (before anything else, so an unknown path without
 * a token is a 401 too), reading bodies, and the fault queue applied to every request. The account
 * list and details are answered here; the sync endpoints in accountSyncApi.ts, the writes (limits,
 * delete) in accountWritesApi.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  envelopeBody,
  envelopeBytes,
  errorBody,
  faultError,
  isProxyStatus,
  MAINTENANCE_PAGE,
  proxyErrorPage,
  WRONG_SHAPE_BODY,
  type ApiError,
  type Reply,
} from './apiResponses.js';
import { accountTypesReply, cookieNamesOf, startSyncReply, syncStatusReply } from './accountSyncApi.js';
import { deleteAccountReply, updateLimitsReply } from './accountWritesApi.js';
import { readRequestBody, type RequestBody } from './requestBody.js';
import type { AppliedFaults, ErrorShape, MalformedKind } from './faults.js';
import { requestOrigin, send, type SimulatorContext } from './simulatorContext.js';

/** Generous, so tests and benchmarks never meet it by accident; still counted and enforced. */
export const RATE_LIMIT_PER_MINUTE = 1_000_000;
const WINDOW_MS = 60_000;
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;

interface Answer {
  status: number;
  /** A page of the list is bytes (accountStore.ts); every other answer a text. */
  body: string | Buffer;
  headers: Record<string, string | number>;
}

type Route =
  | { kind: 'list' }
  | { kind: 'detail'; hash: string }
  | { kind: 'cookies' }
  | { kind: 'types' }
  | { kind: 'syncStatus'; id: string }
  | { kind: 'unknown' };

/** The methods each route answers (HEAD wherever GET is, as Django does). */
const METHODS: Readonly<Record<Exclude<Route['kind'], 'unknown'>, readonly string[]>> = {
  list: ['GET', 'HEAD', 'POST'],
  detail: ['GET', 'HEAD', 'DELETE'],
  cookies: ['POST'],
  types: ['GET', 'HEAD'],
  syncStatus: ['GET', 'HEAD'],
};

/** One path segment, percent-decoded; null when its encoding is broken. */
function segment(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** `/v1/accounts/cookies` is matched before `/v1/accounts/{hash}` (lobstr-api.md §2, routing notes). */
function routeOf(pathname: string): Route {
  const path = pathname.length > 4 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  if (path === '/v1/accounts') return { kind: 'list' };
  if (path === '/v1/accounts/cookies') return { kind: 'cookies' };
  if (path === '/v1/account_types') return { kind: 'types' };
  const [, collection, raw] = /^\/v1\/(accounts|synchronize)\/([^/]+)$/.exec(path) ?? [];
  const name = raw === undefined ? null : segment(raw);
  if (name === null) return { kind: 'unknown' };
  return collection === 'accounts' ? { kind: 'detail', hash: name } : { kind: 'syncStatus', id: name };
}

/** A request body as the endpoints see it (DRF's JSONParser: JSON only, by Content-Type). */
type ParsedBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'empty' }
  | { kind: 'invalid' }
  | { kind: 'unsupported'; mediaType: string }
  | { kind: 'tooLarge' };

function parseBody(req: IncomingMessage, body: RequestBody): ParsedBody {
  if (body.tooLarge) return { kind: 'tooLarge' };
  if (body.text.trim() === '') return { kind: 'empty' };
  const mediaType = (req.headers['content-type'] ?? 'application/json').split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType !== 'application/json') return { kind: 'unsupported', mediaType };
  try {
    return { kind: 'json', value: JSON.parse(body.text) as unknown };
  } catch {
    // JSON.parse's message quotes the text, which may hold a cookie value: never echoed.
    return { kind: 'invalid' };
  }
}

/** The error for a body an endpoint cannot read, or null when it has a (possibly empty) JSON value. */
function bodyError(body: ParsedBody): ApiError | null {
  switch (body.kind) {
    case 'tooLarge':
      return { status: 413, message: 'Request body too large.', type: 'RequestEntityTooLarge' };
    case 'unsupported':
      return { status: 415, message: `Unsupported media type "${body.mediaType}" in request.`, type: 'UnsupportedMediaType' };
    case 'invalid':
      return { status: 400, message: 'JSON parse error - the request body is not valid JSON.', type: 'ParseError' };
    default:
      return null;
  }
}

/** Django's QueryDict.get: the last value of a repeated parameter; null when absent. */
function lastParam(params: URLSearchParams, name: string): string | null {
  return params.getAll(name).at(-1) ?? null;
}

/** A whole number >= 1, or null when malformed; `fallback` when absent. */
function positiveInteger(raw: string | null, fallback: number): number | null {
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= 1 ? n : null;
}

function invalidParameter(name: string, raw: string | null): ApiError {
  return {
    status: 400,
    message: `Invalid ${name} ${JSON.stringify(raw)}: it must be a whole number of at least 1.`,
    type: 'InvalidParameterValue',
  };
}

/** DRF's TokenAuthentication, wording included; null when the header carries our token. */
function authError(header: string | undefined, token: string): ApiError | null {
  const parts = (header ?? '').trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0 || parts[0]?.toLowerCase() !== 'token') {
    return { status: 401, message: 'Authentication credentials were not provided.', type: 'NotAuthenticated' };
  }
  if (parts.length === 1) {
    return { status: 401, message: 'Invalid token header. No credentials provided.', type: 'NotAuthenticated' };
  }
  if (parts.length > 2) {
    return { status: 401, message: 'Invalid token header. Token string should not contain spaces.', type: 'NotAuthenticated' };
  }
  return parts[1] === token ? null : { status: 401, message: 'Invalid token.', type: 'NotAuthenticated' };
}

export function createAccountsApi(ctx: SimulatorContext) {
  let windowStart = 0;
  let used = 0;

  /** Counts the request in the current one-minute window; returns the X-RateLimit-* headers. */
  const countRequest = (nowMs: number): { headers: Record<string, string | number>; exceeded: boolean; resetSec: number } => {
    const start = Math.floor(nowMs / WINDOW_MS) * WINDOW_MS;
    if (start !== windowStart) {
      windowStart = start;
      used = 0;
    }
    used += 1;
    const resetSec = (start + WINDOW_MS) / 1000;
    return {
      headers: {
        'X-RateLimit-Limit': RATE_LIMIT_PER_MINUTE,
        'X-RateLimit-Remaining': Math.max(0, RATE_LIMIT_PER_MINUTE - used),
        'X-RateLimit-Reset': resetSec,
      },
      exceeded: used > RATE_LIMIT_PER_MINUTE,
      resetSec,
    };
  };

  const errorAnswer = (error: ApiError, shape: ErrorShape, headers: Record<string, string | number>): Answer => ({
    status: error.status,
    body: errorBody(error, shape),
    headers,
  });

  const replyAnswer = (reply: Reply, shape: ErrorShape, headers: Record<string, string | number>): Answer =>
    'error' in reply ? errorAnswer(reply.error, shape, headers) : { status: reply.status, body: reply.body, headers };

  /** The answer the API gives when no fault replaces it: the token first, then the route, as DRF does. */
  const normalAnswer = (
    req: IncomingMessage,
    url: URL,
    body: ParsedBody,
    faults: AppliedFaults,
    shape: ErrorShape,
    headers: Record<string, string | number>,
    nowMs: number,
  ): Answer => {
    const auth = authError(req.headers.authorization, ctx.token);
    if (auth) return errorAnswer(auth, shape, { ...headers, 'WWW-Authenticate': 'Token' });
    const route = routeOf(url.pathname);
    if (route.kind === 'unknown') return errorAnswer({ status: 404, message: 'Not found.', type: 'HTTPNotFound' }, shape, headers);
    const method = req.method ?? 'GET';
    const allowed = METHODS[route.kind];
    if (!allowed.includes(method)) {
      return errorAnswer(
        { status: 405, message: `Method "${method}" not allowed.`, type: 'MethodNotAllowed' },
        shape,
        { ...headers, Allow: allowed.join(', ') },
      );
    }
    if (method === 'POST') {
      const unreadable = bodyError(body);
      if (unreadable) return errorAnswer(unreadable, shape, headers);
    }
    const value = body.kind === 'json' ? body.value : {};
    switch (route.kind) {
      case 'types':
        return replyAnswer(accountTypesReply(), shape, headers);
      case 'cookies':
        return replyAnswer(startSyncReply(ctx, value, nowMs), shape, headers);
      case 'syncStatus':
        return replyAnswer(syncStatusReply(ctx, route.id, nowMs), shape, headers);
      case 'detail':
        if (method === 'DELETE') return replyAnswer(deleteAccountReply(ctx, route.hash), shape, headers);
        return detailAnswer(route.hash, shape, headers);
      default:
        if (method === 'POST') return replyAnswer(updateLimitsReply(ctx, value, nowMs), shape, headers);
        return listAnswer(req, url, faults, shape, headers);
    }
  };

  const detailAnswer = (hash: string, shape: ErrorShape, headers: Record<string, string | number>): Answer => {
    const json = ctx.state.accounts.json(hash);
    if (json === undefined) return errorAnswer({ status: 404, message: 'Not found.', type: 'AccountDoesNotExist' }, shape, headers);
    const body = envelopeBody(
      { totalResults: 1, limit: DEFAULT_LIMIT, page: 1, totalPages: 1, resultFrom: 1, next: null, previous: null },
      [json],
    );
    return { status: 200, body, headers };
  };

  const listAnswer = (
    req: IncomingMessage,
    url: URL,
    faults: AppliedFaults,
    shape: ErrorShape,
    headers: Record<string, string | number>,
  ): Answer => {
    const store = ctx.state.accounts;
    const rawLimit = lastParam(url.searchParams, 'limit');
    const rawPage = lastParam(url.searchParams, 'page');
    const askedLimit = positiveInteger(rawLimit, DEFAULT_LIMIT);
    if (askedLimit === null) return errorAnswer(invalidParameter('limit', rawLimit), shape, headers);
    const page = positiveInteger(rawPage, 1);
    if (page === null) return errorAnswer(invalidParameter('page', rawPage), shape, headers);
    const limit = Math.min(askedLimit, MAX_LIMIT);
    const total = store.size;
    const totalPages = faults.totalPages ?? Math.ceil(total / limit);
    const offset = (page - 1) * limit;
    const items = offset < total ? store.pageBytes(offset, limit) : [];
    const origin = requestOrigin(req, ctx);
    const linkTo = (n: number): string => {
      const query = new URLSearchParams(url.search);
      query.set('page', String(n));
      return `${origin}${url.pathname}?${query.toString()}`;
    };
    const body = envelopeBytes(
      {
        totalResults: total,
        limit,
        page,
        totalPages,
        resultFrom: offset + 1,
        next: page < totalPages ? linkTo(page + 1) : null,
        previous: page > 1 ? linkTo(Math.min(page - 1, Math.max(totalPages, 1))) : null,
      },
      items,
    );
    return { status: 200, body, headers };
  };

  const malformedAnswer = (kind: MalformedKind, normal: Answer): { body: string; contentType: string } => {
    if (kind === 'html') return { body: MAINTENANCE_PAGE, contentType: 'text/html; charset=utf-8' };
    if (kind === 'wrong_shape') return { body: WRONG_SHAPE_BODY, contentType: 'application/json' };
    const text = normal.body.toString();
    return { body: text.slice(0, Math.floor(text.length / 2)), contentType: 'application/json' };
  };

  /** Streams a valid envelope of `megabytes` MB, without holding it in memory. */
  const sendOversize = (res: ServerResponse, megabytes: number, headers: Record<string, string | number>): void => {
    const head = '{"total_results":1,"limit":50,"page":1,"total_pages":1,"result_from":1,"result_to":1,"data":[{"id":"0000000000000000000000000000000f","padding":"';
    const tail = '"}],"next":null,"previous":null}';
    const total = megabytes * 1024 * 1024;
    let left = Math.max(0, total - head.length - tail.length);
    res.writeHead(200, { ...headers, 'Content-Type': 'application/json', 'Content-Length': head.length + left + tail.length });
    res.write(head);
    const chunk = 'x'.repeat(64 * 1024);
    const pump = (): void => {
      while (left > 0 && !res.destroyed) {
        const piece = left >= chunk.length ? chunk : chunk.slice(0, left);
        left -= piece.length;
        if (!res.write(piece)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!res.destroyed) res.end(tail);
    };
    pump();
  };

  return async function handleApiRequest(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const body = parseBody(req, await readRequestBody(req));
    const nowMs = ctx.now();
    const cookieNames = routeOf(url.pathname).kind === 'cookies' && body.kind === 'json' ? cookieNamesOf(body.value) : undefined;
    ctx.state.requests.record({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      at: new Date(nowMs).toISOString(),
      authorization: req.headers.authorization !== undefined,
      ...(cookieNames ? { cookie_names: cookieNames } : {}),
    });
    ctx.state.sync.settle(nowMs);
    const faults = ctx.state.faults.take(url.pathname + url.search);
    if (faults.shift > 0) ctx.state.shift(faults.shift, nowMs);
    const rate = countRequest(nowMs);
    const shape = faults.errorShape ?? ctx.state.errorShape;
    if (faults.latencyMs > 0 && !(await ctx.delay(faults.latencyMs))) return;

    const response = faults.response;
    if (response?.kind === 'reset') {
      // A reset rather than a clean close, like a dropped connection.
      const socket = req.socket;
      if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
      else socket.destroy();
      return;
    }
    if (response?.kind === 'oversize') {
      sendOversize(res, response.megabytes, rate.headers);
      return;
    }
    if (response?.kind === 'status') {
      if (isProxyStatus(response.status)) {
        send(res, response.status, proxyErrorPage(response.status), {}, 'text/html');
        return;
      }
      const headers: Record<string, string | number> = { ...rate.headers };
      if (response.retryAfter !== undefined) headers['Retry-After'] = response.retryAfter;
      if (response.resetIn !== undefined) {
        headers['X-RateLimit-Remaining'] = 0;
        headers['X-RateLimit-Reset'] = Math.ceil(ctx.now() / 1000) + response.resetIn;
      }
      const error = faultError(response.status, response.retryAfter ?? response.resetIn);
      const answer = errorAnswer(error, shape, headers);
      send(res, answer.status, answer.body, answer.headers);
      return;
    }
    if (rate.exceeded) {
      const wait = Math.max(1, Math.ceil(rate.resetSec - nowMs / 1000));
      const answer = errorAnswer(faultError(429, wait), shape, { ...rate.headers, 'Retry-After': wait });
      send(res, answer.status, answer.body, answer.headers);
      return;
    }
    const answer = normalAnswer(req, url, body, faults, shape, rate.headers, nowMs);
    if (response?.kind === 'malformed') {
      const broken = malformedAnswer(response.malformed, answer);
      send(res, 200, broken.body, rate.headers, broken.contentType);
      return;
    }
    send(res, answer.status, answer.body, answer.headers);
  };
}
