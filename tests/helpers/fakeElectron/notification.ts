/**
 * Native notifications as Electron 45 and the OS deliver them. Each behaviour comes from Electron's
 * docs (docs/api/notification.md, node_modules/electron/electron.d.ts `class Notification`), and the
 * fake is never more lenient than they allow:
 *
 * - `show()` hands the notification to the system; Electron then emits `show` when it is displayed
 *   ("Emitted when the notification is shown to the user") or `failed` ("an error is encountered
 *   while creating and showing the native notification", macOS and Windows only). The system here
 *   displays each one a moment later unless the test says otherwise (`systemDisplays = false`, then
 *   `displayed()` or `fail()`). On a system where `isSupported()` is false, `show()` shows nothing.
 * - What the system displays outlives the JS object, not its listeners: an object the app no longer
 *   references can be garbage-collected and its events are lost (design.md, "Electron behaviours").
 *   Every event is delivered after a real garbage collection, and only if the object survived it.
 * - Windows: `close` is also emitted when a toast times out (details.reason 'timedOut'); the toast
 *   then sits in the Action Center and can still be clicked there. `Notification.handleActivation`
 *   (Windows only) receives every click "regardless of whether the original Notification object is
 *   still in memory", in addition to instance events, and one made before it was registered (a
 *   cold start) at once. Its `arguments` are the raw activation arguments: the `launch` attribute
 *   of a `toastXml`, or else Electron's own `type=click&tag=<hash of the id>`, which names no account.
 * - `id`: the option (Windows: the toast's Tag), or a random UUID when absent or empty.
 * - Action buttons (`actions`, docs/api/structures/notification-action.md): `button` on macOS and
 *   Windows, none on Linux. On macOS a button appears only when the app is signed and its Info.plist
 *   sets NSUserNotificationAlertStyle to `alert` ("If either of these requirements are not met the
 *   button won't appear"), and not with `hasReply`; on Windows `toastXml` supersedes every other
 *   option, actions included. Pressing one emits `action` (details.actionIndex), not `click`.
 * - macOS (Electron 42+): the notifications of an app without a valid signature are dropped
 *   silently: no banner, no `show`, no `failed` (design.md, "Electron behaviours").
 */
import { randomUUID } from 'node:crypto';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { ActivationDetails, NotificationHandle, NotificationOptions } from '../../../main/electron/notifier.js';
import { Emitter } from './emitter.js';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

let nextCollection: Promise<void> | null = null;
/**
 * A full garbage collection once the current job is over (a WeakRef keeps its target until then);
 * events waiting at the same time share one.
 */
function afterGarbageCollection(): Promise<void> {
  nextCollection ??= new Promise((resolve) =>
    setTimeout(() => {
      nextCollection = null;
      collectGarbage();
      resolve();
    }, 0),
  );
  return nextCollection;
}

/** An Electron event object. */
const electronEvent = <T extends object>(params: T = {} as T) => ({ preventDefault: () => undefined, defaultPrevented: false, ...params });

export type FakeNotificationPlatform = 'win32' | 'darwin' | 'linux';

export class FakeNotification extends Emitter implements NotificationHandle {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  constructor(readonly options: NotificationOptions) {
    super();
    this.id = options.id ? options.id : randomUUID();
    this.title = options.title;
    this.body = options.body;
  }
  show(): void {
    const Class = this.constructor as FakeNotificationClass;
    if (!Class.supported) return;
    if (Class.platform === 'darwin' && !Class.bundle.signed) return;
    const shown = new ShownNotification(this, Class);
    Class.shown.push(shown);
    if (Class.systemDisplays) shown.displaying = shown.displayed();
  }
}

/** Where a shown notification is for the user. */
export type NotificationPlace = 'sent' | 'on_screen' | 'in_notification_center' | 'gone';

