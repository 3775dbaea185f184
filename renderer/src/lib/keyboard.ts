/**
 * The account list's keyboard: which key does what, decided from the key and where the focus is.
 * Pure, so the rules read in one place and the view only carries them out.
 */

/** Where a key was pressed. */
export type KeyPlace =
  /** The list's search box. */
  | 'search'
  /** Any other field that takes text: its keys are the user's typing. */
  | 'text'
  /** The account list (grid) itself. */
  | 'list'
  /** A button, link or other control: Enter and Space are its own. */
  | 'control'
  /** Nothing in particular (the page's body). */
  | 'page';

export type MoveTarget = 'next' | 'previous' | 'first' | 'last' | 'pageDown' | 'pageUp';

export type ListKeyAction =
  | { kind: 'move'; to: MoveTarget }
  /** Open the selected account's details (from the search box: the selected or first match). */
  | { kind: 'open' }
  | { kind: 'focusSearch' }
  /** From the search box into the list, keeping the selection. */
  | { kind: 'enterList' }
  | { kind: 'clearSearch' }
  /** Leave the (empty) search box for the list. */
  | { kind: 'leaveSearch' }
  | { kind: 'refresh' }
  /** Esc on the list: undo the filters, or with none, hide the window. */
  | { kind: 'back' };

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

const MOVES: Readonly<Record<string, MoveTarget>> = {
  ArrowDown: 'next',
  j: 'next',
  ArrowUp: 'previous',
  k: 'previous',
  Home: 'first',
  End: 'last',
  PageDown: 'pageDown',
  PageUp: 'pageUp',
};

export function listKeyAction(press: KeyPress, place: KeyPlace, searchEmpty: boolean): ListKeyAction | null {
  // Ctrl, Cmd and Alt combinations belong to the system and the browser (copy, zoom, quit...).
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  const { key } = press;

  if (place === 'text') return null;
  if (place === 'search') {
    if (key === 'Escape') return searchEmpty ? { kind: 'leaveSearch' } : { kind: 'clearSearch' };
    if (key === 'ArrowDown') return { kind: 'enterList' };
    if (key === 'Enter') return { kind: 'open' };
    return null;
  }

  const move = Object.hasOwn(MOVES, key) ? MOVES[key] : undefined;
  if (move) return { kind: 'move', to: move };
  if (key === 'Enter') return place === 'control' ? null : { kind: 'open' };
  if (key === '/') return { kind: 'focusSearch' };
  if (key === 'r') return { kind: 'refresh' };
  if (key === 'Escape') return { kind: 'back' };
  return null;
}

/** The place of an event's target, given the list's own search box and grid. */
export function keyPlace(target: EventTarget | null, search: HTMLElement | null, list: HTMLElement | null): KeyPlace {
  if (!(target instanceof Element)) return 'page';
  if (search !== null && target === search) return 'search';
  if (target instanceof HTMLElement && target.isContentEditable) return 'text';
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return 'text';
  if (target instanceof HTMLInputElement) {
    // Checkboxes, radios and buttons take no typing: the shortcuts still apply around them.
    return ['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type) ? 'control' : 'text';
  }
  if (list !== null && list.contains(target) && !target.closest('button')) return 'list';
  if (target.closest('button, a[href], summary, [role="button"], [role="link"]')) return 'control';
  return 'page';
}

/** Steps from the selected index (-1: none) to the target, within 0..count-1; null on an empty list. */
export function movedIndex(current: number, to: MoveTarget, count: number, pageSize: number): number | null {
  if (count === 0) return null;
  const last = count - 1;
  const page = Math.max(1, pageSize);
  if (current < 0) return to === 'last' ? last : 0;
  switch (to) {
    case 'next':
      return Math.min(last, current + 1);
    case 'previous':
      return Math.max(0, current - 1);
    case 'first':
      return 0;
    case 'last':
      return last;
    case 'pageDown':
      return Math.min(last, current + page);
    case 'pageUp':
      return Math.max(0, current - page);
  }
}
