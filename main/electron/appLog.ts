/**
 * The app's log file, written by electron-log in the app's logs folder and reachable from the tray
 * menu (`filePath`). Every message passes a hook that removes the API key (every key this run has
 * known) and anything shaped like an authorization value, on every transport: the file, the
 * console, and the unhandled-error reports electron-log writes.
 *
 * The logger instance comes in as a parameter: the app passes electron-log/main's default export;
 * tests pass a fresh logger from electron-log/node, the same logger without Electron.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Hook, NodeLogger } from 'electron-log';
import type { Logger } from '../core/settings/logRedaction.js';
import { redactValue } from '../core/settings/logRedaction.js';

export const LOG_FILE_NAME = 'lobstr-tray.log';

export interface AppLogOptions {
  /** `import log from 'electron-log/main'` in the app. */
  log: NodeLogger;
  /** app.getPath('logs'). */
  logsDir: string;
  fileName?: string;
  /**
   * Log unhandled errors and rejections (scrubbed) instead of showing Electron's raw error dialog,
   * whose text no hook can reach. On by default.
   */
  catchErrors?: boolean;
}

export interface AppLog {
  /** What the core and the adapters log through. */
  readonly logger: Logger;
  /** The log file, for the tray menu's "Open log file". */
  readonly filePath: string;
  /** A secret to keep out of the log from now on (the API key when it is read or stored); old ones stay redacted. */
  addSecret(secret: string | null | undefined): void;
}

/** The electron-log hook that scrubs every value of every message; exported for its own tests. */
export function createRedactionHook(secrets: () => Iterable<string>): Hook {
  return (message) => ({ ...message, data: message.data.map((value: unknown) => redactValue(value, secrets())) });
}

export function setupAppLog(options: AppLogOptions): AppLog {
  const { log } = options;
  const filePath = path.join(options.logsDir, options.fileName ?? LOG_FILE_NAME);
  const secrets = new Set<string>();

  log.hooks.push(createRedactionHook(() => secrets));

  // electron-log does not create the folder; Electron's logs path need not exist yet.
  mkdirSync(options.logsDir, { recursive: true, mode: 0o700 });
  const file = log.transports.file;
  file.resolvePathFn = () => filePath;
  file.level = 'info';
  // The log is for the user and their bug reports, not for other accounts on the machine.
  file.writeOptions = { ...file.writeOptions, mode: 0o600 };
  // The renderer is untrusted; it has no use for the main process's log.
  if (log.transports.ipc) log.transports.ipc.level = false;

  if (options.catchErrors ?? true) log.errorHandler.startCatching({ showDialog: false });

  return {
    logger: {
      info: (message, ...details) => log.info(message, ...details),
      warn: (message, ...details) => log.warn(message, ...details),
      error: (message, ...details) => log.error(message, ...details),
    },
    filePath,
    addSecret(secret) {
      const trimmed = secret?.trim();
      if (trimmed) secrets.add(trimmed);
    },
  };
}
