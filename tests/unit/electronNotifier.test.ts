/**
 * Native notifications through a fake Notification class (no Electron here): what the user sees,
 * where a click takes them (also from the Windows Action Center, after the object is gone or the app
 * restarted), and the Windows AppUserModelId without which Windows shows nothing.
 */
import type { App, Notification as ElectronNotification } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Notifier, PlannedNotification } from '../../main/core/appModel.js';
import {
  APP_USER_MODEL_ID,
  createElectronNotifier,
  RESYNC_BUTTON,
  RETAINED_NOTIFICATIONS,
  setWindowsAppUserModelId,
  type ElectronNotifierOptions,
  type NotificationClass,
} from '../../main/electron/notifier.js';
import { createNotificationDelivery } from '../../main/core/monitor/notificationDelivery.js';
import { parseToastLaunchArguments } from '../../main/electron/windowsToast.js';
import { FakeApp } from '../helpers/fakeElectron/app.js';
import { fakeNotificationClass, PACKAGED_MAC_BUNDLE, type FakeNotificationPlatform } from '../helpers/fakeElectron/notification.js';

/** Compile-time only: Electron's own Notification class and app fit what the adapter takes. */
export function wiresWithRealElectron(Notification: typeof ElectronNotification, app: App): Notifier {
  const fits: NotificationClass = Notification;
  setWindowsAppUserModelId(app, 'win32');
  return createElectronNotifier(fits, { onClick: () => undefined, platform: 'win32' });
}

const needsResync: PlannedNotification = {
  kind: 'needs_resync',
  title: '@hashamxcom needs cookie re-sync',
  body: 'X (Twitter) · cookies expired · used by 1 squid',
  accountId: 'd3e97f2cd33658f301bdbe807402ab30',
};
const group: PlannedNotification = { kind: 'needs_resync_group', title: '5 accounts need cookie re-sync', body: '@a, @b, @c and 2 more' };
const recovered: PlannedNotification = { kind: 'recovered', title: '@hashamxcom is synchronized again', body: 'X (Twitter)', accountId: 'd3e' };

/** A notifier on a fake system of `platform`, recording where clicks open the window. */
function setUp(platform: FakeNotificationPlatform = 'linux', extra: Partial<ElectronNotifierOptions> = {}) {
  const Fake = fakeNotificationClass({ platform });
  const opened: Array<string | undefined> = [];
  const notifier = createElectronNotifier(Fake, { onClick: (id) => opened.push(id), platform, ...extra });
  return { Fake, opened, notifier };
}

