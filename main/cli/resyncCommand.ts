/**
 * `lobstr-tray resync <account-id> --cookies-file FILE`: the tray's re-sync for scripts and servers.
 * Reads the cookies (a file or standard input, in the three forms cookieText.ts reads), reads the
 * account to learn its type and the cookies it needs, then runs the core's re-sync (resync.ts) with
 * the cookies as a fixed source: the same steps, errors and messages as the app's window.
 *
 * Cookie values go to Lobstr in the one request that sends them, and nowhere else: never on the
 * command line (no option takes them), never printed (names only; the output is scrubbed of them
 * too, belt and braces), never written to a file.
 */
import type { Account } from '../core/lobstr/account.js';
import { DEFAULT_API_BASE } from '../core/lobstr/baseUrl.js';
import { platformLabel } from '../core/health/platforms.js';
import { accountName } from '../core/monitor/alertPlanner.js';
import { COOKIE_FORMAT_NAMES, readCookieText, type CookieTextReading } from '../core/resync/cookieText.js';
import { fixedCookieSource } from '../core/resync/cookieSource.js';
import { resyncAccount } from '../core/resync/resync.js';
import { resyncErrorOf } from '../core/resync/resyncErrors.js';
import type { ResyncOutcome, ResyncProgress } from '../core/resync/resyncProgress.js';
import { UsageError, redactingIo, type CliIo } from './cliIo.js';
import { connectionFrom, optionsOrExitCode, parseCommandLine, withLobstrSession, type Connection } from './connectionOptions.js';
import { COOKIES_NOT_ON_COMMAND_LINE, looksLikeCookies, readCookieFile } from './cookieFile.js';
import { processClock } from './processClock.js';
import { exitCodeOf, reportOf, usageReport, type ResyncReport, type ResyncTrail } from './resyncReport.js';

export const RESYNC_HELP = `Usage: lobstr-tray resync <account-id> --cookies-file FILE [options]

Sends fresh cookies for one Lobstr account and waits until Lobstr has synchronized it.

  <account-id>         the account's id (lobstr-tray check --json lists them)
  --cookies-file FILE  the cookies, exported from a browser logged in to the platform;
                       - reads them from standard input. Any of these forms:
                         a Cookie-Editor JSON export  [{"name", "value", "domain", ...}]
                         a Netscape cookies.txt       (curl's and most exporters' format)
                         a Cookie header              name=value; name2=value2

Options:
  --api-base URL       Lobstr API base URL (default ${DEFAULT_API_BASE}, or $LOBSTR_API_BASE)
  --demo               re-sync an account of the built-in simulator's demo (no key needed)
  --json               print exactly one JSON object on stdout, at the end:
                       {"account", "task", "state", "message", "status_code", "error", "cookies"}
                       state: synchronized, failed, timeout (not finished after 60 s) or
                       cancelled; task and status_code are null when no task was created
  -h, --help           show this help

Only the cookies the account needs, for its platform's site, are sent, to Lobstr only. Their names
are printed, never their values. Cookies are never taken on the command line, and the API key is
read from the LOBSTR_API_KEY environment variable, never from the command line.
Progress goes to stdout (nothing but the JSON object with --json), problems to stderr.

Exit codes: 0 synchronized,
            1 these cookies did not do: a required one is missing, Lobstr rejected them,
              or its task failed or did not finish within 60 s (state timeout),
            2 the request failed: key rejected, no such account, network, server,
            64 bad usage: arguments, a file that cannot be read or is in none of the forms,
            130 interrupted (Ctrl-C, SIGTERM): state cancelled.
`;

/** Lobstr's account ids are hashes: anything else is a typo, or worse, cookies in the wrong place. */
const ACCOUNT_ID = /^[A-Za-z0-9_-]{1,128}$/;

interface ResyncOptions extends Connection {
  accountId: string;
  cookiesFile: string;
  json: boolean;
}

