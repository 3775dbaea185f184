/**
 * Every account of a platform carries the same base64 icon, and JSON.parse makes a fresh copy of it
 * for each account. A listing keeps the first copy of each distinct icon and gives it to every
 * account that carries the same one, so 10,000 accounts on four platforms hold four icons.
 * One table per listing, dropped with it: nothing is pinned past the accounts that use it.
 */
export interface IconTable {
  /** The copy already held for this icon, or this one, now held. */
  intern(icon: string): string;
  /** Distinct icons held. */
  readonly size: number;
}

export function createIconTable(): IconTable {
  const held = new Map<string, string>();
  return {
    intern(icon) {
      const known = held.get(icon);
      if (known !== undefined) return known;
      held.set(icon, icon);
      return icon;
    },
    get size() {
      return held.size;
    },
  };
}
