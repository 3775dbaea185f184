/**
 * A Lobstr API as a fetch function whose answers a test scripts: the accounts, the account types,
 * the cookies endpoint and its sync tasks (100 → 120 → 200 by default, one step per status read).
 * No sockets: the client and the re-sync run through it on a fake clock. It records each request's
 * method, path and body, so a test can check what was sent, and that a value went nowhere else.
 */
import type { FetchFunction } from '../../main/core/lobstr/clientConfig.js';
import { RAW_SEED_TWITTER, rawAccount } from '../fixtures/rawAccounts.js';

export const SCRIPTED_BASE = 'http://127.0.0.1:9999/v1';
export const SCRIPTED_KEY = 'scripted0key0123456789abcdef';

export interface ScriptedAnswer {
  status: number;
  body: unknown;
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: string | null;
  authorization: string | null;
}

/** Statuses a task reports, one per status read; the last one repeats. */
export type TaskScript = Array<{ status_code: number | string; status_text: string }>;

export const NORMAL_TASK: TaskScript = [
  { status_code: 120, status_text: 'synchronizing' },
  { status_code: 200, status_text: 'synchronized' },
];

export class ScriptedLobstr {
  readonly requests: RecordedRequest[] = [];
  /** Raw accounts by id, as GET /accounts/{id} serves them. */
  readonly accounts = new Map<string, Record<string, unknown>>();
  /** The next answers, by "METHOD /path-prefix", taken before the normal ones (one each). */
  private readonly overrides: Array<{ route: string; answer: ScriptedAnswer | 'network' }> = [];
  taskScript: TaskScript = NORMAL_TASK;
  /** On a task's 200, what its account becomes (healthy by default); null deletes it. */
  onSynchronized: (account: Record<string, unknown>) => Record<string, unknown> | null = (account) => ({
    ...account,
    status: '200',
    status_code_info: 'synchronized',
    status_code_description: 'Success!',
  });
  private readonly tasks = new Map<string, { account: string; reads: number }>();
  /** Routes whose next request waits until the caller aborts it. */
  private readonly held: string[] = [];
  private taskSerial = 0;

  constructor(accounts: Array<Record<string, unknown>> = []) {
    for (const account of accounts) this.accounts.set(String(account['id']), account);
  }

  /** The next request matching `route` ("POST /accounts/cookies", "GET /synchronize") gets `answer`. */
  answerNext(route: string, answer: ScriptedAnswer | 'network'): void {
    this.overrides.push({ route, answer });
  }

  /** The next request matching `route` never gets an answer: it waits until its caller aborts. */
  holdNext(route: string): void {
    this.held.push(route);
  }

  /** The sync tasks' status reads, in order. */
  get statusReads(): RecordedRequest[] {
    return this.requests.filter((r) => r.path.startsWith('/synchronize/'));
  }

  readonly fetch: FetchFunction = async (input, init) => {
    const url = new URL(input);
    const path = url.pathname.replace(/^\/v1/, '');
    const method = init.method ?? 'GET';
    const headers = new Headers(init.headers);
    const body = typeof init.body === 'string' ? init.body : null;
    this.requests.push({ method, path, body, authorization: headers.get('authorization') });
    init.signal?.throwIfAborted();
    const held = this.held.findIndex((route) => `${method} ${path}`.startsWith(route));
    if (held >= 0) {
      this.held.splice(held, 1);
      await new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true }));
    }
    const override = this.overrides.findIndex((o) => `${method} ${path}`.startsWith(o.route));
    if (override >= 0) {
      const { answer } = this.overrides.splice(override, 1)[0]!;
      if (answer === 'network') throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
      return respond(answer);
    }
    if (headers.get('authorization') !== `Token ${SCRIPTED_KEY}`) return respond({ status: 401, body: { detail: 'Invalid token.' } });
    return respond(this.route(method, path, body));
  };

  private route(method: string, path: string, body: string | null): ScriptedAnswer {
    if (method === 'GET' && path === '/account_types') return { status: 200, body: ACCOUNT_TYPES };
    if (method === 'POST' && path === '/accounts/cookies') {
      const sent = JSON.parse(body ?? '{}') as { account?: string };
      if (sent.account === undefined || !this.accounts.has(sent.account)) return { status: 404, body: { detail: 'Account not found.' } };
      const id = `task${String(++this.taskSerial).padStart(28, '0')}`;
      this.tasks.set(id, { account: sent.account, reads: 0 });
      return { status: 200, body: { id, object: 'synchronize-cookies', status_code: 100, status_text: 'created' } };
    }
    const task = /^\/synchronize\/([^/]+)$/.exec(path);
    if (method === 'GET' && task) return this.taskStatus(task[1]!);
    const account = /^\/accounts\/([^/]+)$/.exec(path);
    if (method === 'GET' && account) {
      const found = this.accounts.get(account[1]!);
      return found ? { status: 200, body: envelopeOf(found) } : { status: 404, body: { detail: 'Not found.' } };
    }
    return { status: 404, body: { detail: 'Not found.' } };
  }

  private taskStatus(id: string): ScriptedAnswer {
    const task = this.tasks.get(id);
    if (!task) return { status: 404, body: { detail: 'Synchronization task not found.' } };
    const step = this.taskScript[Math.min(task.reads, this.taskScript.length - 1)]!;
    task.reads++;
    if (Number(step.status_code) === 200 && task.reads <= this.taskScript.length) {
      const account = this.accounts.get(task.account);
      const after = account && this.onSynchronized(account);
      if (after) this.accounts.set(task.account, after);
      else this.accounts.delete(task.account);
    }
    return { status: 200, body: { id, object: 'synchronize-cookies', ...step, account_hash: task.account } };
  }
}

/** A raw account that needs re-sync, of the given type and cookies. */
export function expiredRawAccount(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return rawAccount(id, { status: '401', status_code_info: 'cookies_expired', status_code_description: 'Cookies expired', ...overrides });
}

function envelopeOf(account: Record<string, unknown>): Record<string, unknown> {
  return { total_results: 1, limit: 50, page: 1, total_pages: 1, result_from: 1, result_to: 1, data: [account], next: null, previous: null };
}

function respond(answer: ScriptedAnswer): Response {
  const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  return new Response(text, { status: answer.status, headers: { 'Content-Type': 'application/json' } });
}

const ACCOUNT_TYPES = {
  total_results: 3,
  limit: 50,
  page: 1,
  total_pages: 1,
  result_from: 1,
  result_to: 3,
  next: null,
  previous: null,
  data: [
    { id: RAW_SEED_TWITTER.account_type_hash, object: 'account_type', name: 'twitter-sync', icon: '', domain: 'Twitter', params: {}, baseurl: 'https://x.com', cookies: [{ name: 'auth_token', required: true }, { name: 'ct0', required: true }] },
    { id: '16f5b7f91e8fc533eab88be973273a02', object: 'account_type', name: 'facebook-sync', icon: '', domain: 'Facebook', params: {}, baseurl: 'https://www.facebook.com', cookies: [{ name: 'c_user', required: true }, { name: 'xs', required: true }] },
    { id: 'cf67cafe03776e796f02a29f29ab2866', object: 'account_type', name: 'sales-nav-sync', icon: '', domain: 'Sales Navigator', params: {}, baseurl: 'https://www.linkedin.com', cookies: [{ name: 'li_at', required: true }, { name: 'JSESSIONID', required: true }, { name: 'li_a', required: true }] },
  ],
};
