/**
 * Cookies a person pasted or gave as a file, in the three forms people have at hand: a Cookie-Editor
 * JSON export (an array of {name, value, domain, …}), a Netscape cookies.txt (curl's and most
 * exporters' format), or a Cookie header (`name=value; name2=value2`). Values are kept exactly as
 * written (JSESSIONID keeps its quotes: Lobstr wants it as the browser stores it).
 *
 * A message about malformed text says where (line, cookie or part) and what was expected, and never
 * quotes the text: it may hold cookie values.
 */

export type CookieTextFormat = 'cookie_editor_json' | 'netscape' | 'header';

/** How each format is named to a person. */
export const COOKIE_FORMAT_NAMES: Record<CookieTextFormat, string> = {
  cookie_editor_json: 'Cookie-Editor JSON export',
  netscape: 'cookies.txt file',
  header: 'Cookie header',
};

export interface CookieEntry {
  name: string;
  value: string;
  /** The domain the text gives (".linkedin.com"), as written; null where the format has none (a header). */
  domain: string | null;
}

export type CookieTextReading =
  | { ok: true; format: CookieTextFormat; cookies: CookieEntry[] }
  | { ok: false; format: CookieTextFormat | null; message: string };

export function readCookieText(text: string): CookieTextReading {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') {
    return { ok: false, format: null, message: 'The cookie text is empty. Paste a Cookie-Editor JSON export, a cookies.txt file or a Cookie header.' };
  }
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) return readCookieEditorJson(trimmed);
  if (looksLikeNetscape(trimmed)) return readNetscape(trimmed);
  return readHeader(trimmed);
}

// ---------------------------------------------------------------- Cookie-Editor JSON

function readCookieEditorJson(text: string): CookieTextReading {
  const fail = (message: string): CookieTextReading => ({ ok: false, format: 'cookie_editor_json', message });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail(jsonErrorMessage(text));
  }
  // Some exporters wrap the list: {"cookies": [...]}.
  const list = isRecord(json) && Array.isArray(json['cookies']) ? json['cookies'] : json;
  if (!Array.isArray(list)) {
    return fail('The JSON is not a list of cookies: a Cookie-Editor export is a list of {"name", "value", "domain", …} objects.');
  }
  const cookies: CookieEntry[] = [];
  for (let i = 0; i < list.length; i++) {
    const item: unknown = list[i];
    const where = `Cookie ${i + 1} of the JSON`;
    if (!isRecord(item)) return fail(`${where} is not an object: expected {"name", "value", "domain", …}.`);
    const name = item['name'];
    if (typeof name !== 'string' || name.trim() === '') return fail(`${where} has no "name": expected {"name", "value", "domain", …}.`);
    const value = item['value'];
    if (typeof value !== 'string' && typeof value !== 'number') {
      return fail(`Cookie ${i + 1} (${name}) of the JSON has no "value" as text: expected {"name", "value", "domain", …}.`);
    }
    const domain = item['domain'];
    cookies.push({ name: name.trim(), value: String(value), domain: typeof domain === 'string' && domain.trim() !== '' ? domain.trim() : null });
  }
  return { ok: true, format: 'cookie_editor_json', cookies };
}

/**
 * Where the JSON goes wrong, as line and column. V8's own message may quote the text around the
 * fault (a cookie value), so the place is found by parsing ever longer beginnings of it instead: a
 * beginning that fails only for ending early is still fine.
 */
function jsonErrorMessage(text: string): string {
  const failsBefore = (length: number): boolean => {
    try {
      JSON.parse(text.slice(0, length));
      return false;
    } catch (e) {
      const message = (e as Error).message;
      if (/end of JSON/i.test(message)) return false;
      const position = /at position (\d+)/.exec(message)?.[1];
      return position === undefined || Number(position) < length;
    }
  };
  if (!failsBefore(text.length)) {
    const { line, column } = lineAndColumn(text, text.length);
    return `The JSON is not valid JSON: it ends early, at line ${line}, column ${column} (a closing "]", "}" or quote is missing; was all of it copied?).`;
  }
  // The shortest failing beginning ends with the first character the JSON grammar refuses.
  let low = 1;
  let high = text.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (failsBefore(mid)) high = mid;
    else low = mid + 1;
  }
  const { line, column } = lineAndColumn(text, low - 1);
  return `The JSON is not valid JSON at line ${line}, column ${column}: expected a Cookie-Editor export, a list of {"name": "…", "value": "…", "domain": "…"} objects.`;
}

