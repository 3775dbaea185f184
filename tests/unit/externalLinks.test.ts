/**
 * Opening an account's platform in the browser: only plain https:// pages from the account's
 * baseurl reach the OS.
 */
import { describe, expect, test } from 'vitest';
import { lobstrSiteUrl, openPlatformPage, safePlatformUrl, type ShellHandle } from '../../main/electron/externalLinks.js';

function recordingShell(failure?: Error): ShellHandle & { opened: string[] } {
  const opened: string[] = [];
  return {
    opened,
    openExternal: async (url) => {
      if (failure) throw failure;
      opened.push(url);
    },
  };
}

describe('which platform addresses may be opened', () => {
  test.each([
    ['https://x.com', 'https://x.com/'],
    ['https://www.linkedin.com', 'https://www.linkedin.com/'],
    ['  https://www.facebook.com/  ', 'https://www.facebook.com/'],
    ['https://www.linkedin.com/sales/home?x=1', 'https://www.linkedin.com/sales/home?x=1'],
  ])('%s opens as %s', (baseurl, url) => {
    expect(safePlatformUrl(baseurl)).toEqual({ ok: true, url });
  });

  test.each([
    ['plain http', 'http://x.com', 'its platform address is not an https:// page (http:)'],
    ['javascript:', 'javascript:alert(document.cookie)', 'its platform address is not an https:// page (javascript:)'],
    ['file:', 'file:///etc/passwd', 'its platform address is not an https:// page (file:)'],
    ['a custom protocol', 'ms-settings:privacy', 'its platform address is not an https:// page (ms-settings:)'],
    ['a data: URL', 'data:text/html;base64,PHNjcmlwdD4=', 'its platform address is not an https:// page (data:)'],
    ['a user name', 'https://www.facebook.com@evil.example/', 'its platform address contains a user name or password'],
    ['a password', 'https://user:pass@x.com/', 'its platform address contains a user name or password'],
    ['no address', '', 'the account has no platform address'],
    ['not a URL', 'x.com', 'its platform address is not a URL'],
    ['a space inside', 'https://x.com/a b', 'its platform address contains spaces or control characters'],
    ['a newline inside', 'https://x.com/\nfile:///etc', 'its platform address contains spaces or control characters'],
    ['a huge string', `https://x.com/${'a'.repeat(5000)}`, 'its platform address is too long to be a web page'],
  ])('refuses %s', (_what, baseurl, reason) => {
    expect(safePlatformUrl(baseurl)).toEqual({ ok: false, reason });
  });

  test('refuses what is not text', () => {
    for (const value of [undefined, null, 42, { href: 'https://x.com' }]) {
      expect(safePlatformUrl(value)).toEqual({ ok: false, reason: 'the account has no platform address' });
    }
  });
});

describe('opening the platform page', () => {
  test('hands the https address to the browser and says which page it opened', async () => {
    const shell = recordingShell();
    const result = await openPlatformPage(shell, { username: 'MisterDebugger', baseurl: 'https://x.com' });
    expect(result).toEqual({ ok: true, value: { url: 'https://x.com/' } });
    expect(shell.opened).toEqual(['https://x.com/']);
  });

  test('an unsafe address never reaches the browser, and the user is told why', async () => {
    const shell = recordingShell();
    const result = await openPlatformPage(shell, { username: 'MisterDebugger', baseurl: 'file:///Applications/Calculator.app' });
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'unsafe_url',
        message: 'The platform page of @MisterDebugger was not opened: its platform address is not an https:// page (file:).',
      },
    });
    expect(shell.opened).toEqual([]);
  });

  test('a browser that cannot be opened is a value, not an exception', async () => {
    const shell = recordingShell(new Error('No application is registered for https'));
    const result = await openPlatformPage(shell, { username: 'a', baseurl: 'https://x.com' });
    expect(result).toEqual({
      ok: false,
      error: { kind: 'failed', message: 'The browser could not be opened on https://x.com/: No application is registered for https.' },
    });
  });
});

describe("which links of the window open in the browser: Lobstr's own https pages, nothing else", () => {
  test.each([
    ['https://app.lobstr.io/dashboard/api', 'https://app.lobstr.io/dashboard/api'],
    ['https://www.lobstr.io/', 'https://www.lobstr.io/'],
    ['https://lobstr.io', 'https://lobstr.io/'],
    ['https://docs.lobstr.io/api-reference/accounts?x=1#sync', 'https://docs.lobstr.io/api-reference/accounts?x=1#sync'],
    ['https://APP.Lobstr.IO/dashboard/api', 'https://app.lobstr.io/dashboard/api'],
    ['https://app.lobstr.io:443/dashboard', 'https://app.lobstr.io/dashboard'],
  ])('%s opens as %s', (link, url) => {
    expect(lobstrSiteUrl(link)).toEqual({ ok: true, url });
  });

  test.each([
    ['plain http', 'http://app.lobstr.io/dashboard/api'],
    ['a lookalike ending in another domain', 'https://app.lobstr.io.evil.com/dashboard/api'],
    ['a lookalike before the domain', 'https://app-lobstr.io/'],
    ['a lookalike label', 'https://lobstr.io.evil.com/'],
    ['another subdomain of Lobstr', 'https://api.lobstr.io/v1/accounts'],
    ['an unlisted subdomain', 'https://evil.lobstr.io/'],
    ['a host ending with the name', 'https://notlobstr.io/'],
    ['a trailing dot', 'https://app.lobstr.io./dashboard'],
    ['a user name', 'https://app.lobstr.io@evil.com/'],
    ['a user name on the right host', 'https://evil.com@app.lobstr.io/'],
    ['a password', 'https://user:pass@app.lobstr.io/'],
    ['javascript:', 'javascript:alert(1)//https://app.lobstr.io/'],
    ['data:', 'data:text/html,https://app.lobstr.io/'],
    ['file:', 'file:///app.lobstr.io/'],
    ['another port', 'https://app.lobstr.io:8443/'],
    ['a punycode lookalike', 'https://xn--lobtr-9ua.io/'],
    ['a backslash trick', 'https://evil.com\\@app.lobstr.io/'],
    ['a space inside', 'https://app.lobstr.io/a b'],
    ['a newline inside', 'https://app.lobstr.io/\nfile:///etc'],
    ['not a URL', 'app.lobstr.io/dashboard/api'],
    ['a huge string', `https://app.lobstr.io/${'a'.repeat(5000)}`],
  ])('refuses %s', (_what, link) => {
    expect(lobstrSiteUrl(link).ok).toBe(false);
  });

  test('refuses what is not text', () => {
    for (const value of [undefined, null, 42, { href: 'https://app.lobstr.io/' }]) expect(lobstrSiteUrl(value).ok).toBe(false);
  });
});
