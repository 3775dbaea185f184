/**
 * Pausing notifications ("snooze"): the presets the tray menu offers and whether a pause is on.
 * A snooze only silences notifications; the icon, the tooltip and the window keep telling the truth.
 */
import type { Snooze } from '../appModel.js';
import { clockTime } from '../views/timeFormat.js';

export type SnoozePreset = 'one_hour' | 'until_tomorrow' | 'until_resumed';

export const SNOOZE_PRESETS: readonly SnoozePreset[] = ['one_hour', 'until_tomorrow', 'until_resumed'];

/** The hour (local time) at which "until tomorrow" ends: the start of a working day. */
export const TOMORROW_HOUR = 8;

const HOUR_MS = 3_600_000;

/**
 * The snooze a preset starts now. "Until tomorrow" means the next calendar day at 08:00 local
 * time, as the menu item reads, even when clicked after midnight.
 * `timeZone` (IANA) is injectable so tests do not depend on the machine's zone.
 */
export function snoozeFor(preset: SnoozePreset, nowMs: number, timeZone?: string): Snooze {
  switch (preset) {
    case 'one_hour':
      return { until: new Date(nowMs + HOUR_MS).toISOString() };
    case 'until_tomorrow':
      return { until: new Date(tomorrowAt(TOMORROW_HOUR, nowMs, timeZone)).toISOString() };
    case 'until_resumed':
      return { until: null };
  }
}

/**
 * True while notifications are paused. An `until` that cannot be read counts as no snooze:
 * a damaged setting must not silence the app for good.
 */
export function isSnoozed(snooze: Snooze | null | undefined, nowMs: number): boolean {
  if (!snooze) return false;
  if (snooze.until === null) return true;
  const until = Date.parse(snooze.until);
  return Number.isFinite(until) && until > nowMs;
}

/** "until 15:02", "until 27 Nov 08:00", "until resumed"; null when not snoozed. */
export function describeSnooze(snooze: Snooze | null | undefined, nowMs: number, timeZone?: string): string | null {
  if (!snooze || !isSnoozed(snooze, nowMs)) return null;
  if (snooze.until === null) return 'until resumed';
  return `until ${clockTime(Date.parse(snooze.until), nowMs, timeZone)}`;
}

/** The instant of `hour`:00 on the calendar day after the one `nowMs` falls on, in `timeZone`. */
export function tomorrowAt(hour: number, nowMs: number, timeZone?: string): number {
  const today = wallClock(nowMs, timeZone);
  // Date.UTC normalises day 32 into the next month, and so on.
  const wanted = Date.UTC(today.year, today.month - 1, today.day + 1, hour, 0, 0, 0);
  // Find the instant whose wall clock in the zone reads `wanted`: start from the zone's offset now,
  // then correct once more in case a daylight-saving change lies in between.
  let guess = wanted - offsetMs(nowMs, timeZone);
  for (let i = 0; i < 2; i++) guess = wanted - offsetMs(guess, timeZone);
  return guess;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(atMs: number, timeZone?: string): WallClock {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(atMs);
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** How far the zone's wall clock is ahead of UTC at `atMs`. */
function offsetMs(atMs: number, timeZone?: string): number {
  const w = wallClock(atMs, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(atMs / 1000) * 1000;
}
