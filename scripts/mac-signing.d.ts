// Types for scripts/mac-signing.js (electron-builder's afterSign hook), so the packaging tests can call it.

export interface MacSigningOptions {
  identity?: string | null;
  hardenedRuntime?: boolean;
  entitlements?: string | null;
}

export function requestedIdentity(macOptions: MacSigningOptions, env: NodeJS.ProcessEnv): string | null;

export function notarisationRequested(env: NodeJS.ProcessEnv): boolean;

export function nestedCode(app: string): Promise<string[]>;

export function verifySignature(app: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }>;

export function signAdHoc(options: {
  app: string;
  identifier: string;
  entitlements: string;
  hardenedRuntime: boolean;
  env: NodeJS.ProcessEnv;
}): Promise<void>;

export function ensureSigned(options: {
  app: string;
  appId: string;
  entitlements: string;
  hardenedRuntime: boolean;
  macOptions: MacSigningOptions;
  env: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}): Promise<void>;

export default function afterSign(context: {
  appOutDir: string;
  electronPlatformName: string;
  packager: {
    appInfo: { id: string; productFilename: string };
    projectDir: string;
    platformSpecificBuildOptions: MacSigningOptions;
  };
}): Promise<void>;
