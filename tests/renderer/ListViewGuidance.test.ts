// @vitest-environment jsdom
/**
 * Locked and attention rows carry their one line of guidance (the details' line): what to do, or
 * that there is nothing to do and until when, in the list's own clock. Re-sync and OK rows keep
 * their reason. The line moves on when the clock passes a lock's end, without a new snapshot.
 */
import { cleanup, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { clockTime } from '../../main/core/views/timeFormat';
import { accountWith } from '../fixtures/seedAccounts';
import { TEST_NOW } from './fakeBridge';
import { ALICE, CARL, MAYA, mountList } from './ListViewFixtures';
import { useTestClock } from './testClock';

useTestClock();

const CHECKPOINT = accountWith({
  type: 'linkedin-sync',
  id: 'abab0000000000000000000000000007',
  username: 'chloe',
  status: '403',
  status_code_info: 'checkpoint_reached',
  status_code_description: 'Checkpoint reached',
  squids: [],
});

/** The health cell of a row (its second column): what the row says about the account's health. */
function healthCell(username: string): HTMLElement {
  const row = screen.getByRole('row', { name: new RegExp(`^${username} · `) });
  return within(row).getAllByRole('gridcell')[1]!;
}

const textOf = (element: Element) => element.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('the guidance line in the list', () => {
  test('a locked row says there is nothing to do and when the platform lifts the lock, in the list\'s clock', () => {
    mountList([CARL, ALICE]);
    const lockMs = CARL.lock_time! * 1000;
    const line = `Nothing to do: LinkedIn lifts this lock at ${clockTime(lockMs, TEST_NOW)}`;
    const cell = healthCell('carl');
    expect(textOf(cell)).toBe(line);
    // The whole line on hover and for screen readers, even where the cell cuts it.
    expect(cell.querySelector('[title]')?.getAttribute('title')).toBe(line);
    expect(screen.getByRole('row', { name: `carl · LinkedIn · locked: ${line}` })).toBeTruthy();
    // The time itself is a <time>, so it is never the part the cell cuts.
    expect(cell.querySelector('time')?.getAttribute('datetime')).toBe(new Date(lockMs).toISOString());
    // The line has the platform's column too (the icon and the line name the platform).
    expect(cell.getAttribute('aria-colspan')).toBe('2');
    expect(cell.parentElement!.querySelector('[aria-colindex="3"]')).toBeNull();
  });

  test('an attention row with checkpoint_reached says what to do on the platform', () => {
    mountList([CHECKPOINT, ALICE]);
    const line = 'LinkedIn wants to confirm it is you: sign in to LinkedIn in your browser and complete its security check';
    const cell = healthCell('chloe');
    expect(textOf(cell)).toBe(line);
    // The status stays one hover away, after the line.
    expect(cell.querySelector('[title]')?.getAttribute('title')).toBe(`${line}\nStatus 403: checkpoint reached`);
    expect(screen.getByRole('row', { name: `chloe · LinkedIn · attention: status 403: checkpoint reached. ${line}` })).toBeTruthy();
  });

  test('re-sync and OK rows keep their reason', () => {
    mountList([MAYA, ALICE]);
    expect(textOf(healthCell('maya'))).toBe('Cookies expired');
    expect(textOf(healthCell('alice'))).toBe('Synchronized');
    for (const name of ['maya', 'alice']) {
      expect(healthCell(name).getAttribute('aria-colspan')).toBeNull();
      expect(textOf(healthCell(name).parentElement!.querySelector('[aria-colindex="3"]')!)).toBe('X (Twitter)');
    }
  });
});

describe('when the clock passes a lock\'s end', () => {
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  test('the row says the lock was lifted, at once, with no new snapshot', async () => {
    // Between two of the list's 30 s ticks: only a timer of the row's own can meet it on time.
    const soon = accountWith({ ...CARL, lock_time: (TEST_NOW + 45_000) / 1000 });
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(TEST_NOW);
    mountList([soon, ALICE]);
    const at = clockTime(TEST_NOW + 45_000, TEST_NOW);
    expect(textOf(healthCell('carl'))).toBe(`Nothing to do: LinkedIn lifts this lock at ${at}`);

    vi.advanceTimersByTime(44_000);
    await tick();
    expect(textOf(healthCell('carl'))).toBe(`Nothing to do: LinkedIn lifts this lock at ${at}`);

    vi.advanceTimersByTime(1_000);
    await tick();
    expect(textOf(healthCell('carl'))).toBe(`Nothing to do: LinkedIn lifted this lock at ${at}`);
  });
});
