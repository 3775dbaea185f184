/**
 * What the re-sync says when pasted or file cookies lack required ones (main/core/resync/cookieWait.ts):
 * the names, and the sentence fits their number.
 */
import { describe, expect, it } from 'vitest';
import { fixedCookieSource } from '../../main/core/resync/cookieSource.js';
import { waitForCookies } from '../../main/core/resync/cookieWait.js';

const needs = (required: string[]) => ({ required, optional: [], wholeSession: false, host: 'www.linkedin.com' });
const signal = () => new AbortController().signal;

describe('cookies missing from fixed text', () => {
  it('one missing: "it is not there", "export it again"', async () => {
    const wait = await waitForCookies(fixedCookieSource([{ name: 'li_at', value: 'x', domain: null }]), needs(['li_at', 'JSESSIONID']), signal(), () => {});
    expect(wait).toMatchObject({ ok: false, error: { kind: 'cookies_missing' } });
    const message = (wait as { error: { message: string } }).error.message;
    expect(message).toContain('Lobstr needs JSESSIONID for www.linkedin.com, and it is not in the cookies given.');
    expect(message).toContain('Export it again while logged in to www.linkedin.com.');
  });

  it('two missing: "they are not there", "export them again"', async () => {
    const wait = await waitForCookies(fixedCookieSource([{ name: 'other', value: 'x', domain: null }]), needs(['li_at', 'JSESSIONID']), signal(), () => {});
    const message = (wait as { error: { message: string } }).error.message;
    expect(message).toContain('Lobstr needs li_at, JSESSIONID for www.linkedin.com, and they are not in the cookies given.');
    expect(message).toContain('Export them again');
  });
});
