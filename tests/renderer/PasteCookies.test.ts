// @vitest-environment jsdom
/**
 * "Paste cookies instead": the pasted text is read by the app as the person types (its format, the
 * account's cookie names found and missing, never a value), sending is possible only when nothing
 * required is missing, and the text leaves the page once sent.
 */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, test, vi } from 'vitest';
import PasteCookies from '../../renderer/src/components/details/PasteCookies.svelte';
import type { AccountView, IpcResult, PastedCookies, PasteCheckRequest, ResyncView } from '../../main/shared/ipcContract';
import { accountView } from '../../main/core/views/rendererViews';
import { EXPIRED_LINKEDIN } from './resyncFixtures';
import { useTestClock } from './testClock';
import { fakeBridge, snapshotOf, TEST_NOW } from './fakeBridge';

useTestClock();

const EXPIRED = EXPIRED_LINKEDIN;
const account: AccountView = accountView(EXPIRED, TEST_NOW, { status429NeedsResync: true, timeZone: 'UTC' });
const SECRET = 'AQEDAR-secret-value';

/** Reads a Cookie header as the app does for this account (names only). */
async function checkHeader({ text }: PasteCheckRequest): Promise<IpcResult<PastedCookies>> {
  const names = text.split(';').map((pair) => pair.split('=')[0]!.trim()).filter(Boolean);
  const required = ['li_at', 'JSESSIONID'];
  const found = required.filter((name) => names.includes(name));
  const missing = required.filter((name) => !names.includes(name));
  return {
    ok: true,
    value: {
      format: names.length > 0 ? 'Cookie header' : null,
      found,
      missing,
      problem: names.length === 0 ? 'Paste the cookies first.' : missing.length > 0 ? `${missing.join(', ')} is missing: export the cookies again while logged in to the platform.` : null,
    },
  };
}

function renderPaste(overrides: Parameters<typeof fakeBridge>[1] = {}) {
  const checks = vi.fn(checkHeader);
  const bridge = fakeBridge(snapshotOf([EXPIRED]), { checkPastedCookies: checks, ...overrides });
  const started: ResyncView[] = [];
  render(PasteCookies, { props: { account, bridge, onstarted: (view: ResyncView) => started.push(view) } });
  return { bridge, started, checks };
}

const textOf = (element: Element) => element.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function paste(text: string): Promise<HTMLTextAreaElement> {
  const field = screen.getByRole('textbox', { name: /Cookies for LinkedIn/ }) as HTMLTextAreaElement;
  await fireEvent.input(field, { target: { value: text } });
  return field;
}

describe('paste cookies instead', () => {
  test('a disclosure under the primary action, closed until opened, naming the three formats', async () => {
    renderPaste();
    const summary = screen.getByText('Paste cookies instead');
    const disclosure = summary.closest('details') as HTMLDetailsElement;
    expect(disclosure.open).toBe(false);
    expect(textOf(disclosure)).toMatch(/Cookie-Editor JSON export.*cookies\.txt.*Cookie header/);
  });

  test('says what it read as the person pastes: the format, the names found and missing; send only when none is missing', async () => {
    const { checks } = renderPaste();
    const send = screen.getByRole('button', { name: 'Send these cookies to Lobstr' }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);

    await paste(`li_at=${SECRET}`);
    const report = await screen.findByRole('region', { name: 'What was read' });
    await vi.waitFor(() => expect(textOf(report)).toContain('Read as a Cookie header'));
    expect(within(report).getByRole('list', { name: 'Found' }).textContent).toContain('li_at');
    expect(within(report).getByRole('list', { name: 'Missing' }).textContent).toContain('JSESSIONID');
    expect(textOf(report)).toContain('JSESSIONID is missing');
    expect(send.disabled).toBe(true);
    // Read by the app once the typing paused, not at every key.
    expect(checks.mock.calls).toEqual([[{ accountId: account.id, text: `li_at=${SECRET}` }]]);

    await paste(`li_at=${SECRET}; JSESSIONID="ajax:123"`);
    await vi.waitFor(() => expect(within(report).queryByRole('list', { name: 'Missing' })).toBeNull());
    expect(within(report).getByRole('list', { name: 'Found' }).textContent).toMatch(/li_at.*JSESSIONID/);
    await vi.waitFor(() => expect(send.disabled).toBe(false));
    // No value is shown anywhere but in the field itself.
    expect(document.body.textContent).not.toContain(SECRET);
  });

  test('typing quickly asks the app once, for the last text', async () => {
    const { checks } = renderPaste();
    await paste('l');
    await paste('li');
    await paste('li_at=x');
    await screen.findByText('Read as a Cookie header', { exact: false });
    expect(checks.mock.calls).toEqual([[{ accountId: account.id, text: 'li_at=x' }]]);
  });

  test('sending starts the re-sync with the text, then clears the field', async () => {
    const { bridge, started } = renderPaste();
    const text = `li_at=${SECRET}; JSESSIONID=abc`;
    const field = await paste(text);
    const send = screen.getByRole('button', { name: 'Send these cookies to Lobstr' }) as HTMLButtonElement;
    await vi.waitFor(() => expect(send.disabled).toBe(false));
    await fireEvent.click(send);
    expect(bridge.calls).toContainEqual(['startResync', { accountId: account.id, via: 'paste', text }]);
    await vi.waitFor(() => expect(field.value).toBe(''));
    expect(started.map((view) => view.step)).toEqual(['waiting_for_login']);
  });

  test('a refusal to start says why and keeps the text to fix', async () => {
    renderPaste({ startResync: async () => ({ ok: false, error: { kind: 'invalid_request', message: 'JSESSIONID is missing: export the cookies again while logged in to the platform.' } }) });
    const field = await paste('li_at=a; JSESSIONID=b');
    const send = screen.getByRole('button', { name: 'Send these cookies to Lobstr' }) as HTMLButtonElement;
    await vi.waitFor(() => expect(send.disabled).toBe(false));
    await fireEvent.click(send);
    expect(textOf(await screen.findByRole('alert'))).toBe('JSESSIONID is missing: export the cookies again while logged in to the platform.');
    expect(field.value).toBe('li_at=a; JSESSIONID=b');
  });
});
