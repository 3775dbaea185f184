import { describe, expect, test } from 'vitest';
import { isRunning, stepWords } from '../../renderer/src/components/details/resyncSteps';
import type { ResyncView } from '../../main/shared/ipcContract';

const at = '2026-11-25T14:05:00.000Z';
const waiting = (have: number, need: number, signingIn = false): ResyncView => ({
  step: 'waiting_for_login',
  found: [],
  missing: [],
  have,
  need,
  signingIn,
  at,
});
const syncing = (slow: boolean): ResyncView => ({
  step: 'synchronizing',
  task: 't1',
  statusCode: 120,
  statusText: 'synchronizing',
  elapsedMs: slow ? 31_000 : 2_000,
  slow,
  message: slow ? 'Still synchronizing after 30 s: the cookies may be invalid.' : 'Lobstr is synchronizing the account…',
  at,
});

describe('the words of each re-sync step', () => {
  test('waiting for login counts the cookies, and says when the sign-in is finishing', () => {
    expect(stepWords(waiting(1, 2)).title).toBe('Waiting for you to log in: 1 of 2 cookies');
    expect(stepWords(waiting(0, 1)).title).toBe('Waiting for you to log in: 0 of 1 cookie');
    expect(stepWords(waiting(0, 0)).title).toBe('Waiting for you to log in');
    expect(stepWords(waiting(2, 2, true)).title).toBe('Finishing sign-in…');
    expect(stepWords(waiting(1, 2)).detail).toMatch(/window that opened/);
  });

  test('sending names the cookies, never a value', () => {
    const words = stepWords({ step: 'sending', cookieNames: ['li_at', 'JSESSIONID'], at });
    expect(words.title).toBe('Sending the cookies to Lobstr…');
    expect(words.detail).toBe('li_at and JSESSIONID');
  });

  test("synchronizing gives Lobstr's message; past 30 s it is a warning that the cookies may be invalid", () => {
    expect(stepWords(syncing(false))).toMatchObject({ title: 'Lobstr is synchronizing the account', detail: 'Lobstr is synchronizing the account…', tone: 'progress' });
    expect(stepWords(syncing(true))).toMatchObject({ detail: 'Still synchronizing after 30 s: the cookies may be invalid.', tone: 'warning' });
  });

  test('the ends: done, failed with the error a person can act on, cancelled', () => {
    expect(stepWords({ step: 'done', task: 't1', message: 'rosa is synchronized: Lobstr has fresh cookies.', at })).toMatchObject({
      title: 'rosa is synchronized: Lobstr has fresh cookies.',
      detail: null,
      tone: 'success',
    });
    const failed = stepWords({ step: 'failed', task: 't1', error: { kind: 'cookies_rejected', message: 'Lobstr could not synchronize rosa with these cookies: status 401.', statusCode: 401 }, at });
    expect(failed).toMatchObject({ title: 'The re-sync failed', detail: 'Lobstr could not synchronize rosa with these cookies: status 401.', tone: 'error' });
    expect(stepWords({ step: 'cancelled', task: null, during: 'waiting_for_login', message: 'Cancelled: nothing was sent to Lobstr.', at })).toMatchObject({
      title: 'Re-sync cancelled',
      detail: 'Cancelled: nothing was sent to Lobstr.',
    });
  });

  test('running: every step before the end', () => {
    expect([waiting(0, 1), { step: 'sending', cookieNames: [], at } as ResyncView, syncing(true)].every(isRunning)).toBe(true);
    expect(isRunning({ step: 'done', task: 't', message: '', at })).toBe(false);
    expect(isRunning({ step: 'cancelled', task: null, during: 'sending', message: '', at })).toBe(false);
    expect(isRunning({ step: 'failed', task: null, error: { kind: 'network', message: '' }, at })).toBe(false);
  });
});
