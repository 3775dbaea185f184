/**
 * The memory a listing keeps, measured on the heap after a full garbage collection with the listing
 * still held (nothing here is timed):
 * - Every account of a platform carries the same base64 icon, and JSON.parse gives each account its
 *   own copy of it; the client keeps one string per distinct icon. Whether two strings are one object
 *   cannot be seen from JavaScript (=== compares contents), so the heap tells: 200 accounts on two
 *   pages carry a 100 KB icon, 20 MB held as copies, 100 KB held once. Across polls, an account that
 *   changed gets the icon string the monitor already holds (core/monitor/assessedSnapshot.ts reuseFrom),
 *   so the new listing's copy dies with it.
 * - 10,000 realistic accounts (the simulator's) stay small: the app keeps them for the whole session.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createLobstrClient, type FetchFunction } from '../../main/core/lobstr/apiClient.js';
import type { Account } from '../../main/core/lobstr/account.js';
import { generateAccounts } from '../../main/simulator/accountFactory.js';
import { FakeLobstr, MINUTE, monitorHarness } from '../unit/monitorFakes.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterFullGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const ICON_BYTES = 100 * 1024;
const PER_PAGE = 100;
const PAGES = 2;

/** A base64-looking icon, different at each call, so no earlier test's string can be the one kept. */
function freshIcon(bytes = ICON_BYTES): string {
  const seed = Math.random().toString(36).slice(2);
  return (seed + 'iVBORw0KGgo'.repeat(Math.ceil(bytes / 11))).slice(0, bytes);
}

/** Two pages of accounts on the same platform, each page's body a separate JSON text. */
function pagesWithIcon(icon: string): FetchFunction {
  return async (input) => {
    const page = Number(new URL(input).searchParams.get('page'));
    const data = Array.from({ length: PER_PAGE }, (_, i) => ({
      id: `acct-${page}-${i}`,
      username: `user${page}-${i}`,
      status: '200',
      status_code_info: 'synchronized',
      type: 'linkedin-sync',
      icon,
    }));
    const body = { total_results: PER_PAGE * PAGES, total_pages: PAGES, page, limit: PER_PAGE, data: page <= PAGES ? data : [] };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  };
}

describe('icons in the listing', () => {
  it('are held once per distinct icon, not once per account, across pages', async () => {
    const icon = freshIcon();
    const client = createLobstrClient({ apiKey: 'icontest0123456789', baseUrl: 'http://127.0.0.1:9/v1', fetch: pagesWithIcon(icon) });
    const before = heapAfterFullGc();
    const list = await client.listAccounts();
    const kept = heapAfterFullGc() - before;

    expect(list.accounts).toHaveLength(PER_PAGE * PAGES);
    expect(list.accounts.every((a) => a.icon === icon)).toBe(true);
    // One icon, 200 small accounts: well under 5 MB. Copies would be 20 MB.
    expect(kept).toBeLessThan(5 * 1024 * 1024);
    expect(kept).toBeGreaterThan(0);
  });
});

/** The simulator's accounts, served 100 a page, each page a JSON text of its own. */
function generatedPages(count: number): FetchFunction {
  const texts = generateAccounts(count, 7, Date.UTC(2026, 10, 25)).map((raw) => JSON.stringify(raw));
  const pages = Math.ceil(count / 100);
  return async (input) => {
    const page = Number(new URL(input).searchParams.get('page'));
    const items = texts.slice((page - 1) * 100, page * 100);
    const body = `{"total_results":${count},"total_pages":${pages},"page":${page},"limit":100,"data":[${items.join(',')}]}`;
    return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  };
}

/** Heap bytes a listing of `count` simulator accounts keeps, per account, after a full collection. */
async function heldPerAccount(count: number): Promise<number> {
  const client = createLobstrClient({ apiKey: 'memorytest0123456789', baseUrl: 'http://127.0.0.1:9/v1', fetch: generatedPages(count) });
  const before = heapAfterFullGc();
  const list = await client.listAccounts();
  const perAccount = (heapAfterFullGc() - before) / count;
  expect(list.accounts).toHaveLength(count);
  return perAccount;
}

describe('10,000 accounts held', () => {
  it('take under 1.6 KB each (their JSON is about 1.2 KB each)', async () => {
    expect(await heldPerAccount(10_000)).toBeLessThan(1600);
  });
});

