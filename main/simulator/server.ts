/**
 * A local, faithful Lobstr accounts API for the demo mode, the tests and the benchmarks.
 *
 * Served under /v1 (header `Authorization: Token <token>`):
 *   GET /v1/accounts?page=&limit=   the pagination envelope; limit 50 by default, clamped to 100; a bad
 *                                   page or limit is a 400 InvalidParameterValue; past the end, 200 with
 *                                   empty data; next/previous are absolute URLs on our own origin.
 *   GET /v1/accounts/{hash}         the envelope with one account; unknown hash: 404 AccountDoesNotExist.
 *   GET /v1/account_types           the envelope of {id, object:"account_type", name, icon, domain, params,
 *                                   baseurl, cookies[{name, required}]}, one per platform served.
 *   POST /v1/accounts/cookies       {"account"?, "type", "cookies":{name: value}}: starts a sync task, 200
 *                                   {id, object:"synchronize-cookies", status_code:100, status_text:"created"};
 *                                   400 "Invalid cookies or account type mismatch." (refresh) or "Invalid
 *                                   account type or missing required cookies." (new account); 404 "Account
 *                                   not found."; 415 for a body that is not JSON.
 *   GET /v1/synchronize/{id}        {id, object, status_code (integer), status_text, account_hash}:
 *                                   100 created → 120 synchronizing → 200 synchronized (the account is then
 *                                   healthy, synced now, unlocked), or 400 a required cookie missing, 401
 *                                   cookies refused, 404 account deleted meanwhile; unknown id: 404.
 *   POST /v1/accounts               {"account", "type", "params":{"batch":20,...}}: sets the account's limits
 *                                   (whole numbers from 1 to the type's max), 200 with the bare account;
 *                                   400 "Invalid parameters. Check account hash and type."; 404 "Account not found."
 *   DELETE /v1/accounts/{hash}      200 {id, object:"account", deleted:true}; 404 "Account not found."
 * The token is checked first: a missing or wrong one is a 401 on every /v1 path, unknown ones included.
 * Every /v1 answer carries X-RateLimit-Limit/Remaining/Reset (1,000,000 per minute). Error bodies come in
 * shape A `{"detail"}`, B `{"errors":{message,type,code}}` (default) or C `{"error",type,code}`.
 *
 * Control API on the same port, loopback peers only, no token, JSON bodies up to 1 MB; refused (403) with an
 * Origin header or a Host other than the address and port it listens on, so no web page can drive it:
 *   GET    /__sim/accounts             [{id, username, type, status, status_code_info}] in list order
 *   GET    /__sim/accounts/{hash}      one account
 *   POST   /__sim/accounts             add one (body: fields to set; the rest generated, healthy) → 201
 *   POST   /__sim/accounts/{hash}      overwrite fields, e.g. {"status":"401","status_code_info":"cookies_expired"}
 *   DELETE /__sim/accounts/{hash}      remove one
 *   POST   /__sim/shift {"count":N}    insert N new accounts at the front of the list now
 *   GET    /__sim/faults, POST /__sim/faults, DELETE /__sim/faults
 *          POST takes one fault object or a list, queued in order (see faults.ts for every field):
 *          {"status":429,"retry_after":2,"count":1}   429 + Retry-After: 2
 *          {"status":429,"reset_in":3,"count":1}      429 + X-RateLimit-Remaining: 0, X-RateLimit-Reset: now+3
 *          {"status":500,"count":3}                   also 503 (JSON) and 502/504 (a proxy's HTML page)
 *          {"latency_ms":200}                         added to every /v1 answer until cleared
 *          {"malformed":true,"count":1}               200 with a truncated body ("html", "wrong_shape" too)
 *          {"reset":true,"count":1}                   the connection is dropped without an answer
 *          {"oversize_mb":25,"count":1}               a 25 MB JSON body
 *          {"error_shape":"A"}                        error bodies in shape A until cleared
 *          {"total_pages":1000000000}                 the list reports a runaway total_pages
 *          {"shift":3,"count":1,"path":"page=2"}      3 accounts inserted at the front just before
 *                                                     serving page 2: the list shifts between pages
 *          `count`: how many matching /v1 requests it applies to (omitted: until cleared);
 *          `path`: only requests whose path and query contain this text.
 *   GET    /__sim/requests             [{method, path, query, at, authorization, cookie_names?}] of the /v1 requests
 *                                       (authorization: whether one came, never its value; cookie_names: the
 *                                       names sent to /v1/accounts/cookies, never a value); DELETE clears it
 *   GET    /__sim/sync                 {plans, tasks}: the queued sync plans, and every task (cookie names only)
 *   POST   /__sim/sync                 queue a plan (or a list) for the next sync tasks (syncTasks.ts):
 *          {"outcome":"ok"|"rejected"|"stuck", "steps_ms":[at 100, at 120], "bad_cookies":["li_at"], "count":N}
 *          outcome ok (default): ends 200; rejected: ends 401; stuck: stays at 120. steps_ms default
 *          [1000,2000]. A task that sends a cookie named in bad_cookies ends 401. count: how many tasks
 *          it applies to (omitted: until cleared). Without a plan, tasks succeed in 3 s.
 *   DELETE /__sim/sync                 clear the plans
 *   GET    /__sim/demo, POST /__sim/demo/step   the demo timeline, or apply its next step now
 *
 * Scenario "demo" (demoScenario.ts): the accounts start as generated, a few needing re-sync; a healthy
 * account expires at +20 s, another answers status "401" at +45 s; at +90 s the first recovers and the
 * ones stale from the start are re-synced; at +150 s the second recovers (all green); every 3 minutes.
 */
