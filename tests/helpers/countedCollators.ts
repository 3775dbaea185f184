/**
 * Counts the Intl.Collators built while it is in place. A spy (vi.spyOn) would not do: a collator
 * built through it has no working `compare` (an accessor that needs the real object's internal
 * state), so code under test could not sort.
 */
export function countCollators(): { readonly count: number; restore(): void } {
  const Real = Intl.Collator;
  let count = 0;
  class Counted extends Real {
    constructor(...args: ConstructorParameters<typeof Intl.Collator>) {
      super(...args);
      count += 1;
    }
  }
  Object.defineProperty(Intl, 'Collator', { value: Counted, configurable: true, writable: true });
  return {
    get count() {
      return count;
    },
    restore: () => Object.defineProperty(Intl, 'Collator', { value: Real, configurable: true, writable: true }),
  };
}
