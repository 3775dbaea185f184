import packageJson from '../../package.json' with { type: 'json' };

export const APP_NAME = 'Lobstr Tray';
export const APP_VERSION: string = packageJson.version;

/** Sent with every API request so Lobstr can tell where traffic comes from (never holds secrets). */
export function userAgent(component: 'app' | 'cli'): string {
  return `LobstrTray/${APP_VERSION} (${component}; ${process.platform})`;
}
