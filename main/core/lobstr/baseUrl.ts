/**
 * The Lobstr API base URL a person may configure: checked once, so a typo fails with a
 * message that says what to change instead of as an obscure network error on every poll.
 * Plain http:// is allowed only on loopback (the simulator, a local proxy): anywhere else it
 * would send the API key in clear text.
 */

export const DEFAULT_API_BASE = 'https://api.lobstr.io/v1';

/**
 * Loopback = 127.0.0.0/8, ::1, localhost: nothing else. Names under `.localhost` (and "localhost."
 * with its trailing dot) are left out: whether they reach this machine depends on the resolver or a
 * proxy, not on the name. The URL parser has already normalised the host.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost') return true;
  if (host === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Trims, drops trailing slashes and validates. Throws an Error with a message a person can act
 * on when the text is not a URL, not http(s), http:// on a non-loopback host, or carries
 * credentials, a query or a fragment.
 */
export function normaliseApiBase(url: string): string {
  const text = url.trim();
  const example = `for example ${DEFAULT_API_BASE}`;
  if (text === '') throw new Error(`The API base URL is empty; use ${DEFAULT_API_BASE}.`);

  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new Error(`The API base URL "${text}" is not a URL; write it in full, ${example}.`);
  }

  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(`The API base URL must start with https:// (got ${parsed.protocol}), ${example}.`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    // Said without echoing the URL: what is in it may be a password.
    throw new Error('The API base URL must not contain a user name or password; the API key goes in its own field.');
  }
  if (parsed.search !== '' || text.includes('?')) {
    throw new Error(`The API base URL must not contain a query ("?..."); use just the address, ${example}.`);
  }
  if (parsed.hash !== '' || text.includes('#')) {
    throw new Error(`The API base URL must not contain a fragment ("#..."); use just the address, ${example}.`);
  }
  if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
    throw new Error(
      `The API base URL uses http:// for ${parsed.hostname}, which would send the API key unencrypted; ` +
        `use https:// (plain http is accepted only for localhost and 127.0.0.1).`,
    );
  }

  return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
}

/**
 * "https://api.lobstr.io" for "https://api.lobstr.io/v1": what a key is bound to. The key is sent only
 * to the origin it was checked against; another path on the same origin is the same server.
 */
export function originOf(baseUrl: string): string {
  return new URL(normaliseApiBase(baseUrl)).origin;
}