describe("a platform's parts shared by its accounts", () => {
  it('default limits and required cookies are one object per platform, not one per account', async () => {
    const client = createLobstrClient({ apiKey: 'sharedtest0123456789', baseUrl: 'http://127.0.0.1:9/v1', fetch: generatedPages(1_000) });
    const { accounts } = await client.listAccounts();
    const byType = new Map<string, typeof accounts>();
    for (const account of accounts) byType.set(account.type, [...(byType.get(account.type) ?? []), account]);
    let shared = 0;
    for (const group of byType.values()) {
      const [first, ...rest] = group;
      for (const account of rest) {
        // Equal parts are the very same object (identity is visible for objects, unlike strings).
        if (JSON.stringify(account.params['default']) === JSON.stringify(first!.params['default'])) {
          expect(account.params['default']).toBe(first!.params['default']);
          shared++;
        }
        expect(account.cookies).toBe(first!.cookies);
      }
    }
    expect(shared).toBeGreaterThan(900);
  });

  it('10,000 accounts then take under 1.3 KB each', async () => {
    expect(await heldPerAccount(10_000)).toBeLessThan(1300);
  });
});

describe('the repeated parts of every account shared', () => {
  it('equal squids are one object, and an account without unknown fields has the one empty extra', async () => {
    const client = createLobstrClient({ apiKey: 'sharedtest0123456789', baseUrl: 'http://127.0.0.1:9/v1', fetch: generatedPages(1_000) });
    const { accounts } = await client.listAccounts();
    const squids = new Map<string, unknown>();
    let repeated = 0;
    for (const squid of accounts.flatMap((a) => a.squids)) {
      const key = JSON.stringify(squid);
      if (squids.has(key)) {
        expect(squid).toBe(squids.get(key));
        repeated++;
      } else squids.set(key, squid);
    }
    expect(repeated).toBeGreaterThan(100);
    expect(new Set(accounts.map((a) => a.extra)).size).toBe(1);
  });

  it('with their short texts held once too (status, type, hashes, the descriptions of limits), 10,000 accounts take under 1 KB each', async () => {
    // Whether two strings are one cannot be seen from JavaScript: the heap tells. Before, 1.28 KB.
    expect(await heldPerAccount(10_000)).toBeLessThan(1000);
  });
});

describe('icons across polls', () => {
  it("a changed account keeps the icon string the monitor already holds, not the new listing's copy", async () => {
    // 1 MB: well above what a poll's other changes keep (a revision, a delta, the saved state).
    const iconBytes = 1024 * 1024;
    const icon = freshIcon(iconBytes);
    let expiredId: string | null = null;
    // One platform, 20 accounts on two pages (each under the client's 20 MB cap); each page a JSON
    // text of its own, as Lobstr sends it.
    const perPage = 10;
    const fetch: FetchFunction = async (input) => {
      const page = Number(new URL(input).searchParams.get('page'));
      const data = Array.from({ length: perPage }, (_, i) => {
        const id = `acct-${page}-${i}`;
        const expired = id === expiredId;
        return { id, username: `user${page}-${i}`, status: expired ? '401' : '200', status_code_info: expired ? 'cookies_expired' : 'synchronized', type: 'linkedin-sync', icon };
      });
      const body = { total_results: perPage * PAGES, total_pages: PAGES, page, limit: perPage, data: page <= PAGES ? data : [] };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const client = createLobstrClient({ apiKey: 'reusetest0123456789', baseUrl: 'http://127.0.0.1:9/v1', fetch });
    const api = { fetchAccounts: (signal: AbortSignal, reuse: (a: Account) => Account) => client.listAccounts({ signal, reuse }) };
    const h = monitorHarness({ api: api as unknown as FakeLobstr });
    h.monitor.start();
    await h.monitor.refreshNow();
    const before = heapAfterFullGc();

    expiredId = 'acct-2-7';
    await h.clock.advance(5 * MINUTE);
    await h.monitor.refreshNow();
    const kept = heapAfterFullGc() - before;

    expect(h.monitor.status().problem).toBeNull();
    const changed = h.monitor.status().snapshot!.byId.get(expiredId)!;
    expect(changed.health).toBe('needs_resync');
    expect(changed.account.icon).toBe(icon);
    // The same contents either way; a second string would hold another megabyte.
    expect(kept).toBeLessThan(iconBytes / 2);
    await h.monitor.stop();
  });
});
