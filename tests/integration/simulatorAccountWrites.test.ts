/**
 * The simulator's account writes (lobstr-api.md §2 E6, E7): `POST /v1/accounts` updates an account's
 * limits and answers the bare account; `DELETE /v1/accounts/{hash}` removes it. Documented bodies,
 * status codes and texts.
 */
import { describe, expect, test } from 'vitest';
import type { RunningSimulator } from '../../main/simulator/server.js';
import { apiGet, apiRequest, control, simulator } from '../helpers/simulatorHarness.js';

const T0 = Date.UTC(2026, 10, 26, 10, 30, 0);
const INVALID = { errors: { message: 'Invalid parameters. Check account hash and type.', type: 'InvalidParameterValue', code: 400 } };
const NOT_FOUND = { errors: { message: 'Account not found.', type: 'AccountDoesNotExist', code: 404 } };

type Limits = Record<string, Record<string, unknown>>;
interface Account {
  id: string;
  type: string;
  updated_at: string | null;
  params: { default: Limits; user: Limits };
}

async function firstOf(s: RunningSimulator, type: string): Promise<Account> {
  const all = (await control(s, 'GET', '/accounts')) as { id: string; type: string }[];
  const hash = all.find((a) => a.type === type)?.id;
  if (!hash) throw new Error(`no ${type} account`);
  return (await control(s, 'GET', `/accounts/${hash}`)) as Account;
}

async function answer(res: Response): Promise<[number, unknown]> {
  return [res.status, (await res.json()) as unknown];
}

describe('POST /v1/accounts (update limits)', () => {
  test("sets a Sales Navigator account's limits and answers the bare account, updated now", async () => {
    const s = await simulator({ accounts: 20, seed: 2, now: () => T0 });
    const before = await firstOf(s, 'sales-nav-sync');
    const params = { batch: 15, profiles: 120, searches: 199, batch_hours: 1 };
    const res = await apiRequest(s, 'POST', '/accounts', { account: before.id, type: 'sales-nav-sync', params });
    const [status, body] = await answer(res);
    expect(status).toBe(200);
    const after = body as Account;
    expect(after).not.toHaveProperty('data'); // bare, not in an envelope
    expect(after.id).toBe(before.id);
    expect(after.updated_at).toBe('2026-11-26T10:30:00Z');
    expect(after.params.default).toEqual(before.params.default);
    const { batch, profiles, searches, batch_hours } = after.params.user;
    expect(batch).toEqual({ ...before.params.user.batch, max: 15 });
    expect(profiles).toEqual({ ...before.params.user.profiles, max: 120 });
    expect(searches).toEqual({ ...before.params.user.searches, max: 199 });
    expect(batch_hours).toEqual({ ...before.params.user.batch_hours, value: 1 });
    // And it is what the account reads from now on.
    const read = (await (await apiGet(s, `/accounts/${before.id}`)).json()) as { data: Account[] };
    expect(read.data[0]).toEqual(after);
  });

  test('only the limits sent change', async () => {
    const s = await simulator({ accounts: 20, seed: 2 });
    const before = await firstOf(s, 'sales-nav-sync');
    const [status, body] = await answer(
      await apiRequest(s, 'POST', '/accounts', { account: before.id, type: 'sales-nav-sync', params: { searches: 50 } }),
    );
    expect(status).toBe(200);
    expect((body as Account).params.user).toEqual({ ...before.params.user, searches: { ...before.params.user.searches, max: 50 } });
  });

  test.each([
    ['no params', (a: Account) => ({ account: a.id, type: a.type })],
    ['no account', (a: Account) => ({ type: a.type, params: { batch: 10 } })],
    ['no type', (a: Account) => ({ account: a.id, params: { batch: 10 } })],
    ['another type', (a: Account) => ({ account: a.id, type: 'linkedin-sync', params: {} })],
    ['a limit the type does not have', (a: Account) => ({ account: a.id, type: a.type, params: { messages: 10 } })],
    ['a limit over its maximum', (a: Account) => ({ account: a.id, type: a.type, params: { profiles: 151 } })],
    ['a limit that is not a whole number', (a: Account) => ({ account: a.id, type: a.type, params: { batch: '10' } })],
    ['a limit of zero', (a: Account) => ({ account: a.id, type: a.type, params: { batch_hours: 0 } })],
    ['params that are not an object', (a: Account) => ({ account: a.id, type: a.type, params: [10] })],
  ])('%s: 400 with the documented text, and nothing changes', async (_name, makeBody) => {
    const s = await simulator({ accounts: 20, seed: 2 });
    const before = await firstOf(s, 'sales-nav-sync');
    expect(await answer(await apiRequest(s, 'POST', '/accounts', makeBody(before)))).toEqual([400, INVALID]);
    expect(await firstOf(s, 'sales-nav-sync')).toEqual(before);
  });

  test('a type without limits (X) takes empty params, and refuses any', async () => {
    const s = await simulator({ accounts: 20, seed: 2 });
    const x = await firstOf(s, 'twitter-sync');
    const [status, body] = await answer(await apiRequest(s, 'POST', '/accounts', { account: x.id, type: 'twitter-sync', params: {} }));
    expect(status).toBe(200);
    expect((body as Account).params).toEqual({ default: {}, user: {} });
    const refused = await apiRequest(s, 'POST', '/accounts', { account: x.id, type: 'twitter-sync', params: { batch: 1 } });
    expect(await answer(refused)).toEqual([400, INVALID]);
  });

  test('an unknown account: 404 Account not found.', async () => {
    const s = await simulator({ accounts: 2 });
    const res = await apiRequest(s, 'POST', '/accounts', { account: 'a'.repeat(32), type: 'sales-nav-sync', params: { batch: 10 } });
    expect(await answer(res)).toEqual([404, NOT_FOUND]);
  });
});

