/**
 * What the user set on the list (search, health filters, sort, selected account), kept per app
 * state so that going to an account's details and back returns to the same list, scrolled to the
 * same account. Keyed by the AppState object: a new window state (or a test) starts afresh.
 */
import type { Health } from '../../../../main/core/health/accountHealth';
import { DEFAULT_SORT, type SortOrder } from '../../lib/accountFilter';

export class ListControls {
  query = $state('');
  /** The healths the list is narrowed to; empty for all. */
  healths = $state<Health[]>([]);
  sort = $state<SortOrder>(DEFAULT_SORT);
  /** The selected account's id: it stays selected when a new snapshot reorders the list. */
  selectedId = $state<string | null>(null);

  toggleHealth(health: Health): void {
    this.healths = this.healths.includes(health)
      ? this.healths.filter((h) => h !== health)
      : [...this.healths, health];
  }

  clearFilters(): void {
    this.query = '';
    this.healths = [];
  }
}

const byOwner = new WeakMap<object, ListControls>();

export function listControlsFor(owner: object): ListControls {
  let controls = byOwner.get(owner);
  if (!controls) {
    controls = new ListControls();
    byOwner.set(owner, controls);
  }
  return controls;
}
