/**
 * The `npm run sim` command, as a function: parses the arguments, starts the simulator and prints how
 * to reach it. Kept apart from cli.ts (which only wires it to the process) so tests run it in-process.
 */
import { parseArgs } from 'node:util';
import { MAX_ACCOUNTS, startSimulator, type RunningSimulator, type SimulatorOptions } from './server.js';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** Either the command is over (usage shown, or it failed), or the simulator runs until closed. */
export type CliOutcome = { exitCode: number } | { simulator: RunningSimulator };

/** sysexits.h EX_USAGE. */
export const EXIT_USAGE = 64;
export const DEFAULT_CLI_PORT = 8787;

export const USAGE = `Usage: npm run sim -- [options]
Starts a local Lobstr accounts API on 127.0.0.1 (for the demo mode, tests and benchmarks):
GET /v1/accounts[/{hash}], GET /v1/account_types, POST /v1/accounts/cookies, GET /v1/synchronize/{id},
POST /v1/accounts (limits), DELETE /v1/accounts/{hash};
steer it through /__sim/ (accounts, faults, sync plans, requests).
  --port N             port to listen on (default ${DEFAULT_CLI_PORT}; 0 picks a free one)
  --accounts N         how many accounts to generate (default 25)
  --seed N             the same seed gives the same accounts (default 1)
  --token T            the API key clients must send (default demo)
  --scenario S         static (default) or demo: accounts expire and recover over the first minutes
  --error-shape X      error bodies in shape A {"detail"}, B {"errors":{...}} (default) or C {"error"}
  -h, --help           show this help`;

class UsageError extends Error {}

function wholeNumber(name: string, raw: string, min: number, max: number): number {
  const n = /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return n;
}

function optionsFrom(argv: readonly string[]): SimulatorOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        accounts: { type: 'string' },
        seed: { type: 'string' },
        token: { type: 'string' },
        scenario: { type: 'string' },
        'error-shape': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    // parseArgs explains itself ("Unknown option '--prot'..."); keep its first sentence.
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments');
  }
  if (values.help) return 'help';
  const options: SimulatorOptions = {
    port: values.port === undefined ? DEFAULT_CLI_PORT : wholeNumber('port', values.port, 0, 65_535),
    accounts: values.accounts === undefined ? 25 : wholeNumber('accounts', values.accounts, 0, MAX_ACCOUNTS),
    seed: values.seed === undefined ? 1 : wholeNumber('seed', values.seed, -(2 ** 31), 2 ** 32 - 1),
    token: values.token ?? 'demo',
  };
  if (options.token === '' || /\s/.test(options.token ?? '')) throw new UsageError('--token must be non-empty, without spaces');
  const scenario = values.scenario ?? 'static';
  if (scenario !== 'static' && scenario !== 'demo') throw new UsageError(`--scenario must be static or demo (got "${scenario}")`);
  options.scenario = scenario;
  const shape = (values['error-shape'] ?? 'B').toUpperCase();
  if (shape !== 'A' && shape !== 'B' && shape !== 'C') throw new UsageError(`--error-shape must be A, B or C (got "${values['error-shape']}")`);
  options.errorShape = shape;
  return options;
}

function listenFailure(error: NodeJS.ErrnoException, port: number): string {
  if (error.code === 'EADDRINUSE') {
    return `simulator: port ${port} on 127.0.0.1 is already in use; pick another with --port (0 picks a free one)`;
  }
  if (error.code === 'EACCES') return `simulator: not allowed to listen on port ${port}; pick a port above 1023 with --port`;
  return `simulator: cannot start: ${error.message}`;
}

export async function runSimulatorCli(argv: readonly string[], io: CliIo): Promise<CliOutcome> {
  let options: SimulatorOptions | 'help';
  try {
    options = optionsFrom(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`simulator: ${error.message} (see --help)`);
    return { exitCode: EXIT_USAGE };
  }
  if (options === 'help') {
    io.out(USAGE);
    return { exitCode: 0 };
  }
  let simulator: RunningSimulator;
  try {
    simulator = await startSimulator({ ...options, host: '127.0.0.1' });
  } catch (error) {
    io.err(listenFailure(error as NodeJS.ErrnoException, options.port ?? DEFAULT_CLI_PORT));
    return { exitCode: 1 };
  }
  io.out(
    `Lobstr API simulator: ${options.accounts} accounts (seed ${options.seed}, ${options.scenario} scenario, error shape ${options.errorShape})`,
  );
  io.out(`Base URL: ${simulator.baseUrl}`);
  io.out(`Token:    ${simulator.token}`);
  io.out(`Try:      curl -H 'Authorization: Token ${simulator.token}' ${simulator.baseUrl}/accounts`);
  io.out(`Control:  ${simulator.origin}/__sim/ (accounts, faults, sync, requests; GET it for the list). Ctrl-C stops.`);
  return { simulator };
}
