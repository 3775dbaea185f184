import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  defaultRateLimitDelay,
  parseRateLimitReset,
  parseRetryAfter,
  rateLimitWait,
} from '../../main/core/lobstr/retryPolicy.js';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0); // 2026-11-25T12:00:00Z

function headers(values: Record<string, string>): Headers {
  return new Headers(values);
}

describe('backoffDelay (exponential, full jitter)', () => {
  it('stays between 0 and base * 2^attempt', () => {
    expect(backoffDelay(0, 500, 8000, () => 0)).toBe(0);
    expect(backoffDelay(0, 500, 8000, () => 0.999999)).toBe(499);
    expect(backoffDelay(1, 500, 8000, () => 0.5)).toBe(500);
    expect(backoffDelay(2, 500, 8000, () => 0.5)).toBe(1000);
    expect(backoffDelay(3, 500, 8000, () => 0.999999)).toBeLessThan(4000);
  });

  it('never exceeds the maximum however many attempts', () => {
    expect(backoffDelay(10, 500, 8000, () => 0.999999)).toBeLessThan(8000);
    expect(backoffDelay(10, 500, 8000, () => 0.5)).toBe(4000);
    expect(backoffDelay(60, 500, 8000, () => 1)).toBe(8000);
  });

  it('keeps a broken random source within bounds', () => {
    expect(backoffDelay(1, 500, 8000, () => 7)).toBe(1000);
    expect(backoffDelay(1, 500, 8000, () => -1)).toBe(0);
  });

  it('covers the whole window across random values', () => {
    const delays = [0, 0.25, 0.5, 0.75].map((r) => backoffDelay(2, 500, 8000, () => r));
    expect(delays).toEqual([0, 500, 1000, 1500]);
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('45', NOW)).toBe(45_000);
    expect(parseRetryAfter(' 2 ', NOW)).toBe(2000);
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter('1.5', NOW)).toBe(1500);
  });

  it('reads an HTTP date', () => {
    expect(parseRetryAfter('Wed, 25 Nov 2026 12:00:30 GMT', NOW)).toBe(30_000);
  });

  it('treats a date in the past as no wait', () => {
    expect(parseRetryAfter('Wed, 25 Nov 2026 11:59:00 GMT', NOW)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter('', NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('-5', NOW)).toBeUndefined();
  });
});

describe('parseRateLimitReset', () => {
  const resetAt = NOW / 1000 + 3;

  it('reads the reset time when no request is left in the window', () => {
    expect(parseRateLimitReset(headers({ 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(resetAt) }), NOW)).toBe(
      3000,
    );
  });

  it('ignores the reset time while requests remain', () => {
    expect(
      parseRateLimitReset(headers({ 'X-RateLimit-Remaining': '5', 'X-RateLimit-Reset': String(resetAt) }), NOW),
    ).toBeUndefined();
    expect(parseRateLimitReset(headers({ 'X-RateLimit-Reset': String(resetAt) }), NOW)).toBeUndefined();
  });

  it('ignores a reset in the past (a skewed clock) and garbage', () => {
    expect(
      parseRateLimitReset(headers({ 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(NOW / 1000 - 10) }), NOW),
    ).toBeUndefined();
    expect(parseRateLimitReset(headers({ 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': 'later' }), NOW)).toBeUndefined();
  });

  it('reads a small value as seconds from now', () => {
    expect(parseRateLimitReset(headers({ 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '7' }), NOW)).toBe(7000);
  });
});

describe('rateLimitWait', () => {
  it('prefers Retry-After', () => {
    const h = headers({ 'Retry-After': '2', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(NOW / 1000 + 30) });
    expect(rateLimitWait(h, NOW, 1000)).toEqual({ waitMs: 2000, source: 'retry-after' });
  });

  it('falls back to the window reset, then to the default', () => {
    const h = headers({ 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(NOW / 1000 + 30) });
    expect(rateLimitWait(h, NOW, 1000)).toEqual({ waitMs: 30_000, source: 'rate-limit-reset' });
    expect(rateLimitWait(headers({}), NOW, 1000)).toEqual({ waitMs: 1000, source: 'default' });
  });
});

describe('defaultRateLimitDelay', () => {
  it('doubles from one second up to the maximum', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => defaultRateLimitDelay(n, 8000))).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
  });
});
