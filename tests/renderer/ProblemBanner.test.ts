// @vitest-environment jsdom
/**
 * The banner shown while checks of Lobstr fail, written for people: for every kind of problem the
 * app can meet, a title, one sentence of what to do and one action; the technical detail (the
 * client's own message with its status codes and addresses, the count of failed checks) only inside
 * a "Details" disclosure, closed at first.
 */
import { fireEvent, render, within } from '@testing-library/svelte';
import { describe, expect, test, vi } from 'vitest';
import ProblemBanner from '../../renderer/src/components/list/ProblemBanner.svelte';
import { API_ERROR_KINDS, type ApiErrorKind } from '../../main/core/lobstr/apiErrors';
import { clockTime } from '../../main/core/views/timeFormat';
import type { ConnectionProblemView } from '../../main/shared/ipcContract';
import { TEST_NOW } from './fakeBridge';
import { useTestClock } from './testClock';

useTestClock();

/** What the client says for each kind (main/core/lobstr: requestWithRetries.ts, exchange.ts, fetchFailure.ts): technical. */
const MESSAGES: Record<ApiErrorKind, string> = {
  auth: "Lobstr rejected the API key (401 Invalid token.). Check the key on the Lobstr dashboard's API page.",
  not_found: 'Lobstr has no accounts list at http://127.0.0.1:9/v1/accounts (404 Not Found). Check the API base URL (it should end in /v1, like https://api.lobstr.io/v1).',
  rate_limited: 'Lobstr is limiting requests (429 Too Many Requests) after waiting 2 times and asks to wait 2 min. The next check after that will work.',
  server: "Lobstr's server failed (502 Bad Gateway) (tried 4 times). Try again in a few minutes.",
  network: 'Could not reach Lobstr at api.lobstr.io: the connection was refused (ECONNREFUSED) (tried 4 times). Check your internet connection and the API base URL.',
  timeout: 'Lobstr did not answer within 20 s (tried 4 times). Check your internet connection, or try again later.',
  invalid_response: 'Lobstr\'s response for the accounts list is not valid JSON (it begins "{"data": [{"id"). Try again later; if it persists, check the API base URL.',
  tls: 'The certificate of api.lobstr.io was refused (ERR_CERT_AUTHORITY_INVALID), so nothing was sent to it.',
  config: "The API base URL uses port 9, which the app's HTTP client refuses to connect to (it is reserved for another protocol), so nothing was sent.",
};

/** The one action each kind offers: try again, or go where the fix is. */
const ACTIONS: Record<ApiErrorKind, 'Retry now' | 'Open settings'> = {
  auth: 'Open settings',
  not_found: 'Open settings',
  rate_limited: 'Retry now',
  server: 'Retry now',
  network: 'Retry now',
  timeout: 'Retry now',
  invalid_response: 'Retry now',
  tls: 'Open settings',
  config: 'Open settings',
};

const SINCE = '2026-11-25T13:45:00Z';

function mount(kind: ApiErrorKind, failures = 3, retrying = false) {
  const problem: ConnectionProblemView = { kind, message: MESSAGES[kind], since: SINCE, failures };
  const onRetry = vi.fn();
  const onSettings = vi.fn();
  const view = render(ProblemBanner, { props: { problem, checkedAt: '2026-11-25T13:40:00Z', now: TEST_NOW, retrying, onRetry, onSettings } });
  const banner = within(view.container).getByRole('alert');
  const details = banner.querySelector('details');
  /** The banner's text outside the Details disclosure: what a person reads without opening it. */
  const outsideDetails = () => {
    const copy = banner.cloneNode(true) as HTMLElement;
    copy.querySelector('details')?.remove();
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  };
  return { banner, details, outsideDetails, onRetry, onSettings };
}

describe.each(API_ERROR_KINDS.map((kind) => [kind]))('a problem of kind %s', (kind) => {
  test('has a title, one sentence of what to do, and one action', () => {
    const { banner, outsideDetails } = mount(kind);
    const heading = within(banner).getByRole('heading');
    expect(heading.textContent?.trim()).toMatch(/^[A-Z].{8,60}[^.]$/);
    expect(banner.getAttribute('aria-labelledby')).toBe(heading.id);
    const advice = banner.querySelector('.advice')?.textContent?.trim() ?? '';
    // One sentence: a capital, one full stop, at the end, and a sensible length.
    expect(advice).toMatch(/^[A-Z][^.]{15,170}\.$/);
    expect(within(banner).getAllByRole('button').map((b) => b.textContent?.trim())).toEqual([ACTIONS[kind]]);
    // Read without Details: only the title, the sentence and the action.
    expect(outsideDetails()).toBe(`${heading.textContent?.trim()} ${advice} ${ACTIONS[kind]}`);
  });

  test('keeps the technical detail behind a closed Details disclosure', async () => {
    const { details, outsideDetails } = mount(kind);
    expect(details).not.toBeNull();
    expect(details!.open).toBe(false);
    expect(details!.querySelector('summary')?.textContent?.trim()).toBe('Details');
    expect(outsideDetails()).not.toContain(MESSAGES[kind]);
    // No status code, address, port, error code or attempt count outside it.
    expect(outsideDetails()).not.toMatch(/\b\d{3}\b|https?:|\bport\b|ERR_|ECONN|tried|\d+ (failed )?checks?/i);
    const detail = (details!.textContent ?? '').replace(/\s+/g, ' ');
    expect(detail).toContain(MESSAGES[kind]);
    expect(detail).toContain(`3 failed checks in a row since ${clockTime(Date.parse(SINCE), TEST_NOW)}`);
  });

  test('its action does what it says', async () => {
    const { banner, onRetry, onSettings } = mount(kind);
    await fireEvent.click(within(banner).getByRole('button', { name: ACTIONS[kind] }));
    if (ACTIONS[kind] === 'Retry now') {
      expect(onRetry).toHaveBeenCalledOnce();
      expect(onSettings).not.toHaveBeenCalled();
    } else {
      expect(onSettings).toHaveBeenCalledOnce();
      expect(onRetry).not.toHaveBeenCalled();
    }
  });
});

describe('the banner', () => {
  test('says one failed check as one', () => {
    const { details } = mount('network', 1);
    expect(details!.textContent?.replace(/\s+/g, ' ')).toContain(`1 failed check since ${clockTime(Date.parse(SINCE), TEST_NOW)}`);
  });

  test('while a retry runs, its button says so and is marked busy', () => {
    const { banner } = mount('server', 3, true);
    const button = within(banner).getByRole('button', { name: 'Retrying…' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
  });

  test('its words stay the same as time passes, so a screen reader does not read the alert again', async () => {
    const problem: ConnectionProblemView = { kind: 'server', message: MESSAGES.server, since: SINCE, failures: 3 };
    const props = { problem, checkedAt: '2026-11-25T13:40:00Z', now: TEST_NOW, retrying: false, onRetry: () => {}, onSettings: () => {} };
    const view = render(ProblemBanner, { props });
    const before = view.container.textContent;
    await view.rerender({ ...props, now: TEST_NOW + 7 * 60_000 });
    expect(view.container.textContent).toBe(before);
  });

  test('names the kind differently for the key, the network, the server and the address', () => {
    const titles = new Set(API_ERROR_KINDS.map((kind) => {
      const { banner } = mount(kind);
      const title = within(banner).getByRole('heading').textContent?.trim();
      banner.parentElement?.remove();
      return title;
    }));
    expect(titles.size).toBe(API_ERROR_KINDS.length);
  });
});
