/**
 * What every command that talks to Lobstr shares: the options that say where (`--api-base`, or
 * `--demo` for the built-in simulator), the key (only ever from LOBSTR_API_KEY), bad usage and
 * `--help`, and a client for the session, with the key redacted from all output.
 */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { createLobstrClient, type LobstrClient } from '../core/lobstr/apiClient.js';
import { DEFAULT_API_BASE, normaliseApiBase } from '../core/lobstr/baseUrl.js';
import { userAgent } from '../core/version.js';
import type { RunningSimulator } from '../simulator/server.js';
import { EXIT, UsageError, redactingIo, type CliIo } from './cliIo.js';
import { startDemoSession } from '../simulator/demoSession.js';
import { nodeHttpFetch } from './nodeHttpFetch.js';

const CONNECTION_OPTIONS = {
  'api-base': { type: 'string' },
  demo: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsOptionsConfig;

/** Where a command's requests go and with which key. */
export interface Connection {
  apiBase: string;
  apiKey: string;
  demo: boolean;
}

/**
 * Parses a command's arguments: the connection options and `--help`, plus its own. No positionals.
 * Anything unknown or malformed is a UsageError.
 */
export function parseCommandArgs<Own extends ParseArgsOptionsConfig>(argv: string[], own: Own) {
  return parseCommandLine(argv, own, false).values;
}

/** parseCommandArgs, with the positionals too where `allowPositionals` (resync's account id). */
export function parseCommandLine<Own extends ParseArgsOptionsConfig>(argv: string[], own: Own, allowPositionals: boolean) {
  try {
    return parseArgs({ args: argv, allowPositionals, strict: true, options: { ...CONNECTION_OPTIONS, ...own } });
  } catch (e) {
    const message = (e as Error).message;
    // Someone trying to pass the key as an option gets told why it is refused.
    if (/--(api-)?key|--token/.test(message)) {
      throw new UsageError(
        'the API key is never taken from the command line (other users could read it in the process list); set LOBSTR_API_KEY instead',
      );
    }
    throw new UsageError(message.split('\n')[0]!);
  }
}

/** The connection the parsed options and the environment ask for; a UsageError when they do not add up. */
export function connectionFrom(values: { 'api-base'?: string | undefined; demo?: boolean | undefined }, env: CliIo['env']): Connection {
  const demo = values.demo ?? false;
  if (demo && values['api-base'] !== undefined) {
    throw new UsageError('--demo runs its own simulator: leave out --api-base');
  }
  const apiKey = (env.LOBSTR_API_KEY ?? '').trim();
  if (!demo && !apiKey) {
    throw new UsageError(
      'LOBSTR_API_KEY is not set. Copy your key from the API page of the Lobstr dashboard into it, or try --demo',
    );
  }
  let apiBase = DEFAULT_API_BASE;
  if (!demo) {
    try {
      apiBase = normaliseApiBase(values['api-base'] ?? env.LOBSTR_API_BASE ?? DEFAULT_API_BASE);
    } catch (e) {
      throw new UsageError(`--api-base: ${(e as Error).message}`);
    }
  }
  return { apiBase, apiKey, demo };
}

/**
 * Runs a command's parser: on bad usage, one line on stderr (and whatever `onUsageError` adds) and
 * exit 64; on `--help`, the help and exit 0. Otherwise the options, for the command to run with.
 */
export function optionsOrExitCode<Options extends object>(
  io: CliIo,
  parse: (io: CliIo) => Options | 'help',
  help: string,
  onUsageError?: (message: string) => void,
): Options | number {
  let options: Options | 'help';
  try {
    options = parse(io);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`lobstr-tray: ${e.message}\n`);
    onUsageError?.(e.message);
    return EXIT.usage;
  }
  if (options === 'help') {
    io.stdout.write(help);
    return EXIT.ok;
  }
  return options;
}

export interface LobstrSession {
  /** The command's streams, with the key redacted. */
  io: CliIo;
  client: LobstrClient;
  /** The built-in simulator for `--demo`, else null. */
  demo: RunningSimulator | null;
}

/** Runs `work` with a client for the connection, starting the demo simulator first and closing it after. */
export async function withLobstrSession<T>(
  rawIo: CliIo,
  connection: Connection,
  client: { timeoutMs?: number },
  work: (session: LobstrSession) => Promise<T>,
): Promise<T> {
  const io = redactingIo(rawIo, [connection.apiKey]);
  const demo = connection.demo ? await startDemoSession() : null;
  try {
    return await work({
      io,
      demo,
      client: createLobstrClient({
        apiKey: demo?.token ?? connection.apiKey,
        baseUrl: demo?.baseUrl ?? connection.apiBase,
        timeoutMs: client.timeoutMs,
        userAgent: userAgent('cli'),
        fetch: nodeHttpFetch,
      }),
    });
  } finally {
    await demo?.close();
  }
}
