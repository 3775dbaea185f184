import { describe, expect, test } from 'vitest';
import { generateAccounts, isoSeconds } from '../../main/simulator/accountFactory.js';
import { AccountStore, type StoredAccount } from '../../main/simulator/accountStore.js';
import {
  applyDemoStep,
  castDemo,
  DEMO_CYCLE_MS,
  DEMO_TIMELINE,
  demoStepTime,
  startDemoScenario,
} from '../../main/simulator/demoScenario.js';
import { apiGet, controlRequest, simulator } from '../helpers/simulatorHarness.js';

const NOW = Date.UTC(2026, 10, 20, 9, 0, 0);

const needsResync = (a: StoredAccount): boolean =>
  a.status_code_info === 'cookies_expired' || a.status === '401' || a.status === '429';

function store(count = 25): AccountStore {
  return new AccountStore(generateAccounts(count, 1, NOW));
}

describe('demo timeline', () => {
  test('expires two accounts and recovers them within one cycle, then repeats', () => {
    const times = DEMO_TIMELINE.map((s) => s.atMs);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(times.at(-1)!).toBeLessThan(DEMO_CYCLE_MS);
    expect(demoStepTime(0)).toBe(20_000);
    expect(demoStepTime(DEMO_TIMELINE.length)).toBe(DEMO_CYCLE_MS + 20_000);
  });

  test('applying the steps: more red, then green, then red again next cycle', () => {
    const accounts = store();
    const cast = castDemo(accounts);
    const stale = cast.initiallyStale.length;
    expect(stale).toBeGreaterThan(0);
    expect(accounts.all().filter(needsResync)).toHaveLength(stale);
    expect(cast.targets).toHaveLength(2);
    expect(accounts.get(cast.targets[0]!)!.type).not.toBe(accounts.get(cast.targets[1]!)!.type);

    const red: number[] = [];
    for (let step = 0; step <= DEMO_TIMELINE.length; step++) {
      applyDemoStep(accounts, cast, step, NOW + demoStepTime(step));
      red.push(accounts.all().filter(needsResync).length);
    }
    expect(red).toEqual([stale + 1, stale + 2, 1, 0, 1]);
    const target = accounts.get(cast.targets[1]!)!;
    expect(target).toMatchObject({ status: '200', status_code_info: 'synchronized', status_code_description: 'Success!' });
    expect(target.last_synchronization_time).toBe(isoSeconds(NOW + demoStepTime(3)));
    expect(accounts.get(cast.initiallyStale[0]!)!.last_synchronization_time).toBe(isoSeconds(NOW + demoStepTime(2)));
  });

  test('the second step makes its account answer status "401"', () => {
    const accounts = store();
    const cast = castDemo(accounts);
    expect(applyDemoStep(accounts, cast, 1, NOW)).toEqual({ step: 1, change: 'status_401', accounts: [cast.targets[1]] });
    expect(accounts.get(cast.targets[1]!)!.status).toBe('401');
  });

  test('a step whose account was deleted does nothing', () => {
    const accounts = store();
    const cast = castDemo(accounts);
    accounts.remove(cast.targets[0]!);
    expect(applyDemoStep(accounts, cast, 0, NOW)).toBeNull();
    const empty = store(0);
    expect(applyDemoStep(empty, castDemo(empty), 2, NOW)).toBeNull();
  });

  test('a started scenario can be stepped ahead and stopped', () => {
    const accounts = store();
    const run = startDemoScenario(accounts, () => NOW);
    try {
      expect(run.applyNext()).toMatchObject({ step: 0, change: 'cookies_expired' });
      expect(run.stepsApplied).toBe(1);
    } finally {
      run.stop();
    }
    expect(run.applyNext()).toBeNull();
  });
});

describe('simulator in the demo scenario', () => {
  test('its timeline, stepped through the control API, turns the list green and red again', async () => {
    const s = await simulator({ scenario: 'demo', accounts: 25 });
    const red = async (): Promise<number> => {
      const list = (await (await apiGet(s, '/accounts')).json()) as { data: StoredAccount[] };
      return list.data.filter(needsResync).length;
    };
    const demo = (await (await controlRequest(s, 'GET', '/demo')).json()) as { running: boolean; targets: string[] };
    expect(demo.running).toBe(true);
    expect(demo.targets).toHaveLength(2);

    const seen = [await red()];
    for (let i = 0; i <= DEMO_TIMELINE.length; i++) {
      const step = await controlRequest(s, 'POST', '/demo/step');
      expect(step.status).toBe(200);
      seen.push(await red());
    }
    expect(seen[0]).toBeGreaterThan(0);
    expect(seen.slice(3)).toEqual([1, 0, 1]);
    const detail = (await (await apiGet(s, `/accounts/${demo.targets[0]}`)).json()) as {
      data: StoredAccount[];
    };
    expect(detail.data[0]!.status_code_info).toBe('cookies_expired');
  });

  test('the static scenario has no timeline to step', async () => {
    const s = await simulator();
    expect((await controlRequest(s, 'POST', '/demo/step')).status).toBe(409);
    expect(await (await controlRequest(s, 'GET', '/demo')).json()).toMatchObject({ running: false });
  });
});
