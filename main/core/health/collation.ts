/**
 * Collators built at their first comparison, not when their module loads. The window imports the
 * sorting modules (health order, column sorts) with the list, though it sorts only later (a column's
 * click, a poll's push). Its first screen builds a time formatter anyway (a page's first Intl object,
 * 15–40 ms in Chromium here); a collator after it cost another 0.5–5 ms before the first row. The
 * window builds them when idle after its first screen (warmCollators), so the first sort does not
 * wait either.
 */
export interface CollatorOnFirstUse {
  compare(a: string, b: string): number;
}

const builders: Array<() => Intl.Collator> = [];

/** An English collator with these options, built once, when first needed. */
export function collatorOnFirstUse(options: Intl.CollatorOptions): CollatorOnFirstUse {
  let collator: Intl.Collator | null = null;
  const built = (): Intl.Collator => (collator ??= new Intl.Collator('en', options));
  builders.push(built);
  return { compare: (a, b) => built().compare(a, b) };
}

/** Builds every collator declared so far that is not built yet. */
export function warmCollators(): void {
  for (const built of builders) built();
}
