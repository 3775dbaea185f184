import type { Clock } from '../core/appModel.js';
import { redactSecrets } from '../core/settings/apiKey.js';

/** What the headless command needs from its process: injectable so tests run it in-process. */
export interface CliIo {
  argv: string[];
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  now?: () => number;
  /** Aborted on Ctrl-C: in-flight requests stop and the command exits 130. */
  signal?: AbortSignal;
  /** Standard input, opened only when a command reads it (`resync --cookies-file -`). */
  stdin?: () => AsyncIterable<string | Uint8Array> & { isTTY?: boolean };
  /** Time and timers for a command that waits; default the process's own (processClock). Tests pass a fake. */
  clock?: Clock;
}

export const EXIT = { ok: 0, needsResync: 1, failed: 2, usage: 64, interrupted: 130 } as const;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Wraps the streams so a secret can never reach them, whatever message carries it
 * (a server that echoes the token back, a bug in a message): belt and braces.
 */
export function redactingIo(io: CliIo, secrets: readonly string[]): CliIo {
  const clean = (text: string) => redactSecrets(text, secrets);
  return {
    ...io,
    stdout: { write: (t: string) => io.stdout.write(clean(t)), isTTY: io.stdout.isTTY },
    stderr: { write: (t: string) => io.stderr.write(clean(t)) },
  };
}
