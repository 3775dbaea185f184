/**
 * The simulator serves a page of the list as bytes assembled from each account's cached JSON bytes
 * (accountStore.ts, apiResponses.ts): the same text, byte for byte, as the envelope joined from
 * texts, and an account changed through the control API is served changed.
 */
import { describe, expect, it } from 'vitest';
import { AccountStore } from '../../main/simulator/accountStore.js';
import { envelopeBody, envelopeBytes, type EnvelopeFields } from '../../main/simulator/apiResponses.js';
import { generateAccounts } from '../../main/simulator/accountFactory.js';

const FIELDS: EnvelopeFields = { totalResults: 3, limit: 2, page: 1, totalPages: 2, resultFrom: 1, next: 'http://127.0.0.1:1/v1/accounts?page=2&limit=2', previous: null };

describe("the simulator's pages as bytes", () => {
  it('are the envelope joined from texts, byte for byte (accents and all)', () => {
    const items = ['{"id":"a","username":"émile"}', '{"id":"b","username":"zoë \\"z\\""}'];
    const bytes = envelopeBytes(FIELDS, items.map((item) => Buffer.from(item)));
    expect(bytes.toString()).toBe(envelopeBody(FIELDS, items));
    expect(bytes.length).toBe(Buffer.byteLength(envelopeBody(FIELDS, items)));
    expect(JSON.parse(bytes.toString())).toMatchObject({ result_to: 2, data: [{ username: 'émile' }, { username: 'zoë "z"' }] });
    expect(envelopeBytes({ ...FIELDS, resultFrom: 5 }, []).toString()).toBe(envelopeBody({ ...FIELDS, resultFrom: 5 }, []));
  });

  it("hold each account's JSON once, and an account changed is served changed", () => {
    const store = new AccountStore(generateAccounts(5, 7, Date.parse('2026-11-27T08:00:00Z')));
    const first = store.pageBytes(0, 3);
    expect(store.pageBytes(0, 3)[1]).toBe(first[1]); // the same bytes, not serialised again
    const id = store.at(1)!.id;
    store.update(id, { username: 'renamed' });
    const again = store.pageBytes(0, 3);
    expect(again[0]).toBe(first[0]);
    expect(JSON.parse(again[1]!.toString())).toMatchObject({ id, username: 'renamed' });
    expect(store.json(id)).toBe(again[1]!.toString());
  });
});
