/** Dates as the details view shows them: the exact local date and time, and how long ago. */

/** One formatter, built once: Intl formatters are costly to create. */
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "25 Nov 2026, 14:05:00" in the machine's time zone. */
export function localDateTime(atMs: number): string {
  return dateTimeFormat.format(atMs);
}

/** Unix seconds (lock_time, a usage counter's timestamp) as an ISO time; null when unusable. */
export function isoFromUnixSeconds(seconds: number | null): string | null {
  if (seconds === null || !Number.isFinite(seconds)) return null;
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
