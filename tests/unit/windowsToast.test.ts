/**
 * The Windows toast the app writes (main/electron/windowsToast.ts): its launch arguments carry the
 * account back through Notification.handleActivation, and its text is always valid XML.
 */
import { describe, expect, it } from 'vitest';
import { escapeXml, parseToastLaunchArguments, toastLaunchArguments, windowsToastXml } from '../../main/electron/windowsToast.js';

describe('Windows toasts', () => {
  it('carry the notification and its account in the launch arguments, and read them back', () => {
    const launch = toastLaunchArguments({ key: 'k-1', accountId: 'd3e97f2c' });
    expect(launch).toBe('type=click&lobstrTray=k-1&account=d3e97f2c');
    expect(parseToastLaunchArguments(launch)).toEqual({ key: 'k-1', accountId: 'd3e97f2c' });
    expect(parseToastLaunchArguments(toastLaunchArguments({ key: 'k-2' }))).toEqual({ key: 'k-2' });
  });

  it('recognise only their own arguments (not Electron’s `type=click&tag=…`)', () => {
    expect(parseToastLaunchArguments('type=click&tag=1234')).toBeNull();
    expect(parseToastLaunchArguments('')).toBeNull();
  });

  it('escape what XML would read as markup, and drop what XML cannot hold', () => {
    expect(escapeXml(`a<b>&"c"'d'\u0007\u0000e`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;e');
    expect(escapeXml('emoji 🦞 stay')).toBe('emoji 🦞 stay');
    expect(windowsToastXml({ title: 'T&T', body: 'B', launch: 'type=click&lobstrTray=k' })).toBe(
      '<toast launch="type=click&amp;lobstrTray=k" activationType="foreground"><visual><binding template="ToastGeneric">' +
        '<text>T&amp;T</text><text>B</text></binding></visual></toast>',
    );
  });
});
