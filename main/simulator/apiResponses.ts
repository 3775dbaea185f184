/**
 * The bodies the simulated Lobstr API answers with: the pagination envelope (built by joining cached
 * account JSON, so big pages stay cheap), the three error-body shapes, and the non-JSON pages a real
 * proxy sends when the backend is down.
 */
import { STATUS_CODES } from 'node:http';
import type { ErrorShape } from './faults.js';

export interface ApiError {
  status: number;
  message: string;
  type: string;
}

/** What an endpoint answers: a JSON body with its status, or an error the caller words in the shape in force. */
export type Reply = { status: number; body: string } | { error: ApiError };

/** A 400 InvalidParameterValue with the given (documented) text. */
export function invalidRequest(message: string): { error: ApiError } {
  return { error: { status: 400, message, type: 'InvalidParameterValue' } };
}

/** Lobstr's 404 for an account hash it does not know, on the write endpoints. */
export const ACCOUNT_NOT_FOUND: { error: ApiError } = {
  error: { status: 404, message: 'Account not found.', type: 'AccountDoesNotExist' },
};

/** Shape A `{"detail"}`, B `{"errors":{message,type,code}}` (the newest docs), C `{"error",type,code}`. */
export function errorBody(error: ApiError, shape: ErrorShape): string {
  switch (shape) {
    case 'A':
      return JSON.stringify({ detail: error.message });
    case 'C':
      return JSON.stringify({ error: error.message, type: error.type, code: error.status });
    default:
      return JSON.stringify({ errors: { message: error.message, type: error.type, code: error.status } });
  }
}

/** The error a fault with this status answers with (DRF's stock wording where Lobstr uses it). */
export function faultError(status: number, waitSeconds?: number): ApiError {
  switch (status) {
    case 401:
      return { status, message: 'Invalid token.', type: 'NotAuthenticated' };
    case 403:
      return { status, message: 'You do not have permission to perform this action.', type: 'PermissionDenied' };
    case 404:
      return { status, message: 'Not found.', type: 'HTTPNotFound' };
    case 429:
      return {
        status,
        message: `Request was throttled. Expected available in ${waitSeconds ?? 60} seconds.`,
        type: 'RateLimitExceeded',
      };
    case 500:
      return { status, message: 'Something went wrong.', type: 'SomethingWentWrong' };
    case 503:
      return { status, message: 'Service temporarily unavailable, try again later.', type: 'ServiceUnavailable' };
    default: {
      const reason = STATUS_CODES[status] ?? 'Error';
      return { status, message: `${reason}.`, type: reason.replace(/[^A-Za-z]/g, '') || 'HTTPError' };
    }
  }
}

/** Gateways answer with their own HTML page, not the API's JSON. */
export function isProxyStatus(status: number): boolean {
  return status === 502 || status === 504;
}

/** The HTML error page of a reverse proxy in front of the API, as nginx words it. */
export function proxyErrorPage(status: number): string {
  const title = `${status} ${status === 504 ? 'Gateway Time-out' : (STATUS_CODES[status] ?? 'Error')}`;
  return (
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n` +
    `<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
  );
}

/** A 200 page that is HTML instead of JSON (a captive portal or maintenance page). */
export const MAINTENANCE_PAGE =
  '<!DOCTYPE html>\n<html><head><title>Maintenance</title></head>' +
  '<body><h1>We will be back soon</h1><p>The service is under maintenance.</p></body></html>\n';

/** A 200 JSON body that is not the pagination envelope. */
export const WRONG_SHAPE_BODY = JSON.stringify({ message: 'OK', results: [] });

export interface EnvelopeFields {
  totalResults: number;
  limit: number;
  page: number;
  totalPages: number;
  resultFrom: number;
  next: string | null;
  previous: string | null;
}

/** The envelope's text before the accounts (`"data":[`) and after them (`],"next":…}`). */
function envelopeEnds(fields: EnvelopeFields, items: number): [head: string, tail: string] {
  return [
    `{"total_results":${fields.totalResults},"limit":${fields.limit},"page":${fields.page},` +
      `"total_pages":${fields.totalPages},"result_from":${fields.resultFrom},` +
      `"result_to":${fields.resultFrom + items - 1},"data":[`,
    `],"next":${JSON.stringify(fields.next)},"previous":${JSON.stringify(fields.previous)}}`,
  ];
}

/** The envelope around already-serialised accounts; `result_to` = `result_from` + len(data) - 1. */
export function envelopeBody(fields: EnvelopeFields, itemsJson: readonly string[]): string {
  const [head, tail] = envelopeEnds(fields, itemsJson.length);
  return `${head}${itemsJson.join(',')}${tail}`;
}

const COMMA = Buffer.from(',');

/**
 * The same envelope as bytes, around accounts already serialised as bytes: a page of 100 accounts
 * (about 180 KB) is one copy, where a text was joined and then encoded again as it was sent.
 */
export function envelopeBytes(fields: EnvelopeFields, items: readonly Buffer[]): Buffer {
  const [head, tail] = envelopeEnds(fields, items.length);
  const parts: Buffer[] = [Buffer.from(head)];
  items.forEach((item, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(item);
  });
  parts.push(Buffer.from(tail));
  return Buffer.concat(parts);
}
