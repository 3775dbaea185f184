import { describe, expect, it } from 'vitest';
import { accountGuidance, DOCUMENTED_STATUS_INFO } from '../../main/core/health/accountGuidance.js';
import { accountHealth } from '../../main/core/health/accountHealth.js';
import type { Account } from '../../main/core/lobstr/account.js';
import { accountWith } from '../fixtures/seedAccounts.js';

const NOW = Date.parse('2026-11-25T13:00:00Z');
const UTC_GB = { locale: 'en-GB', timeZone: 'UTC' };
const inSeconds = (s: number) => Math.floor(NOW / 1000) + s;

/** The line for an account as the app judges it (the same health the window and the tray show). */
function lineFor(overrides: Partial<Account>, options: { locale?: string; timeZone?: string } = UTC_GB): string | null {
  const account = accountWith(overrides);
  const { health } = accountHealth(account, NOW, { status429NeedsResync: true, timeZone: options.timeZone });
  return accountGuidance(account, health, NOW, options);
}

describe('locked accounts', () => {
  it('say there is nothing to do, and when the platform lifts the lock, in the user\'s clock', () => {
    const linkedIn = { type: 'linkedin-sync', lock_time: inSeconds(12 * 60) };
    expect(lineFor(linkedIn)).toBe('Nothing to do: LinkedIn lifts this lock at 13:12');
    expect(lineFor(linkedIn, { locale: 'en-US', timeZone: 'UTC' })).toBe('Nothing to do: LinkedIn lifts this lock at 1:12 PM');
    expect(lineFor(linkedIn, { locale: 'en-GB', timeZone: 'Europe/Paris' })).toBe('Nothing to do: LinkedIn lifts this lock at 14:12');
  });

  it('name the day when the lock ends on another one', () => {
    expect(lineFor({ type: 'sales-nav-sync', lock_time: inSeconds(26 * 3600) })).toBe(
      'Nothing to do: Sales Navigator lifts this lock on 26 Nov at 15:00',
    );
  });

  it('a lock over a code that asks for something says both', () => {
    expect(lineFor({ type: 'linkedin-sync', status_code_info: 'checkpoint_reached', lock_time: inSeconds(600) })).toBe(
      'LinkedIn wants to confirm it is you: sign in to LinkedIn in your browser and complete its security check (the lock ends at 13:10)',
    );
  });
});

describe('accounts that need attention: what to do on the platform, for each documented code', () => {
  // The codes Lobstr documents for accounts and runs (shared/lobstr-api.md §5.1), on an X account.
  const expected: Record<string, string> = {
    checkpoint_reached: 'X (Twitter) wants to confirm it is you: sign in to X (Twitter) in your browser and complete its security check',
    challenge_required: 'X (Twitter) asks for a security challenge: sign in to X (Twitter) in your browser and answer it',
    otp_needed: 'X (Twitter) asks for a verification code: sign in to X (Twitter) in your browser and enter the code it sends you',
    account_blocked: 'X (Twitter) has blocked this account: sign in to X (Twitter) in your browser to see why and what it asks of you',
    account_too_many_requests: 'X (Twitter) is limiting this account for too many requests: let it rest, or lower its limits in Lobstr',
    wrong_credentials: 'X (Twitter) refused this account\'s sign-in: check its password on X (Twitter), then re-sync its cookies',
    logged_out: 'This account was signed out of X (Twitter): sign in again in your browser, then re-sync its cookies',
    non_premium: 'X (Twitter) says this account has no premium plan: squids that need one fail until it is upgraded on X (Twitter)',
    sales_seat_required: 'This account has no Sales Navigator seat: squids that need one fail until a seat is added on LinkedIn',
    limit_exceeded: 'This account reached a usage limit on X (Twitter): it resumes when the limit resets, or lower its limits in Lobstr',
    no_accounts: 'Lobstr found no usable X (Twitter) account: look at this one in the Lobstr dashboard',
    no_account_available: 'Lobstr found no usable X (Twitter) account: look at this one in the Lobstr dashboard',
  };

  it('covers every documented code but the two that are not problems', () => {
    expect(Object.keys(expected).sort()).toEqual(DOCUMENTED_STATUS_INFO.filter((c) => c !== 'synchronized' && c !== 'cookies_expired').sort());
  });

  it.each(Object.entries(expected))('%s', (code, line) => {
    expect(lineFor({ status: '403', status_code_info: code, status_code_description: 'whatever the text says' })).toBe(line);
  });

  it('an unknown code is named in words, with where to look', () => {
    expect(lineFor({ status_code_info: 'seat_revoked', status_code_description: 'Seat revoked by admin' })).toBe(
      'Lobstr reports "seat revoked": look at this account in the Lobstr dashboard and on X (Twitter)',
    );
  });

  it('an unknown status with a healthy code names the status', () => {
    expect(lineFor({ status: '500', status_code_info: 'synchronized' })).toBe(
      'Lobstr reports status 500 for this account: look at it in the Lobstr dashboard',
    );
  });

  it('no code at all says Lobstr does not say', () => {
    expect(lineFor({ status_code_info: '' })).toBe('Lobstr does not say what state this account is in: look at it in the Lobstr dashboard');
  });

  it('an account the app could not read says so', () => {
    expect(lineFor({ problem: 'status: expected a string' })).toBe(
      'Lobstr sent this account in a form the app could not read: look at it in the Lobstr dashboard',
    );
  });

  it('status 429 reported as attention (by the setting): the platform may be rate-limiting it', () => {
    const account = accountWith({ status: '429', status_code_info: 'synchronized' });
    expect(accountGuidance(account, 'attention', NOW, UTC_GB)).toBe(
      'X (Twitter) may be rate-limiting this account (status 429): let it rest, or lower its limits in Lobstr',
    );
  });
});