/** One notification as the system holds it: what the user sees and does, and what reaches the app. */
export class ShownNotification {
  readonly options: NotificationOptions;
  readonly id: string;
  place: NotificationPlace = 'sent';
  /** The system's own display of it, which a user's action waits for. */
  displaying: Promise<void> = Promise.resolve();
  private readonly instance: WeakRef<FakeNotification>;

  constructor(
    instance: FakeNotification,
    private readonly Class: FakeNotificationClass,
  ) {
    this.options = instance.options;
    this.id = instance.id;
    this.instance = new WeakRef(instance);
  }

  /** Whether the app still references the object (after a garbage collection). */
  async held(): Promise<boolean> {
    await afterGarbageCollection();
    return this.instance.deref() !== undefined;
  }

  /** The system displays it: `show`. */
  async displayed(): Promise<void> {
    if (this.place !== 'sent') throw new Error(`the system displays a notification once; this one is ${this.place}`);
    this.place = 'on_screen';
    await this.deliver('show', electronEvent());
  }

  /** The system refuses it (not signed on macOS, blocked on Windows): `failed`. */
  async fail(error: string): Promise<void> {
    if (this.Class.platform === 'linux') throw new Error("Electron emits 'failed' on macOS and Windows only");
    if (this.place !== 'sent') throw new Error(`a notification fails instead of being displayed; this one is ${this.place}`);
    this.place = 'gone';
    await this.deliver('failed', electronEvent(), error);
  }

  /** The banner times out: Windows emits `close` (timedOut) and keeps it in the Action Center; macOS keeps it in the Notification Center silently; Linux daemons close it. */
  async timeOut(): Promise<void> {
    await this.displaying;
    this.expectVisible('time out');
    this.place = this.Class.platform === 'linux' ? 'gone' : 'in_notification_center';
    if (this.Class.platform === 'win32') await this.deliver('close', electronEvent({ reason: 'timedOut' }));
    else if (this.Class.platform === 'linux') await this.deliver('close', electronEvent());
  }

  /** The user closes it: `close` (userCanceled on Windows). */
  async dismiss(): Promise<void> {
    await this.displaying;
    this.expectVisible('dismiss');
    this.place = 'gone';
    await this.deliver('close', electronEvent(this.Class.platform === 'win32' ? { reason: 'userCanceled' } : {}));
  }

  /** The user clicks it, on screen or in the Action/Notification Center. */
  async click(): Promise<void> {
    await this.displaying;
    this.expectVisible('click');
    this.place = 'gone';
    await this.deliver('click', electronEvent());
    if (this.Class.platform === 'win32') this.Class.activate({ type: 'click', arguments: this.activationArguments() });
  }

  /**
   * The action buttons the user sees on it: what the system shows of `actions` (see the file's
   * comment), in order.
   */
  buttons(): string[] {
    const actions = (this.options.actions ?? []).filter((a) => a.type === 'button');
    const { platform, bundle } = this.Class;
    if (platform === 'linux') return [];
    if (platform === 'win32' && this.options.toastXml !== undefined) return [];
    if (platform === 'darwin' && (!bundle.signed || bundle.infoPlist['NSUserNotificationAlertStyle'] !== 'alert' || (this.options as { hasReply?: boolean }).hasReply)) return [];
    return actions.map((a) => a.text ?? (platform === 'darwin' ? 'Show' : ''));
  }

  /** The user presses the action button labelled `text`: `action`, with its index; the notification goes. */
  async pressButton(text: string): Promise<void> {
    await this.displaying;
    this.expectVisible('press a button of');
    const shown = this.buttons();
    const index = shown.indexOf(text);
    if (index < 0) throw new Error(`the user sees no button "${text}" on this notification (its buttons: ${JSON.stringify(shown)})`);
    if (this.Class.platform === 'win32') throw new Error('a toast button is not modelled on Windows (the app writes its toasts with toastXml)');
    this.place = 'gone';
    await this.deliver('action', electronEvent({ actionIndex: index, selectionIndex: -1 }), index, -1);
  }

