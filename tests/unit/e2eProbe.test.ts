/**
 * The end-to-end test's probe (main/electron/e2eProbe.ts): under LOBSTR_TRAY_E2E=1 main/index.ts
 * wraps Electron's Tray and Notification so the test can read the objects the app created. The
 * app must get Electron's own instances, and the probe must not keep alive what the app let go.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { probeElectron } from '../../main/electron/e2eProbe.js';
import { fakeNotificationClass } from '../helpers/fakeElectron/notification.js';
import { FakeImage, FakeMenu, fakeTrayElectron } from '../helpers/fakeElectron/tray.js';

const options = { id: 'n1', title: 't', body: 'b', silent: false, urgency: 'normal' as const };

describe('the end-to-end probe', () => {
  it('hands the app the instances Electron creates, and records the tray’s current image and menu', () => {
    const { Tray, trays } = fakeTrayElectron();
    const Notification = fakeNotificationClass();
    const { targets, probe } = probeElectron<FakeImage, FakeMenu, { Tray: typeof Tray; Notification: typeof Notification }>({ Tray, Notification });

    const tray = new targets.Tray(new FakeImage('ok.png'));
    expect(tray).toBe(trays[0]);
    expect(probe.tray).toBe(tray);
    expect(probe.trayImage?.file).toBe('ok.png');
    tray.setImage(new FakeImage('alert.png'));
    const menu = new FakeMenu([{ label: 'Open Lobstr Tray' }]);
    tray.setContextMenu(menu);
    expect(probe.trayImage?.file).toBe('alert.png');
    expect(trays[0]!.icon).toBe('alert.png'); // Electron's own setImage still ran
    expect(probe.trayMenu).toBe(menu);

    const notification = new targets.Notification(options);
    expect(notification).toBeInstanceOf(Notification);
    expect(probe.notifications.map((ref) => ref.deref())).toEqual([notification]);
    expect(targets.Notification.isSupported()).toBe(true);
  });

  it('forwards Windows activations to Electron’s Notification', () => {
    const { Tray } = fakeTrayElectron();
    const Notification = fakeNotificationClass({ platform: 'win32' });
    const { targets } = probeElectron<FakeImage, FakeMenu, { Tray: typeof Tray; Notification: typeof Notification }>({ Tray, Notification });
    const activations: unknown[] = [];
    targets.Notification.handleActivation((details) => activations.push(details));
    Notification.activate({ type: 'click', arguments: 'x=1' });
    expect(activations).toEqual([{ type: 'click', arguments: 'x=1' }]);
  });

  it('holds notifications weakly, so the app lets them go under test as it does for real', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const { Tray } = fakeTrayElectron();
    const { targets, probe } = probeElectron<FakeImage, FakeMenu, { Tray: typeof Tray; Notification: ReturnType<typeof fakeNotificationClass> }>({
      Tray,
      Notification: fakeNotificationClass(),
    });
    new targets.Notification(options);
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    expect(probe.notifications[0]?.deref()).toBeUndefined();
  });
});
