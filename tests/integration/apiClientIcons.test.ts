/**
 * Every account of a platform carries the same base64 icon, and JSON.parse gives each account its
 * own copy of it. The client keeps one string per distinct icon.
 *
 * Whether two strings are one object cannot be seen from JavaScript (=== compares contents), so
 * this measures what the user would notice instead: the memory the listing keeps. 200 accounts on
 * two pages carry a 100 KB icon: 20 MB held as copies, 100 KB held once. The heap is measured after
 * a full garbage collection, with the listing still held; nothing here is timed.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createLobstrClient, type FetchFunction } from '../../main/core/lobstr/apiClient.js';

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
function freshIcon(): string {
  const seed = Math.random().toString(36).slice(2);
  return (seed + 'iVBORw0KGgo'.repeat(ICON_BYTES / 11)).slice(0, ICON_BYTES);
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
