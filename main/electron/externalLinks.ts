/**
 * Opening pages in the user's browser: an account's platform, whose address comes from the
 * account's `baseurl` as Lobstr sent it, never from the renderer; and the window's links to
 * Lobstr's own site (the dashboard's API page), an exact list of https hosts. Only a plain https://
 * page is opened: shell.openExternal hands the URL to the OS, which would as happily run a file://
 * program or a custom protocol handler. Electron's shell comes in as a parameter, so this runs
 * without Electron.
 */
import type { Account } from '../core/lobstr/account.js';
import type { IpcResult, OpenedPage } from '../shared/ipcContract.js';

export interface ShellHandle {
  openExternal(url: string): Promise<void>;
}

/** Longer than any real platform address; a huge string is not a page to open. */
const MAX_URL_LENGTH = 2048;

export type SafeUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

/**
 * The account's `baseurl` as a URL that is safe to open, or why not: it must be https://, name a
 * host, and carry no user name or password (a classic way to disguise where a link goes).
 */
export function safePlatformUrl(baseurl: unknown): SafeUrlCheck {
  if (typeof baseurl !== 'string' || baseurl.trim() === '') return { ok: false, reason: 'the account has no platform address' };
  const text = baseurl.trim();
  if (text.length > MAX_URL_LENGTH) return { ok: false, reason: 'its platform address is too long to be a web page' };
  // Whitespace or control characters inside are silently dropped by the URL parser: refuse instead.
  if (/[\u0000-\u0020\u007f-\u009f]/.test(text)) return { ok: false, reason: 'its platform address contains spaces or control characters' };

  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'its platform address is not a URL' };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: `its platform address is not an https:// page (${url.protocol})` };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'its platform address contains a user name or password' };
  if (url.hostname === '') return { ok: false, reason: 'its platform address names no host' };
  return { ok: true, url: url.href };
}

/**
 * Lobstr's own sites, the only hosts a link in the window may open: exact names, so neither
 * `app.lobstr.io.evil.com` nor another subdomain (the API's, or one not Lobstr's pages) passes.
 */
export const LOBSTR_SITE_HOSTS: ReadonlySet<string> = new Set(['lobstr.io', 'www.lobstr.io', 'app.lobstr.io', 'docs.lobstr.io']);

/**
 * A link of the window (an <a href> clicked in the page) as a URL safe to open in the browser, or
 * why not: https:// on the default port, one of LOBSTR_SITE_HOSTS, no user name or password.
 */
export function lobstrSiteUrl(link: unknown): SafeUrlCheck {
  if (typeof link !== 'string' || link.length > MAX_URL_LENGTH) return { ok: false, reason: 'not a link to a page' };
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(link)) return { ok: false, reason: 'the link contains spaces, control characters or backslashes' };
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return { ok: false, reason: 'the link is not a URL' };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: `the link is not an https:// page (${url.protocol})` };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'the link contains a user name or password' };
  if (url.port !== '' || !LOBSTR_SITE_HOSTS.has(url.hostname)) return { ok: false, reason: `${url.host} is not one of Lobstr's own sites` };
  return { ok: true, url: url.href };
}

/** Opens the account's platform page, or says why it did not. Never throws. */
export async function openPlatformPage(
  shell: ShellHandle,
  account: Pick<Account, 'username' | 'baseurl'>,
): Promise<IpcResult<OpenedPage>> {
  const check = safePlatformUrl(account.baseurl);
  if (!check.ok) {
    return { ok: false, error: { kind: 'unsafe_url', message: `The platform page of @${account.username} was not opened: ${check.reason}.` } };
  }
  try {
    await shell.openExternal(check.url);
    return { ok: true, value: { url: check.url } };
  } catch (error) {
    const reason = error instanceof Error && error.message !== '' ? `: ${error.message}` : '';
    return { ok: false, error: { kind: 'failed', message: `The browser could not be opened on ${check.url}${reason}.` } };
  }
}
