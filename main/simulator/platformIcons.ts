/**
 * A real icon per account type, as the API sends it in `icon`: base64 PNG data, no data: prefix.
 * Each is a 64x64 RGBA PNG of the platform's mark in its primary_color (the window shows it at 28 to
 * 36 CSS px, so 64 stays sharp at 2x), drawn by scripts/draw-platform-icons.js.
 * The script writes the icons into platformIconData.ts rather than the simulator reading PNG files:
 * a plain module works the same under tsc, vitest and the vite build, with no file to ship or find
 * at run time and no build plugin; a test checks it is what the script draws today.
 */
import { PLATFORM_ICON_PNGS, UNKNOWN_PLATFORM_ICON_PNG } from './platformIconData.js';

/** A grey globe, for an account type the simulator does not know. */
export const UNKNOWN_TYPE_ICON = UNKNOWN_PLATFORM_ICON_PNG;

/** The base64 PNG icon of an account type (the grey one for an unknown type). */
export function iconForType(type: string): string {
  return Object.hasOwn(PLATFORM_ICON_PNGS, type) ? PLATFORM_ICON_PNGS[type]! : UNKNOWN_TYPE_ICON;
}

/** The account types that have their own icon. */
export const ICON_TYPES: readonly string[] = Object.keys(PLATFORM_ICON_PNGS);
