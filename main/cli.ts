#!/usr/bin/env node
/**
 * `lobstr-tray`: the headless command for scripts and servers, built on main/core.
 * Commands: `check` (one look, meaningful exit code), `watch` (the tray's monitor, one line per event),
 * `resync` (one account's cookies sent to Lobstr from a file, until it is synchronized).
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHECK_HELP, runCheck } from './cli/checkCommand.js';
import { WATCH_HELP, runWatch } from './cli/watchCommand.js';
import { RESYNC_HELP, runResync } from './cli/resyncCommand.js';
import { EXIT, type CliIo } from './cli/cliIo.js';
import { APP_VERSION } from './core/version.js';

const HELP = `Usage: lobstr-tray <command> [options]

Watches your Lobstr.io accounts and tells which need cookie re-sync.

Commands:
  check    check every account once (see lobstr-tray check --help)
  watch    keep checking, one line per change (see lobstr-tray watch --help)
  resync   send one account's fresh cookies from a file (see lobstr-tray resync --help)

Options:
  -h, --help     show this help
  -v, --version  print the version

The API key comes from the LOBSTR_API_KEY environment variable. Try it without one:
  lobstr-tray check --demo
  lobstr-tray watch --demo
`;

const COMMAND_HELP: Record<string, string> = { check: CHECK_HELP, watch: WATCH_HELP, resync: RESYNC_HELP };

export async function runCli(io: CliIo): Promise<number> {
  const [command, ...rest] = io.argv;
  switch (command) {
    case 'check':
      return runCheck({ ...io, argv: rest });
    case 'watch':
      return runWatch({ ...io, argv: rest });
    case 'resync':
      return runResync({ ...io, argv: rest });
    case '-h':
    case '--help':
    case 'help':
      io.stdout.write((command === 'help' && rest[0] ? COMMAND_HELP[rest[0]] : undefined) ?? HELP);
      return EXIT.ok;
    case '-v':
    case '--version':
      io.stdout.write(`${APP_VERSION}\n`);
      return EXIT.ok;
    case undefined:
      io.stderr.write(`lobstr-tray: a command is needed.\n\n${HELP}`);
      return EXIT.usage;
    default:
      io.stderr.write(`lobstr-tray: unknown command "${command}". Run lobstr-tray --help.\n`);
      return EXIT.usage;
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  // `lobstr-tray check | head`: a reader that leaves early is normal for a command, not a crash;
  // the rest of the output is dropped and the exit code still tells the result.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
    });
  }
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  runCli({
    argv: process.argv.slice(2),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    // Opened only when read: an unread stdin must not hold the process open.
    stdin: () => process.stdin,
    signal: controller.signal,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      // Never a stack trace: one line, and the failure exit code.
      process.stderr.write(`lobstr-tray: unexpected error: ${(e as Error)?.message ?? String(e)}\n`);
      process.exitCode = EXIT.failed;
    },
  );
}
