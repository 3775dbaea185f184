import { describe, expect, it } from 'vitest';
import { readErrorMessage } from '../../main/core/lobstr/errorBody.js';

describe('readErrorMessage', () => {
  it('reads shape A: {"detail": message}', () => {
    expect(readErrorMessage('{"detail": "Invalid token."}')).toEqual({ message: 'Invalid token.' });
  });

  it('reads shape B: {"errors": {message, type, code}}', () => {
    expect(
      readErrorMessage('{"errors":{"message":"Invalid token.","type":"NotAuthenticated","code":401}}', 'application/json'),
    ).toEqual({ message: 'Invalid token.', type: 'NotAuthenticated' });
  });

  it('reads shape C: {"error": message, type, code}', () => {
    expect(
      readErrorMessage('{"error":"Rate limit exceeded. Please try again later.","type":"RateLimitExceeded","code":429}'),
    ).toEqual({ message: 'Rate limit exceeded. Please try again later.', type: 'RateLimitExceeded' });
    expect(readErrorMessage('{"error":"Invalid token"}')).toEqual({ message: 'Invalid token' });
  });

  it('shows a validation error without a message field compactly', () => {
    expect(readErrorMessage('{"limit":["Ensure this value is greater than 0."]}').message).toBe(
      '{"limit":["Ensure this value is greater than 0."]}',
    );
  });

  it('reads an HTML error page by its title, not the whole page', () => {
    const page = `<!DOCTYPE html>
<html><head><title>502 Bad Gateway</title><style>body{color:red}</style></head>
<body><h1>Bad Gateway</h1><p>${'The upstream server sent an invalid response. '.repeat(50)}</p></body></html>`;
    const read = readErrorMessage(page, 'text/html; charset=utf-8');
    expect(read.message).toBe('502 Bad Gateway');
  });

  it('reads an HTML page without a title by its heading or a short excerpt', () => {
    expect(readErrorMessage('<html><body><h1>Service &amp; co. unavailable</h1></body></html>').message).toBe(
      'Service & co. unavailable',
    );
    const long = readErrorMessage(`<html><body><p>${'word '.repeat(500)}</p></body></html>`, 'text/html');
    expect(long.message.length).toBeLessThanOrEqual(200);
    expect(long.message.startsWith('word word')).toBe(true);
    expect(long.message).not.toContain('<');
  });

  it('returns an empty message for an empty body', () => {
    expect(readErrorMessage('')).toEqual({ message: '' });
    expect(readErrorMessage('  \n ')).toEqual({ message: '' });
  });

  it('reads plain text and garbage as a short, single-line excerpt', () => {
    expect(readErrorMessage('upstream connect error\nreset reason: overflow').message).toBe(
      'upstream connect error reset reason: overflow',
    );
    expect(readErrorMessage('{"detail": "unterminated').message).toBe('{"detail": "unterminated');
    const garbage = readErrorMessage('\u0000\u0001binary\u0002' + 'x'.repeat(5000));
    expect(garbage.message.length).toBeLessThanOrEqual(200);
    expect(garbage.message).not.toMatch(/[\u0000-\u001f]/);
  });

  it('copes with JSON that is not an object', () => {
    expect(readErrorMessage('"Not found."').message).toBe('Not found.');
    expect(readErrorMessage('[1,2]').message).toBe('[1,2]');
    expect(readErrorMessage('null').message).toBe('null');
  });
});
