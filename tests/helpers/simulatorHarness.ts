/**
 * The simulator (main/simulator/server.ts) as tests drive it, in process: started per test and
 * closed when the test ends, read through /v1 with its token, steered through its control API.
 */
import { expect, onTestFinished } from 'vitest';
import type { LoggedRequest } from '../../main/simulator/requestLog.js';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../main/simulator/server.js';

/** Closes `sim` when the current test ends, passed or failed. */
export function closeAfterTest(sim: RunningSimulator): RunningSimulator {
  onTestFinished(() => sim.close());
  return sim;
}

/** A simulator for the current test only (call it inside a test). */
export async function simulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return closeAfterTest(await startSimulator(options));
}

export interface ApiGetOptions {
  /** The token to send; default the simulator's own, null for no Authorization header. */
  token?: string | null;
  signal?: AbortSignal;
}

/** GET a /v1 path (e.g. '/accounts?page=2') as a client would. */
export function apiGet(sim: RunningSimulator, path: string, options: ApiGetOptions = {}): Promise<Response> {
  const token = options.token === undefined ? sim.token : options.token;
  return fetch(`${sim.baseUrl}${path}`, {
    ...(token === null ? {} : { headers: { Authorization: `Token ${token}` } }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
}

export interface ApiRequestOptions extends ApiGetOptions {
  /** The Content-Type sent with a body; default application/json. */
  contentType?: string;
}

/**
 * A /v1 request with any method, as a client would send it. `body`: a string is sent as it is (so a
 * test can send broken JSON), anything else as JSON; undefined sends no body.
 */
export function apiRequest(
  sim: RunningSimulator,
  method: string,
  path: string,
  body?: unknown,
  options: ApiRequestOptions = {},
): Promise<Response> {
  const token = options.token === undefined ? sim.token : options.token;
  const headers: Record<string, string> = token === null ? {} : { Authorization: `Token ${token}` };
  if (body !== undefined) headers['Content-Type'] = options.contentType ?? 'application/json';
  return fetch(`${sim.baseUrl}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
}

/**
 * A control API request (`path` under /__sim, e.g. '/faults'), answer unread, for tests of the
 * control API itself. A string body is sent as it is, so a test can send broken JSON.
 */
export function controlRequest(sim: RunningSimulator, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${sim.origin}/__sim${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'Content-Type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

/** A control API request that must succeed; its JSON answer, or undefined for an empty one. */
export async function control(sim: RunningSimulator, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await controlRequest(sim, method, path, body);
  const text = await res.text();
  if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status} ${text}`);
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

/** Queues one fault spec, or a list of them (see server.ts for the fields). */
export async function fault(sim: RunningSimulator, spec: unknown): Promise<void> {
  const res = await controlRequest(sim, 'POST', '/faults', spec);
  expect(res.status, await res.text()).toBe(201);
}

/** The ids of the simulator's accounts, in list order. */
export async function simulatorAccountIds(sim: RunningSimulator): Promise<string[]> {
  return ((await control(sim, 'GET', '/accounts')) as { id: string }[]).map((a) => a.id);
}

/** The /v1 requests the simulator received, oldest first. */
export async function requestLog(sim: RunningSimulator): Promise<LoggedRequest[]> {
  return (await control(sim, 'GET', '/requests')) as LoggedRequest[];
}
