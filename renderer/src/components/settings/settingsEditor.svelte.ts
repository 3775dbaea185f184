/**
 * The settings page's state: the values as the app holds them, and what it said about each change.
 * Every change is saved at once through the bridge; the main process validates it, and a refused
 * change keeps the old value and its message is shown next to the field.
 */
import type { LobstrBridge } from '../../../../preload/lobstrBridge';
import type { SettingsPatch, SettingsValues } from '../../../../main/shared/ipcContract';

/** A control of the page, for its error message. */
export type SettingField =
  | 'apiBaseUrl'
  | 'pollIntervalMinutes'
  | 'status429NeedsResync'
  | 'notifications.needsResync'
  | 'notifications.recovered'
  | 'notifications.keyRejected'
  | 'reminderHours'
  | 'snooze'
  | 'launchAtLogin'
  | 'startHidden'
  | 'showCountInMenuBar';

export class SettingsEditor {
  /** null until read (the loading state). */
  values = $state<SettingsValues | null>(null);
  /** What the app says about the settings (a reset file, a failed save). */
  notice = $state<string | null>(null);
  loadError = $state<string | null>(null);
  /** The refusal message of each field's last change, if it was refused. */
  errors = $state<Partial<Record<SettingField, string>>>({});

  constructor(private readonly bridge: Pick<LobstrBridge, 'getSettings' | 'updateSettings'>) {}

  async load(): Promise<void> {
    this.loadError = null;
    const result = await this.bridge.getSettings();
    if (result.ok) {
      this.values = result.value.settings;
      this.notice = result.value.notice;
    } else {
      this.loadError = result.error.message;
    }
  }

  /** Saves one change; false (and the message kept for `field`) when the app refused it. */
  async save(field: SettingField, patch: SettingsPatch): Promise<boolean> {
    const result = await this.bridge.updateSettings(patch);
    if (!result.ok) {
      this.errors = { ...this.errors, [field]: result.error.message };
      return false;
    }
    const { [field]: _cleared, ...others } = this.errors;
    this.errors = others;
    this.values = result.value.settings;
    this.notice = result.value.notice;
    return true;
  }

  /** Shows a message for `field` without asking the app (input that is not even a number). */
  refuseLocally(field: SettingField, message: string): void {
    this.errors = { ...this.errors, [field]: message };
  }
}
