/**
 * Native notifications through a fake Notification class (no Electron here): what the user sees,
 * where a click takes them, and the Windows AppUserModelId without which Windows shows nothing.
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
  RETAINED_NOTIFICATIONS,
  setWindowsAppUserModelId,
  type NotificationClass,
} from '../../main/electron/notifier.js';
import { FakeApp } from '../helpers/fakeElectron/app.js';
import { fakeNotificationClass } from '../helpers/fakeElectron/notification.js';

/** Compile-time only: Electron's own Notification class and app fit what the adapter takes. */
export function wiresWithRealElectron(Notification: typeof ElectronNotification, app: App): Notifier {
  const fits: NotificationClass = Notification;
  setWindowsAppUserModelId(app, 'win32');
  return createElectronNotifier(fits, { onClick: () => undefined });
}

const needsResync: PlannedNotification = {
  kind: 'needs_resync',
  title: '@hashamxcom needs cookie re-sync',
  body: 'X (Twitter) · cookies expired · used by 1 squid',
  accountId: 'd3e97f2cd33658f301bdbe807402ab30',
};
const group: PlannedNotification = { kind: 'needs_resync_group', title: '5 accounts need cookie re-sync', body: '@a, @b, @c and 2 more' };
const recovered: PlannedNotification = { kind: 'recovered', title: '@hashamxcom is synchronized again', body: 'X (Twitter)', accountId: 'd3e' };

describe('the Electron notifier', () => {
  it('shows the planned title and body, with sound, and the app icon when given', () => {
    const Fake = fakeNotificationClass();
    createElectronNotifier(Fake, { onClick: () => undefined, icon: '/app/resources/icon.png' }).show(needsResync);
    expect(Fake.shown).toHaveLength(1);
    expect(Fake.shown[0]?.options).toEqual({
      title: '@hashamxcom needs cookie re-sync',
      body: 'X (Twitter) · cookies expired · used by 1 squid',
      silent: false,
      urgency: 'normal',
      icon: '/app/resources/icon.png',
    });
  });

  it('marks "synchronized again" as low urgency (good news need not interrupt), problems as normal', () => {
    const Fake = fakeNotificationClass();
    const notifier = createElectronNotifier(Fake, { onClick: () => undefined });
    notifier.show(recovered);
    notifier.show({ kind: 'key_rejected', title: 'Lobstr rejected the API key', body: 'Set a new key in Settings.' });
    expect(Fake.shown.map((n) => n.options.urgency)).toEqual(['low', 'normal']);
    expect(Fake.shown[0]?.options).not.toHaveProperty('icon');
  });

  it('opens the window on the account when clicked, and on the list for a grouped one', () => {
    const Fake = fakeNotificationClass();
    const opened: Array<string | undefined> = [];
    const notifier = createElectronNotifier(Fake, { onClick: (id) => opened.push(id) });
    notifier.show(needsResync);
    notifier.show(group);
    Fake.shown[1]?.click();
    Fake.shown[0]?.click();
    expect(opened).toEqual([undefined, 'd3e97f2cd33658f301bdbe807402ab30']);
  });

  it('keeps shown notifications referenced until clicked or closed, so their clicks still work', () => {
    const Fake = fakeNotificationClass();
    const notifier = createElectronNotifier(Fake, { onClick: () => undefined });
    notifier.show(needsResync);
    notifier.show(group);
    notifier.show(recovered);
    expect(notifier.retained).toBe(3);
    Fake.shown[0]?.click();
    Fake.shown[1]?.close();
    expect(notifier.retained).toBe(1);
  });

  it(`holds at most ${RETAINED_NOTIFICATIONS}, letting the oldest go`, () => {
    const Fake = fakeNotificationClass();
    const notifier = createElectronNotifier(Fake, { onClick: () => undefined });
    for (let i = 0; i < RETAINED_NOTIFICATIONS + 15; i++) notifier.show({ ...needsResync, accountId: `a${i}` });
    expect(Fake.shown).toHaveLength(RETAINED_NOTIFICATIONS + 15);
    expect(notifier.retained).toBe(RETAINED_NOTIFICATIONS);
  });

  it('shows nothing and says so once where the system has no notifications', () => {
    const Fake = fakeNotificationClass(false);
    const problems: string[] = [];
    const notifier = createElectronNotifier(Fake, { onClick: () => undefined, onProblem: (m) => problems.push(m) });
    notifier.show(needsResync);
    notifier.show(group);
    expect(Fake.shown).toEqual([]);
    expect(Fake.supportChecks).toBe(2);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/does not support desktop notifications/);
  });

  it('reports a notification that failed to show, and lets it go', () => {
    const Fake = fakeNotificationClass();
    const problems: string[] = [];
    const notifier = createElectronNotifier(Fake, { onClick: () => undefined, onProblem: (m) => problems.push(m) });
    notifier.show(needsResync);
    Fake.shown[0]?.fail('toast blocked by Focus Assist');
    expect(problems).toEqual(['A notification could not be shown: toast blocked by Focus Assist']);
    expect(notifier.retained).toBe(0);
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
