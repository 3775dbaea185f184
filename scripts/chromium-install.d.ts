// Types for scripts/chromium-install.js, used by its tests.

export interface FoundChromium {
  source: 'system' | 'playwright';
  executablePath: string;
}

export interface CommandResult {
  ok: boolean;
  /** Why it failed, in one line; empty when it succeeded. */
  reason: string;
}

export type RunCommand = (
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; timeoutMs: number },
) => Promise<CommandResult>;

export const PLAYWRIGHT_INSTALL_TIMEOUT_MS: number;
export const APT_TIMEOUT_MS: number;

export function localPlaywrightCli(): string;

export const runQuietly: RunCommand;

export function ensureChromium(options?: {
  find?: () => FoundChromium | null;
  say?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  isRoot?: boolean;
  playwrightCli?: string;
  run?: RunCommand;
  playwrightTimeoutMs?: number;
  aptTimeoutMs?: number;
}): Promise<FoundChromium | null>;
