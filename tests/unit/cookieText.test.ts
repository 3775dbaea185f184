/**
 * Pasted or file cookies (issue 9 §4, §5): a Cookie-Editor JSON export, a Netscape cookies.txt, or a
 * `name=value; …` header. The account's required cookies are picked for the platform's site, the
 * report says which names were found and which are missing (names only), and malformed text gets a
 * message that says where and what was expected, without quoting a value.
 */
import { describe, expect, it } from 'vitest';
import { readCookieText } from '../../main/core/resync/cookieText.js';
import { cookiesFromText } from '../../main/core/resync/cookiePick.js';
import { cookieNeeds } from '../../main/core/resync/cookieNeeds.js';
import { accountWith } from '../fixtures/seedAccounts.js';

const LI_AT = 'AQEDAR-distinctive-li_at-7f3a9c';
const JSESSIONID = '"ajax:4817265530719934210"';
const LI_A = 'AQJ2-distinctive-li_a-0b1e';

const salesNav = accountWith({
  type: 'sales-nav-sync',
  baseurl: 'https://www.linkedin.com',
  cookies: [
    { name: 'li_at', required: true },
    { name: 'JSESSIONID', required: true },
    { name: 'li_a', required: true },
  ],
});

/** As Cookie-Editor exports a LinkedIn session (fields trimmed to those it always writes). */
const cookieEditorExport = JSON.stringify(
  [
    { domain: '.www.linkedin.com', hostOnly: false, httpOnly: true, name: 'li_at', path: '/', secure: true, session: false, value: LI_AT },
    { domain: '.www.linkedin.com', hostOnly: false, httpOnly: false, name: 'JSESSIONID', path: '/', secure: true, value: JSESSIONID },
    { domain: '.linkedin.com', hostOnly: false, httpOnly: true, name: 'li_a', path: '/', secure: true, value: LI_A },
    { domain: '.linkedin.com', name: 'lang', path: '/', value: 'v=2&lang=en-us' },
    { domain: '.google.com', name: 'li_at', path: '/', value: 'not-this-one' },
  ],
  null,
  2,
);

const netscapeFile = [
  '# Netscape HTTP Cookie File',
  '# https://curl.se/docs/http-cookies.html',
  '',
  `#HttpOnly_.www.linkedin.com\tTRUE\t/\tTRUE\t1798000000\tli_at\t${LI_AT}`,
  `.www.linkedin.com\tTRUE\t/\tTRUE\t1798000000\tJSESSIONID\t${JSESSIONID}`,
  `#HttpOnly_.linkedin.com\tTRUE\t/\tTRUE\t1798000000\tli_a\t${LI_A}`,
  `.x.com\tTRUE\t/\tTRUE\t1798000000\tauth_token\tnot-for-linkedin`,
  '',
].join('\n');

const header = `li_at=${LI_AT}; JSESSIONID=${JSESSIONID}; li_a=${LI_A}; lang=v=2&lang=en-us`;