import http from 'node:http';
import type { Socket } from 'node:net';
import { createAccountsApi } from './accountsApi.js';
import { createControlApi } from './controlApi.js';
import { startDemoScenario, type DemoRun } from './demoScenario.js';
import type { ErrorShape } from './faults.js';
import { SimulatorState } from './simulatorState.js';
import { send, type SimulatorContext } from './simulatorContext.js';

export interface SimulatorOptions {
  port?: number;            // default 0 = a free port
  host?: string;            // default '127.0.0.1'
  accounts?: number;        // how many generated accounts, default 25
  seed?: number;            // default 1; same seed => same accounts
  token?: string;           // default 'demo'
  scenario?: 'static' | 'demo'; // default 'static'
  errorShape?: 'A' | 'B' | 'C'; // default 'B'
  now?: () => number;       // clock in ms, default Date.now (used for lock_time, demo timeline)
}

export interface RunningSimulator {
  baseUrl: string;   // e.g. 'http://127.0.0.1:8787/v1'
  origin: string;    // 'http://127.0.0.1:8787'
  port: number;
  token: string;
  close(): Promise<void>;   // closes the server and any open sockets, stops demo timers
}

/** The most accounts one simulator generates (100,000 is the tested size; this leaves head room). */
export const MAX_ACCOUNTS = 1_000_000;

function checkOptions(options: SimulatorOptions): void {
  const { port, accounts, seed, token, scenario, errorShape } = options;
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) {
    throw new RangeError(`port must be a whole number from 0 to 65535, got ${port}`);
  }
  if (accounts !== undefined && (!Number.isInteger(accounts) || accounts < 0 || accounts > MAX_ACCOUNTS)) {
    throw new RangeError(`accounts must be a whole number from 0 to ${MAX_ACCOUNTS}, got ${accounts}`);
  }
  if (seed !== undefined && !Number.isSafeInteger(seed)) throw new RangeError(`seed must be a whole number, got ${seed}`);
  if (token !== undefined && (token === '' || /\s/.test(token))) throw new RangeError('token must be non-empty, without spaces');
  if (scenario !== undefined && scenario !== 'static' && scenario !== 'demo') {
    throw new RangeError(`scenario must be "static" or "demo", got ${String(scenario)}`);
  }
  if (errorShape !== undefined && !['A', 'B', 'C'].includes(errorShape)) {
    throw new RangeError(`errorShape must be "A", "B" or "C", got ${String(errorShape)}`);
  }
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  checkOptions(options);
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? 'demo';
  const now = options.now ?? Date.now;
  const state = new SimulatorState({
    accounts: options.accounts ?? 25,
    seed: options.seed ?? 1,
    nowMs: now(),
    errorShape: (options.errorShape ?? 'B') as ErrorShape,
  });

  const sockets = new Set<Socket>();
  const waits = new Set<{ timer: NodeJS.Timeout; resolve: (done: boolean) => void }>();
  let closed = false;
  let handlers: { api: ReturnType<typeof createAccountsApi>; control: ReturnType<typeof createControlApi> } | undefined;

  const server = http.createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://simulator.invalid');
    } catch {
      req.resume();
      send(res, 400, JSON.stringify({ detail: 'Bad request.' }));
      return;
    }
    const path = url.pathname;
    const handler =
      path === '/v1' || path.startsWith('/v1/')
        ? handlers?.api
        : path === '/__sim' || path.startsWith('/__sim/')
          ? handlers?.control
          : undefined;
    if (!handler) {
      req.resume();
      send(res, 404, JSON.stringify({ detail: 'Not found. The API is under /v1, the control API under /__sim/.' }));
      return;
    }
    handler(req, res, url).catch((error: unknown) => {
      send(res, 500, JSON.stringify({ detail: `The simulator failed: ${(error as Error).message}` }));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // A client that drops a connection mid-request is routine here (timeouts, reset tests).
  server.on('clientError', (_error, socket) => socket.destroy());

  const port = await listen(server, options.port ?? 0, host);
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  const origin = `http://${hostInUrl}:${port}`;
  const demo: DemoRun | null = options.scenario === 'demo' ? startDemoScenario(state.accounts, now) : null;

  const ctx: SimulatorContext = {
    state,
    token,
    now,
    boundOrigin: origin,
    demo,
    delay(ms) {
      if (closed) return Promise.resolve(false);
      return new Promise((resolve) => {
        const wait = {
          timer: setTimeout(() => {
            waits.delete(wait);
            resolve(true);
          }, ms),
          resolve,
        };
        waits.add(wait);
      });
    },
  };
  handlers = { api: createAccountsApi(ctx), control: createControlApi(ctx) };

  let closing: Promise<void> | undefined;
  return {
    baseUrl: `${origin}/v1`,
    origin,
    port,
    token,
    close() {
      closing ??= new Promise<void>((resolve) => {
        closed = true;
        demo?.stop();
        for (const wait of waits) {
          clearTimeout(wait.timer);
          wait.resolve(false);
        }
        waits.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
