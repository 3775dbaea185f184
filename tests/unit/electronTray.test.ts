/**
 * The tray adapter against fake Electron objects (no Electron here): what the user sees on the icon,
 * its tooltip, the macOS count and the menu, and what a click does. The fakes record every call, so
 * the tests also pin that unchanged views cost nothing (an open menu is not closed by a rebuild).
 */
import type { Menu, NativeImage, nativeImage as NativeImageModule, Tray } from 'electron';
import path from 'node:path';
import { assessAll } from '../../main/core/monitor/assessedSnapshot.js';
import { DEFAULT_HEALTH_RULES } from '../../main/core/health/accountHealth.js';
import { describe, expect, it } from 'vitest';
import type { Account } from '../../main/core/lobstr/account.js';
import type { MonitorStatus, Settings } from '../../main/core/appModel.js';
import { trayViewOf, type TrayAction, type TrayView } from '../../main/core/views/trayView.js';
import { createTrayController, type TrayController, type TrayElectron } from '../../main/electron/tray.js';
import { accountWith } from '../fixtures/seedAccounts.js';
import { fakeTrayElectron, type FakeTray } from '../helpers/fakeElectron/tray.js';

/** Compile-time only: the real Electron objects fit what createTrayController takes. */
export function wiresWithRealElectron(electron: { Tray: typeof Tray; Menu: typeof Menu; nativeImage: typeof NativeImageModule }): TrayController {
  const fits: TrayElectron<NativeImage, Menu> = electron;
  return createTrayController(fits, { iconsDir: '/icons', platform: 'darwin', onAction: () => undefined });
}

/** The real icons: the fake nativeImage reads them as Electron would. */
const ICONS = path.resolve(import.meta.dirname, '..', '..', 'resources', 'tray');
const NOW = Date.parse('2026-11-25T14:05:00Z');

function start(platform: NodeJS.Platform): { controller: TrayController; actions: TrayAction[]; tray: () => FakeTray; trays: FakeTray[] } {
  const electron = fakeTrayElectron();
  const actions: TrayAction[] = [];
  const controller = createTrayController(electron, { iconsDir: ICONS, platform, onAction: (a) => actions.push(a) });
  return {
    controller,
    actions,
    tray: () => {
      expect(electron.trays).toHaveLength(1);
      return electron.trays[0]!;
    },
    trays: electron.trays,
  };
}

function expired(id: string, username: string): Account {
  return accountWith({ id, username, status_code_info: 'cookies_expired' });
}
function healthy(id: string): Account {
  return accountWith({ id, username: `user-${id}` });
}
function monitor(overrides: Partial<MonitorStatus> & { accounts?: Account[]; checkedAt?: string }): MonitorStatus {
  const { accounts, checkedAt = '2026-11-25T14:02:00Z', ...rest } = overrides;
  return {
    configured: true,
    snapshot: accounts ? assessAll({ checkedAt, accounts, warnings: [] }, Date.parse(checkedAt), DEFAULT_HEALTH_RULES) : null,
    problem: null,
    lastPollAt: checkedAt,
    nextPollAt: null,
    polling: false,
    ...rest,
  };
}
function viewOf(status: MonitorStatus, platform: NodeJS.Platform, snooze: Settings['snooze'] = null): TrayView {
  return trayViewOf({ status, settings: { snooze }, now: NOW, timeZone: 'UTC', platform });
}

