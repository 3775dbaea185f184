/**
 * The client's calls for a cookie re-sync (shared/lobstr-api.md §2 E3–E5, §6) against a scripted
 * Lobstr: what is sent, what is read back, and each failure as a kind with a sentence a person can
 * act on. A distinctive cookie value shows that values go only into the POST's body.
 */
import { describe, expect, it } from 'vitest';
import { createLobstrClient } from '../../main/core/lobstr/apiClient.js';
import { failure } from '../helpers/clientHarness.js';
import { SCRIPTED_BASE, SCRIPTED_KEY, ScriptedLobstr, expiredRawAccount } from '../helpers/scriptedLobstr.js';

const ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const VALUE = 'AQEDAR-distinctive-cookie-value-91c4';

function setup(key = SCRIPTED_KEY) {
  const lobstr = new ScriptedLobstr([expiredRawAccount(ID)]);
  const logged: unknown[] = [];
  const client = createLobstrClient({
    apiKey: key,
    baseUrl: SCRIPTED_BASE,
    fetch: lobstr.fetch,
    sleep: async () => undefined,
    onRequest: (info) => logged.push(info),
  });
  return { lobstr, client, logged };
}

const cookies = new Map([
  ['auth_token', VALUE],
  ['ct0', '"quoted-ct0-value"'],
]);

describe('the re-sync calls of the client', () => {
  it('reads the account types and the cookie names each needs', async () => {
    const { client } = setup();
    const types = await client.accountTypes();
    expect(types.map((t) => [t.name, t.baseurl, t.cookies.map((c) => c.name)])).toEqual([
      ['twitter-sync', 'https://x.com', ['auth_token', 'ct0']],
      ['facebook-sync', 'https://www.facebook.com', ['c_user', 'xs']],
      ['sales-nav-sync', 'https://www.linkedin.com', ['li_at', 'JSESSIONID', 'li_a']],
    ]);
  });

  it('sends the cookies as JSON with the account and its type, and reads back the created task', async () => {
    const { client, lobstr, logged } = setup();
    const task = await client.syncCookies({ account: ID, type: 'twitter-sync', cookies });
    expect(task).toEqual({ id: expect.stringMatching(/^task/), statusCode: 100, statusText: 'created', accountHash: null });
    const sent = lobstr.requests.at(-1)!;
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe('/accounts/cookies');
    expect(sent.authorization).toBe(`Token ${SCRIPTED_KEY}`);
    // Values as stored: quotes kept.
    expect(JSON.parse(sent.body!)).toEqual({ account: ID, type: 'twitter-sync', cookies: { auth_token: VALUE, ct0: '"quoted-ct0-value"' } });
    // What a log sees of the request: the method and the address, never a value.
    expect(logged).toEqual([{ method: 'POST', url: `${SCRIPTED_BASE}/accounts/cookies`, attempt: 1 }]);
  });

  it('reads a task status given as an integer or as a string of digits, with its account', async () => {
    const { client, lobstr } = setup();
    const { id } = await client.syncCookies({ account: ID, type: 'twitter-sync', cookies });
    lobstr.taskScript = [
      { status_code: 120, status_text: 'synchronizing' },
      { status_code: '200', status_text: 'synchronized' },
    ];
    expect(await client.syncStatus(id)).toEqual({ id, statusCode: 120, statusText: 'synchronizing', accountHash: ID });
    expect(await client.syncStatus(id)).toEqual({ id, statusCode: 200, statusText: 'synchronized', accountHash: ID });
  });

  it('a task status that is not one is an invalid response, not a guess', async () => {
    const { client, lobstr } = setup();
    lobstr.answerNext('GET /synchronize/', { status: 200, body: { id: 'x', status_code: 'soon' } });
    const error = await failure(client.syncStatus('x'));
    expect(error.kind).toBe('invalid_response');
  });
});

describe('failures of the re-sync calls', () => {
  it('the key rejected', async () => {
    const { client } = setup('wrong0key0123456789abcdef');
    const error = await failure(client.syncCookies({ account: ID, type: 'twitter-sync', cookies }));
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/rejected the API key/);
  });

  it('the account deleted meanwhile', async () => {
    const { client } = setup();
    const error = await failure(client.syncCookies({ account: 'ffffffffffffffffffffffffffffffff', type: 'twitter-sync', cookies }));
    expect(error.kind).toBe('not_found');
    expect(error.message).toMatch(/ffffffffffffffffffffffffffffffff was not found.*deleted/);
  });

  it('cookies Lobstr refuses (400): marked rejected, in its own words, with the values scrubbed from them', async () => {
    const { client, lobstr } = setup();
    lobstr.answerNext('POST /accounts/cookies', { status: 400, body: { detail: `Invalid cookies or account type mismatch: auth_token=${VALUE}` } });
    const error = await failure(client.syncCookies({ account: ID, type: 'twitter-sync', cookies }));
    // An unexpected 4xx to the rest of the app (the connection's kinds), rejected cookies to a re-sync.
    expect(error.kind).toBe('invalid_response');
    expect(error.rejected).toBe(true);
    expect(error.message).toMatch(/Lobstr refused the cookies.*Invalid cookies or account type mismatch/);
    expect(error.message).not.toContain(VALUE);
    expect(JSON.stringify(error)).not.toContain(VALUE);
  });

  it('a server failure on sending is not retried: the cookies may have been taken', async () => {
    const { client, lobstr } = setup();
    lobstr.answerNext('POST /accounts/cookies', { status: 502, body: '<html><title>502 Bad Gateway</title></html>' });
    const error = await failure(client.syncCookies({ account: ID, type: 'twitter-sync', cookies }));
    expect(error.kind).toBe('server');
    expect(lobstr.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('Lobstr unreachable', async () => {
    const { client, lobstr } = setup();
    for (let i = 0; i < 4; i++) lobstr.answerNext('GET /synchronize/', 'network');
    const error = await failure(client.syncStatus('task1'));
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/Could not reach Lobstr/);
  });

  it('a sync task Lobstr does not know', async () => {
    const { client } = setup();
    const error = await failure(client.syncStatus('nope'));
    expect(error.kind).toBe('not_found');
    expect(error.message).toMatch(/sync task nope/);
  });

  it('an account re-read after the sync that is gone', async () => {
    const { client } = setup();
    const error = await failure(client.getAccount('ffffffffffffffffffffffffffffffff'));
    expect(error.kind).toBe('not_found');
  });
});
