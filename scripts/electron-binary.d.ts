// Types for scripts/electron-binary.js, so TypeScript tests and the Playwright config can use it.

export function electronExecutableName(platform?: NodeJS.Platform | 'mas'): string;

export function electronPackageDir(): string | null;

export function findElectronBinary(options?: {
  packageDir?: string | null;
  env?: NodeJS.ProcessEnv;
}): string | null;

export function downloadElectronBinary(options?: {
  packageDir?: string | null;
  timeoutMs?: number;
  noticeAfterMs?: number;
  env?: NodeJS.ProcessEnv;
}): Promise<boolean>;
