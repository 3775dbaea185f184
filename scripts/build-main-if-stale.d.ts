// Types for scripts/build-main-if-stale.js, so its test can drive it.

export const BUILD_CONFIGS: readonly string[];
export const STAMP_FILE: string;

export function inputsHash(root: string): string;
export function outputsHash(root: string): string | null;
export function mainBuildIsCurrent(root: string): boolean;
export function ensureMainBuilt(root: string, build?: (root: string) => boolean): 'current' | 'built' | 'failed';