function lineAndColumn(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: index - lineStart + 1 };
}

// ---------------------------------------------------------------- Netscape cookies.txt

const NETSCAPE_FIELDS = 'domain, include subdomains, path, secure, expiry, name, value';
const HTTP_ONLY_PREFIX = '#HttpOnly_';
const BOOLEAN = /^(TRUE|FALSE)$/i;

/** A comment line, tabs, or lines of seven fields whose 2nd and 4th are TRUE/FALSE (tabs turned into spaces). */
function looksLikeNetscape(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines[0]!.startsWith('#') || lines.some((line) => line.includes('\t'))) return true;
  return lines.every((line) => {
    const fields = line.trim().split(/\s+/);
    return fields.length === 7 && BOOLEAN.test(fields[1]!) && BOOLEAN.test(fields[3]!);
  });
}

function readNetscape(text: string): CookieTextReading {
  const fail = (message: string): CookieTextReading => ({ ok: false, format: 'netscape', message });
  const cookies: CookieEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!.replace(/\s+$/, '');
    if (line.trim() === '') continue;
    // curl marks HttpOnly cookies this way; any other "#" line is a comment.
    if (line.startsWith(HTTP_ONLY_PREFIX)) line = line.slice(HTTP_ONLY_PREFIX.length);
    else if (line.startsWith('#')) continue;
    // Tabs turned into spaces on the way (an editor, a chat) are read as separators too.
    const fields = line.includes('\t') ? line.split('\t') : line.trim().split(/\s+/);
    const where = `Line ${i + 1} of the cookies.txt`;
    if (fields.length !== 7) {
      return fail(`${where} has ${fields.length} field${fields.length === 1 ? '' : 's'}; expected 7 separated by tabs (${NETSCAPE_FIELDS}).`);
    }
    const [domain, subdomains, , secure, expiry, name, value] = fields as [string, string, string, string, string, string, string];
    if (!BOOLEAN.test(subdomains.trim()) || !BOOLEAN.test(secure.trim())) {
      return fail(`${where} should have TRUE or FALSE in its 2nd and 4th fields (${NETSCAPE_FIELDS}).`);
    }
    if (!/^-?\d+(\.\d+)?$/.test(expiry.trim())) {
      return fail(`${where} should have the expiry (5th field) as a number of seconds, 0 for a session cookie (${NETSCAPE_FIELDS}).`);
    }
    if (name.trim() === '') return fail(`${where} has an empty name (6th field).`);
    cookies.push({ name: name.trim(), value, domain: domain.trim() === '' ? null : domain.trim() });
  }
  return { ok: true, format: 'netscape', cookies };
}

// ---------------------------------------------------------------- Cookie header

function readHeader(text: string): CookieTextReading {
  const fail = (message: string): CookieTextReading => ({ ok: false, format: 'header', message });
  // "Cookie: …" as copied from DevTools' request headers; several lines read as one header.
  const body = text.replace(/^cookie\s*:\s*/i, '');
  const parts = body.split(/;|\r?\n/).map((part) => part.trim());
  const cookies: CookieEntry[] = [];
  let number = 0;
  for (const part of parts) {
    if (part === '') continue;
    number++;
    const equals = part.indexOf('=');
    if (equals < 0) return fail(`Part ${number} of the Cookie header has no "=": expected name=value pairs separated by ";".`);
    const name = part.slice(0, equals).trim();
    if (name === '') return fail(`Part ${number} of the Cookie header has no name before "=": expected name=value pairs separated by ";".`);
    cookies.push({ name, value: part.slice(equals + 1).trim(), domain: null });
  }
  return { ok: true, format: 'header', cookies };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
