/** Native notifications: what was shown, and the user's click or dismissal or the system's refusal. */
import type { NotificationHandle, NotificationOptions } from '../../../main/electron/notifier.js';
import { Emitter } from './emitter.js';

export class FakeNotification extends Emitter implements NotificationHandle {
  constructor(readonly options: NotificationOptions) {
    super();
  }
  show(): void {
    (this.constructor as FakeNotificationClass).shown.push(this);
  }
  click(): void {
    this.emit('click');
  }
  close(): void {
    this.emit('close');
  }
  /** The system could not show it (e.g. blocked by Focus Assist). */
  fail(error: string): void {
    this.emit('failed', {}, error);
  }
}

export interface FakeNotificationClass {
  new (options: NotificationOptions): FakeNotification;
  /** Every notification shown through this class, in order. */
  readonly shown: FakeNotification[];
  /** How often the adapter asked whether the system supports notifications. */
  readonly supportChecks: number;
  isSupported(): boolean;
}

/** A Notification class of its own (its own `shown` list), on a system with or without notifications. */
export function fakeNotificationClass(supported = true): FakeNotificationClass {
  return class extends FakeNotification {
    static readonly shown: FakeNotification[] = [];
    static supportChecks = 0;
    static isSupported(): boolean {
      this.supportChecks++;
      return supported;
    }
  };
}
