/**
 * The alert rules as a property: over 1,000 polls with random health changes, accounts leaving and
 * coming back, failed polls, snooze windows and restarts, every account that starts needing re-sync
 * is announced exactly once (when not snoozed and the kind is on), every recovery likewise, the key
 * rejection once per run of auth failures, nothing else, and nothing at all while snoozed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountHealth, type AssessedAccount, type Health } from '../../main/core/health/accountHealth.js';
import type { Account } from '../../main/core/lobstr/account.js';
import type { ApiErrorKind } from '../../main/core/lobstr/apiErrors.js';
import type { NotificationKinds, Snooze } from '../../main/core/appModel.js';
import { EMPTY_LEDGER, GONE_MEMORY_MS, GROUP_THRESHOLD, planAlerts, type AlertLedger } from '../../main/core/monitor/alertPlanner.js';
import { isSnoozed } from '../../main/core/monitor/snooze.js';
import { ATTENTION, EXPIRED, HEALTHY, MINUTE, T0, makeAccount, settingsWith } from './monitorFakes.js';

type State = Health | 'gone';

type Step =
  | { type: 'poll'; changes: Array<{ index: number; state: State }> }
  | { type: 'fail'; kind: ApiErrorKind }
  | { type: 'snooze'; minutes: number | null }
  | { type: 'resume' }
  | { type: 'restart' };

const FAILURE_KINDS: ApiErrorKind[] = ['auth', 'network', 'timeout', 'server', 'invalid_response', 'rate_limited'];
const STATES: State[] = ['ok', 'needs_resync', 'locked', 'attention', 'gone'];

function stepArb(accounts: number): fc.Arbitrary<Step> {
  return fc.oneof(
    {
      weight: 12,
      arbitrary: fc.record({
        type: fc.constant('poll' as const),
        changes: fc.array(fc.record({ index: fc.nat(accounts - 1), state: fc.constantFrom(...STATES) }), { maxLength: 4 }),
      }),
    },
    { weight: 3, arbitrary: fc.record({ type: fc.constant('fail' as const), kind: fc.constantFrom(...FAILURE_KINDS) }) },
    {
      weight: 1,
      arbitrary: fc.record({ type: fc.constant('snooze' as const), minutes: fc.option(fc.integer({ min: 1, max: 600 }), { nil: null }) }),
    },
    { weight: 1, arbitrary: fc.constant({ type: 'resume' as const }) },
    { weight: 1, arbitrary: fc.constant({ type: 'restart' as const }) },
  );
}

const runArb = fc.integer({ min: 1, max: 8 }).chain((accounts) =>
  fc.record({
    accounts: fc.constant(accounts),
    kinds: fc.record({ needsResync: fc.boolean(), recovered: fc.boolean(), keyRejected: fc.boolean() }),
    steps: fc.array(fc.tuple(stepArb(accounts), fc.integer({ min: 1, max: 240 })), { minLength: 1000, maxLength: 1000 }),
  }),
);

function accountIn(base: Account, state: Health, nowMs: number): Account {
  switch (state) {
    case 'ok':
      return { ...base, ...HEALTHY };
    case 'needs_resync':
      return { ...base, ...EXPIRED };
    case 'locked':
      return { ...base, ...HEALTHY, lock_time: Math.floor(nowMs / 1000) + 86_400 };
    case 'attention':
      return { ...base, ...ATTENTION };
  }
}

const sorted = (ids: Iterable<string>) => [...ids].sort();

/** expect(...).toEqual at the speed of a string comparison: 60,000 polls make the difference. */
function check(actual: unknown, expected: unknown): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) expect(actual).toEqual(expected);
}

