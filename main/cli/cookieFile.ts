/**
 * The text behind `resync --cookies-file`: a file, or standard input for `-`. Bounded in size; every
 * failure is a UsageError (exit 64) that names the file, never a line of it (it holds cookie values).
 */
import { open } from 'node:fs/promises';
import { UsageError, type CliIo } from './cliIo.js';

/** Far more than one site's cookies in any of the three forms (a whole browser's cookies.txt is a few MB). */
export const MAX_COOKIE_TEXT_BYTES = 8 * 1024 * 1024;

export const COOKIES_NOT_ON_COMMAND_LINE =
  'cookies are never taken on the command line (other users could read them in the process list): ' +
  'save them to a file and give --cookies-file FILE, or give --cookies-file - and pipe them to standard input';

/** Text that reads as cookies (name=value, a "; " list) rather than a file name or an account id. */
export function looksLikeCookies(text: string): boolean {
  return /[=;\n]/.test(text);
}

/** `name` is the option's value: `-` for standard input. */
export async function readCookieFile(name: string, io: CliIo): Promise<string> {
  return name === '-' ? readStandardInput(io) : readNamedFile(name);
}

async function readNamedFile(name: string): Promise<string> {
  let handle;
  try {
    handle = await open(name, 'r');
    const { size } = await handle.stat();
    if (size > MAX_COOKIE_TEXT_BYTES) throw new UsageError(`--cookies-file ${name} is ${megabytes(size)}: cookies for one account take a few kB`);
    return await handle.readFile({ encoding: 'utf8' });
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    // Someone who put the cookies themselves where the file name goes: told why, the text not repeated.
    if (code === 'ENOENT' && looksLikeCookies(name)) throw new UsageError(COOKIES_NOT_ON_COMMAND_LINE);
    throw new UsageError(`cannot read --cookies-file ${name}: ${READ_FAILURES[code ?? ''] ?? (e as Error).message}`);
  } finally {
    await handle?.close();
  }
}

const READ_FAILURES: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder, not a file',
};

async function readStandardInput(io: CliIo): Promise<string> {
  const stdin = io.stdin?.();
  if (!stdin) throw new UsageError('--cookies-file -: there is no standard input to read');
  if (stdin.isTTY) io.stderr.write('lobstr-tray: paste the cookies, then press Ctrl-D on a line of its own (Ctrl-Z, Enter on Windows)\n');
  const iterator = stdin[Symbol.asyncIterator]();
  const signal = io.signal;
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(signal?.reason);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), aborted]);
      if (next.done) break;
      const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : Buffer.from(next.value);
      size += chunk.length;
      if (size > MAX_COOKIE_TEXT_BYTES) throw new UsageError(`the cookies on standard input exceed ${megabytes(MAX_COOKIE_TEXT_BYTES)}: cookies for one account take a few kB`);
      chunks.push(chunk);
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // Lets go of standard input, so a terminal's stdin does not hold the process open. A stream is
    // destroyed: an async iterator's return() waits behind a read still pending (Ctrl-C mid-paste).
    if (isDestroyable(stdin)) stdin.destroy();
    else iterator.return?.().catch(() => undefined);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function isDestroyable(stream: object): stream is { destroy(): void } {
  return typeof (stream as { destroy?: unknown }).destroy === 'function';
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