describe('the tray icon', () => {
  it('appears with the state icon, tooltip and a context menu on the first view (Linux needs the menu)', () => {
    const { controller, tray } = start('linux');
    controller.render(viewOf(monitor({ accounts: [healthy('a'), healthy('b')] }), 'linux'));
    expect(tray().icon).toBe('linux-ok.png');
    expect(tray().tooltip).toBe('Lobstr Tray: all 2 accounts OK · checked 14:02');
    expect(tray().shownMenu()).toEqual([
      'Open Lobstr Tray',
      '---',
      '(All 2 accounts OK)',
      '---',
      'Refresh now',
      { 'Pause notifications': ['For 1 hour', 'Until tomorrow 08:00', 'Until I resume them'] },
      '---',
      'Settings…',
      'Open log file',
      '---',
      'Quit',
    ]);
  });

  it('follows a scripted run: setup, ok, an account expires, offline, recovered', () => {
    const { controller, tray } = start('win32');
    controller.render(viewOf(monitor({ configured: false }), 'win32'));
    expect([tray().icon, tray().tooltip]).toEqual(['setup.png', 'Lobstr Tray: set your Lobstr API key to start']);

    controller.render(viewOf(monitor({ accounts: [healthy('a'), healthy('b')] }), 'win32'));
    expect([tray().icon, tray().tooltip]).toEqual(['ok.png', 'Lobstr Tray: all 2 accounts OK · checked 14:02']);

    controller.render(viewOf(monitor({ accounts: [healthy('a'), expired('b', 'bob')], checkedAt: '2026-11-25T14:07:00Z' }), 'win32'));
    expect([tray().icon, tray().tooltip]).toEqual(['alert.png', 'Lobstr Tray: 1 of 2 accounts needs re-sync · checked 14:07']);
    expect(tray().shownMenu()).toContainEqual({ '@bob · X (Twitter)': ['Re-sync…', 'Show details'] });

    controller.render(viewOf(monitor({ accounts: [healthy('a'), healthy('b')], problem: { kind: 'network', message: 'offline', since: '2026-11-25T14:12:00Z', failures: 1 } }), 'win32'));
    expect([tray().icon, tray().tooltip]).toEqual(['offline.png', 'Lobstr Tray: offline since 14:12 · last good check 14:02']);

    controller.render(viewOf(monitor({ accounts: [healthy('a'), healthy('b')], checkedAt: '2026-11-25T14:17:00Z' }), 'win32'));
    expect([tray().icon, tray().tooltip]).toEqual(['ok.png', 'Lobstr Tray: all 2 accounts OK · checked 14:17']);
    expect(tray().shownMenu()).not.toContainEqual({ '@bob · X (Twitter)': ['Re-sync…', 'Show details'] });
  });

  it('does nothing for a view it already shows (an open menu stays open)', () => {
    const { controller, tray } = start('darwin');
    const view = viewOf(monitor({ accounts: [expired('a', 'ann')] }), 'darwin');
    controller.render(view);
    const before = [...tray().calls];
    controller.render(structuredClone(view));
    controller.render(viewOf(monitor({ accounts: [expired('a', 'ann')] }), 'darwin'));
    expect(tray().calls).toEqual(before);
  });

  it('changes the image only when the state changes', () => {
    const { controller, tray } = start('linux');
    controller.render(viewOf(monitor({ accounts: [expired('a', 'ann')] }), 'linux'));
    controller.render(viewOf(monitor({ accounts: [expired('a', 'ann'), expired('b', 'ben')], checkedAt: '2026-11-25T14:07:00Z' }), 'linux'));
    expect(tray().calls.filter((c) => c === 'setImage')).toEqual([]);
    expect(tray().tooltip).toBe('Lobstr Tray: 2 of 2 accounts need re-sync · checked 14:07');
    controller.render(viewOf(monitor({ accounts: [healthy('a'), healthy('b')] }), 'linux'));
    expect(tray().calls.filter((c) => c === 'setImage')).toEqual(['setImage']);
    expect(tray().icon).toBe('linux-ok.png');
  });

  it('rebuilds the menu only when its content changes', () => {
    const { controller, tray } = start('win32');
    const base: TrayView = { state: 'ok', tooltip: 'Lobstr Tray: a', title: '', menu: [{ type: 'item', id: 'open', label: 'Open Lobstr Tray', enabled: true, action: { type: 'open' } }] };
    controller.render(base);
    controller.render({ ...base, tooltip: 'Lobstr Tray: b' });
    expect(tray().calls.filter((c) => c === 'setContextMenu')).toHaveLength(1);
    expect(tray().calls.filter((c) => c === 'setToolTip')).toHaveLength(2);
    controller.render({ ...base, tooltip: 'Lobstr Tray: b', menu: [...base.menu, { type: 'item', id: 'quit', label: 'Quit', enabled: true, action: { type: 'quit' } }] });
    expect(tray().calls.filter((c) => c === 'setContextMenu')).toHaveLength(2);
    expect(tray().shownMenu()).toEqual(['Open Lobstr Tray', 'Quit']);
  });

  it('uses template images on macOS except for alert, which keeps its colour', () => {
    const { controller, tray } = start('darwin');
    controller.render(viewOf(monitor({ accounts: [healthy('a')] }), 'darwin'));
    expect(tray().icon).toBe('okTemplate.png');
    expect(tray().image.template).toBe(true);
    controller.render(viewOf(monitor({ accounts: [expired('a', 'ann')] }), 'darwin'));
    expect(tray().icon).toBe('alert.png');
    expect(tray().image.template).toBe(false);
    expect(path.dirname(tray().image.file)).toBe(ICONS);
    controller.render({ ...viewOf(monitor({ accounts: [healthy('a')] }), 'darwin'), state: 'offline' });
    expect(tray().icon).toBe('offlineTemplate.png');
    expect(tray().image.template).toBe(true);
  });

  it('shows the count beside the icon on macOS, and clears it', () => {
    const { controller, tray } = start('darwin');
    controller.render(viewOf(monitor({ accounts: [expired('a', 'ann'), expired('b', 'ben'), healthy('c')] }), 'darwin'));
    expect(tray().title).toBe('2');
    controller.render(viewOf(monitor({ accounts: [healthy('a')] }), 'darwin'));
    expect(tray().title).toBe('');
  });

  it('never sets a title outside macOS', () => {
    const { controller, tray } = start('win32');
    controller.render(viewOf(monitor({ accounts: [expired('a', 'ann')] }), 'win32'));
    expect(tray().calls).not.toContain('setTitle');
  });

  it('shows an ampersand in a username as typed', () => {
    const { controller, tray } = start('linux');
    controller.render(viewOf(monitor({ accounts: [expired('a', 'tom&jerry')] }), 'linux'));
    expect(tray().shownMenu()).toContainEqual({ 'tom&jerry · X (Twitter)': ['Re-sync…', 'Show details'] });
  });

  it('is removed on destroy and ignores later views', () => {
    const { controller, tray, trays } = start('linux');
    controller.render(viewOf(monitor({ accounts: [healthy('a')] }), 'linux'));
    controller.destroy();
    expect(tray().destroyed).toBe(true);
    controller.render(viewOf(monitor({ accounts: [expired('a', 'ann')] }), 'linux'));
    expect(tray().icon).toBe('linux-ok.png');
    expect(trays).toHaveLength(1);
  });
});

