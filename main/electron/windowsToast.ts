/**
 * Windows toasts that remember where a click goes. A toast outlives the app's Notification object:
 * it moves to the Action Center when it times out, and stays there after the object is released or
 * the app restarts. A click there reaches the app only through `Notification.handleActivation`, whose
 * `arguments` are the toast's raw launch arguments; for a toast Electron builds itself they are
 * `type=click&tag=<a hash of the id>`, which names no account. So the app writes the toast itself
 * (Electron's `toastXml` option) with launch arguments that carry the account.
 */

/** What a click on a toast must do: which notification (so two routes open it once) and which account. */
export interface ToastTarget {
  key: string;
  /** Absent: the window opens on the list (a grouped notification). */
  accountId?: string;
  /** The account needs re-sync: its details open with the re-sync ready. */
  resync?: true;
}

const KEY_PARAM = 'lobstrTray';
const ACCOUNT_PARAM = 'account';
const RESYNC_PARAM = 'resync';

/** `type=click` first, as Electron's own toasts have it (its activation handler reads the type from there). */
export function toastLaunchArguments(target: ToastTarget): string {
  const params = new URLSearchParams({ type: 'click', [KEY_PARAM]: target.key });
  if (target.accountId !== undefined) params.set(ACCOUNT_PARAM, target.accountId);
  if (target.resync) params.set(RESYNC_PARAM, '1');
  return params.toString();
}

/** The target of a toast this app wrote, or null for any other activation arguments. */
export function parseToastLaunchArguments(args: string): ToastTarget | null {
  const params = new URLSearchParams(args);
  const key = params.get(KEY_PARAM);
  if (!key) return null;
  const accountId = params.get(ACCOUNT_PARAM);
  if (!accountId) return { key };
  return params.get(RESYNC_PARAM) === '1' ? { key, accountId, resync: true } : { key, accountId };
}

/** Text for an XML attribute or element; characters XML 1.0 forbids are dropped (an invalid toast is not shown). */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/**
 * A plain toast: title and body (the generic template), the app's own icon and the default sound,
 * as Electron would build it, plus the launch arguments.
 */
export function windowsToastXml(content: { title: string; body: string; launch: string }): string {
  return (
    `<toast launch="${escapeXml(content.launch)}" activationType="foreground">` +
    `<visual><binding template="ToastGeneric"><text>${escapeXml(content.title)}</text><text>${escapeXml(content.body)}</text></binding></visual>` +
    `</toast>`
  );
}
