/**
 * `lobstr-tray watch`: the tray's monitor and alert rules without a tray, printing one line per event
 * until stopped (Ctrl-C or SIGTERM, exit 0). For scripts (`--json`: one object per line, nothing else
 * on stdout) and servers.
 *
 * The account lines are the tray's notifications, one per account: the monitor's alert planner
 * (alertPlanner.ts) decides them, so the rules are the same (an account that misses one list and comes
 * back is not announced again; `--remind` reminds as the tray's reminder setting does). The connection
 * lines follow the monitor's events: connection_error (the connection fails, or fails differently) and
 * connection_restored. There is no snooze and every kind is on. The first check reports every account
 * that already needs re-sync, so a script learns the current state; with `--state FILE` a restarted
 * watch compares with what it saw last time and reports only what changed meanwhile.
 */
import { accountName, squidsText, type AccountAlerts, type AlertedAccount } from '../core/monitor/alertPlanner.js';
import type { MonitorEvent } from '../core/appModel.js';
import { DEFAULT_API_BASE } from '../core/lobstr/baseUrl.js';
import { createMonitor } from '../core/monitor/monitor.js';
import { JsonFileMonitorStore, MemoryMonitorStore, type MonitorStore } from '../core/monitor/monitorStore.js';
import { platformLabel } from '../core/health/platforms.js';
import { defaultSettings, REMINDER_HOURS } from '../core/settings/settings.js';
import { durationText } from '../core/views/timeFormat.js';
import { EXIT, UsageError, type CliIo } from './cliIo.js';
import { processClock } from './processClock.js';
import { connectionFrom, optionsOrExitCode, parseCommandArgs, withLobstrSession, type Connection } from './connectionOptions.js';

export const WATCH_HELP = `Usage: lobstr-tray watch [options]

Watches every Lobstr account and prints one line per event until stopped (Ctrl-C):
  needs_resync         an account starts needing cookie re-sync (the first check
                       reports every account that already needs it)
  reminder             an account still needs re-sync, --remind hours after it was
                       announced (or last reminded)
  recovered            an account that needed re-sync is synchronized again
  connection_error     the accounts cannot be checked (key rejected, offline,
                       server error, invalid response), or the reason changed
  connection_restored  they can be checked again

Options:
  --api-base URL       Lobstr API base URL (default ${DEFAULT_API_BASE}, or $LOBSTR_API_BASE)
  --interval SECONDS   time between checks (default 300, minimum 1); after failures
                       the wait grows, up to 15 minutes, until a check succeeds
  --remind HOURS       remind every HOURS (${REMINDER_HOURS.min} to ${REMINDER_HOURS.max}) of an account still needing
                       re-sync, as the tray's reminder setting does (default: never)
  --json               one JSON object per line on stdout, nothing else:
                       {"at": ISO time, "event": "...", "message": "...",
                        "account": {"id", "username", "type", "reason"} or null}
  --state FILE         remember what was seen in FILE, so a restarted watch reports
                       only what changed meanwhile (default: kept in memory only,
                       and each start reports the current state)
  --demo               watch the built-in simulator's demo accounts (no key needed)
  -h, --help           show this help

The API key is read from the LOBSTR_API_KEY environment variable, never from the command line.
Notes and problems go to stderr, each said once. Exit codes: 0 stopped (Ctrl-C, SIGTERM),
2 the --state file cannot be written (said at start, before any check), 64 bad usage.
`;

const DEFAULT_INTERVAL_SECONDS = 300;
const MAX_INTERVAL_SECONDS = 86_400;

interface WatchOptions extends Connection {
  json: boolean;
  intervalMs: number;
  stateFile: string | null;
  reminderHours: number | null;
}

export type WatchEventName = 'needs_resync' | 'reminder' | 'recovered' | 'connection_error' | 'connection_restored';

/** One line of `--json` output: a stable contract for scripts. */
export interface WatchLine {
  at: string;
  event: WatchEventName;
  account: { id: string; username: string; type: string; reason: string } | null;
  message: string;
}

