import { describe, expect, it } from 'vitest';
import { DEFAULT_API_BASE, normaliseApiBase } from '../../main/core/lobstr/baseUrl.js';

describe('normaliseApiBase', () => {
  it('accepts the default base unchanged', () => {
    expect(normaliseApiBase(DEFAULT_API_BASE)).toBe('https://api.lobstr.io/v1');
  });

  it('trims spaces and drops trailing slashes', () => {
    expect(normaliseApiBase('  https://api.lobstr.io/v1/  ')).toBe('https://api.lobstr.io/v1');
    expect(normaliseApiBase('https://api.lobstr.io/v1///')).toBe('https://api.lobstr.io/v1');
    expect(normaliseApiBase('https://API.Lobstr.io')).toBe('https://api.lobstr.io');
  });

  it('keeps a port and a path prefix', () => {
    expect(normaliseApiBase('https://proxy.example.com:8443/lobstr/v1/')).toBe('https://proxy.example.com:8443/lobstr/v1');
  });

  it.each([
    'http://127.0.0.1:8787/v1',
    'http://127.5.6.7/v1',
    'http://localhost:8787/v1',
    'http://[::1]:8787/v1',
  ])('allows plain http on the loopback host %s', (url) => {
    expect(normaliseApiBase(url)).toBe(url);
  });

  it('refuses plain http elsewhere and says to use https', () => {
    expect(() => normaliseApiBase('http://api.lobstr.io/v1')).toThrow(/use https:\/\//);
    expect(() => normaliseApiBase('http://192.168.1.10:8787/v1')).toThrow(/use https:\/\//);
    // Looks like loopback, but is a name anyone can register.
    expect(() => normaliseApiBase('http://127.0.0.1.example.com/v1')).toThrow(/use https:\/\//);
  });

  it.each(['http://evil.localhost/v1', 'http://a.b.localhost:8787/v1', 'http://localhost./v1', 'http://localhost.example.com/v1'])(
    'refuses plain http on %s: only 127.0.0.0/8, ::1 and localhost itself are loopback, not names under .localhost',
    (url) => {
      // A name under .localhost reaches whatever a resolver or proxy makes of it, not always this machine.
      expect(() => normaliseApiBase(url)).toThrow(/use https:\/\//);
    },
  );

  it('refuses text that is not a URL', () => {
    expect(() => normaliseApiBase('api.lobstr.io/v1')).toThrow(/is not a URL.*https:\/\/api\.lobstr\.io\/v1/);
    expect(() => normaliseApiBase('')).toThrow(/empty/);
    expect(() => normaliseApiBase('   ')).toThrow(/empty/);
  });

  it('refuses other schemes', () => {
    expect(() => normaliseApiBase('ftp://api.lobstr.io/v1')).toThrow(/must start with https:\/\//);
    expect(() => normaliseApiBase('file:///etc/passwd')).toThrow(/must start with https:\/\//);
  });

  it('refuses credentials without repeating them', () => {
    let message = '';
    try {
      normaliseApiBase('https://me:s3cret@api.lobstr.io/v1');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/user name or password/);
    expect(message).not.toContain('s3cret');
  });

  it('refuses a query or a fragment', () => {
    expect(() => normaliseApiBase('https://api.lobstr.io/v1?token=abc')).toThrow(/query/);
    expect(() => normaliseApiBase('https://api.lobstr.io/v1?')).toThrow(/query/);
    expect(() => normaliseApiBase('https://api.lobstr.io/v1#x')).toThrow(/fragment/);
  });
});
