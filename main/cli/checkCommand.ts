/** `lobstr-tray check`: one look at every account, as a table or one JSON object, with a meaningful exit code. */
import { summariseHealth } from '../core/health/accountHealth.js';
import { isLobstrApiError } from '../core/lobstr/apiErrors.js';
import { DEFAULT_API_BASE } from '../core/lobstr/baseUrl.js';
import { accountTableLines, formatSummary } from './accountTable.js';
import { errorReport, reportJsonPieces } from './checkReport.js';
import { EXIT, UsageError, type CliIo } from './cliIo.js';
import { connectionFrom, optionsOrExitCode, parseCommandArgs, withLobstrSession, type Connection } from './connectionOptions.js';

export const CHECK_HELP = `Usage: lobstr-tray check [options]

Checks every Lobstr account once and tells which need cookie re-sync.

Options:
  --api-base URL     Lobstr API base URL (default ${DEFAULT_API_BASE}, or $LOBSTR_API_BASE)
  --demo             check the built-in simulator's demo accounts (no key needed)
  --json             print exactly one JSON object on stdout
  --timeout SECONDS  per-request timeout (default 20)
  --no-color         plain output even on a terminal (also: NO_COLOR=1)
  -h, --help         show this help

The API key is read from the LOBSTR_API_KEY environment variable, never from the command line.

Exit codes: 0 all accounts fine, 1 some account needs cookie re-sync,
            2 the check failed (key rejected, network, server, invalid response), 64 bad usage.
`;

/** The table is written this many lines at a time: 100,000 rows joined were 10 MB held, then copied. */
const LINES_PER_WRITE = 500;

interface CheckOptions extends Connection {
  json: boolean;
  timeoutMs: number;
  colour: boolean;
}

function parseCheckArgs(io: CliIo): CheckOptions | 'help' {
  const values = parseCommandArgs(io.argv, {
    json: { type: 'boolean', default: false },
    timeout: { type: 'string' },
    'no-color': { type: 'boolean', default: false },
  });
  if (values.help) return 'help';

  let timeoutMs = 20_000;
  if (values.timeout !== undefined) {
    const seconds = Number(values.timeout);
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) {
      throw new UsageError(`--timeout takes a number of seconds between 1 and 600, not "${values.timeout}"`);
    }
    timeoutMs = Math.round(seconds * 1000);
  }
  const connection = connectionFrom(values, io.env);
  const colour = Boolean(io.stdout.isTTY) && !values['no-color'] && !io.env.NO_COLOR;
  return { ...connection, json: values.json, timeoutMs, colour };
}

export async function runCheck(rawIo: CliIo): Promise<number> {
  const now = rawIo.now ?? Date.now;
  const wantsJson = rawIo.argv.includes('--json');
  const options = optionsOrExitCode(rawIo, parseCheckArgs, CHECK_HELP, (message) => {
    if (wantsJson) rawIo.stdout.write(`${JSON.stringify(errorReport('usage', message, now()))}\n`);
  });
  if (typeof options === 'number') return options;

  return withLobstrSession(rawIo, options, { timeoutMs: options.timeoutMs }, async ({ io, client, demo }) => {
    try {
      const list = await client.listAccounts({ signal: io.signal });
      const checkedAt = now();
      const summary = summariseHealth(list.accounts, checkedAt);
      if (options.json) {
        const listing = { complete: list.complete ?? true, warnings: list.warnings };
        for (const piece of reportJsonPieces(summary, checkedAt, listing)) io.stdout.write(piece);
      } else {
        if (demo) io.stdout.write(`Demo data from the built-in simulator (${demo.baseUrl})\n\n`);
        if (summary.total > 0) {
          const lines = accountTableLines(summary, checkedAt, options.colour);
          for (let start = 0; start < lines.length; start += LINES_PER_WRITE) {
            io.stdout.write(`${lines.slice(start, start + LINES_PER_WRITE).join('\n')}\n`);
          }
          io.stdout.write('\n');
        }
        io.stdout.write(`${formatSummary(summary)}\n`);
        for (const warning of list.warnings) io.stderr.write(`lobstr-tray: note: ${warning}\n`);
      }
      return summary.state === 'needs_resync' ? EXIT.needsResync : EXIT.ok;
    } catch (e) {
      if (io.signal?.aborted) {
        io.stderr.write('lobstr-tray: interrupted\n');
        return EXIT.interrupted;
      }
      const kind = isLobstrApiError(e) ? e.kind : 'internal';
      const message = isLobstrApiError(e) ? e.message : `unexpected error: ${(e as Error)?.message ?? String(e)}`;
      io.stderr.write(`lobstr-tray: check failed (${kind}): ${message}\n`);
      if (options.json) io.stdout.write(`${JSON.stringify(errorReport(kind, message, now()))}\n`);
      return EXIT.failed;
    }
  });
}
