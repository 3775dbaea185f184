/**
 * Faults injected into /v1 responses through `POST /__sim/faults`, kept in a queue and applied in order.
 *
 * A fault has at most one *response* effect, which replaces the normal answer:
 *   - `status` (400–599), optionally with `retry_after` (sends `Retry-After`) or `reset_in` (sends
 *     `X-RateLimit-Remaining: 0` and `X-RateLimit-Reset` = now + reset_in);
 *   - `malformed`: true or "truncated" (200, the real body cut in half), "html" (200, an HTML page),
 *     "wrong_shape" (200, valid JSON that is not the envelope);
 *   - `reset`: true (the socket is destroyed without an answer);
 *   - `oversize_mb`: a 200 JSON body of that many megabytes, streamed;
 * and any number of *modifiers*, which change a response without replacing it:
 *   - `latency_ms` (added before answering; several add up), `error_shape` ("A", "B", "C"),
 *   - `total_pages` (the list envelope reports this instead of the real count: a runaway),
 *   - `shift` (N new accounts are inserted at the front of the list before answering).
 * `path` limits a fault to requests whose path-and-query contains it (e.g. "page=2").
 * `count` is how many matching /v1 requests it applies to; omitted or null means until cleared.
 * For each request, every matching modifier-only fault applies, and the first matching fault with a
 * response effect answers it (its modifiers apply too); later response faults wait their turn.
 */
export type ErrorShape = 'A' | 'B' | 'C';
export type MalformedKind = 'truncated' | 'html' | 'wrong_shape';

export interface FaultSpec {
  status?: number;
  retry_after?: number;
  reset_in?: number;
  malformed?: MalformedKind;
  reset?: boolean;
  oversize_mb?: number;
  latency_ms?: number;
  error_shape?: ErrorShape;
  total_pages?: number;
  shift?: number;
  path?: string;
  /** Requests left; null = until cleared. */
  count: number | null;
}

export interface Fault extends FaultSpec {
  id: number;
}

export type ResponseFault =
  | { kind: 'status'; status: number; retryAfter?: number; resetIn?: number }
  | { kind: 'malformed'; malformed: MalformedKind }
  | { kind: 'reset' }
  | { kind: 'oversize'; megabytes: number };

/** What the faults do to one request. */
export interface AppliedFaults {
  latencyMs: number;
  errorShape?: ErrorShape;
  totalPages?: number;
  shift: number;
  response?: ResponseFault;
}

export class FaultSpecError extends Error {}

const KNOWN_FIELDS = new Set([
  'status', 'retry_after', 'reset_in', 'malformed', 'reset', 'oversize_mb', 'latency_ms', 'error_shape',
  'total_pages', 'shift', 'path', 'count',
]);

