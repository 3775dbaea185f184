/**
 * Which pages may talk to the main process: only the app's own page (the built file, or the
 * dev server on this machine).
 */
import { describe, expect, test } from 'vitest';
import { isTrustedSenderUrl } from '../../main/core/views/trustedSender.js';

const BUILT_PAGE = 'file:///Applications/Lobstr%20Tray.app/Contents/Resources/app.asar/dist/renderer/index.html';
const WINDOWS_PAGE = 'file:///C:/Program%20Files/Lobstr%20Tray/resources/app.asar/dist/renderer/index.html';
const DEV_PAGE = 'http://localhost:5173/';

describe('the built app page (file://)', () => {
  test.each([
    BUILT_PAGE,
    `${BUILT_PAGE}#/accounts/6e5f36d27502ec69fda745ec59ead509`,
    `${BUILT_PAGE}?view=settings`,
  ])('trusts itself, whatever its route: %s', (url) => {
    expect(isTrustedSenderUrl(url, BUILT_PAGE)).toBe(true);
  });

  test('trusts the same page on Windows paths', () => {
    expect(isTrustedSenderUrl(`${WINDOWS_PAGE}#/`, WINDOWS_PAGE)).toBe(true);
  });

  test.each([
    ['another file of the app', BUILT_PAGE.replace('index.html', 'other.html')],
    ['a file elsewhere', 'file:///tmp/index.html'],
    ['the same path on another host', BUILT_PAGE.replace('file:///', 'file://fileserver/')],
    ['a web page', 'https://lobstr.io/dist/renderer/index.html'],
    ['the dev server', DEV_PAGE],
    ['about:blank', 'about:blank'],
    ['a data: page', 'data:text/html,<script>alert(1)</script>'],
    ['nothing', ''],
    ['not a URL', 'index.html'],
  ])('refuses %s', (_what, url) => {
    expect(isTrustedSenderUrl(url, BUILT_PAGE)).toBe(false);
  });

  test('refuses what is not a string', () => {
    for (const value of [undefined, null, 42, { href: BUILT_PAGE }]) expect(isTrustedSenderUrl(value, BUILT_PAGE)).toBe(false);
  });
});

describe('the dev server page (http:// on this machine)', () => {
  test.each([DEV_PAGE, 'http://localhost:5173/index.html#/settings', 'http://localhost:5173/src/App.svelte'])('trusts its own origin: %s', (url) => {
    expect(isTrustedSenderUrl(url, DEV_PAGE)).toBe(true);
  });

  test.each([
    ['another port', 'http://localhost:5174/'],
    ['another host', 'http://127.0.0.2:5173/'],
    ['https instead of http', 'https://localhost:5173/'],
    ['a look-alike host', 'http://localhost.evil.example:5173/'],
    ['credentials in the URL', 'http://attacker@localhost:5173/'],
    ['the built file', BUILT_PAGE],
  ])('refuses %s', (_what, url) => {
    expect(isTrustedSenderUrl(url, DEV_PAGE)).toBe(false);
  });

  test('never trusts a page on the network, even if it were configured as the app page', () => {
    expect(isTrustedSenderUrl('https://lobstr-tray.example/', 'https://lobstr-tray.example/')).toBe(false);
    expect(isTrustedSenderUrl('http://192.168.1.20:5173/', 'http://192.168.1.20:5173/')).toBe(false);
  });

  test('an unparsable app page trusts nothing', () => {
    expect(isTrustedSenderUrl(BUILT_PAGE, 'not a url')).toBe(false);
  });
});
