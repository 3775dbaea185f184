// @vitest-environment jsdom
/**
 * 10,000 accounts: only a window of rows is in the page while the grid tells screen readers the
 * full count, the keyboard reaches the last account, scrolling moves the window, search narrows.
 */
import { fireEvent, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, test, vi } from 'vitest';
import { accountRows, grid, manyAccounts, mountList, searchBox, wholeSnapshotRead } from './ListViewFixtures';
import { snapshotOf } from './fakeBridge';
import { useTestClock } from './testClock';
import { SCROLL_SETTLED_MS } from '../../renderer/src/components/list/VirtualList.svelte';

const TEN_THOUSAND = manyAccounts(10_000);

useTestClock();

const rowIndexes = () => accountRows().map((row) => Number(row.getAttribute('aria-rowindex')));

describe('10,000 accounts', () => {
  test('only a window of rows is in the page, while aria-rowcount counts them all (plus the header row and the one health heading)', () => {
    mountList(TEN_THOUSAND);
    expect(grid().getAttribute('aria-rowcount')).toBe('10002');
    const rows = accountRows();
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(100);
    expect(rowIndexes()[0]).toBe(3); // after the column headers and "OK · 10,000"
    expect(screen.getByRole('status').textContent).toContain('10,000 accounts');
    expect(screen.getByRole('button', { name: 'All 10,000' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '10,000 OK' })).toBeTruthy();
  });

  test('End selects the last account and brings it into the page; Home goes back to the first', async () => {
    mountList(TEN_THOUSAND);
    await fireEvent.keyDown(document.body, { key: 'End' });
    const last = screen.getByRole('row', { name: /^user09999 / });
    expect(last.getAttribute('aria-selected')).toBe('true');
    expect(last.getAttribute('aria-rowindex')).toBe('10002');
    expect(accountRows().length).toBeLessThan(100);
    expect(screen.queryByRole('row', { name: /^user00000 / })).toBeNull();

    await fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(screen.getByRole('row', { name: /^user00000 / }).getAttribute('aria-selected')).toBe('true');
  });

  test('PageDown moves by a page of rows and keeps the selected row in the page', async () => {
    mountList(TEN_THOUSAND);
    await fireEvent.keyDown(document.body, { key: 'j' });
    for (let i = 0; i < 5; i += 1) await fireEvent.keyDown(document.activeElement!, { key: 'PageDown' });
    const selected = grid().querySelector('[aria-selected="true"]');
    expect(selected).not.toBeNull();
    expect(Number(selected!.getAttribute('aria-rowindex'))).toBeGreaterThan(50);
  });

  test('scrolling moves the window of rows', async () => {
    mountList(TEN_THOUSAND);
    const viewport = grid().querySelector<HTMLElement>('.viewport')!;
    viewport.scrollTop = 32 * 5000; // rows of 32 px
    await fireEvent.scroll(viewport);
    const indexes = rowIndexes();
    expect(indexes.length).toBeLessThan(100);
    expect(Math.min(...indexes)).toBeGreaterThan(4900);
    expect(Math.max(...indexes)).toBeLessThan(5100);
  });

  test('at rest one row is kept beyond each edge of the view, while scrolling three, and one again once the scroll stops', async () => {
    mountList(TEN_THOUSAND);
    const viewport = grid().querySelector<HTMLElement>('.viewport')!;
    viewport.scrollTop = 32 * 5000;
    await fireEvent.scroll(viewport);
    const scrolling = rowIndexes();
    await new Promise((settled) => setTimeout(settled, SCROLL_SETTLED_MS + 20)); // timers are real here (testClock.ts)
    await tick();
    const resting = rowIndexes();
    // The same rows in view; two fewer beyond each edge (3 while scrolling, 1 at rest).
    expect(scrolling.length - resting.length).toBe(4);
    expect(Math.min(...resting) - Math.min(...scrolling)).toBe(2);
    expect(Math.max(...scrolling) - Math.max(...resting)).toBe(2);
    await fireEvent.scroll(viewport);
    expect(rowIndexes()).toEqual(scrolling);
  });

  test('a search narrows the 10,000 as you type', async () => {
    mountList(TEN_THOUSAND);
    const search = searchBox();
    await fireEvent.input(search, { target: { value: 'user0999' } });
    expect(accountRows()).toHaveLength(10);
    expect(grid().getAttribute('aria-rowcount')).toBe('12');
    expect(screen.getByRole('status').textContent).toContain('Showing 10 of 10,000 accounts');
    await fireEvent.input(search, { target: { value: 'user09999' } });
    expect(accountRows()).toHaveLength(1);
  });

  test('a search keystroke builds no number formatter (toLocaleString makes one at every call)', async () => {
    mountList(TEN_THOUSAND);
    const toLocaleString = vi.spyOn(Number.prototype, 'toLocaleString');
    const search = searchBox();
    await fireEvent.input(search, { target: { value: 'user0' } });
    await fireEvent.input(search, { target: { value: 'user09' } });
    expect(screen.getByRole('status').textContent).toContain('Showing 1,000 of 10,000 accounts');
    expect(toLocaleString).not.toHaveBeenCalled();
    toLocaleString.mockRestore();
  });

  test('a taller viewport, when given, shows more rows', () => {
    mountList(TEN_THOUSAND, { viewportHeight: 44 * 40 });
    expect(accountRows().length).toBeGreaterThanOrEqual(40);
    expect(accountRows().length).toBeLessThan(60);
  });
});

describe('the layout of a change', () => {
  // The window lays out the rows in the task that changed them (a keystroke's input event, a poll's
  // push), which mostly ends well before the next frame: that frame is left to paint them. Chromium
  // runs the layout of a read of offsetHeight; jsdom has none, so the test counts the reads.
  /** The reads of the grid's layout from now on: which row was first then, and whether the task that started them had ended. */
  function layoutReads(): Array<{ firstRow: string | null; sameTask: boolean }> {
    const reads: Array<{ firstRow: string | null; sameTask: boolean }> = [];
    let sameTask = true;
    Object.defineProperty(grid(), 'offsetHeight', {
      configurable: true,
      get: () => {
        reads.push({ firstRow: accountRows()[0]?.getAttribute('aria-label') ?? null, sameTask });
        return 0;
      },
    });
    setTimeout(() => (sameTask = false), 0);
    return reads;
  }

  test('a keystroke that changes the rows has them laid out once, after they changed and before the task ends', async () => {
    mountList(TEN_THOUSAND);
    await tick();
    const reads = layoutReads();
    const box = searchBox();
    box.value = 'user0123';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(reads).toHaveLength(1);
    expect(reads[0]!.firstRow).toMatch(/^user0123/);
    expect(reads[0]!.sameTask).toBe(true);
  });

  test("a poll's push that changes the rows has them laid out once, after they changed and before the task ends", async () => {
    const { bridge } = mountList(TEN_THOUSAND);
    await wholeSnapshotRead(bridge);
    const reads = layoutReads();
    bridge.pushSnapshot(snapshotOf(TEN_THOUSAND.map((account, i) => (i === 0 ? { ...account, status_code_info: 'cookies_expired', status: '401' } : account))));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(reads).toHaveLength(1);
    expect(reads[0]!.firstRow).toMatch(/^user00000 .*needs re-sync/);
    expect(reads[0]!.sameTask).toBe(true);
  });
});
