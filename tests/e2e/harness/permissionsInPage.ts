/**
 * The page's permission requests go to the app's own handler, as in the app's window: Chromium in
 * the browser tests would decide by itself (and grant the clipboard to a focused page), Electron
 * asks the session's permission request handler (window.ts installs one that refuses everything).
 * So a feature that needs a permission the app refuses fails here as it would for the user.
 * Covered: the asynchronous clipboard ('clipboard-sanitized-write' to write, 'clipboard-read' to read).
 */

/** The page-side name of the binding that carries a permission request to the test process. */
export const PERMISSION_BINDING = '__lobstrPermission';

/** The init script: the clipboard's methods ask the binding first and fail as Chromium does when refused. */
export function permissionsInitScript(): string {
  return `(() => {
  const clipboard = navigator.clipboard;
  if (!clipboard) return;
  const permissions = { writeText: 'clipboard-sanitized-write', write: 'clipboard-sanitized-write', readText: 'clipboard-read', read: 'clipboard-read' };
  for (const [method, permission] of Object.entries(permissions)) {
    const original = clipboard[method].bind(clipboard);
    Object.defineProperty(clipboard, method, {
      value: async (...args) => {
        const granted = await window[${JSON.stringify(PERMISSION_BINDING)}](permission);
        if (!granted) throw new DOMException('The app refused the ' + permission + ' permission.', 'NotAllowedError');
        return original(...args);
      },
    });
  }
})();`;
}
