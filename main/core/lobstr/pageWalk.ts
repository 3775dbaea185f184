/**
 * GET /accounts, every page: the first one alone (it says how many there are), then the rest a
 * few at a time. Pages are walked by number (never `next`, which may point elsewhere), asking
 * limit=100; a runaway total_pages is capped at maxPages; an empty page ends the walk; accounts
 * seen twice (the list shifted between pages) are kept once; what was odd becomes a warning.
 */
import type { Account, AccountList } from './account.js';
import { parseAccount, parseAccountsPage } from './accountSchema.js';
import type { ClientConfig } from './clientConfig.js';
import { createIconTable } from './iconTable.js';
import { createSharedParts } from './sharedValues.js';
import { getJson, newCallState } from './requestWithRetries.js';
import { createSlicer } from '../yielding.js';

/** An item of a page, validated: an account, or why it could not be used. */
type ParsedItem = Account | { error: string };

/**
 * Walks the whole list. `abortAll` stops the call's other requests: the first failure of a page
 * fails the walk, and the pages still in flight are not worth waiting for.
 */
export async function walkAccountPages(
  config: ClientConfig,
  signal: AbortSignal,
  abortAll: (reason: unknown) => void,
  /** ListOptions.reuse: the object to keep for each account read. */
  reuse: (account: Account) => Account = (account) => account,
): Promise<AccountList> {
  const { baseUrl, pageSize, maxPages, concurrency } = config;
  const state = newCallState();
  const warnings: string[] = [];
  const pageUrl = (page: number): string => `${baseUrl}/accounts?page=${page}&limit=${pageSize}`;
  const fetchPage = async (page: number) => parseAccountsPage(await getJson(config, pageUrl(page), { what: 'list' }, signal, state));

  // One string per distinct icon across all pages: JSON.parse gives every account its own copy.
  const icons = createIconTable();
  const shared = createSharedParts();
  // Pages that arrive together are validated one after another in the same turn of the event loop:
  // the validation gives the loop a turn whenever a slice is spent (the app's main process).
  const slicer = createSlicer();
  const parsePage = async (data: readonly unknown[]): Promise<ParsedItem[]> => {
    const items = new Array<ParsedItem>(data.length);
    for (let i = 0; i < data.length; i++) {
      const parsed = parseAccount(data[i], icons);
      if ('error' in parsed) {
        items[i] = parsed;
      } else {
        // Only an account that is new or changed is kept: only it needs its parts shared.
        const kept = reuse(parsed);
        items[i] = kept === parsed ? shared.share(parsed) : kept;
      }
      const pause = slicer.maybeYield();
      if (pause) await pause;
    }
    return items;
  };

  const first = await fetchPage(1);
  // Items are validated as their page arrives, while other pages are still on the way.
  const pages: ParsedItem[][] = [await parsePage(first.data)];
  let pagesFetched = 1;

  const knownTotal = first.total_pages ?? derivedTotalPages(first.total_results, first.limit);
  let lastPage = knownTotal === null ? maxPages : Math.max(1, knownTotal);
  const capped = lastPage > maxPages;
  if (capped) lastPage = maxPages;
  let emptyPage = first.data.length === 0 ? 1 : Infinity;

  // A small pool, not one request per page at once: the API is shared with the user's scrapers.
  let nextPage = 2;
  let failed = false;
  let failure: unknown;
  const worker = async (): Promise<void> => {
    // Each worker sends its next request before validating the page it just got, so the
    // validation overlaps the network wait instead of adding to it.
    let received: { page: number; data: unknown[] } | null = null;
    const validateReceived = async (): Promise<void> => {
      const page = received;
      received = null;
      if (!page) return;
      // The other workers' answers that came meanwhile first: each sends its next request before
      // this page is validated, so a round's requests leave together rather than one validation apart.
      await slicer.yieldNow();
      pages[page.page - 1] = await parsePage(page.data);
    };
    while (!failed) {
      const page = nextPage;
      if (page > lastPage || page > emptyPage) break;
      nextPage++;
      const request = fetchPage(page);
      // A failed request is met below; until then it must not count as unhandled.
      request.catch(() => undefined);
      await validateReceived();
      try {
        const { data } = await request;
        received = { page, data };
        pagesFetched++;
        if (data.length === 0 && page < emptyPage) emptyPage = page;
      } catch (error) {
        if (!failed) {
          failed = true;
          failure = error;
          abortAll(error);
        }
        return;
      }
    }
    await validateReceived();
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(0, lastPage - 1)) }, worker));
  if (failed) throw failure;

  const usedPages = Math.min(lastPage, emptyPage);
  if (knownTotal !== null && emptyPage < lastPage) {
    warnings.push(
      `Page ${emptyPage} of ${lastPage} came back empty: the list got shorter while it was read, ` +
        'so some accounts may be missing until the next check.',
    );
  }
  // Said only when the cap really cut the walk short: a runaway total_pages over a short list
  // ends at an empty page, with every account read.
  const stoppedEarly = (capped || knownTotal === null) && emptyPage === Infinity;
  if (capped && stoppedEarly) {
    warnings.push(
      `Lobstr reported ${knownTotal} pages of accounts; only the first ${maxPages} were read ` +
        `(the app's limit), so some accounts are not shown.`,
    );
  }
  if (knownTotal === null && stoppedEarly) {
    warnings.push(`Lobstr did not say how many pages there are; the app stopped after ${maxPages} pages.`);
  }

  const accounts = collectAccounts(pages.slice(0, usedPages), warnings);
  return {
    accounts,
    totalResults: first.total_results ?? accounts.length,
    pagesFetched,
    requests: state.requests,
    warnings,
    complete: !stoppedEarly,
  };
}

/** Pages in order, first occurrence of an id wins; unreadable items are counted into warnings. */
function collectAccounts(pages: readonly (readonly ParsedItem[] | undefined)[], warnings: string[]): Account[] {
  const accounts: Account[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  const dropped: string[] = [];
  const withProblems: Account[] = [];
  for (const page of pages) {
    for (const parsed of page ?? []) {
      if ('error' in parsed) {
        dropped.push(parsed.error);
        continue;
      }
      if (seen.has(parsed.id)) {
        duplicates++;
        continue;
      }
      seen.add(parsed.id);
      accounts.push(parsed);
      if (parsed.problem !== undefined) withProblems.push(parsed);
    }
  }
  if (duplicates > 0) {
    warnings.push(
      `${plural(duplicates, 'account')} appeared on two pages (the list changed while it was read); each is listed once.`,
    );
  }
  if (dropped.length > 0) {
    warnings.push(`${plural(dropped.length, 'item')} in the list could not be used and ${dropped.length === 1 ? 'was' : 'were'} skipped (${dropped[0]}).`);
  }
  const firstProblem = withProblems[0];
  if (firstProblem !== undefined) {
    warnings.push(
      `${plural(withProblems.length, 'account')} could not be fully read and ${withProblems.length === 1 ? 'is' : 'are'} ` +
        `shown as needing attention (${firstProblem.id}: ${firstProblem.problem}).`,
    );
  }
  return accounts;
}

function derivedTotalPages(totalResults: number | null, limit: number | null): number | null {
  if (totalResults === null || limit === null || limit <= 0) return null;
  return Math.ceil(totalResults / limit);
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
