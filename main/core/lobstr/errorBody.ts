/**
 * The message inside a Lobstr error response. Lobstr's sources show three JSON shapes
 * (shared/lobstr-api.md §4.2), and a proxy in front of it may answer with an HTML page:
 *   A `{"detail": m}`   B `{"errors": {"message", "type", "code"}}`   C `{"error": m, "type", "code"}`
 * The result is meant for a sentence shown to a person, so it is always short.
 */

export interface ErrorBodyMessage {
  /** Empty when the body said nothing readable. */
  message: string;
  /** The error type when the body names one (e.g. "NotAuthenticated", "AccountDoesNotExist"). */
  type?: string;
}

const MAX_MESSAGE_CHARS = 200;

export function readErrorMessage(bodyText: string, contentType?: string): ErrorBodyMessage {
  const text = bodyText.trim();
  if (text === '') return { message: '' };

  const json = parseJson(text);
  if (json !== undefined) return fromJson(json, text);

  if (looksLikeHtml(text, contentType)) return { message: htmlSummary(text) };
  return { message: excerpt(text) };
}

function parseJson(text: string): unknown {
  if (!text.startsWith('{') && !text.startsWith('[') && !text.startsWith('"')) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function fromJson(json: unknown, raw: string): ErrorBodyMessage {
  if (typeof json === 'string') return { message: excerpt(json) };
  if (!isRecord(json)) return { message: excerpt(raw) };

  const type = stringOf(json['type']);
  const withType = (message: string, t: string | undefined): ErrorBodyMessage =>
    t === undefined ? { message: excerpt(message) } : { message: excerpt(message), type: t };

  // B: the newest documented envelope.
  const errors = json['errors'];
  if (isRecord(errors)) {
    const message = stringOf(errors['message']) ?? stringOf(errors['detail']);
    if (message !== undefined) return withType(message, stringOf(errors['type']) ?? type);
  }
  // C: flat, as on the rate-limiting page and in the SDK's fixtures.
  const error = json['error'];
  if (typeof error === 'string' && error.trim() !== '') return withType(error, type);
  if (isRecord(error) && stringOf(error['message']) !== undefined) {
    return withType(String(error['message']), stringOf(error['type']) ?? type);
  }
  // A: Django REST framework's stock shape.
  const detail = json['detail'];
  if (typeof detail === 'string') return withType(detail, type);
  if (detail !== undefined) return withType(JSON.stringify(detail), type);
  const message = stringOf(json['message']);
  if (message !== undefined) return withType(message, type);
  // Field errors of a validation failure ({"limit": ["..."]}) or anything else: show it compactly.
  return withType(JSON.stringify(json), type);
}

function looksLikeHtml(text: string, contentType: string | undefined): boolean {
  if (contentType !== undefined && /html/i.test(contentType)) return true;
  return /^<(!doctype\s+html|html|head|body|title)\b/i.test(text);
}

/** The page's <title>, else its first <h1>, else its text: never the whole page. */
function htmlSummary(html: string): string {
  for (const tag of ['title', 'h1']) {
    const match = new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, 'i').exec(html);
    const inner = match?.[1] === undefined ? '' : textOf(match[1]);
    if (inner !== '') return excerpt(inner);
  }
  return excerpt(textOf(html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')));
}

function textOf(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ' '));
}

function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return named[name.toLowerCase()] ?? whole;
  });
}

/** Whitespace collapsed, control characters dropped, cut at a readable length. */
function excerpt(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (flat.length <= MAX_MESSAGE_CHARS) return flat;
  return `${flat.slice(0, MAX_MESSAGE_CHARS - 1).trimEnd()}…`;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