describe('the Electron notifier', () => {
  it('shows the planned title and body, with sound, its own id, and the app icon when given', () => {
    const { Fake } = setUp('linux', { icon: '/app/resources/icon.png' });
    createElectronNotifier(Fake, { onClick: () => undefined, platform: 'linux', icon: '/app/resources/icon.png' }).show(needsResync);
    expect(Fake.shown).toHaveLength(1);
    expect(Fake.shown[0]?.options).toEqual({
      id: expect.stringMatching(/\S/),
      title: '@hashamxcom needs cookie re-sync',
      body: 'X (Twitter) · cookies expired · used by 1 squid',
      silent: false,
      urgency: 'normal',
      icon: '/app/resources/icon.png',
    });
  });

  it('gives every notification its own id, also across restarts', () => {
    const { Fake, notifier } = setUp();
    notifier.show(needsResync);
    notifier.show(needsResync);
    createElectronNotifier(Fake, { onClick: () => undefined, platform: 'linux' }).show(needsResync);
    expect(new Set(Fake.shown.map((n) => n.id)).size).toBe(3);
  });

  it('marks "synchronized again" as low urgency (good news need not interrupt), problems as normal', () => {
    const { Fake, notifier } = setUp();
    notifier.show(recovered);
    notifier.show({ kind: 'key_rejected', title: 'Lobstr rejected the API key', body: 'Set a new key in Settings.' });
    expect(Fake.shown.map((n) => n.options.urgency)).toEqual(['low', 'normal']);
    expect(Fake.shown[0]?.options).not.toHaveProperty('icon');
  });

  it('opens the window on the account when clicked, and on the list for a grouped one', async () => {
    const { Fake, opened, notifier } = setUp();
    notifier.show(needsResync);
    notifier.show(group);
    await Fake.shown[1]?.click();
    await Fake.shown[0]?.click();
    expect(opened).toEqual([undefined, 'd3e97f2cd33658f301bdbe807402ab30']);
  });

  it('keeps a notification referenced while it can still be clicked, so its click is not lost', async () => {
    const { Fake, opened, notifier } = setUp();
    notifier.show(needsResync);
    notifier.show(group);
    notifier.show(recovered);
    expect(notifier.retained).toBe(3);
    await Fake.shown[1]?.dismiss();
    expect(await Fake.shown[1]?.held()).toBe(false);
    await Fake.shown[2]?.click();
    expect(notifier.retained).toBe(1);
    // Long after, the first is clicked: its object was kept, so the click arrives.
    await Fake.shown[0]?.click();
    expect(opened).toEqual(['d3e', 'd3e97f2cd33658f301bdbe807402ab30']);
  });

  it(`holds at most ${RETAINED_NOTIFICATIONS}, letting the oldest go`, () => {
    const { Fake, notifier } = setUp();
    for (let i = 0; i < RETAINED_NOTIFICATIONS + 15; i++) notifier.show({ ...needsResync, accountId: `a${i}` });
    expect(Fake.shown).toHaveLength(RETAINED_NOTIFICATIONS + 15);
    expect(notifier.retained).toBe(RETAINED_NOTIFICATIONS);
  });

  it('shows nothing where the system has no notifications, and reports it (also when asked at start)', () => {
    const Fake = fakeNotificationClass({ supported: false });
    const delivery = createNotificationDelivery(() => 0);
    const notifier = createElectronNotifier(Fake, { onClick: () => undefined, platform: 'linux', delivery });
    expect(notifier.checkSupport()).toBe(false);
    expect(delivery.blocked()).toEqual({ cause: 'unsupported', error: null, since: '1970-01-01T00:00:00.000Z' });
    notifier.show(needsResync);
    expect(Fake.shown).toEqual([]);
    expect(Fake.supportChecks).toBe(2);
  });

  it('reports a notification the system refused, and lets it go; one displayed later clears it', async () => {
    const delivery = createNotificationDelivery(() => 0);
    const { Fake, notifier } = setUp('win32', { delivery });
    Fake.systemDisplays = false;
    notifier.show(needsResync);
    await Fake.shown[0]?.fail('toast blocked by Focus Assist');
    expect(delivery.blocked()).toMatchObject({ cause: 'failed', error: 'toast blocked by Focus Assist' });
    expect(notifier.retained).toBe(0);

    notifier.show(group);
    await Fake.shown[1]?.displayed();
    expect(delivery.blocked()).toBeNull();
  });
});

