/**
 * Counts as the window writes them: "10,000". One formatter for the window: `toLocaleString`
 * builds an Intl.NumberFormat at every call (about 0.1 ms), several times a search keystroke.
 */
const counts = new Intl.NumberFormat('en');

export function formatCount(n: number): string {
  return counts.format(n);
}
