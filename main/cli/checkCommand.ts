/** `lobstr-tray check`: one look at every account, as a table or one JSON object, with a meaningful exit code. */
import { parseArgs } from 'node:util';
import { summariseHealth } from '../core/accountHealth.js';
import { createLobstrClient } from '../core/apiClient.js';
import { isLobstrApiError } from '../core/apiErrors.js';
import { DEFAULT_API_BASE, normaliseApiBase } from '../core/baseUrl.js';
import { userAgent } from '../core/version.js';
import { formatAccountTable, formatSummary } from './accountTable.js';
import { errorReport, reportFromSummary, type CheckReport } from './checkReport.js';
import { EXIT, UsageError, redactingIo, type CliIo } from './cliIo.js';
import { startDemoApi } from './demoApi.js';

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

interface CheckOptions {
  apiBase: string;
  apiKey: string;
  demo: boolean;
  json: boolean;
  timeoutMs: number;
  colour: boolean;
}

function parseCheckArgs(io: CliIo): CheckOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: io.argv,
      allowPositionals: false,
      strict: true,
      options: {
        'api-base': { type: 'string' },
        demo: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        timeout: { type: 'string' },
        'no-color': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
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
  if (values.help) return 'help';

  let timeoutMs = 20_000;
  if (values.timeout !== undefined) {
    const seconds = Number(values.timeout);
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) {
      throw new UsageError(`--timeout takes a number of seconds between 1 and 600, not "${values.timeout}"`);
    }
    timeoutMs = Math.round(seconds * 1000);
  }
  if (values.demo && values['api-base'] !== undefined) {
    throw new UsageError('--demo runs its own simulator: leave out --api-base');
  }

  const apiKey = (io.env.LOBSTR_API_KEY ?? '').trim();
  if (!values.demo && !apiKey) {
    throw new UsageError(
      'LOBSTR_API_KEY is not set. Copy your key from the API page of the Lobstr dashboard into it, or try --demo',
    );
  }
  let apiBase = DEFAULT_API_BASE;
  if (!values.demo) {
    try {
      apiBase = normaliseApiBase(values['api-base'] ?? io.env.LOBSTR_API_BASE ?? DEFAULT_API_BASE);
    } catch (e) {
      throw new UsageError(`--api-base: ${(e as Error).message}`);
    }
  }
  const colour = Boolean(io.stdout.isTTY) && !values['no-color'] && !io.env.NO_COLOR;
  return { apiBase, apiKey, demo: values.demo, json: values.json, timeoutMs, colour };
}

export async function runCheck(rawIo: CliIo): Promise<number> {
  const now = rawIo.now ?? Date.now;
  const wantsJson = rawIo.argv.includes('--json');
  let options: CheckOptions | 'help';
  try {
    options = parseCheckArgs(rawIo);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    rawIo.stderr.write(`lobstr-tray: ${e.message}\n`);
    if (wantsJson) rawIo.stdout.write(`${JSON.stringify(errorReport('usage', e.message, now()))}\n`);
    return EXIT.usage;
  }
  if (options === 'help') {
    rawIo.stdout.write(CHECK_HELP);
    return EXIT.ok;
  }
  const io = redactingIo(rawIo, [options.apiKey]);

  const demo = options.demo ? await startDemoApi() : null;
  try {
    const client = createLobstrClient({
      apiKey: demo?.token ?? options.apiKey,
      baseUrl: demo?.baseUrl ?? options.apiBase,
      timeoutMs: options.timeoutMs,
      userAgent: userAgent('cli'),
    });
    let report: CheckReport;
    try {
      const list = await client.listAccounts({ signal: io.signal });
      const checkedAt = now();
      const summary = summariseHealth(list.accounts, checkedAt);
      report = reportFromSummary(summary, checkedAt);
      if (options.json) {
        io.stdout.write(`${JSON.stringify(report)}\n`);
      } else {
        if (demo) io.stdout.write(`Demo data from the built-in simulator (${demo.baseUrl})\n\n`);
        if (summary.total > 0) io.stdout.write(`${formatAccountTable(summary, checkedAt, options.colour)}\n\n`);
        io.stdout.write(`${formatSummary(summary)}\n`);
        for (const warning of list.warnings) io.stderr.write(`lobstr-tray: note: ${warning}\n`);
      }
      return report.state === 'needs_resync' ? EXIT.needsResync : EXIT.ok;
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
  } finally {
    await demo?.close();
  }
}
