// Types for scripts/draw-platform-icons.js, used by the platform icon tests.

/** The icons' width and height in pixels. */
export const ICON_SIZE: number;

/** Every icon: account type ("unknown" for the one any other type gets) → base64 PNG. */
export function drawPlatformIcons(): Record<string, string>;

/** The text of main/simulator/platformIconData.ts for these icons. */
export function platformIconModule(icons: Record<string, string>): string;
