/** Times as a person reads them in a tray tooltip, a table or a notification. */

/** "just now", "5 min ago", "3 h ago", "12 d ago", "in 4 min" (future), "never" for null/invalid. */
export function relativeTime(iso: string | null | undefined, nowMs: number): string {
  if (!iso) return 'never';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return 'unknown';
  const diff = nowMs - t;
  const abs = Math.abs(diff);
  const minute = 60_000;
  const hour = 60 * minute;
  const day = 24 * hour;
  let text: string;
  if (abs < minute) return 'just now';
  if (abs < hour) text = `${Math.floor(abs / minute)} min`;
  else if (abs < day) text = `${Math.floor(abs / hour)} h`;
  else if (abs < 365 * day) text = `${Math.floor(abs / day)} d`;
  else text = `${Math.floor(abs / (365 * day))} y`;
  return diff >= 0 ? `${text} ago` : `in ${text}`;
}

/** Intl formatters are costly to build (about 0.1 ms each): one per zone and pattern, reused. */
const formatters = new Map<string, Intl.DateTimeFormat>();
export function formatter(locale: string | undefined, options: Intl.DateTimeFormatOptions, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone ?? ''}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, f);
  }
  return f;
}

/**
 * "14:05" when `atMs` falls on the same local day as `nowMs`, else "26 Nov 14:05".
 * `timeZone` is injectable so tests do not depend on the machine's zone.
 */
export function clockTime(atMs: number, nowMs: number, timeZone?: string): string {
  const { day, time } = clockParts(atMs, nowMs, timeZone);
  return day === null ? time : `${day} ${time}`;
}

/** clockTime's two parts: the time ("14:05") and the day ("26 Nov"), null on `nowMs`'s own day. */
export function clockParts(atMs: number, nowMs: number, timeZone?: string): { day: string | null; time: string } {
  const time = formatter('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, timeZone).format(atMs);
  return { day: sameDay(atMs, nowMs, timeZone) ? null : formatter('en-GB', { day: 'numeric', month: 'short' }, timeZone).format(atMs), time };
}

/** Whether two instants fall on the same calendar day in `timeZone` (the machine's when undefined). */
export function sameDay(aMs: number, bMs: number, timeZone?: string): boolean {
  const day = formatter('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }, timeZone);
  return day.format(aMs) === day.format(bMs);
}

/** "45 s", "12 min", "3 h 20 min": a duration in seconds, for resets_in and waits. */
export function durationText(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest ? `${h} h ${rest} min` : `${h} h`;
}
