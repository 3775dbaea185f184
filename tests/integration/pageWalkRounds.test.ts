/**
 * The pages of a listing after the first are asked for four at a time, and each page is validated
 * after its worker has sent its next request, so the validation overlaps the network wait. When a
 * round's answers come together, every one of them sends its next request before any of them is
 * validated: one after another, the last request of a round left three validations late (the
 * in-process listing at 10,000 accounts and 50 ms a response, bench/run.ts: 1.29–1.36 times the
 * physical limit before, 1.24–1.28 after).
 */
import { describe, expect, it } from 'vitest';
import { createLobstrClient, type FetchFunction } from '../../main/core/lobstr/apiClient.js';

const PER_PAGE = 5;
const PAGES = 9;

describe("a listing's rounds of requests", () => {
  it("answers that come together each send their next request before any of their pages is validated", async () => {
    const events: string[] = [];
    // Pages 2 to 5 (the first round after page 1) answer together, once all four are asked for.
    let release = (): void => undefined;
    const together = new Promise<void>((resolve) => (release = resolve));
    let waiting = 0;
    const fetch: FetchFunction = async (input) => {
      const page = Number(new URL(input).searchParams.get('page'));
      events.push(`ask ${page}`);
      if (page >= 2 && page <= 5) {
        waiting += 1;
        if (waiting === 4) release();
        await together;
      }
      const data = Array.from({ length: PER_PAGE }, (_, i) => ({
        id: `p${page}-${i}`,
        username: `user ${page}.${i}`,
        status: '200',
        status_code_info: 'synchronized',
        type: 'linkedin-sync',
      }));
      const body = { total_results: PER_PAGE * PAGES, total_pages: PAGES, page, limit: PER_PAGE, data };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const client = createLobstrClient({ apiKey: 'roundstest0123456789', baseUrl: 'http://127.0.0.1:9/v1', fetch, pageSize: PER_PAGE, concurrency: 4 });
    const list = await client.listAccounts({
      // Called for each account as its page is validated.
      reuse: (account) => {
        const seen = `validate ${account.id.split('-')[0]!.slice(1)}`;
        if (events.at(-1) !== seen) events.push(seen);
        return account;
      },
    });
    expect(list.accounts).toHaveLength(PER_PAGE * PAGES);
    const firstOfRound = Math.min(...[2, 3, 4, 5].map((page) => events.indexOf(`validate ${page}`)));
    for (const next of [6, 7, 8, 9]) expect(events.indexOf(`ask ${next}`), `${events.join(', ')}`).toBeLessThan(firstOfRound);
  });
});
