import { describe, expect, it } from 'vitest';
import { describeSnooze, isSnoozed, snoozeFor, tomorrowAt } from '../../main/core/monitor/snooze.js';

const at = (iso: string) => Date.parse(iso);

describe('snooze presets', () => {
  it('"1 hour" ends an hour from now', () => {
    const now = at('2026-03-02T14:02:00Z');
    expect(snoozeFor('one_hour', now)).toEqual({ until: '2026-03-02T15:02:00.000Z' });
  });

  it('"until tomorrow" ends at 08:00 local time on the next calendar day', () => {
    expect(snoozeFor('until_tomorrow', at('2026-03-02T14:02:00Z'), 'UTC')).toEqual({ until: '2026-03-03T08:00:00.000Z' });
    // 23:30 in Paris (UTC+1 in winter) is already the 3rd in UTC... and the 2nd in Paris.
    expect(snoozeFor('until_tomorrow', at('2026-03-02T22:30:00Z'), 'Europe/Paris')).toEqual({ until: '2026-03-03T07:00:00.000Z' });
    // New York at 21:00 on the 2nd is 02:00 UTC on the 3rd.
    expect(snoozeFor('until_tomorrow', at('2026-03-03T02:00:00Z'), 'America/New_York')).toEqual({ until: '2026-03-03T13:00:00.000Z' });
  });

  it('"until tomorrow" follows the clock across a daylight-saving change and the end of a month', () => {
    // Paris moves to summer time on 29 March 2026: 08:00 on the 29th is 06:00 UTC.
    expect(new Date(tomorrowAt(8, at('2026-03-28T20:00:00Z'), 'Europe/Paris')).toISOString()).toBe('2026-03-29T06:00:00.000Z');
    expect(new Date(tomorrowAt(8, at('2026-12-31T12:00:00Z'), 'Asia/Tokyo')).toISOString()).toBe('2026-12-31T23:00:00.000Z');
  });

  it('"until resumed" has no end', () => {
    expect(snoozeFor('until_resumed', at('2026-03-02T14:02:00Z'))).toEqual({ until: null });
  });
});

describe('isSnoozed', () => {
  const now = at('2026-03-02T14:02:00Z');
  it('is on until the end time, then off by itself', () => {
    const snooze = snoozeFor('one_hour', now);
    expect(isSnoozed(snooze, now)).toBe(true);
    expect(isSnoozed(snooze, now + 59 * 60_000)).toBe(true);
    expect(isSnoozed(snooze, now + 60 * 60_000)).toBe(false);
  });

  it('is on for good until resumed, off with no snooze', () => {
    expect(isSnoozed({ until: null }, now + 1e12)).toBe(true);
    expect(isSnoozed(null, now)).toBe(false);
    expect(isSnoozed(undefined, now)).toBe(false);
  });

  it('treats an unreadable end time as no snooze, so a damaged setting cannot silence the app for good', () => {
    expect(isSnoozed({ until: 'soon' }, now)).toBe(false);
  });
});

describe('describeSnooze', () => {
  const now = at('2026-03-02T14:02:00Z');
  it('says until when, in words for the menu', () => {
    expect(describeSnooze({ until: '2026-03-02T15:02:00.000Z' }, now, 'UTC')).toBe('until 15:02');
    expect(describeSnooze({ until: '2026-03-03T08:00:00.000Z' }, now, 'UTC')).toBe('until 3 Mar 08:00');
    expect(describeSnooze({ until: null }, now)).toBe('until resumed');
    expect(describeSnooze({ until: '2026-03-02T14:00:00.000Z' }, now)).toBeNull();
    expect(describeSnooze(null, now)).toBeNull();
  });
});