describe('accounts that need re-sync: the code\'s meaning, never the text beside it', () => {
  it('"Success!" with cookies_expired reads as expired cookies', () => {
    const line = lineFor({ status: '200', status_code_info: 'cookies_expired', status_code_description: 'Success!' });
    expect(line).toBe('The cookies Lobstr holds for this X (Twitter) account have expired: re-sync them');
    expect(line).not.toContain('Success');
  });

  it('status 401 means the platform refused the cookies', () => {
    expect(lineFor({ status: '401', status_code_info: 'synchronized' })).toBe(
      'X (Twitter) refused the cookies Lobstr holds (status 401): re-sync them',
    );
  });

  it('status 401 with logged_out says the account was signed out', () => {
    expect(lineFor({ status: '401', status_code_info: 'logged_out' })).toBe(
      'This account was signed out of X (Twitter): sign in again in your browser, then re-sync its cookies',
    );
  });

  it('status 429 reads as Lobstr documents it, expiry', () => {
    expect(lineFor({ status: '429', status_code_info: 'account_too_many_requests' })).toBe(
      'Lobstr reports status 429, which it documents as expired cookies: re-sync them',
    );
  });
});

describe('healthy accounts', () => {
  it('need no guidance', () => {
    expect(lineFor({})).toBeNull();
    expect(lineFor({ resets_in: 3600 })).toBeNull();
    expect(lineFor({ lock_time: inSeconds(-60) })).toBeNull();
  });
});

describe('a list row is enough', () => {
  it('works from the fields the window\'s row carries', () => {
    const row = { type: 'linkedin-sync', status: '200', status_code_info: 'synchronized', lock_time: inSeconds(12 * 60) };
    expect(accountGuidance(row, 'locked', NOW, UTC_GB)).toBe('Nothing to do: LinkedIn lifts this lock at 13:12');
  });
});

describe('the window\'s clock', () => {
  const row = { type: 'linkedin-sync', status: '200', status_code_info: 'synchronized' };

  it('without a locale, times read as everywhere else in the window (24 h, two-digit hours, "26 Nov")', () => {
    const morning = Date.parse('2026-11-25T08:00:00Z');
    const at = (iso: string) => Math.floor(Date.parse(iso) / 1000);
    expect(accountGuidance({ ...row, lock_time: at('2026-11-25T09:05:00Z') }, 'locked', morning, { timeZone: 'UTC' })).toBe(
      'Nothing to do: LinkedIn lifts this lock at 09:05',
    );
    expect(accountGuidance({ ...row, lock_time: at('2026-11-26T15:00:00Z') }, 'locked', morning, { timeZone: 'UTC' })).toBe(
      'Nothing to do: LinkedIn lifts this lock on 26 Nov at 15:00',
    );
  });

  it('a lock whose end has passed (the account is judged again at the next check) says it was lifted', () => {
    expect(accountGuidance({ ...row, lock_time: inSeconds(-120) }, 'locked', NOW, UTC_GB)).toBe('Nothing to do: LinkedIn lifted this lock at 12:58');
    expect(accountGuidance({ ...row, status_code_info: 'checkpoint_reached', lock_time: inSeconds(-120) }, 'locked', NOW, UTC_GB)).toBe(
      'LinkedIn wants to confirm it is you: sign in to LinkedIn in your browser and complete its security check (the lock ended at 12:58)',
    );
  });
});