describe('a notification about an account needing re-sync', () => {
  const reminder: PlannedNotification = { ...needsResync, kind: 'reminder', title: '@hashamxcom still needs cookie re-sync' };

  it.each(['linux', 'darwin', 'win32'] as const)('opens its details with the re-sync ready when clicked on %s; "synchronized again" and a group do not', async (platform) => {
    const Fake = fakeNotificationClass({ platform });
    const opened: Array<[string | undefined, boolean]> = [];
    const notifier = createElectronNotifier(Fake, { onClick: (id, resync) => opened.push([id, resync]), onResync: () => undefined, platform });
    if (platform === 'win32') notifier.listenForActivations();
    for (const planned of [needsResync, reminder, recovered, group]) notifier.show(planned);
    for (const shown of Fake.shown) await shown.click();
    expect(opened).toEqual([
      ['d3e97f2cd33658f301bdbe807402ab30', true],
      ['d3e97f2cd33658f301bdbe807402ab30', true],
      ['d3e', false],
      [undefined, false],
    ]);
  });

  it('on Windows, opens it with the re-sync ready from the Action Center after a restart too', async () => {
    const Fake = fakeNotificationClass({ platform: 'win32' });
    createElectronNotifier(Fake, { onClick: () => undefined, platform: 'win32' }).show(needsResync);
    await Fake.shown[0]?.timeOut();
    Fake.restartApp();
    const opened: Array<[string | undefined, boolean]> = [];
    createElectronNotifier(Fake, { onClick: (id, resync) => opened.push([id, resync]), platform: 'win32' }).listenForActivations();
    await Fake.shown[0]?.click();
    expect(opened).toEqual([['d3e97f2cd33658f301bdbe807402ab30', true]]);
  });

  it(`on macOS carries a "${RESYNC_BUTTON}" button, which starts the re-sync instead of opening the window`, async () => {
    const Fake = fakeNotificationClass({ platform: 'darwin' });
    const opened: Array<string | undefined> = [];
    const resynced: string[] = [];
    const notifier = createElectronNotifier(Fake, { onClick: (id) => opened.push(id), onResync: (id) => resynced.push(id), platform: 'darwin' });
    notifier.show(needsResync);
    notifier.show(reminder);
    notifier.show(recovered);
    notifier.show(group);
    expect(Fake.shown.map((n) => n.buttons())).toEqual([[RESYNC_BUTTON], [RESYNC_BUTTON], [], []]);
    await Fake.shown[0]!.pressButton(RESYNC_BUTTON);
    expect(resynced).toEqual(['d3e97f2cd33658f301bdbe807402ab30']);
    expect(opened).toEqual([]);
    expect(notifier.retained).toBe(3);
  });

  it('has no button on Linux and Windows (Windows toasts are written whole), nor without a way to start a re-sync', () => {
    for (const platform of ['linux', 'win32'] as const) {
      const { Fake, notifier } = setUp(platform, { onResync: () => undefined });
      notifier.show(needsResync);
      expect(Fake.shown[0]!.options.actions).toBeUndefined();
      expect(Fake.shown[0]!.buttons()).toEqual([]);
    }
    const { Fake, notifier } = setUp('darwin');
    notifier.show(needsResync);
    expect(Fake.shown[0]!.buttons()).toEqual([]);
  });

  it('on macOS the button needs the packaged bundle: signed, with NSUserNotificationAlertStyle "alert" (electron-builder.yml)', () => {
    expect(PACKAGED_MAC_BUNDLE.infoPlist['NSUserNotificationAlertStyle']).toBe('alert');
    const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
    const config = fs.readFileSync(path.join(repo, 'electron-builder.yml'), 'utf8');
    expect(config).toMatch(/^\s+NSUserNotificationAlertStyle: alert$/m);
  });
});