function parseWatchArgs(io: CliIo): WatchOptions | 'help' {
  const values = parseCommandArgs(io.argv, {
    interval: { type: 'string' },
    json: { type: 'boolean', default: false },
    state: { type: 'string' },
    remind: { type: 'string' },
  });
  if (values.help) return 'help';

  let intervalMs = DEFAULT_INTERVAL_SECONDS * 1000;
  if (values.interval !== undefined) {
    const seconds = Number(values.interval);
    if (values.interval.trim() === '' || !Number.isFinite(seconds) || seconds < 1 || seconds > MAX_INTERVAL_SECONDS) {
      throw new UsageError(`--interval takes a number of seconds from 1 to ${MAX_INTERVAL_SECONDS}, not "${values.interval}"`);
    }
    intervalMs = Math.round(seconds * 1000);
  }
  if (values.state !== undefined && values.state.trim() === '') throw new UsageError('--state needs a file name');
  let reminderHours: number | null = null;
  if (values.remind !== undefined) {
    const hours = Number(values.remind);
    if (values.remind.trim() === '' || !Number.isInteger(hours) || hours < REMINDER_HOURS.min || hours > REMINDER_HOURS.max) {
      throw new UsageError(`--remind takes a whole number of hours from ${REMINDER_HOURS.min} to ${REMINDER_HOURS.max}, not "${values.remind}"`);
    }
    reminderHours = hours;
  }
  const connection = connectionFrom(values, io.env);
  return { ...connection, json: values.json, intervalMs, stateFile: values.state ?? null, reminderHours };
}

