// @vitest-environment jsdom
/**
 * The list from the keyboard: arrows or j/k move the selection, Enter opens the details, "/"
 * focuses the search, "r" refreshes, Esc clears the search, then the filters, then hides the window.
 */
import { fireEvent, screen } from '@testing-library/svelte';
import { describe, expect, test } from 'vitest';
import { accountRows, BOB, grid, mountList, searchBox, SIX, ZED } from './ListViewFixtures';
import { useTestClock } from './testClock';

useTestClock();

function selectedName(): string | null {
  const selected = grid().querySelectorAll('[role="row"][aria-selected="true"]');
  expect(selected.length).toBeLessThanOrEqual(1);
  return selected[0]?.getAttribute('aria-label')?.split(' · ')[0] ?? null;
}

/** A key pressed with the focus where it is now (the page's body when nothing has it). */
async function press(key: string, options: Partial<KeyboardEventInit> = {}): Promise<void> {
  await fireEvent.keyDown(document.activeElement ?? document.body, { key, ...options });
}

describe('moving through the list', () => {
  test('j and k, or the arrows, move the selection from anywhere and put the focus on the list', async () => {
    mountList(SIX);
    expect(selectedName()).toBeNull();
    await press('j');
    expect(selectedName()).toBe('maya');
    expect(document.activeElement).toBe(grid());
    await press('j');
    await press('ArrowDown');
    expect(selectedName()).toBe('bob');
    await press('k');
    expect(selectedName()).toBe('zed');
    await press('ArrowUp');
    await press('ArrowUp');
    expect(selectedName()).toBe('maya');
    await press('End');
    expect(selectedName()).toBe('dora');
    await press('j');
    expect(selectedName()).toBe('dora');
    await press('Home');
    expect(selectedName()).toBe('maya');
  });

  test('the grid points screen readers at the selected row', async () => {
    mountList(SIX);
    await press('j');
    await press('j');
    const row = screen.getByRole('row', { name: /^zed/ });
    expect(row.getAttribute('aria-selected')).toBe('true');
    expect(grid().getAttribute('aria-activedescendant')).toBe(row.id);
    expect(screen.getByRole('row', { name: /^maya/ }).getAttribute('aria-selected')).toBe('false');
  });

  test('with Ctrl, Alt or Cmd the keys are left to the system', async () => {
    mountList(SIX);
    await press('j', { ctrlKey: true });
    await press('r', { metaKey: true });
    expect(selectedName()).toBeNull();
  });

  test('the selection follows its account when a new order comes', async () => {
    mountList(SIX);
    await press('j');
    await press('j');
    expect(selectedName()).toBe('zed');
    await fireEvent.click(screen.getByRole('button', { name: 'Account' }));
    expect(selectedName()).toBe('zed');
    await press('k');
    expect(selectedName()).toBe('maya');
  });
});

describe('Enter', () => {
  test('opens the selected account', async () => {
    const { app } = mountList(SIX);
    await press('j');
    await press('j');
    await press('j');
    await press('Enter');
    expect(app.route).toEqual({ name: 'details', accountId: BOB.id });
  });

  test('with nothing selected does nothing', async () => {
    const { app } = mountList(SIX);
    await press('Enter');
    expect(app.route).toEqual({ name: 'list' });
  });

  test('on a button is the button’s own', async () => {
    const { app } = mountList(SIX);
    await press('j');
    const settings = screen.getByRole('button', { name: 'Settings' });
    settings.focus();
    await press('Enter');
    expect(app.route).toEqual({ name: 'list' });
  });

  test('in the search box opens the first match', async () => {
    const { app } = mountList(SIX);
    await press('/');
    await fireEvent.input(searchBox(), { target: { value: 'zed' } });
    await press('Enter');
    expect(app.route).toEqual({ name: 'details', accountId: ZED.id });
  });
});

describe('the search from the keyboard', () => {
  test('"/" focuses the search box; typing "r" or "j" there is just typing', async () => {
    const { bridge } = mountList(SIX);
    await press('/');
    expect(document.activeElement).toBe(searchBox());
    await press('r');
    await press('j');
    expect(bridge.calls).not.toContainEqual(['refresh']);
    expect(selectedName()).toBeNull();
  });

  test('ArrowDown goes from the search box into the list', async () => {
    mountList(SIX);
    await press('/');
    await fireEvent.input(searchBox(), { target: { value: 'linkedin' } });
    await press('ArrowDown');
    expect(document.activeElement).toBe(grid());
    expect(selectedName()).toBe('zed');
  });

  test('Esc clears the search, Esc again leaves it for the list', async () => {
    mountList(SIX);
    await press('/');
    await fireEvent.input(searchBox(), { target: { value: 'maya' } });
    expect(accountRows()).toHaveLength(1);
    await press('Escape');
    expect(searchBox().value).toBe('');
    expect(document.activeElement).toBe(searchBox());
    expect(accountRows()).toHaveLength(6);
    await press('Escape');
    expect(document.activeElement).toBe(grid());
  });
});

describe('r and Esc on the list', () => {
  test('"r" refreshes', async () => {
    const { bridge } = mountList(SIX);
    await press('r');
    expect(bridge.calls).toContainEqual(['refresh']);
  });

  test('Esc first clears the filters, then asks the app to hide the window', async () => {
    const { bridge } = mountList(SIX);
    await fireEvent.click(screen.getByRole('button', { name: '1 locked' }));
    await press('Escape');
    expect(screen.getByRole('button', { name: 'All 6' }).getAttribute('aria-pressed')).toBe('true');
    expect(bridge.calls).not.toContainEqual(['hideWindow']);
    await press('Escape');
    expect(bridge.calls).toContainEqual(['hideWindow']);
  });
});

describe('coming back from the details', () => {
  test('the list keeps its search, sort and selection, and the focus is on the selected account', async () => {
    const { app, bridge, unmount, stop } = mountList(SIX);
    await fireEvent.input(searchBox(), { target: { value: 'a' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Account' }));
    await press('j');
    await press('j');
    await press('Enter');
    expect(app.route.name).toBe('details');
    unmount();
    stop();

    app.go({ name: 'list' });
    mountList(SIX, { app, bridge });
    expect(searchBox().value).toBe('a');
    expect(screen.getByRole('columnheader', { name: 'Account' }).getAttribute('aria-sort')).toBe('ascending');
    expect(document.activeElement).toBe(grid());
    // "a" sorted by username: alice, bob (Sales Navigator), ...; two steps down was bob.
    expect(selectedName()).toBe('bob');
  });
});