describe('Windows: a toast in the Action Center', () => {
  it('still opens its account when clicked there after it timed out', async () => {
    const { Fake, opened, notifier } = setUp('win32');
    notifier.listenForActivations();
    notifier.show(needsResync);
    await Fake.shown[0]?.timeOut();
    expect(Fake.shown[0]?.place).toBe('in_notification_center');
    await Fake.shown[0]?.click();
    expect(opened).toEqual(['d3e97f2cd33658f301bdbe807402ab30']);
  });

  it('opens its account even when its object is gone (let go beyond the limit)', async () => {
    const { Fake, opened, notifier } = setUp('win32');
    notifier.listenForActivations();
    notifier.show(needsResync);
    for (let i = 0; i < RETAINED_NOTIFICATIONS; i++) notifier.show({ ...recovered, accountId: `r${i}` });
    await Fake.shown[0]?.timeOut();
    expect(await Fake.shown[0]?.held()).toBe(false);
    await Fake.shown[0]?.click();
    expect(opened).toEqual(['d3e97f2cd33658f301bdbe807402ab30']);
  });

  it('opens its account after a restart', async () => {
    const Fake = fakeNotificationClass({ platform: 'win32' });
    // The first run: shows a toast, which times out into the Action Center; then the app quits.
    (() => {
      const firstRun = createElectronNotifier(Fake, { onClick: () => undefined, platform: 'win32' });
      firstRun.listenForActivations();
      firstRun.show(needsResync);
    })();
    await Fake.shown[0]?.timeOut();
    Fake.restartApp();
    const opened: Array<string | undefined> = [];
    createElectronNotifier(Fake, { onClick: (id) => opened.push(id), platform: 'win32' }).listenForActivations();
    await Fake.shown[0]?.click();
    expect(opened).toEqual(['d3e97f2cd33658f301bdbe807402ab30']);
  });

  it('opens the account of the toast that started the app, once the app listens', async () => {
    const Fake = fakeNotificationClass({ platform: 'win32' });
    createElectronNotifier(Fake, { onClick: () => undefined, platform: 'win32' }).show(needsResync);
    await Fake.shown[0]?.timeOut();
    Fake.restartApp();
    await Fake.shown[0]?.click(); // the app is not running yet: Windows starts it
    const opened: Array<string | undefined> = [];
    createElectronNotifier(Fake, { onClick: (id) => opened.push(id), platform: 'win32' }).listenForActivations();
    expect(opened).toEqual(['d3e97f2cd33658f301bdbe807402ab30']);
  });

  it('opens the window once for a click that reaches the app twice (its object and the activation)', async () => {
    const { Fake, opened, notifier } = setUp('win32');
    notifier.listenForActivations();
    notifier.show(needsResync);
    expect(await Fake.shown[0]?.held()).toBe(true);
    await Fake.shown[0]?.click();
    expect(opened).toEqual(['d3e97f2cd33658f301bdbe807402ab30']);
  });

  it('opens the list for a toast that names no account (a grouped one, or another version’s)', async () => {
    const { Fake, opened, notifier } = setUp('win32');
    notifier.listenForActivations();
    notifier.show(group);
    await Fake.shown[0]?.click();
    Fake.activate({ type: 'click', arguments: 'type=click&tag=1234567' });
    expect(opened).toEqual([undefined, undefined]);
  });

  it('is written by the app, so its launch arguments carry the account; title and body are escaped', () => {
    const { Fake, notifier } = setUp('win32');
    notifier.show({ ...needsResync, title: '<b>&"x"</b> needs cookie re-sync' });
    const xml = Fake.shown[0]!.options.toastXml!;
    expect(xml).toContain('<text>&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt; needs cookie re-sync</text>');
    expect(xml).toContain('<text>X (Twitter) · cookies expired · used by 1 squid</text>');
    expect(parseToastLaunchArguments(Fake.shown[0]!.activationArguments())).toEqual({
      key: Fake.shown[0]!.id,
      accountId: 'd3e97f2cd33658f301bdbe807402ab30',
      resync: true,
    });
  });

  it('is left to Electron elsewhere, and nothing listens for activations there', () => {
    for (const platform of ['darwin', 'linux'] as const) {
      const { Fake, notifier } = setUp(platform);
      notifier.listenForActivations(); // the fake throws if handleActivation is called off Windows
      notifier.show(needsResync);
      expect(Fake.shown[0]?.options).not.toHaveProperty('toastXml');
    }
  });
});

describe('Windows AppUserModelId', () => {
  it('is set on Windows to the packaged appId', () => {
    const app = new FakeApp();
    setWindowsAppUserModelId(app, 'win32');
    expect(app.appUserModelIds).toEqual(['io.lobstrtray.app']);
  });

  it.each(['darwin', 'linux'] as const)('is left alone on %s', (platform) => {
    const app = new FakeApp();
    setWindowsAppUserModelId(app, platform);
    expect(app.appUserModelIds).toEqual([]);
  });

  it('matches electron-builder.yml, or installed builds would show no notifications', () => {
    const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
    const config = fs.readFileSync(path.join(repo, 'electron-builder.yml'), 'utf8');
    expect(config).toMatch(new RegExp(`^appId: ${APP_USER_MODEL_ID.replace(/\./g, '\\.')}$`, 'm'));
  });
});
