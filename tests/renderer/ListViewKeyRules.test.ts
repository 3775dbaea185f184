// @vitest-environment jsdom
/** The list's key rules (lib/keyboard.ts): what each key does, depending on where the focus is. */
import { describe, expect, test } from 'vitest';
import { keyPlace, listKeyAction, movedIndex, type KeyPlace } from '../../renderer/src/lib/keyboard';

const key = (k: string, modifiers: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...modifiers,
});

describe('listKeyAction', () => {
  test('on the list: moves, Enter, "/", "r" and Esc', () => {
    const on = (k: string) => listKeyAction(key(k), 'list', true);
    expect(on('j')).toEqual({ kind: 'move', to: 'next' });
    expect(on('ArrowDown')).toEqual({ kind: 'move', to: 'next' });
    expect(on('k')).toEqual({ kind: 'move', to: 'previous' });
    expect(on('ArrowUp')).toEqual({ kind: 'move', to: 'previous' });
    expect(on('Home')).toEqual({ kind: 'move', to: 'first' });
    expect(on('End')).toEqual({ kind: 'move', to: 'last' });
    expect(on('PageDown')).toEqual({ kind: 'move', to: 'pageDown' });
    expect(on('Enter')).toEqual({ kind: 'open' });
    expect(on('/')).toEqual({ kind: 'focusSearch' });
    expect(on('r')).toEqual({ kind: 'refresh' });
    expect(on('Escape')).toEqual({ kind: 'back' });
    expect(on('J')).toBeNull();
    expect(on('x')).toBeNull();
  });

  test('in the search box only Esc, ArrowDown and Enter are the list’s', () => {
    expect(listKeyAction(key('Escape'), 'search', false)).toEqual({ kind: 'clearSearch' });
    expect(listKeyAction(key('Escape'), 'search', true)).toEqual({ kind: 'leaveSearch' });
    expect(listKeyAction(key('ArrowDown'), 'search', false)).toEqual({ kind: 'enterList' });
    expect(listKeyAction(key('Enter'), 'search', false)).toEqual({ kind: 'open' });
    for (const k of ['r', 'j', 'k', '/', 'ArrowUp']) expect(listKeyAction(key(k), 'search', false)).toBeNull();
  });

  test('in another text field nothing is the list’s; on a button Enter is the button’s', () => {
    for (const k of ['r', 'j', '/', 'Escape', 'Enter']) expect(listKeyAction(key(k), 'text', true)).toBeNull();
    expect(listKeyAction(key('Enter'), 'control', true)).toBeNull();
    expect(listKeyAction(key('j'), 'control', true)).toEqual({ kind: 'move', to: 'next' });
  });

  test('Ctrl, Cmd and Alt combinations are never the list’s', () => {
    const places: KeyPlace[] = ['list', 'page', 'control', 'search'];
    for (const place of places) {
      expect(listKeyAction(key('r', { ctrlKey: true }), place, true)).toBeNull();
      expect(listKeyAction(key('ArrowDown', { metaKey: true }), place, true)).toBeNull();
      expect(listKeyAction(key('Escape', { altKey: true }), place, true)).toBeNull();
    }
  });
});

describe('keyPlace', () => {
  test('tells the search box, text fields, the list, controls and the page apart', () => {
    document.body.innerHTML = `
      <input id="search" type="search"><input id="name"><input id="check" type="checkbox"><textarea id="area"></textarea>
      <div id="grid" role="grid"><div id="row" role="row"></div><button id="sort">Account</button></div>
      <button id="refresh">Refresh</button><p id="text">x</p>`;
    const byId = (id: string) => document.getElementById(id);
    const search = byId('search');
    const grid = byId('grid');
    expect(keyPlace(search, search, grid)).toBe('search');
    expect(keyPlace(byId('name'), search, grid)).toBe('text');
    expect(keyPlace(byId('area'), search, grid)).toBe('text');
    expect(keyPlace(byId('check'), search, grid)).toBe('control');
    expect(keyPlace(grid, search, grid)).toBe('list');
    expect(keyPlace(byId('row'), search, grid)).toBe('list');
    expect(keyPlace(byId('sort'), search, grid)).toBe('control');
    expect(keyPlace(byId('refresh'), search, grid)).toBe('control');
    expect(keyPlace(byId('text'), search, grid)).toBe('page');
    expect(keyPlace(document.body, search, null)).toBe('page');
    expect(keyPlace(null, search, grid)).toBe('page');
  });
});

describe('movedIndex', () => {
  test('stays within the list and starts from the top when nothing is selected', () => {
    expect(movedIndex(-1, 'next', 5, 2)).toBe(0);
    expect(movedIndex(-1, 'previous', 5, 2)).toBe(0);
    expect(movedIndex(-1, 'last', 5, 2)).toBe(4);
    expect(movedIndex(4, 'next', 5, 2)).toBe(4);
    expect(movedIndex(0, 'previous', 5, 2)).toBe(0);
    expect(movedIndex(1, 'pageDown', 5, 2)).toBe(3);
    expect(movedIndex(3, 'pageDown', 5, 2)).toBe(4);
    expect(movedIndex(1, 'pageUp', 5, 2)).toBe(0);
    expect(movedIndex(2, 'first', 5, 2)).toBe(0);
    expect(movedIndex(0, 'next', 0, 2)).toBeNull();
  });
});
