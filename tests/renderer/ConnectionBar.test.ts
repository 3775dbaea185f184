// @vitest-environment jsdom
/**
 * The connection state above the list tells the truth about how old the accounts are: while checks
 * succeed, when Lobstr was checked and will be next; while they fail, when the last check succeeded
 * and since when they have been failing, and never "Checked" or "just now" above a failure.
 */
import { render } from '@testing-library/svelte';
import { describe, expect, test } from 'vitest';
import ConnectionBar from '../../renderer/src/components/list/ConnectionBar.svelte';
import { clockTime } from '../../main/core/views/timeFormat';
import type { SnapshotView } from '../../main/shared/ipcContract';
import { snapshotOf, TEST_NOW } from './fakeBridge';
import { SIX } from './ListViewFixtures';
import { useTestClock } from './testClock';

useTestClock();

const at = (iso: string) => clockTime(Date.parse(iso), TEST_NOW);
const SERVER_DOWN = { kind: 'server' as const, message: "Lobstr's server failed (500 Internal Server Error) (tried 4 times). Try again in a few minutes.", since: '2026-11-25T14:03:00Z', failures: 2 };

function mount(snapshot: SnapshotView, refreshing = false) {
  const props = { snapshot, now: TEST_NOW, refreshing, refreshError: null };
  const view = render(ConnectionBar, { props });
  const text = () => (view.container.textContent ?? '').replace(/\s+/g, ' ');
  return { ...view, text, props };
}

describe('while checks succeed', () => {
  test('says when Lobstr was checked and when it will be next, and nothing of a failure', () => {
    const { text } = mount(snapshotOf(SIX));
    expect(text()).toContain(`Checked ${at('2026-11-25T14:02:00Z')} (3 min ago)`);
    expect(text()).toContain(`Next check ${at('2026-11-25T14:07:00Z')} (in 2 min)`);
    expect(text()).not.toMatch(/fail|successful/i);
  });
});

describe('while checks fail', () => {
  // The accounts are from 14:02; checks have failed since 14:03, the last one seconds ago.
  const failing = () => snapshotOf(SIX, { problem: SERVER_DOWN, lastPollAt: '2026-11-25T14:04:50Z', nextPollAt: '2026-11-25T14:06:00Z' });

  test('says when the last check succeeded and since when they fail, never "Checked" or "just now"', () => {
    const { text } = mount(failing());
    expect(text()).toContain(`Last successful check ${at('2026-11-25T14:02:00Z')} (3 min ago)`);
    expect(text()).toContain(`failing since ${at('2026-11-25T14:03:00Z')} (2 min ago)`);
    expect(text()).toContain(`Next try ${at('2026-11-25T14:06:00Z')}`);
    expect(text()).not.toMatch(/Checked|just now|Next check/);
  });

  test('right after the failure began, the times stand alone: no "just now"', () => {
    const { text } = mount(
      snapshotOf(SIX, {
        snapshot: { checkedAt: '2026-11-25T14:04:30Z', accounts: SIX, warnings: [] },
        problem: { ...SERVER_DOWN, since: '2026-11-25T14:04:50Z', failures: 1 },
        lastPollAt: '2026-11-25T14:04:50Z',
      }),
    );
    expect(text()).toContain(`Last successful check ${at('2026-11-25T14:04:30Z')}`);
    expect(text()).toContain(`failing since ${at('2026-11-25T14:04:50Z')}`);
    expect(text()).not.toMatch(/Checked|just now/);
  });

  test('with no successful check ever, it says so', () => {
    const { text } = mount(snapshotOf([], { snapshot: null, problem: SERVER_DOWN, lastPollAt: '2026-11-25T14:04:50Z' }));
    expect(text()).toContain('No successful check yet');
    expect(text()).toContain(`failing since ${at('2026-11-25T14:03:00Z')}`);
    expect(text()).not.toMatch(/Checked|just now/);
  });

  test('while it tries again, the failure and the last success stay in view', () => {
    const { text } = mount(failing(), true);
    expect(text()).toContain('Checking Lobstr again…');
    expect(text()).toContain(`Last successful check ${at('2026-11-25T14:02:00Z')}`);
    expect(text()).toContain(`failing since ${at('2026-11-25T14:03:00Z')}`);
  });

  test('once a check succeeds, the failure is gone from the header', async () => {
    const { text, rerender, props } = mount(failing());
    expect(text()).toContain('failing since');
    await rerender({ ...props, snapshot: snapshotOf(SIX, { snapshot: { checkedAt: '2026-11-25T14:04:00Z', accounts: SIX, warnings: [] } }) });
    expect(text()).not.toMatch(/fail|successful/i);
    expect(text()).toContain(`Checked ${at('2026-11-25T14:04:00Z')} (1 min ago)`);
  });
});