export async function runWatch(rawIo: CliIo): Promise<number> {
  const options = optionsOrExitCode(rawIo, parseWatchArgs, WATCH_HELP);
  if (typeof options === 'number') return options;

  return withLobstrSession(rawIo, options, {}, async ({ io, client, demo }) => {
    const now = io.now ?? Date.now;
    const json = options.json;
    /** Notes for people: stderr in --json mode (stdout holds only events), stdout otherwise. */
    const say = (text: string): void => void (json ? io.stderr.write(`lobstr-tray: ${text}\n`) : io.stdout.write(`${text}\n`));
    const note = (text: string): void => void io.stderr.write(`lobstr-tray: note: ${text}\n`);
    // A state file that stops being writable fails every save: a line per check would drown the events.
    const said = new Set<string>();
    const noteOnce = (text: string): void => {
      if (said.has(text)) return;
      said.add(text);
      note(text);
    };

    let store: MonitorStore = new MemoryMonitorStore();
    if (options.stateFile) {
      // Checked before anything is watched: --state asks not to repeat alerts after a restart, and a
      // watch that silently could not keep that promise would repeat them all. One line, exit 2.
      const file = new JsonFileMonitorStore(options.stateFile);
      try {
        await file.checkWritable();
      } catch (e) {
        io.stderr.write(
          `lobstr-tray: --state ${options.stateFile} cannot be used: ${(e as Error).message}. ` +
            'Give a file in a folder you can write to, or leave out --state.\n',
        );
        return EXIT.failed;
      }
      store = file;
    }
    // Timers that keep the process alive between checks.
    const clock = processClock(now);
    let lastWarnings = '';
    const print = (printed: PrintedEvent): void => void io.stdout.write(json ? `${JSON.stringify(printed.line)}\n` : `${printed.human}\n`);
    const checkedAt = (): string => monitor.status().lastPollAt ?? new Date(now()).toISOString();
    const settings = { ...defaultSettings(), reminderHours: options.reminderHours };
    const monitor = createMonitor({
      fetchAccounts: async (signal, reuse) => {
        const list = await client.listAccounts({ signal, reuse });
        // The list's oddities once, not at every check.
        const warnings = list.warnings.join('\n');
        if (warnings !== lastWarnings) for (const w of list.warnings) note(w);
        lastWarnings = warnings;
        return list;
      },
      store,
      clock,
      getSettings: () => settings,
      intervalMs: () => options.intervalMs,
      // The events are this command's output; notifications are the tray's.
      notifier: { show: () => undefined },
      onEvents: (events) => {
        const at = checkedAt();
        for (const event of events) {
          const printed = formatConnectionEvent(event, at);
          if (printed) print(printed);
        }
      },
      onAlerts: (alerts) => {
        for (const printed of formatAccountAlerts(alerts, checkedAt())) print(printed);
      },
      onWarning: noteOnce,
    });

    const source = demo ? `the built-in simulator's demo accounts (${demo.baseUrl})` : `Lobstr accounts at ${options.apiBase}`;
    say(`watching ${source}, checking every ${durationText(options.intervalMs / 1000)} (Ctrl-C to stop)`);
    const { warnings } = monitor.start();
    for (const w of warnings) note(w);

    await new Promise<void>((resolve) => {
      if (!io.signal) return; // Without a signal, it watches until the process ends.
      if (io.signal.aborted) resolve();
      else io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await monitor.stop();
    say('stopped');
    return EXIT.ok;
  });
}

/** One event as the watch prints it: a JSON line and a human line. */
export interface PrintedEvent {
  line: WatchLine;
  human: string;
}

function humanLine(at: string, tag: string, text: string): string {
  const time = new Date(at).toLocaleTimeString('en-GB', { hour12: false });
  return `${time}  ${tag.padEnd(9)} ${text}`;
}

/** What the watch prints for a connection event, or null for the account events (the alerts say those). */
export function formatConnectionEvent(event: MonitorEvent, at: string): PrintedEvent | null {
  if (event.type === 'connection_error') {
    const { kind, message } = event.problem;
    const tag = kind === 'auth' ? 'KEY' : kind === 'network' || kind === 'timeout' ? 'OFFLINE' : 'ERROR';
    return { line: { at, event: 'connection_error', account: null, message }, human: humanLine(at, tag, message) };
  }
  if (event.type === 'connection_restored') {
    const failures = event.previous.failures;
    const message = `Lobstr answers again, after ${failures} failed check${failures === 1 ? '' : 's'}`;
    return { line: { at, event: 'connection_restored', account: null, message }, human: humanLine(at, 'RESTORED', message) };
  }
  return null;
}

/** One line per account the alert rules spoke about after a check: announcements, reminders, recoveries. */
export function formatAccountAlerts(alerts: AccountAlerts, at: string): PrintedEvent[] {
  const atMs = Date.parse(at);
  const lines: PrintedEvent[] = [];
  const each = (list: AlertedAccount[], make: (a: AlertedAccount, who: WatchLine['account'], name: string, platform: string) => PrintedEvent) => {
    for (const alerted of list) {
      const { account, reason } = alerted;
      const who = { id: account.id, username: account.username, type: account.type, reason };
      lines.push(make(alerted, who, accountName(account), platformLabel(account.type)));
    }
  };
  each(alerts.needsResync, ({ account, reason }, who, name, platform) => {
    const squids = squidsText(account.squids.length);
    return {
      line: { at, event: 'needs_resync', account: who, message: `${name} needs cookie re-sync (${platform}: ${reason}, ${squids})` },
      human: humanLine(at, 'RE-SYNC', `${name} (${platform}): ${reason} — ${squids}`),
    };
  });
  each(alerts.reminders, ({ account, reason, since }, who, name, platform) => {
    const squids = squidsText(account.squids.length);
    const forText = durationText((atMs - Date.parse(since)) / 1000);
    return {
      line: { at, event: 'reminder', account: who, message: `${name} still needs cookie re-sync (${platform}: ${reason} for ${forText}, ${squids})` },
      human: humanLine(at, 'STILL', `${name} (${platform}): ${reason} for ${forText} — ${squids}`),
    };
  });
  each(alerts.recovered, (_alerted, who, name, platform) => ({
    line: { at, event: 'recovered', account: who, message: `${name} is synchronized again` },
    human: humanLine(at, 'OK', `${name} (${platform}) is synchronized again`),
  }));
  return lines;
}
