/**
 * The /v1 requests the simulator received, so tests can count them (`GET /__sim/requests`).
 * Bounded, so a simulator left running behind a polling app does not grow without end.
 */
export interface LoggedRequest {
  method: string;
  path: string;
  /** The query string as an object (the last value wins for a repeated name). */
  query: Record<string, string>;
  /** When it arrived, ISO 8601. */
  at: string;
  /** It carried an Authorization header (its value is never kept): a key was sent. */
  authorization: boolean;
  /** `POST /v1/accounts/cookies`: the names of the cookies sent, in their order; never a value. */
  cookie_names?: string[];
}

export const REQUEST_LOG_CAPACITY = 50_000;

export class RequestLog {
  private entries: LoggedRequest[] = [];

  record(entry: LoggedRequest): void {
    this.entries.push(entry);
    // Drop the oldest tenth at once, so the cost of trimming stays small per request.
    if (this.entries.length > REQUEST_LOG_CAPACITY) this.entries.splice(0, REQUEST_LOG_CAPACITY / 10);
  }

  list(): readonly LoggedRequest[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}