describe('alert rules over 1,000 polls (property)', () => {
  it('announce each start of re-sync and each recovery exactly once, nothing else, nothing while snoozed', () => {
    const totals = { announced: 0, recovered: 0, keyRejected: 0, quietPolls: 0 };
    fc.assert(
      fc.property(runArb, ({ accounts: count, kinds, steps }) => {
        const bases = Array.from({ length: count }, (_, i) => makeAccount({ username: `acct${i}` }));
        const states: State[] = bases.map(() => 'ok');
        let now = T0;
        let snooze: Snooze | null = null;
        let ledger: AlertLedger = EMPTY_LEDGER;
        // The model: the last health each account was seen with, and when it left the list.
        const seen = new Map<string, { health: Health; goneAt: number | null }>();
        let keyRejectedSaid = false;

        for (const [step, minutes] of steps) {
          now += minutes * MINUTE;
          const settings = settingsWith({ notifications: kinds as NotificationKinds, snooze });
          const quiet = isSnoozed(snooze, now);

          if (step.type === 'snooze') {
            snooze = { until: step.minutes === null ? null : new Date(now + step.minutes * MINUTE).toISOString() };
            continue;
          }
          if (step.type === 'resume') {
            snooze = null;
            continue;
          }
          if (step.type === 'restart') {
            ledger = JSON.parse(JSON.stringify(ledger)) as AlertLedger;
            continue;
          }

          if (step.type === 'fail') {
            const problem = { kind: step.kind, message: 'x', since: new Date(now).toISOString(), failures: 1 };
            const plan = planAlerts({ accounts: null, problem, ledger, settings, nowMs: now });
            ledger = plan.ledger;
            const expectKey = step.kind === 'auth' && !keyRejectedSaid && kinds.keyRejected && !quiet;
            if (step.kind === 'auth') keyRejectedSaid = true;
            check(plan.notifications.map((n) => n.kind), expectKey ? ['key_rejected'] : []);
            totals.keyRejected += plan.notifications.length;
            continue;
          }

          for (const change of step.changes) states[change.index] = change.state;
          const present: AssessedAccount[] = [];
          bases.forEach((base, i) => {
            const state = states[i]!;
            if (state === 'gone') return;
            const account = accountIn(base, state, now);
            // accountHealth words a lock with Intl formatting, slow over 60,000 polls; the words do not matter here.
            const assessed = state === 'locked' ? { health: 'locked' as const, reason: 'locked' } : accountHealth(account, now);
            present.push({ account, ...assessed });
          });

          const starting = present.filter((a) => a.health === 'needs_resync' && seen.get(a.account.id)?.health !== 'needs_resync');
          const recovering = present.filter((a) => a.health === 'ok' && seen.get(a.account.id)?.health === 'needs_resync');
          const plan = planAlerts({ accounts: present, problem: null, ledger, settings, nowMs: now });
          ledger = plan.ledger;
          plan.shown.needsResync.sort();
          plan.shown.recovered.sort();

          const wantStart = kinds.needsResync && !quiet ? sorted(starting.map((a) => a.account.id)) : [];
          const wantRecovered = kinds.recovered && !quiet ? sorted(recovering.map((a) => a.account.id)) : [];
          // What the notifications say: one each, or one group from three on; nothing else.
          const said = (kind: string, groupKind: string, ids: string[], words: string) =>
            ids.length >= GROUP_THRESHOLD ? [`${groupKind} ${ids.length} accounts ${words}`] : ids.map((id) => `${kind} ${id}`);
          check(
            {
              shown: plan.shown,
              notifications: plan.notifications.map((n) => `${n.kind} ${n.accountId ?? n.title}`).sort(),
            },
            {
              shown: { needsResync: wantStart, reminders: [], recovered: wantRecovered, keyRejected: false },
              notifications: [
                ...said('needs_resync', 'needs_resync_group', wantStart, 'need cookie re-sync'),
                ...said('recovered', 'recovered', wantRecovered, 'are synchronized again'),
              ].sort(),
            },
          );
          totals.announced += wantStart.length;
          totals.recovered += wantRecovered.length;
          if (quiet) totals.quietPolls += 1;

          // Update the model: present accounts as seen now; gone ones remembered for a day.
          keyRejectedSaid = false;
          const presentIds = new Set(present.map((a) => a.account.id));
          for (const a of present) seen.set(a.account.id, { health: a.health, goneAt: null });
          for (const [id, memory] of seen) {
            if (presentIds.has(id)) continue;
            const goneAt = memory.goneAt ?? now;
            if (now - goneAt >= GONE_MEMORY_MS) seen.delete(id);
            else seen.set(id, { ...memory, goneAt });
          }
        }
      }),
      { numRuns: 60 },
    );
    // The runs did exercise every rule.
    expect(totals.announced).toBeGreaterThan(1000);
    expect(totals.recovered).toBeGreaterThan(100);
    expect(totals.keyRejected).toBeGreaterThan(10);
    expect(totals.quietPolls).toBeGreaterThan(1000);
  });
});
