/** The built-in simulator in its demo scenario, for `--demo`: realistic accounts, no key needed. */
import { randomBytes } from 'node:crypto';
import { startSimulator, type RunningSimulator } from './server.js';

export const DEMO_ACCOUNTS = 25;
export const DEMO_SEED = 1;

export function startDemoSession(): Promise<RunningSimulator> {
  // A throwaway token: the simulator is on loopback, but nothing should accept a guessable key.
  return startSimulator({
    port: 0,
    accounts: DEMO_ACCOUNTS,
    seed: DEMO_SEED,
    token: randomBytes(16).toString('hex'),
    scenario: 'demo',
  });
}
