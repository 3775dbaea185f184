/**
 * Which account's re-sync is where (main/core/resync/resyncRuns.ts): one run per account at a time,
 * its latest step kept for a window that opens later, cancel, and every run ended at quit.
 */
import { describe, expect, it } from 'vitest';
import type { Account } from '../../main/core/lobstr/account.js';
import { fixedCookieSource } from '../../main/core/resync/cookieSource.js';
import type { ResyncOutcome, ResyncProgress } from '../../main/core/resync/resyncProgress.js';
import { createResyncRuns } from '../../main/core/resync/resyncRuns.js';
import type { ResyncRequest } from '../../main/core/resync/resync.js';

const account = (id: string) => ({ id, username: `user-${id}`, type: 'linkedin-sync', baseurl: 'https://www.linkedin.com', cookies: [] }) as unknown as Account;
const source = fixedCookieSource([]);

/** A run that reports waiting, then ends as it is told, or cancelled when its signal aborts. */
function controlledRun() {
  const ends = new Map<string, (outcome: ResyncOutcome) => void>();
  const run = (request: ResyncRequest, onProgress: (p: ResyncProgress) => void): Promise<ResyncOutcome> =>
    new Promise((resolve) => {
      onProgress({ step: 'waiting_for_login', found: [], missing: ['li_at'], have: 0, need: 1, signingIn: false });
      const end = (outcome: ResyncOutcome) => {
        onProgress(outcome);
        resolve(outcome);
      };
      ends.set(request.account.id, end);
      request.signal?.addEventListener('abort', () => end({ step: 'cancelled', task: null, during: 'waiting_for_login', message: 'Cancelled' }));
    });
  return { run, ends };
}

describe('the re-syncs the app runs', () => {
  it('runs one per account at a time, and keeps the latest step of each', async () => {
    const { run, ends } = controlledRun();
    const told: string[] = [];
    const runs = createResyncRuns({ run, onProgress: (id, p) => told.push(`${id}:${p.step}`) });
    expect(runs.start(account('a'), source)).toEqual({ ok: true });
    expect(runs.start(account('a'), source)).toEqual({ ok: false, message: 'A re-sync of user-a is already running.' });
    expect(runs.start(account('b'), source)).toEqual({ ok: true });
    expect(runs.progress('a')?.step).toBe('waiting_for_login');
    expect(runs.progress('c')).toBeNull();

    let ended: ResyncOutcome | null = null;
    ends.get('a')!({ step: 'failed', task: null, error: { kind: 'cookies_rejected', message: 'no' } });
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs.isRunning('a')).toBe(false);
    expect(runs.progress('a')?.step).toBe('failed');
    // Another can start once it ended.
    expect(runs.start(account('a'), source, { onEnd: (o) => (ended = o) })).toEqual({ ok: true });
    expect(runs.cancel('a')).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(ended).toMatchObject({ step: 'cancelled' });
    expect(told).toEqual(['a:waiting_for_login', 'b:waiting_for_login', 'a:failed', 'a:waiting_for_login', 'a:cancelled']);
    expect(runs.cancel('nothing')).toBe(false);
  });

  it('ends a run whose work threw, as failed, and cancels every run at quit', async () => {
    const runs = createResyncRuns({ run: async () => Promise.reject(new Error('boom')) });
    runs.start(account('x'), source);
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs.progress('x')).toMatchObject({ step: 'failed', error: { kind: 'server', message: expect.stringContaining('boom') } });

    const { run } = controlledRun();
    const quitting = createResyncRuns({ run });
    quitting.start(account('a'), source);
    quitting.start(account('b'), source);
    await quitting.stopAll();
    expect([quitting.progress('a')?.step, quitting.progress('b')?.step]).toEqual(['cancelled', 'cancelled']);
    expect(quitting.isRunning('a') || quitting.isRunning('b')).toBe(false);
  });
});
