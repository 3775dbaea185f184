/**
 * The control API under /__sim/: lets tests and people change what the simulator serves. Loopback peers
 * only, no token, and never a web page (no Origin header, the Host must be our own address): the demo
 * runs it inside the app, where a page in the user's browser could otherwise reach it. JSON in and
 * out; errors are `{"error": "..."}`. The endpoints are listed in server.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AccountConflictError } from './accountStore.js';
import { DEMO_CYCLE_MS, DEMO_TIMELINE } from './demoScenario.js';
import { FaultSpecError, parseFault } from './faults.js';
import { BODY_LIMIT, readRequestBody } from './requestBody.js';
import { isLoopback, send, type SimulatorContext } from './simulatorContext.js';
import { parseSyncPlan, SyncPlanError } from './syncTasks.js';

/** Larger control bodies are refused with 413. */
export const CONTROL_BODY_LIMIT = BODY_LIMIT;

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const json = (value: unknown): string => JSON.stringify(value);

/** Reads the body up to the limit; a bigger one is read and thrown away, then refused. */
async function readBody(req: IncomingMessage): Promise<string> {
  const body = await readRequestBody(req, CONTROL_BODY_LIMIT);
  if (body.tooLarge) throw new ControlError(413, `request body over ${CONTROL_BODY_LIMIT} bytes`);
  return body.text;
}

async function readJson(req: IncomingMessage, emptyAs?: unknown): Promise<unknown> {
  const text = await readBody(req);
  if (text.trim() === '' && emptyAs !== undefined) return emptyAs;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ControlError(400, `the request body is not valid JSON (${(error as Error).message})`);
  }
}

function jsonObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ControlError(400, `${what} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** Queues one item or a list of them; every item is checked before any is queued, so a bad list changes nothing. */
function queueAll<T>(body: unknown, parse: (item: unknown) => T, add: (spec: T) => void): void {
  const specs = (Array.isArray(body) ? body : [body]).map((item) => parse(item));
  for (const spec of specs) add(spec);
}

const HELP = {
  api:
    'GET /v1/accounts?page=&limit=, GET /v1/accounts/{hash}, GET /v1/account_types, POST /v1/accounts/cookies, ' +
    'GET /v1/synchronize/{id}, POST /v1/accounts (limits), DELETE /v1/accounts/{hash} (header Authorization: Token <token>)',
  control: [
    'GET /__sim/accounts: id, username, type and status of every account',
    'GET /__sim/accounts/{hash}: one account as the API serves it',
    'POST /__sim/accounts: add an account (body: fields to set; the rest is generated)',
    'POST /__sim/accounts/{hash}: overwrite fields, e.g. {"status":"401","status_code_info":"cookies_expired"}',
    'DELETE /__sim/accounts/{hash}: remove an account',
    'POST /__sim/shift {"count":N}: insert N new accounts at the front of the list',
    'GET|POST|DELETE /__sim/faults: list, add ({"status":429,"retry_after":2,"count":1}, or a list of them), clear',
    'GET|DELETE /__sim/requests: the /v1 requests received (cookie names, never values), or clear them',
    'GET|POST|DELETE /__sim/sync: the sync plans and tasks; queue a plan for the next tasks ' +
      '({"outcome":"ok"|"rejected"|"stuck","steps_ms":[1000,2000],"bad_cookies":["li_at"],"count":1}, or a list); clear the plans',
    'GET /__sim/demo, POST /__sim/demo/step: the demo timeline, or apply its next step now',
  ],
};

/**
 * The Host headers of requests meant for us: the address and port we listen on (and `localhost` with
 * that port, which no web page can name). A page that reached the port by DNS rebinding sends its own
 * name, so it is refused; so is any request with an Origin header, which browsers add to a page's
 * cross-origin requests and to every POST, while tests, scripts and curl send none.
 */
function addressedHosts(boundOrigin: string): Set<string> {
  const { host, hostname, port } = new URL(boundOrigin);
  const hosts = [host, `localhost:${port}`];
  // Listening on every interface: the loopback addresses are ours too.
  if (hostname === '0.0.0.0' || hostname === '[::]') hosts.push(`127.0.0.1:${port}`, `[::1]:${port}`);
  return new Set(hosts.map((h) => h.toLowerCase()));
}

export function createControlApi(ctx: SimulatorContext) {
  const state = ctx.state;

  const accountRoute = async (method: string, req: IncomingMessage, hash: string): Promise<[number, unknown]> => {
    if (method === 'GET') {
      const account = state.accounts.get(hash);
      if (!account) throw new ControlError(404, `no account ${hash}`);
      return [200, account];
    }
    if (method === 'POST') {
      const fields = jsonObject(await readJson(req), 'the fields to overwrite');
      if (!state.accounts.has(hash)) throw new ControlError(404, `no account ${hash}`);
      return [200, state.accounts.update(hash, fields)];
    }
    if (method === 'DELETE') {
      if (!state.accounts.remove(hash)) throw new ControlError(404, `no account ${hash}`);
      return [200, { id: hash, deleted: true }];
    }
    throw new ControlError(405, `${method} is not supported on /__sim/accounts/{hash}`);
  };

  const route = async (method: string, path: string, req: IncomingMessage): Promise<[number, unknown]> => {
    if (path === '' || path === '/') return [200, HELP];
    if (path === '/accounts') {
      if (method === 'GET') {
        return [
          200,
          state.accounts.all().map((a) => ({
            id: a.id,
            username: a.username,
            type: a.type,
            status: a.status,
            status_code_info: a.status_code_info,
          })),
        ];
      }
      if (method === 'POST') {
        const fields = jsonObject(await readJson(req, {}), 'the new account');
        return [201, state.addAccount(fields, ctx.now())];
      }
    }
    const accountMatch = /^\/accounts\/([^/]+)$/.exec(path);
    if (accountMatch?.[1]) return accountRoute(method, req, decodeURIComponent(accountMatch[1]));
    if (path === '/faults') {
      if (method === 'GET') return [200, { faults: state.faults.list() }];
      if (method === 'DELETE') {
        state.faults.clear();
        return [200, { faults: [] }];
      }
      if (method === 'POST') {
        queueAll(await readJson(req), parseFault, (spec) => state.faults.add(spec));
        return [201, { faults: state.faults.list() }];
      }
    }
    if (path === '/requests') {
      if (method === 'GET') return [200, state.requests.list()];
      if (method === 'DELETE') {
        const cleared = state.requests.list().length;
        state.requests.clear();
        return [200, { cleared }];
      }
    }
    if (path === '/sync') {
      if (method === 'GET') return [200, { plans: state.sync.listPlans(), tasks: state.sync.list(ctx.now()) }];
      if (method === 'DELETE') {
        state.sync.clearPlans();
        return [200, { plans: [] }];
      }
      if (method === 'POST') {
        queueAll(await readJson(req), parseSyncPlan, (spec) => state.sync.addPlan(spec));
        return [201, { plans: state.sync.listPlans() }];
      }
    }
    if (path === '/shift' && method === 'POST') {
      const body = jsonObject(await readJson(req), 'the shift');
      const count = body.count;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 100_000) {
        throw new ControlError(400, 'count must be a whole number from 1 to 100000');
      }
      const added = state.shift(count, ctx.now());
      return [201, { added: added.map((a) => ({ id: a.id, username: a.username })), total: state.accounts.size }];
    }
    if (path === '/demo' && method === 'GET') {
      return [
        200,
        {
          running: ctx.demo !== null,
          targets: ctx.demo?.cast.targets ?? [],
          initially_stale: ctx.demo?.cast.initiallyStale ?? [],
          steps_applied: ctx.demo?.stepsApplied ?? 0,
          cycle_ms: DEMO_CYCLE_MS,
          timeline: DEMO_TIMELINE,
        },
      ];
    }
    if (path === '/demo/step' && method === 'POST') {
      if (!ctx.demo) throw new ControlError(409, 'the demo scenario is not running (start the simulator with scenario "demo")');
      return [200, { applied: ctx.demo.applyNext(), steps_applied: ctx.demo.stepsApplied }];
    }
    const known = ['/accounts', '/faults', '/requests', '/sync', '/shift', '/demo', '/demo/step'].includes(path);
    throw new ControlError(known ? 405 : 404, known ? `${method} is not supported on /__sim${path}` : `no control endpoint /__sim${path}`);
  };

  const hosts = addressedHosts(ctx.boundOrigin);

  return async function handleControlRequest(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const refusal = !isLoopback(req.socket.remoteAddress)
      ? 'the control API answers loopback clients only'
      : req.headers.origin !== undefined
        ? 'the control API refuses requests from web pages (this one carries an Origin header); use it from a test, a script or curl'
        : !hosts.has((req.headers.host ?? '').toLowerCase())
          ? `the control API answers only requests addressed to ${[...hosts][0]} (the Host header names another address)`
          : null;
    if (refusal !== null) {
      req.resume();
      send(res, 403, json({ error: refusal }));
      return;
    }
    const method = req.method ?? 'GET';
    if (method !== 'POST') req.resume();
    // Sync tasks that ended meanwhile show in the accounts read here too.
    state.sync.settle(ctx.now());
    try {
      const [status, body] = await route(method, url.pathname.slice('/__sim'.length).replace(/\/$/, ''), req);
      send(res, status, json(body));
    } catch (error) {
      if (error instanceof ControlError) send(res, error.status, json({ error: error.message }));
      else if (error instanceof FaultSpecError || error instanceof SyncPlanError || error instanceof RangeError) {
        send(res, 400, json({ error: error.message }));
      }
      else if (error instanceof AccountConflictError) send(res, 409, json({ error: error.message }));
      else if (error instanceof URIError) send(res, 400, json({ error: 'malformed percent-encoding in the path' }));
      else send(res, 500, json({ error: `the simulator failed: ${(error as Error).message}` }));
    } finally {
      // A body nobody read must still be drained, or the next request on this connection stalls.
      if (!req.readableEnded) req.resume();
    }
  };
}
