/**
 * Whether an IPC message came from the app's own page. The renderer is untrusted, and a frame
 * that is not our page (an injected iframe, a page the window was somehow taken to) must not
 * reach the main process at all.
 */
import { isLoopbackHost } from '../lobstr/baseUrl.js';

/**
 * True when `senderUrl` is the app's page `appPageUrl`:
 * - a file:// page (the built app): the same file, whatever its query or fragment (the window's
 *   own routes);
 * - an http:// page (the Vite dev server): the same origin, and only on a loopback host, so a
 *   mistaken configuration can never trust a site on the network.
 * Anything else, or anything unparsable, is untrusted.
 */
export function isTrustedSenderUrl(senderUrl: unknown, appPageUrl: string): boolean {
  if (typeof senderUrl !== 'string' || senderUrl === '') return false;
  let sender: URL;
  let page: URL;
  try {
    sender = new URL(senderUrl);
    page = new URL(appPageUrl);
  } catch {
    return false;
  }

  if (page.protocol === 'file:') {
    return sender.protocol === 'file:' && sender.host === page.host && sender.pathname === page.pathname;
  }
  if (page.protocol === 'http:' || page.protocol === 'https:') {
    if (!isLoopbackHost(page.hostname)) return false;
    return sender.username === '' && sender.password === '' && sender.origin === page.origin;
  }
  return false;
}
