/**
 * Whether the system shows the app's notifications (main/core/monitor/notificationDelivery.ts): blocked
 * from the first refusal or when there are none at all, until one is displayed again.
 */
import { describe, expect, it } from 'vitest';
import { createNotificationDelivery, notificationsBlockedView } from '../../main/core/monitor/notificationDelivery.js';

describe('notification delivery', () => {
  it('is fine until the system refuses one, and again once one is displayed', () => {
    let now = Date.parse('2026-11-26T09:00:00Z');
    const delivery = createNotificationDelivery(() => now);
    const changes: unknown[] = [];
    delivery.onChange((blocked) => changes.push(blocked?.cause ?? 'fine'));
    expect(delivery.blocked()).toBeNull();

    delivery.failed('not allowed');
    now += 60_000;
    delivery.failed('still not allowed');
    expect(delivery.blocked()).toEqual({ cause: 'failed', error: 'still not allowed', since: '2026-11-26T09:00:00.000Z' });

    delivery.shown();
    expect(delivery.blocked()).toBeNull();
    expect(changes).toEqual(['failed', 'fine']);
  });

  it('says so when the system has no notifications at all', () => {
    const delivery = createNotificationDelivery(() => 0);
    delivery.unsupported();
    expect(delivery.blocked()).toMatchObject({ cause: 'unsupported', error: null });
  });

  it('tells the window what is wrong and where to allow them on this system', () => {
    const blocked = { cause: 'failed' as const, error: 'denied', since: '2026-11-26T09:00:00.000Z' };
    expect(notificationsBlockedView(blocked, 'darwin')).toEqual({
      ...blocked,
      message: 'Notifications are blocked by the system',
      advice: 'To allow them: System Settings → Notifications → Lobstr Tray',
    });
    expect(notificationsBlockedView(null, 'darwin')).toBeNull();
  });
});
