import { describe, expect, it } from 'vitest';
import { accountHealth, type AssessedAccount } from '../../main/core/health/accountHealth.js';
import type { Account } from '../../main/core/lobstr/account.js';
import type { ConnectionProblem, MonitorEvent } from '../../main/core/appModel.js';
import { accountTransitions, connectionTransition } from '../../main/core/monitor/transitions.js';
import { ATTENTION, EXPIRED, HEALTHY, T0, makeAccount } from './monitorFakes.js';

const assess = (accounts: Account[]): AssessedAccount[] =>
  accounts.map((account) => ({ account, ...accountHealth(account, T0) }));

const summary = (events: MonitorEvent[]) =>
  events.map((e) => {
    switch (e.type) {
      case 'account_added':
        return `added ${e.account.username} ${e.health}`;
      case 'account_removed':
        return `removed ${e.account.username} (was ${e.previous})`;
      case 'health_changed':
        return `${e.account.username} ${e.from} -> ${e.to}`;
      case 'connection_error':
        return `error ${e.problem.kind}${e.previous ? ` (was ${e.previous.kind})` : ''}`;
      case 'connection_restored':
        return `restored (was ${e.previous.kind})`;
    }
  });

describe('accountTransitions', () => {
  const maya = makeAccount({ username: 'maya' });
  const ben = makeAccount({ username: 'ben' });
  const li = makeAccount({ username: 'li' });

  it('reports every account as added on the very first poll, with its health', () => {
    const events = accountTransitions(null, assess([maya, { ...ben, ...EXPIRED }]));
    expect(summary(events)).toEqual(['added maya ok', 'added ben needs_resync']);
    expect(events[1]).toMatchObject({ type: 'account_added', reason: 'cookies expired' });
  });

  it('reports nothing when nothing changed health', () => {
    expect(accountTransitions(assess([maya, ben]), assess([maya, ben]))).toEqual([]);
  });

  it('ignores a changed reason within the same health', () => {
    const before = assess([{ ...maya, status: '401', status_code_info: 'synchronized' }]);
    const after = assess([{ ...maya, status: '200', status_code_info: 'cookies_expired' }]);
    expect(before[0]!.reason).not.toBe(after[0]!.reason);
    expect(accountTransitions(before, after)).toEqual([]);
  });

  it('reports removals first, then additions and health changes in list order', () => {
    const before = assess([maya, ben]);
    const after = assess([li, { ...maya, ...EXPIRED }]);
    expect(summary(accountTransitions(before, after))).toEqual(['removed ben (was ok)', 'added li ok', 'maya ok -> needs_resync']);
  });

  it('carries the new reason and the account as it is now', () => {
    const [event] = accountTransitions(assess([maya]), assess([{ ...maya, ...EXPIRED, username: 'maya2' }]));
    expect(event).toMatchObject({ type: 'health_changed', from: 'ok', to: 'needs_resync', reason: 'cookies expired' });
    expect(event?.type === 'health_changed' && event.account.username).toBe('maya2');
  });
});

describe('connectionTransition', () => {
  const problem = (kind: ConnectionProblem['kind'], failures = 1): ConnectionProblem => ({
    kind,
    message: `${kind} trouble`,
    since: new Date(T0).toISOString(),
    failures,
  });

  it('reports a problem starting, changing kind and ending', () => {
    expect(summary(connectionTransition(null, problem('network')))).toEqual(['error network']);
    expect(summary(connectionTransition(problem('network'), problem('auth')))).toEqual(['error auth (was network)']);
    expect(summary(connectionTransition(problem('auth', 4), null))).toEqual(['restored (was auth)']);
  });

  it('says nothing while all is well or the same problem continues', () => {
    expect(connectionTransition(null, null)).toEqual([]);
    expect(connectionTransition(problem('server', 1), problem('server', 2))).toEqual([]);
  });
});