describe('DELETE /v1/accounts/{hash}', () => {
  test('answers {id, object, deleted:true}; the account is gone from the list and details', async () => {
    const s = await simulator({ accounts: 5 });
    const [target] = (await control(s, 'GET', '/accounts')) as { id: string }[];
    const res = await apiRequest(s, 'DELETE', `/accounts/${target!.id}`);
    expect(await answer(res)).toEqual([200, { id: target!.id, object: 'account', deleted: true }]);
    expect((await apiGet(s, `/accounts/${target!.id}`)).status).toBe(404);
    const list = (await (await apiGet(s, '/accounts')).json()) as { total_results: number; data: { id: string }[] };
    expect(list.total_results).toBe(4);
    expect(list.data.map((a) => a.id)).not.toContain(target!.id);
  });

  test('an unknown account, or one deleted already: 404 Account not found.', async () => {
    const s = await simulator({ accounts: 2, errorShape: 'A' });
    const [target] = (await control(s, 'GET', '/accounts')) as { id: string }[];
    expect((await apiRequest(s, 'DELETE', `/accounts/${target!.id}`)).status).toBe(200);
    expect(await answer(await apiRequest(s, 'DELETE', `/accounts/${target!.id}`))).toEqual([404, { detail: 'Account not found.' }]);
    expect(await answer(await apiRequest(s, 'DELETE', '/accounts/nope'))).toEqual([404, { detail: 'Account not found.' }]);
  });
});

test('each accounts path answers only its methods (405 with Allow)', async () => {
  const s = await simulator({ accounts: 1 });
  for (const [method, path, allow] of [
    ['PUT', '/accounts', 'GET, HEAD, POST'],
    ['PATCH', '/accounts/abc', 'GET, HEAD, DELETE'],
  ] as const) {
    const res = await apiRequest(s, method, path);
    expect(res.status, `${method} ${path}`).toBe(405);
    expect(res.headers.get('allow')).toBe(allow);
    await res.text();
  }
});
