/**
 * The fake Notification (tests/helpers/fakeElectron/notification.ts) is no more lenient than
 * Electron: each behaviour here is one its docs describe, so a test passing on the fake cannot
 * hide a notification that is lost for real.
 */
import { describe, expect, it } from 'vitest';
import type { ActivationDetails, NotificationOptions } from '../../main/electron/notifier.js';
import { fakeNotificationClass } from '../helpers/fakeElectron/notification.js';

const options: NotificationOptions = { id: 'n-1', title: 'Title', body: 'Body', silent: false, urgency: 'normal' };

/** Shows a notification the caller does not keep, recording its events on the side. */
function showUnheld(Fake: ReturnType<typeof fakeNotificationClass>, events: string[]): void {
  const n = new Fake(options);
  for (const event of ['show', 'click', 'close', 'failed']) n.on(event, () => void events.push(event));
  n.show();
}

describe('the fake Notification', () => {
  const withButton: NotificationOptions = { ...options, actions: [{ type: 'button', text: 'Re-sync' }] };

  it('shows action buttons on macOS only for a signed app whose Info.plist asks for alerts, and never on Linux', async () => {
    const signedAlert = fakeNotificationClass({ platform: 'darwin', bundle: { signed: true, infoPlist: { NSUserNotificationAlertStyle: 'alert' } } });
    const banner = fakeNotificationClass({ platform: 'darwin', bundle: { signed: true, infoPlist: {} } });
    const linux = fakeNotificationClass({ platform: 'linux' });
    const windowsXml = fakeNotificationClass({ platform: 'win32' });
    const held = [new signedAlert(withButton), new banner(withButton), new linux(withButton), new windowsXml({ ...withButton, toastXml: '<toast/>' })];
    for (const n of held) n.show();
    expect([signedAlert, banner, linux, windowsXml].map((Fake) => Fake.shown[0]!.buttons())).toEqual([['Re-sync'], [], [], []]);
    await expect(banner.shown[0]!.pressButton('Re-sync')).rejects.toThrow(/no button/);
    await expect(linux.shown[0]!.pressButton('Re-sync')).rejects.toThrow(/no button/);

    const events: unknown[] = [];
    held[0]!.on('action', (details: { actionIndex: number }) => void events.push(details.actionIndex));
    held[0]!.on('click', () => void events.push('click'));
    await signedAlert.shown[0]!.pressButton('Re-sync');
    expect(events).toEqual([0]);
    expect(signedAlert.shown[0]!.place).toBe('gone');
  });

  it('on macOS drops the notifications of an unsigned app silently: nothing displayed, no event', async () => {
    const Fake = fakeNotificationClass({ platform: 'darwin', bundle: { signed: false, infoPlist: { NSUserNotificationAlertStyle: 'alert' } } });
    const events: string[] = [];
    const held = new Fake(options);
    for (const event of ['show', 'failed', 'click']) held.on(event, () => void events.push(event));
    held.show();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(Fake.shown).toEqual([]);
    expect(events).toEqual([]);
  });

  it('loses the events of an object nobody references any more, as Electron does once it is garbage-collected', async () => {
    const Fake = fakeNotificationClass();
    const events: string[] = [];
    showUnheld(Fake, events);
    await Fake.shown[0]!.click();
    expect(events).toEqual([]);
  });

  it('delivers them while the object is referenced: `show` once displayed, then `click`', async () => {
    const Fake = fakeNotificationClass();
    const events: string[] = [];
    const held = new Fake(options);
    for (const event of ['show', 'click']) held.on(event, () => void events.push(event));
    held.show();
    await Fake.shown[0]!.click();
    expect(events).toEqual(['show', 'click']);
    await expect(Fake.shown[0]!.click()).rejects.toThrow(/gone/);
  });

  it('on Windows: a toast that times out emits `close` (timedOut) and can still be clicked in the Action Center; the click reaches handleActivation', async () => {
    const Fake = fakeNotificationClass({ platform: 'win32' });
    const activations: ActivationDetails[] = [];
    Fake.handleActivation((details) => activations.push(details));
    const reasons: unknown[] = [];
    const held = new Fake({ ...options, toastXml: '<toast launch="a=1&amp;b=2"><visual/></toast>' });
    held.on('close', (details: { reason?: string }) => void reasons.push(details.reason));
    held.show();
    await Fake.shown[0]!.timeOut();
    expect(reasons).toEqual(['timedOut']);
    expect(Fake.shown[0]!.place).toBe('in_notification_center');
    await Fake.shown[0]!.click();
    expect(activations).toEqual([{ type: 'click', arguments: 'a=1&b=2' }]);
  });

  it('on Windows: without toastXml, the activation names only Electron’s hash of the id', async () => {
    const Fake = fakeNotificationClass({ platform: 'win32' });
    const activations: ActivationDetails[] = [];
    showUnheld(Fake, []);
    await Fake.shown[0]!.click(); // before anyone listens: kept for the first registration (a cold start)
    Fake.handleActivation((details) => activations.push(details));
    expect(activations).toEqual([{ type: 'click', arguments: expect.stringMatching(/^type=click&tag=\d+$/) }]);
    expect(activations[0]!.arguments).not.toContain('n-1');
  });

  it('has handleActivation on Windows only, and `failed` on macOS and Windows only', async () => {
    expect(() => fakeNotificationClass({ platform: 'darwin' }).handleActivation(() => undefined)).toThrow(/Windows-only/);
    const Linux = fakeNotificationClass({ platform: 'linux' });
    Linux.systemDisplays = false;
    new Linux(options).show();
    await expect(Linux.shown[0]!.fail('no daemon')).rejects.toThrow(/macOS and Windows only/);

    const Mac = fakeNotificationClass({ platform: 'darwin' });
    Mac.systemDisplays = false;
    const failures: string[] = [];
    const held = new Mac(options);
    held.on('failed', (_event: unknown, error: string) => void failures.push(error));
    held.show();
    await Mac.shown[0]!.fail('not code-signed');
    expect(failures).toEqual(['not code-signed']);
  });

  it('shows nothing where the system has no notifications', () => {
    const Fake = fakeNotificationClass({ supported: false });
    expect(Fake.isSupported()).toBe(false);
    new Fake(options).show();
    expect(Fake.shown).toEqual([]);
  });

  it('gives each notification the id it was given, or a random UUID', () => {
    const Fake = fakeNotificationClass();
    expect(new Fake(options).id).toBe('n-1');
    expect(new Fake({ ...options, id: '' }).id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