function wholeNumber(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new FaultSpecError(`${field} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

/** Checks one fault object from a request body; throws FaultSpecError with a message for a person. */
export function parseFault(input: unknown): FaultSpec {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new FaultSpecError('a fault must be a JSON object, e.g. {"status":500,"count":1}');
  }
  const body = input as Record<string, unknown>;
  for (const key of Object.keys(body)) {
    if (!KNOWN_FIELDS.has(key)) throw new FaultSpecError(`unknown fault field "${key}"`);
  }
  const spec: FaultSpec = { count: null };
  if (body.count !== undefined && body.count !== null) spec.count = wholeNumber(body.count, 'count', 1, Number.MAX_SAFE_INTEGER);
  if (body.status !== undefined) spec.status = wholeNumber(body.status, 'status', 400, 599);
  if (body.retry_after !== undefined) spec.retry_after = wholeNumber(body.retry_after, 'retry_after', 0, 86_400);
  if (body.reset_in !== undefined) spec.reset_in = wholeNumber(body.reset_in, 'reset_in', 0, 86_400);
  if ((spec.retry_after !== undefined || spec.reset_in !== undefined) && spec.status === undefined) {
    throw new FaultSpecError('retry_after and reset_in go with a status, e.g. {"status":429,"retry_after":2}');
  }
  if (body.malformed !== undefined) {
    const m = body.malformed;
    if (m === true || m === 'truncated') spec.malformed = 'truncated';
    else if (m === 'html' || m === 'wrong_shape') spec.malformed = m;
    else throw new FaultSpecError('malformed must be true, "truncated", "html" or "wrong_shape"');
  }
  if (body.reset !== undefined) {
    if (body.reset !== true) throw new FaultSpecError('reset must be true');
    spec.reset = true;
  }
  if (body.oversize_mb !== undefined) spec.oversize_mb = wholeNumber(body.oversize_mb, 'oversize_mb', 1, 512);
  if (body.latency_ms !== undefined) spec.latency_ms = wholeNumber(body.latency_ms, 'latency_ms', 0, 600_000);
  if (body.error_shape !== undefined) {
    if (body.error_shape !== 'A' && body.error_shape !== 'B' && body.error_shape !== 'C') {
      throw new FaultSpecError('error_shape must be "A", "B" or "C"');
    }
    spec.error_shape = body.error_shape;
  }
  if (body.total_pages !== undefined) spec.total_pages = wholeNumber(body.total_pages, 'total_pages', 0, Number.MAX_SAFE_INTEGER);
  if (body.shift !== undefined) spec.shift = wholeNumber(body.shift, 'shift', 1, 100_000);
  if (body.path !== undefined) {
    if (typeof body.path !== 'string' || body.path === '') throw new FaultSpecError('path must be a non-empty string');
    spec.path = body.path;
  }
  const responseEffects = [spec.status, spec.malformed, spec.reset, spec.oversize_mb].filter((v) => v !== undefined);
  if (responseEffects.length > 1) {
    throw new FaultSpecError('a fault can have only one of status, malformed, reset and oversize_mb');
  }
  const modifiers = [spec.latency_ms, spec.error_shape, spec.total_pages, spec.shift].filter((v) => v !== undefined);
  if (responseEffects.length + modifiers.length === 0) {
    throw new FaultSpecError('a fault needs an effect: status, malformed, reset, oversize_mb, latency_ms, error_shape, total_pages or shift');
  }
  return spec;
}

function responseOf(fault: Fault): ResponseFault | undefined {
  if (fault.status !== undefined) {
    return {
      kind: 'status',
      status: fault.status,
      ...(fault.retry_after !== undefined ? { retryAfter: fault.retry_after } : {}),
      ...(fault.reset_in !== undefined ? { resetIn: fault.reset_in } : {}),
    };
  }
  if (fault.malformed !== undefined) return { kind: 'malformed', malformed: fault.malformed };
  if (fault.reset) return { kind: 'reset' };
  if (fault.oversize_mb !== undefined) return { kind: 'oversize', megabytes: fault.oversize_mb };
  return undefined;
}

export class FaultQueue {
  private faults: Fault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): Fault {
    const fault: Fault = { id: this.nextId++, ...spec };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }

  /** Works out what the queue does to a request for `target` (its path and query), using up counts. */
  take(target: string): AppliedFaults {
    const applied: AppliedFaults = { latencyMs: 0, shift: 0 };
    for (const fault of this.faults) {
      if (fault.path !== undefined && !target.includes(fault.path)) continue;
      const response = responseOf(fault);
      if (response) {
        if (applied.response) continue;
        applied.response = response;
      }
      applied.latencyMs += fault.latency_ms ?? 0;
      if (fault.error_shape !== undefined) applied.errorShape = fault.error_shape;
      if (fault.total_pages !== undefined) applied.totalPages = fault.total_pages;
      applied.shift += fault.shift ?? 0;
      if (fault.count !== null) fault.count -= 1;
    }
    this.faults = this.faults.filter((f) => f.count === null || f.count > 0);
    return applied;
  }
}