  /** The raw arguments Windows hands back: the toastXml's launch attribute, or Electron's own. */
  activationArguments(): string {
    const launch = /<toast\b[^>]*\blaunch="([^"]*)"/.exec(this.options.toastXml ?? '')?.[1];
    if (launch !== undefined) return unescapeXml(launch);
    return `type=click&tag=${opaqueHash(this.id)}`;
  }

  private expectVisible(what: string): void {
    if (this.place === 'on_screen' || this.place === 'in_notification_center') return;
    throw new Error(`the user cannot ${what} a notification that is ${this.place === 'sent' ? 'not displayed yet' : 'gone'}`);
  }

  private async deliver(event: string, ...args: unknown[]): Promise<void> {
    await afterGarbageCollection();
    this.instance.deref()?.emit(event, ...args);
  }
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_m, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name]!);
}

/** Stands for Electron's hash of the notification id in its default activation arguments. */
function opaqueHash(text: string): string {
  let hash = 2166136261;
  for (const char of text) hash = Math.imul(hash ^ char.codePointAt(0)!, 16777619) >>> 0;
  return String(hash);
}

/** The macOS app bundle as the system judges it: its signature and its Info.plist. */
export interface FakeMacBundle {
  signed: boolean;
  infoPlist: Record<string, string>;
}

/**
 * The packaged app: always signed (ad hoc at least: scripts/mac-signing.js) with electron-builder.yml's
 * mac.extendInfo in its Info.plist (tests/unit/packaging.test.ts reads it from a real `--mac dir` build).
 */
export const PACKAGED_MAC_BUNDLE: FakeMacBundle = { signed: true, infoPlist: { LSUIElement: 'true', NSUserNotificationAlertStyle: 'alert' } };

export interface FakeNotificationClass {
  new (options: NotificationOptions): FakeNotification;
  readonly platform: FakeNotificationPlatform;
  /** macOS: the bundle the notifications come from. */
  readonly bundle: FakeMacBundle;
  readonly supported: boolean;
  /** Whether the system displays what it is given by itself (a moment later). */
  systemDisplays: boolean;
  /** Every notification shown through this class, in order. */
  readonly shown: ShownNotification[];
  /** How often the app asked whether the system supports notifications. */
  readonly supportChecks: number;
  isSupported(): boolean;
  handleActivation(callback: (details: ActivationDetails) => void): void;
  /** Windows: hands a click to the registered callback, or keeps it for the next registration. */
  activate(details: ActivationDetails): void;
  /** The app's process ends: its activation callback goes; what the system shows stays. */
  restartApp(): void;
}

export interface FakeNotificationOptions {
  supported?: boolean;
  platform?: FakeNotificationPlatform;
  /** macOS: the app's bundle; the packaged one by default. */
  bundle?: FakeMacBundle;
}

/** A Notification class of its own (its own `shown` list and system), on a system with or without notifications. */
export function fakeNotificationClass({ supported = true, platform = 'linux', bundle = PACKAGED_MAC_BUNDLE }: FakeNotificationOptions = {}): FakeNotificationClass {
  let onActivation: ((details: ActivationDetails) => void) | null = null;
  const pending: ActivationDetails[] = [];
  return class extends FakeNotification {
    static readonly platform = platform;
    static readonly bundle = bundle;
    static readonly supported = supported;
    static systemDisplays = true;
    static readonly shown: ShownNotification[] = [];
    static supportChecks = 0;
    static isSupported(): boolean {
      this.supportChecks++;
      return supported;
    }
    static handleActivation(callback: (details: ActivationDetails) => void): void {
      if (platform !== 'win32') throw new Error('Notification.handleActivation is Windows-only');
      onActivation = callback;
      for (const details of pending.splice(0)) callback(details);
    }
    static activate(details: ActivationDetails): void {
      if (onActivation) onActivation(details);
      else pending.push(details);
    }
    static restartApp(): void {
      onActivation = null;
    }
  };
}