describe('reading cookie text', () => {
  it.each([
    ['a Cookie-Editor JSON export', cookieEditorExport, 'cookie_editor_json'],
    ['a Netscape cookies.txt', netscapeFile, 'netscape'],
    ['a Cookie header', header, 'header'],
    ['a Cookie header copied with its name', `Cookie: ${header}`, 'header'],
  ] as const)('tells %s by its shape and picks the required cookies for the platform, JSESSIONID quoted as stored', (_what, text, format) => {
    const result = cookiesFromText(text, salesNav);
    if (!result.ok) throw new Error(result.message);
    expect(result.format).toBe(format);
    expect(Object.fromEntries(result.cookies)).toEqual({ li_at: LI_AT, JSESSIONID, li_a: LI_A });
    expect(result.report).toEqual({ found: ['li_at', 'JSESSIONID', 'li_a'], missing: [] });
  });

  it('says which required names are missing, and the report holds names only', () => {
    const result = cookiesFromText(`li_at=${LI_AT}`, salesNav);
    if (!result.ok) throw new Error(result.message);
    expect(result.report).toEqual({ found: ['li_at'], missing: ['JSESSIONID', 'li_a'] });
    expect(JSON.stringify(result.report)).not.toContain(LI_AT);
  });

  it('takes only cookies the platform site would receive: an export of another site misses them all', () => {
    const xOnly = JSON.stringify([{ domain: '.x.com', name: 'li_at', value: 'elsewhere' }]);
    const result = cookiesFromText(xOnly, salesNav);
    if (!result.ok) throw new Error(result.message);
    expect(result.cookies.size).toBe(0);
    expect(result.report.missing).toEqual(['li_at', 'JSESSIONID', 'li_a']);
  });

  it('an account naming no cookies takes every cookie of the platform site (the whole session)', () => {
    const anyCookies = accountWith({ ...salesNav, cookies: [] });
    const result = cookiesFromText(netscapeFile, anyCookies);
    if (!result.ok) throw new Error(result.message);
    expect([...result.cookies.keys()]).toEqual(['li_at', 'JSESSIONID', 'li_a']);
    expect(result.report).toEqual({ found: ['li_at', 'JSESSIONID', 'li_a'], missing: [] });
  });

  it('the account says what is required: optional cookies are sent when present, never missing', () => {
    const needs = cookieNeeds(accountWith({ ...salesNav, cookies: [{ name: 'li_at', required: true }, { name: 'li_a', required: false }] }));
    expect(needs).toEqual({ required: ['li_at'], optional: ['li_a'], wholeSession: false, host: 'www.linkedin.com' });
  });

  it('Cookie-Editor fields beyond name, value and domain are ignored; a numeric value is read as text', () => {
    const read = readCookieText(JSON.stringify([{ name: 'c_user', value: 100012345678901, domain: '.facebook.com', sameSite: 'no_restriction' }]));
    expect(read).toEqual({ ok: true, format: 'cookie_editor_json', cookies: [{ name: 'c_user', value: '100012345678901', domain: '.facebook.com' }] });
  });

  it('a cookies.txt whose tabs became spaces (pasted through an editor) is still read', () => {
    const spaced = `.x.com  TRUE  /  TRUE  1798000000  auth_token  tok-123\n.x.com TRUE / TRUE 1798000000 ct0 ct0-456`;
    const read = readCookieText(spaced);
    expect(read).toEqual({
      ok: true,
      format: 'netscape',
      cookies: [
        { name: 'auth_token', value: 'tok-123', domain: '.x.com' },
        { name: 'ct0', value: 'ct0-456', domain: '.x.com' },
      ],
    });
  });
});

describe('malformed cookie text', () => {
  const SECRET = 'S3CRET-value-never-quoted';
  const cases: Array<[string, string, RegExp]> = [
    ['empty text', '   \n ', /empty/i],
    ['JSON cut short', `[{"name":"li_at","value":"${SECRET}"`, /not valid JSON.*line 1, column \d+/],
    ['JSON with a bare word on line 3', `[\n {"name": "li_at",\n  "value": ${SECRET}}\n]`, /not valid JSON.*line 3, column 12/],
    ['JSON that is not a list of cookies', '{"li_at": "x"}', /list of cookies/i],
    ['a JSON cookie without a name', `[{"name":"li_at","value":"${SECRET}"},{"value":"${SECRET}"}]`, /cookie 2 .*"name"/i],
    ['a JSON cookie without a value', '[{"name":"li_at"}]', /cookie 1 \(li_at\).*"value"/i],
    ['a cookies.txt line with too few fields', `# Netscape HTTP Cookie File\n.x.com\tTRUE\t/\tTRUE\t1798000000\tauth_token\t${SECRET}\n.x.com\tTRUE\tct0\t${SECRET}`, /line 3.*4 fields.*7/i],
    ['a cookies.txt line with a bad expiry', `.x.com\tTRUE\t/\tTRUE\tsoon\tct0\t${SECRET}`, /line 1.*expiry/i],
    ['a header part without "="', `li_at=${SECRET}; JSESSIONID`, /part 2 .*name=value/i],
    ['a header with an empty name', `=${SECRET}`, /part 1 .*name/i],
  ];
  it.each(cases)('%s: says where and what was expected, never quoting a value', (_what, text, message) => {
    const read = readCookieText(text);
    if (read.ok) throw new Error('expected a failure');
    expect(read.message).toMatch(message);
    expect(read.message).not.toContain(SECRET);
  });
});
