/**
 * Platform icons as image addresses. The API sends each icon as base64 data without a prefix,
 * and the snapshot carries one per account type: each is checked and turned into a `data:` URL
 * once per type (and again only when that type's data changes), never once per row.
 * A `data:` URL rather than an object URL because the page's Content-Security-Policy allows
 * images from 'self' and data: only.
 */

interface CachedIcon {
  /** The base64 text the URL was made from. */
  source: string;
  url: string | null;
}

const cache = new Map<string, CachedIcon>();

/** The data: URL of a platform's icon; null when there is none or it is not an image we know. */
export function platformIconUrl(type: string, base64: string | null | undefined): string | null {
  const source = base64 ?? '';
  const cached = cache.get(type);
  if (cached && cached.source === source) return cached.url;
  const url = iconDataUrl(source);
  cache.set(type, { source, url });
  return url;
}

const iconClasses = new Map<string, string>();

/**
 * The class that draws a platform's icon as a background, for the list's rows (platformIconRules
 * defines it). A row that shows another account changes a class, not an image's address: setting
 * an <img>'s src to a data: URL was about 1.2 ms of every search keystroke at 10,000 accounts.
 */
export function platformIconClass(type: string): string {
  let name = iconClasses.get(type);
  if (name === undefined) {
    name = `platform-icon-${iconClasses.size}`;
    iconClasses.set(type, name);
  }
  return name;
}

/** The CSS rules behind platformIconClass, one per type that has an icon. */
export function platformIconRules(icons: Readonly<Record<string, string>>): string {
  let rules = '';
  for (const [type, base64] of Object.entries(icons)) {
    const url = platformIconUrl(type, base64);
    // A data: URL of base64 holds no quote or backslash: safe inside url("…").
    if (url !== null) rules += `.${platformIconClass(type)}{background-image:url("${url}")}\n`;
  }
  return rules;
}

/** Forgets every icon (tests; a long-running window never needs it: there are a handful of types). */
export function clearIconCache(): void {
  cache.clear();
}

/** A data: URL for base64 image data (a data: prefix is tolerated), or null when it is not an image. */
export function iconDataUrl(data: string): string | null {
  const base64 = stripDataPrefix(data).replace(/\s+/g, '');
  if (base64 === '') return null;
  let bytes: string;
  try {
    bytes = atob(base64);
  } catch {
    return null;
  }
  const mime = imageMimeType(bytes);
  return mime === null ? null : `data:${mime};base64,${base64}`;
}

function stripDataPrefix(data: string): string {
  const trimmed = data.trim();
  if (!trimmed.startsWith('data:')) return trimmed;
  const comma = trimmed.indexOf(',');
  return comma === -1 ? '' : trimmed.slice(comma + 1);
}

/** The image type from the first bytes (as a binary string), whatever type a prefix claimed. */
export function imageMimeType(bytes: string): string | null {
  if (bytes.startsWith('\x89PNG\r\n\x1a\n')) return 'image/png';
  if (bytes.startsWith('\xff\xd8\xff')) return 'image/jpeg';
  if (bytes.startsWith('GIF87a') || bytes.startsWith('GIF89a')) return 'image/gif';
  if (bytes.startsWith('RIFF') && bytes.slice(8, 12) === 'WEBP') return 'image/webp';
  if (bytes.startsWith('\x00\x00\x01\x00')) return 'image/x-icon';
  // An <img> never runs an SVG's scripts, so an SVG icon is as safe as a PNG.
  const head = bytes.slice(0, 256).trimStart().toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && bytes.includes('<svg'))) return 'image/svg+xml';
  return null;
}
