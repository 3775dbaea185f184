/**
 * The app log through a real electron-log logger: electron-log/node is the same logger as
 * electron-log/main without the Electron glue, so the hook, the file transport and the error
 * handler run for real and the test reads the file they wrote.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import electronLog from 'electron-log/node';
import type { LogMessage } from 'electron-log';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LobstrApiError } from '../../main/core/lobstr/apiErrors.js';
import { LOG_FILE_NAME, createRedactionHook, setupAppLog } from '../../main/electron/appLog.js';

const KEY = '5e0c7d1a9b3f42e8a1b2';

let dir: string;
let counter = 0;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lobstr-log-'));
});
afterEach(() => {
  electronLog.errorHandler.stopCatching();
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh logger per test, its console captured instead of printed. */
function freshLogger() {
  counter += 1;
  const log = electronLog.create({ logId: `app-log-test-${counter}` });
  const consoleLines: unknown[][] = [];
  log.transports.console.writeFn = ({ message }) => {
    consoleLines.push(message.data);
  };
  return { log, consoleLines };
}

describe('the app log file', () => {
  it('lives in the logs folder under a name the tray menu can open', () => {
    const { log } = freshLogger();
    const appLog = setupAppLog({ log, logsDir: path.join(dir, 'logs'), catchErrors: false });
    expect(appLog.filePath).toBe(path.join(dir, 'logs', LOG_FILE_NAME));
    appLog.logger.info('Lobstr Tray started');
    expect(readFileSync(appLog.filePath, 'utf8')).toMatch(/\[info\] +Lobstr Tray started\n$/);
    if (process.platform !== 'win32') expect(statSync(appLog.filePath).mode & 0o777).toBe(0o600);
  });

  it('never contains the API key, in text, in objects or in errors', () => {
    const { log, consoleLines } = freshLogger();
    const appLog = setupAppLog({ log, logsDir: dir, catchErrors: false });
    appLog.addSecret(KEY);

    appLog.logger.info(`Polling with key ${KEY}`);
    appLog.logger.warn('Request', { url: 'https://api.lobstr.io/v1/accounts', headers: { Authorization: `Token ${KEY}` } });
    appLog.logger.error('Poll failed:', new LobstrApiError('auth', `Lobstr rejected the API key ${KEY}.`, 401));

    const text = readFileSync(appLog.filePath, 'utf8');
    expect(text).not.toContain(KEY);
    expect(text).toContain('Polling with key [redacted]');
    expect(text).toContain("Authorization: '[redacted]'");
    expect(text).toMatch(/\[error\] Poll failed: .*Lobstr rejected the API key \[redacted\]\./);
    expect(JSON.stringify(consoleLines)).not.toContain(KEY);
    expect(consoleLines).toHaveLength(3);
  });

  it('keeps an authorization value out even before the key is known', () => {
    const { log } = freshLogger();
    const appLog = setupAppLog({ log, logsDir: dir, catchErrors: false });
    appLog.logger.info('sent Authorization: Token 0a1b2c3d4e5f6a7b8c9d');
    expect(readFileSync(appLog.filePath, 'utf8')).toContain('sent Authorization: [redacted]');
  });

  it('still redacts a key after it was replaced by a new one', () => {
    const { log } = freshLogger();
    const appLog = setupAppLog({ log, logsDir: dir, catchErrors: false });
    appLog.addSecret(KEY);
    appLog.addSecret('99999999aaaaaaaabbbb');
    appLog.addSecret(null);
    appLog.logger.info(`old ${KEY} new 99999999aaaaaaaabbbb`);
    expect(readFileSync(appLog.filePath, 'utf8')).toContain('old [redacted] new [redacted]');
  });

  it('writes unhandled errors to the file, scrubbed, instead of a raw error dialog', () => {
    const { log } = freshLogger();
    const appLog = setupAppLog({ log, logsDir: dir, catchErrors: true });
    appLog.addSecret(KEY);
    expect(log.errorHandler).toBe(electronLog.errorHandler);
    log.errorHandler.handle(new Error(`crashed while using ${KEY}`));
    const text = readFileSync(appLog.filePath, 'utf8');
    expect(text).toContain('Error: crashed while using [redacted]');
    expect(text).not.toContain(KEY);
  });

  it('does not send the main log to the renderer', () => {
    const { log } = freshLogger();
    // electron-log/main has this transport (on in development); the node logger has none, so give it one.
    const sent: unknown[] = [];
    log.transports.ipc = Object.assign((message: LogMessage) => void sent.push(message), { level: 'silly' as const, transforms: [] });
    setupAppLog({ log, logsDir: dir, catchErrors: false });
    log.info('hello');
    expect(log.transports.ipc?.level).toBe(false);
    expect(sent).toEqual([]);
  });

  it('creates nothing until something is logged', () => {
    const { log } = freshLogger();
    const appLog = setupAppLog({ log, logsDir: path.join(dir, 'later'), catchErrors: false });
    expect(existsSync(appLog.filePath)).toBe(false);
  });
});

describe('the redaction hook', () => {
  it('returns a scrubbed copy of the message and leaves the original alone', () => {
    const hook = createRedactionHook(() => [KEY]);
    const original: LogMessage = { data: [`key=${KEY}`, 42], date: new Date(0), level: 'info' };
    const result = hook(original);
    expect(result).not.toBe(false);
    expect((result as LogMessage).data).toEqual(['key=[redacted]', 42]);
    expect(original.data[0]).toBe(`key=${KEY}`);
  });
});
