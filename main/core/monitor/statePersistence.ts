/**
 * Saving the monitor's state: one save after another, in order (stop() waits for the last), and
 * only when something the file holds changed, so an unchanged poll writes nothing. The last check's
 * time alone is not worth a write at every poll; it is written with the next change, and at stop.
 */
import type { MonitorStore, PersistedMonitorState } from './monitorStore.js';

export interface StatePersistence {
  /** Saves `state` when `changed`, or when only its check time is newer than the file's and `evenIfOnlyTime`. */
  save(state: PersistedMonitorState, changed: boolean, evenIfOnlyTime?: boolean): Promise<void>;
  /** Resolves once every save asked so far has settled. */
  settled(): Promise<void>;
  /** The store was loaded with this state (what the file holds now). */
  loaded(state: PersistedMonitorState | null): void;
}

export function createStatePersistence(store: MonitorStore, warn: (message: string) => void): StatePersistence {
  let saving: Promise<void> = Promise.resolve();
  /** The check time the file holds (after the last save asked). */
  let savedCheckedAt: string | null = null;
  return {
    save(state, changed, evenIfOnlyTime = false) {
      const checkedAt = state.snapshot?.checkedAt ?? null;
      if (!changed && !(evenIfOnlyTime && checkedAt !== savedCheckedAt)) return saving;
      savedCheckedAt = checkedAt;
      saving = saving.then(async () => {
        try {
          await store.save(state);
        } catch (e) {
          warn(`The monitor state could not be saved (${(e as Error)?.message ?? String(e)}); after a restart, alerts already shown may be shown again.`);
        }
      });
      return saving;
    },
    settled: () => saving,
    loaded(state) {
      savedCheckedAt = state?.snapshot?.checkedAt ?? null;
    },
  };
}