function parseResyncArgs(io: CliIo): ResyncOptions | 'help' {
  let parsed;
  try {
    parsed = parseCommandLine(io.argv, { 'cookies-file': { type: 'string' }, json: { type: 'boolean', default: false } }, true);
  } catch (e) {
    if (e instanceof UsageError && /^Unknown option '--?cookie/i.test(e.message)) throw new UsageError(COOKIES_NOT_ON_COMMAND_LINE);
    throw e;
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  // Extra words are never repeated back: they may be cookies.
  if (positionals.some(looksLikeCookies)) throw new UsageError(COOKIES_NOT_ON_COMMAND_LINE);
  if (positionals.length === 0) {
    throw new UsageError('give the id of the account to re-sync: lobstr-tray resync <account-id> --cookies-file FILE');
  }
  if (positionals.length > 1) throw new UsageError(`one account at a time: ${positionals.length} account ids were given`);
  const accountId = positionals[0]!.trim();
  if (!ACCOUNT_ID.test(accountId)) {
    throw new UsageError("that is not an account id: give the account's id as lobstr-tray check --json lists it");
  }
  const cookiesFile = values['cookies-file'];
  if (cookiesFile === undefined || cookiesFile.trim() === '') {
    throw new UsageError('--cookies-file FILE is needed: the cookies exported from your browser, or - to read them from standard input');
  }
  return { ...connectionFrom(values, io.env), accountId, cookiesFile, json: values.json };
}

export async function runResync(rawIo: CliIo): Promise<number> {
  const wantsJson = rawIo.argv.includes('--json');
  const options = optionsOrExitCode(rawIo, parseResyncArgs, RESYNC_HELP, (message) => {
    if (wantsJson) rawIo.stdout.write(`${JSON.stringify(usageReport(null, message))}\n`);
  });
  if (typeof options === 'number') return options;
  const { accountId } = options;

  const reading = await readCookies(rawIo, options);
  if (!reading.ok) return finish(rawIo, options, reading.report);
  // Belt and braces: whatever message would carry a value, it never reaches the output.
  const io = redactingIo(rawIo, reading.cookies.map((cookie) => cookie.value).filter((value) => value.length >= 8));

  return withLobstrSession(io, options, {}, async ({ io, client }) => {
    const say = (line: string): void => void (options.json ? undefined : io.stdout.write(`${line}\n`));
    let account: Account;
    try {
      account = await client.getAccount(accountId, { signal: io.signal });
    } catch (error) {
      const outcome = io.signal?.aborted ? NOTHING_SENT : ({ step: 'failed', task: null, error: resyncErrorOf(error, 'read') } as const);
      return finish(io, options, reportOf(accountId, outcome, NO_TRAIL));
    }
    say(`Re-syncing ${accountName(account)} (${platformLabel(account.type)}, account ${account.id}).`);
    say(`Read a ${COOKIE_FORMAT_NAMES[reading.format]} from ${options.cookiesFile === '-' ? 'standard input' : options.cookiesFile}.`);

    const trail: ResyncTrail = { statusCode: null, cookies: null };
    const outcome = await resyncAccount(
      { account, source: fixedCookieSource(reading.cookies), signal: io.signal },
      { client, clock: io.clock ?? processClock(io.now), onProgress: progressPrinter(say, trail) },
    );
    return finish(io, options, reportOf(accountId, outcome, trail));
  });
}

/** Cancelled before anything went to Lobstr (reading the file, or the account). */
const NOTHING_SENT: ResyncOutcome = { step: 'cancelled', task: null, during: 'waiting_for_login', message: 'Cancelled: nothing was sent to Lobstr.' };

/** Nothing learnt yet: no task, no cookies matched. */
const NO_TRAIL: Readonly<ResyncTrail> = { statusCode: null, cookies: null };

/** The command's last words: the JSON object, a failure on stderr (one line), or the success; then its exit code. */
function finish(io: CliIo, options: { json: boolean }, report: ResyncReport): number {
  if (options.json) io.stdout.write(`${JSON.stringify(report)}\n`);
  if (report.state === 'cancelled') io.stderr.write(`lobstr-tray: interrupted: ${report.message}\n`);
  else if (report.error !== null) io.stderr.write(`lobstr-tray: ${report.error === 'usage' ? '' : `resync failed (${report.error}): `}${report.message}\n`);
  else if (!options.json) io.stdout.write(`${report.message}\n`);
  return exitCodeOf(report);
}

/** The cookie text read and recognised, or how the command ends: a usage error, or Ctrl-C while reading stdin. */
async function readCookies(
  io: CliIo,
  options: ResyncOptions,
): Promise<Extract<CookieTextReading, { ok: true }> | { ok: false; report: ResyncReport }> {
  let text: string;
  try {
    text = await readCookieFile(options.cookiesFile, io);
  } catch (e) {
    if (io.signal?.aborted) return { ok: false, report: reportOf(options.accountId, NOTHING_SENT, NO_TRAIL) };
    if (e instanceof UsageError) return { ok: false, report: usageReport(options.accountId, e.message) };
    throw e;
  }
  const reading = readCookieText(text);
  // The reader's messages say where the text goes wrong, never what it holds.
  if (!reading.ok) return { ok: false, report: usageReport(options.accountId, `--cookies-file ${options.cookiesFile}: ${reading.message}`) };
  return reading;
}

/**
 * Prints each step as a plain line a log can keep (no colours, no rewriting of a line), and keeps
 * what the JSON needs. A task's status is printed when it changes, not at every 2 s read.
 */
function progressPrinter(say: (line: string) => void, trail: ResyncTrail): (progress: ResyncProgress) => void {
  let lastStatus = '';
  return (progress) => {
    switch (progress.step) {
      case 'waiting_for_login': {
        trail.cookies = { found: [...progress.found], missing: [...progress.missing] };
        const found = progress.found.length > 0 ? `Found ${progress.found.join(', ')}` : 'Found none of its cookies';
        say(progress.missing.length > 0 ? `${found}; missing ${progress.missing.join(', ')}.` : `${found}.`);
        return;
      }
      case 'sending':
        say(`Sending ${progress.cookieNames.join(', ')} to Lobstr…`);
        return;
      case 'synchronizing': {
        trail.statusCode = progress.statusCode;
        const status = `${progress.statusCode} ${progress.slow}`;
        if (status === lastStatus) return;
        lastStatus = status;
        const text = progress.statusText === '' ? '' : ` ${progress.statusText}`;
        const after = progress.elapsedMs >= 1000 ? ` after ${Math.round(progress.elapsedMs / 1000)} s` : '';
        say(`Task ${progress.task}: ${progress.statusCode}${text}${after}. ${progress.message}`);
        return;
      }
      default:
        // done, failed and cancelled: the command's last words (finish).
        return;
    }
  };
}