describe('clicks', () => {
  it('dispatches the action of each menu item the user picks', () => {
    const { controller, actions, tray } = start('linux');
    const accounts = [expired('h1', 'ann'), expired('h2', 'ben'), healthy('c')];
    controller.render(viewOf(monitor({ accounts }), 'linux'));
    tray().choose('Open Lobstr Tray');
    tray().choose('@ben · X (Twitter)', 'Re-sync…');
    tray().choose('@ben · X (Twitter)', 'Show details');
    tray().choose('Refresh now');
    tray().choose('Pause notifications', 'For 1 hour');
    tray().choose('Pause notifications', 'Until tomorrow 08:00');
    tray().choose('Pause notifications', 'Until I resume them');
    tray().choose('Settings…');
    tray().choose('Open log file');
    tray().choose('Quit');
    expect(actions).toEqual([
      { type: 'open' },
      { type: 'resync_account', accountId: 'h2' },
      { type: 'open_account', accountId: 'h2' },
      { type: 'refresh' },
      { type: 'snooze', preset: 'one_hour' },
      { type: 'snooze', preset: 'until_tomorrow' },
      { type: 'snooze', preset: 'until_resumed' },
      { type: 'settings' },
      { type: 'open_log' },
      { type: 'quit' },
    ]);
  });

  it('offers "Resume notifications" while paused, under a disabled line saying until when', () => {
    const { controller, actions, tray } = start('linux');
    controller.render(viewOf(monitor({ accounts: [healthy('a')] }), 'linux', { until: '2026-11-26T08:00:00Z' }));
    expect(tray().shownMenu()).toContain('(Notifications paused until 26 Nov 08:00)');
    tray().choose('Resume notifications');
    expect(actions).toEqual([{ type: 'resume_notifications' }]);
    expect(() => tray().choose('Notifications paused until 26 Nov 08:00')).toThrow(/disabled/);
  });

  it('opens the window from a click on the icon on Windows', () => {
    const { controller, actions, tray } = start('win32');
    controller.render(viewOf(monitor({ accounts: [healthy('a')] }), 'win32'));
    tray().clickIcon();
    expect(actions).toEqual([{ type: 'open' }]);
  });

  it.each(['linux', 'darwin'] as const)('leaves the icon click to the menu on %s', (platform) => {
    const { controller, tray } = start(platform);
    controller.render(viewOf(monitor({ accounts: [healthy('a')] }), platform));
    expect(tray().listeners.has('click')).toBe(false);
    expect(tray().menu).not.toBeNull();
  });
});
