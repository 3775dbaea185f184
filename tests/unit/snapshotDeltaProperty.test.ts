/**
 * The window's list after any sequence of pushes is the list a whole snapshot would give: the real
 * monitor judges random polls (health changes, renames that move an account in the order, edits
 * that do not, accounts leaving and coming back, new platforms with their icons, failed polls, the
 * health rules changing, the source forgotten), the main process's pushes (snapshotPushes.ts) send
 * what changed, and the window's own code (heldSnapshot.ts) applies it. Sometimes the page reloads
 * and asks for the whole snapshot again. After every step the window holds exactly snapshotView().
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Account } from '../../main/core/lobstr/account.js';
import { applySnapshotPush, type HeldSnapshot } from '../../main/core/views/heldSnapshot.js';
import { snapshotView, type ViewContext } from '../../main/core/views/rendererViews.js';
import { createSnapshotPushes } from '../../main/core/views/snapshotPushes.js';
import type { SnapshotPush } from '../../main/core/views/windowViews.js';
import { EXPIRED, FakeLobstr, HEALTHY, apiError, makeAccount, monitorHarness } from './monitorFakes.js';

type Change =
  | { type: 'health'; index: number; state: 'ok' | 'needs_resync' | 'attention' | 'too_many' }
  | { type: 'rename'; index: number; name: string }
  | { type: 'edit'; index: number; value: number }
  | { type: 'leave'; index: number }
  | { type: 'join'; platform: number };

type Step =
  | { type: 'poll'; changes: Change[] }
  | { type: 'fail' }
  | { type: 'rules'; status429NeedsResync: boolean }
  | { type: 'reload' }
  | { type: 'forget' };

const PLATFORMS = ['twitter-sync', 'linkedin-sync', 'sales-nav-sync', 'facebook-sync'];
const NAMES = ['adam', 'Zoe', 'émile', 'bob', 'Chloé Petit', 'zed', 'ada', 'maya_builds'];

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ type: fc.constant('health' as const), index: fc.nat(40), state: fc.constantFrom('ok' as const, 'needs_resync' as const, 'attention' as const, 'too_many' as const) }),
  fc.record({ type: fc.constant('rename' as const), index: fc.nat(40), name: fc.constantFrom(...NAMES) }),
  fc.record({ type: fc.constant('edit' as const), index: fc.nat(40), value: fc.nat(5) }),
  fc.record({ type: fc.constant('leave' as const), index: fc.nat(40) }),
  fc.record({ type: fc.constant('join' as const), platform: fc.nat(PLATFORMS.length - 1) }),
);

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ type: fc.constant('poll' as const), changes: fc.array(change, { maxLength: 6 }) }) },
  { weight: 1, arbitrary: fc.constant({ type: 'fail' as const }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('rules' as const), status429NeedsResync: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ type: 'reload' as const }) },
  { weight: 1, arbitrary: fc.constant({ type: 'forget' as const }) },
);

function applyChange(api: FakeLobstr, c: Change): void {
  const target = api.accounts.length > 0 ? api.accounts[c.type === 'join' ? 0 : c.index % api.accounts.length] : undefined;
  switch (c.type) {
    case 'health':
      if (!target) return;
      api.set(target.id, c.state === 'ok' ? HEALTHY : c.state === 'needs_resync' ? EXPIRED : c.state === 'too_many' ? { status: '429', status_code_info: 'synchronized' } : { status: '500', status_code_info: 'account_blocked' });
      return;
    case 'rename':
      if (target) api.set(target.id, { username: c.name });
      return;
    case 'edit':
      if (target) api.set(target.id, { params: { daily_limit: c.value } });
      return;
    case 'leave':
      if (target) api.accounts = api.accounts.filter((a) => a.id !== target.id);
      return;
    case 'join': {
      const type = PLATFORMS[c.platform]!;
      api.accounts = [...api.accounts, makeAccount({ type, icon: `icon-of-${type}` })];
      return;
    }
  }
}

describe('the window list, pushed as deltas', () => {
  it('after any sequence of pushes equals the list a whole snapshot gives', async () => {
    /** Deltas that carried accounts, over every run: the property is about them, not about whole lists. */
    let deltasWithAccounts = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const accounts: Account[] = Array.from({ length: 12 }, (_, i) =>
          makeAccount({ type: PLATFORMS[i % 2]!, icon: `icon-of-${PLATFORMS[i % 2]!}`, username: NAMES[i % NAMES.length]! }),
        );
        const h = monitorHarness({ accounts });
        const context = (): ViewContext => ({ nowMs: h.clock.now(), demo: false, rules: { status429NeedsResync: h.settings.status429NeedsResync } });
        const sent: SnapshotPush[] = [];
        const page = { send: (push: SnapshotPush) => void sent.push(structuredClone(push)) };
        const pushes = createSnapshotPushes(() => page, h.monitor, context);
        let held: HeldSnapshot | null = null;
        const window = (): void => {
          for (const push of sent.splice(0)) {
            if (push.kind === 'delta' && push.changes.upserted.length + push.changes.removed.length > 0) deltasWithAccounts++;
            held = applySnapshotPush(held, push) ?? applySnapshotPush(null, structuredClone(pushes.full()));
          }
        };

        h.monitor.start();
        await h.monitor.refreshNow();
        held = applySnapshotPush(null, structuredClone(pushes.full()));
        for (const s of steps) {
          if (s.type === 'poll') {
            for (const c of s.changes) applyChange(h.api, c);
            await h.monitor.refreshNow();
          } else if (s.type === 'fail') {
            h.api.failures.push(apiError('server'));
            await h.monitor.refreshNow();
          } else if (s.type === 'rules') {
            h.settings = { ...h.settings, status429NeedsResync: s.status429NeedsResync };
            h.monitor.settingsChanged();
            await h.monitor.refreshNow();
          } else if (s.type === 'forget') {
            h.monitor.reconfigure({ forgetAccounts: true });
            pushes.changed();
            window();
            await h.monitor.refreshNow();
          } else {
            // The page reloads: it drops what it held and asks for the whole snapshot.
            held = applySnapshotPush(null, structuredClone(pushes.full()));
          }
          pushes.changed();
          window();
          const whole = snapshotView(h.monitor.status(), context());
          const { icons, ...shown } = held!.snapshot;
          // Polling and the next poll's time are not pushed on their own (at most one push per poll).
          expect(shown).toEqual({ ...whole, icons: undefined, polling: shown.polling, nextPollAt: shown.nextPollAt });
          // Every icon the list needs, as the whole snapshot has it; an icon of a platform no longer
          // listed may stay in the window's table (never shown, never sent again).
          for (const [type, icon] of Object.entries(whole.icons)) expect(icons[type]).toBe(icon);
        }
        await h.monitor.stop();
      }),
      { numRuns: 150 },
    );
    expect(deltasWithAccounts).toBeGreaterThan(100);
  });
});
