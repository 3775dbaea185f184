import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { LobstrApiError } from '../../main/core/lobstr/apiErrors.js';
import { REDACTED, redactSecrets, redactValue } from '../../main/core/settings/logRedaction.js';

const KEY = '3f9c2a7be41d40c8a1b2';

describe('redactSecrets', () => {
  it('removes the known key wherever it appears', () => {
    expect(redactSecrets(`GET /v1/accounts?key=${KEY} failed; key ${KEY}.`, [KEY])).toBe(
      `GET /v1/accounts?key=${REDACTED} failed; key ${REDACTED}.`,
    );
  });

  it('removes every known secret, a longer one whole even when it contains a shorter one', () => {
    const older = `${KEY}ffff`;
    expect(redactSecrets(`new ${KEY}, old ${older}`, [KEY, older, null, undefined])).toBe(`new ${REDACTED}, old ${REDACTED}`);
  });

  it('ignores secrets too short to be keys, so the log stays readable', () => {
    expect(redactSecrets('a b c', ['a', ''])).toBe('a b c');
  });

  it('removes Authorization values in header, JSON and pair form, even for an unknown key', () => {
    expect(redactSecrets('Authorization: Token 0123456789abcdef')).toBe(`Authorization: ${REDACTED}`);
    expect(redactSecrets('{"Authorization":"Token 0123456789abcdef","page":1}')).toBe(`{"Authorization":"${REDACTED}","page":1}`);
    expect(redactSecrets("headers: { authorization: 'Bearer x.y.z' }")).toBe(`headers: { authorization: '${REDACTED}' }`);
    expect(redactSecrets('authorization=Token%20abcdef0123; other=1')).toBe(`authorization=${REDACTED}; other=1`);
  });

  it('removes a Token or Bearer credential written in a sentence', () => {
    expect(redactSecrets('sent Token 9d8e7f6a5b4c3d2e1f to the server')).toBe(`sent Token ${REDACTED} to the server`);
    expect(redactSecrets('Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig')).toBe(`Bearer ${REDACTED}`);
  });

  it('leaves prose about tokens alone', () => {
    const prose = 'Token rejected by Lobstr: check your API key in Settings.';
    expect(redactSecrets(prose)).toBe(prose);
  });

  it('removes the LOBSTR_API_KEY variable value', () => {
    expect(redactSecrets('env: LOBSTR_API_KEY=abcdef0123456789 HOME=/root')).toBe(`env: LOBSTR_API_KEY=${REDACTED} HOME=/root`);
  });
});

describe('redactValue (what a log hook receives)', () => {
  it('scrubs strings nested in objects and arrays, and drops secret-named fields whole', () => {
    const headers = { Authorization: `Token ${KEY}`, accept: 'application/json' };
    const value = { url: `https://api.lobstr.io/v1/accounts?k=${KEY}`, headers, list: [KEY, 3], apiKey: 'short' };
    const copy = redactValue(value, [KEY]);
    expect(copy).toEqual({
      url: `https://api.lobstr.io/v1/accounts?k=${REDACTED}`,
      headers: { Authorization: REDACTED, accept: 'application/json' },
      list: [REDACTED, 3],
      apiKey: REDACTED,
    });
    expect(headers.Authorization).toBe(`Token ${KEY}`);
  });

  it('copies errors with scrubbed message and stack, keeping their class and kind', () => {
    const error = new LobstrApiError('auth', `Lobstr rejected the key ${KEY}.`, 401);
    const copy = redactValue(error, [KEY]) as LobstrApiError;
    expect(copy).toBeInstanceOf(LobstrApiError);
    expect(copy.kind).toBe('auth');
    expect(copy.status).toBe(401);
    expect(copy.message).toBe(`Lobstr rejected the key ${REDACTED}.`);
    expect(copy.stack).not.toContain(KEY);
    expect(inspect(copy)).not.toContain(KEY);
    expect(error.message).toContain(KEY);
  });

  it('scrubs an error cause', () => {
    const error = new Error('request failed', { cause: new Error(`Authorization: Token ${KEY}`) });
    expect(inspect(redactValue(error, []))).not.toContain(KEY);
  });

  it('renders other objects to scrubbed text, and survives cycles', () => {
    const map = new Map([['key', KEY]]);
    expect(redactValue(map, [KEY])).toBe(`Map(1) { 'key' => '${REDACTED}' }`);
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    expect(redactValue(loop, [])).toEqual({ name: 'loop', self: '[Circular]' });
  });

  it('passes numbers, booleans, null and dates through', () => {
    const date = new Date(0);
    expect(redactValue([1, true, null, undefined, date], [KEY])).toEqual([1, true, null, undefined, date]);
  });
});
