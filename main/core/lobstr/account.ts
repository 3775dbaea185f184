/**
 * The account object as the rest of the app sees it, after the response schema
 * (accountSchema.ts) has validated and normalised what the Lobstr API sent.
 * Field names follow the API so the window can show "every field the API returns".
 */

/** A squid (scraper) that uses the account. The API sends `{name, hash_value}` or `{id, name}`. */
export interface AccountSquid {
  name: string;
  hash_value: string;
}

/** A cookie the platform needs: names only, the API never sends values. */
export interface RequiredCookie {
  name: string;
  required: boolean;
}

export interface Account {
  id: string;
  object: string;
  username: string;
  created_at: string | null;
  last_synchronization_time: string | null;
  /** Always a string here ("200", "401"...), even when the API sent a number. */
  status: string;
  status_code_info: string;
  status_code_description: string;
  type: string;
  /** `{default: {...}, user: {...}}`; free-form per platform. */
  params: Record<string, unknown>;
  updated_at: string | null;
  account_type_hash: string;
  squids: AccountSquid[];
  baseurl: string;
  cookies: RequiredCookie[];
  /** Base64 image data (no data: prefix as sent by the API, though one is tolerated). */
  icon: string;
  primary_color: string | null;
  /** Unix seconds when a locked account unlocks; null when not locked. ISO strings are converted. */
  lock_time: number | null;
  /** Seconds until the usage limit resets; null when no limit was reached. */
  resets_in: number | null;
  /** Fields the API sent that this version of the app does not know: kept, shown, never an error. */
  extra: Record<string, unknown>;
  /**
   * Set when the account had an `id` but the rest of it could not be read: the account is
   * still listed (as `attention`, with this reason) instead of sinking the whole poll.
   */
  problem?: string;
}

/**
 * The `extra` of an account that has no unknown field: one empty object for all of them, rather
 * than 10,000 (frozen: nothing may write to it).
 */
export const NO_EXTRA: Record<string, unknown> = Object.freeze({});

/** The result of walking every page of GET /v1/accounts. */
export interface AccountList {
  accounts: Account[];
  /** `total_results` as the first page reported it. */
  totalResults: number;
  /** Pages fetched (not HTTP requests: retries are not counted here). */
  pagesFetched: number;
  /** HTTP requests made, retries included. */
  requests: number;
  /** Human-readable notes about oddities met on the way (runaway total_pages, duplicates dropped...). */
  warnings: string[];
  /**
   * false when the walk stopped at its page limit (maxPages) before the end of the list, so some
   * accounts are not in `accounts`. The client always sets it; a list made elsewhere may leave it out.
   */
  complete?: boolean;
}
