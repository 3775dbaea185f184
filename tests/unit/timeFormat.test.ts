import { describe, expect, it } from 'vitest';
import { clockTime, durationText, relativeTime } from '../../main/core/views/timeFormat.js';

const NOW = Date.parse('2026-11-25T13:00:00Z');

describe('relativeTime', () => {
  it.each([
    [null, 'never'],
    ['not a date', 'unknown'],
    ['2026-11-25T12:59:30Z', 'just now'],
    ['2026-11-25T12:55:00Z', '5 min ago'],
    ['2026-11-25T10:00:00Z', '3 h ago'],
    ['2026-11-13T13:00:00Z', '12 d ago'],
    ['2024-11-01T13:00:00Z', '2 y ago'],
    ['2026-11-25T13:04:00Z', 'in 4 min'],
  ])('%s → %s', (iso, text) => {
    expect(relativeTime(iso, NOW)).toBe(text);
  });
});

describe('clockTime', () => {
  it('shows only the time on the same day and the date otherwise', () => {
    expect(clockTime(Date.parse('2026-11-25T14:05:00Z'), NOW, 'UTC')).toBe('14:05');
    expect(clockTime(Date.parse('2026-11-26T08:00:00Z'), NOW, 'UTC')).toBe('26 Nov 08:00');
  });
  it('uses the given time zone', () => {
    expect(clockTime(Date.parse('2026-11-25T14:05:00Z'), NOW, 'Europe/Paris')).toBe('15:05');
  });
});

describe('durationText', () => {
  it.each([
    [0, '0 s'],
    [45, '45 s'],
    [720, '12 min'],
    [3600, '1 h'],
    [12000, '3 h 20 min'],
  ])('%i s → %s', (s, text) => {
    expect(durationText(s)).toBe(text);
  });
});
