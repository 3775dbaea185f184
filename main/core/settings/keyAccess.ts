/**
 * Whether the stored key may be used with the configured base URL, and what to tell the user when it
 * may not. A key is bound to the origin it was checked against: it is sent only there, and a base
 * URL on another origin means the key must be entered again and checked there first.
 */
import { keyHint } from './apiKey.js';
import { originOf } from '../lobstr/baseUrl.js';
import type { KeyReading } from './secretStore.js';
import type { KeyStatus } from '../views/windowViews.js';

export type KeyAccess =
  /** A key checked with `baseUrl`'s origin: the client uses exactly this pair. */
  | { kind: 'ready'; key: string; baseUrl: string }
  | { kind: 'absent' }
  /** The stored key was checked with another origin; it is never sent to `wantedHost`. */
  | { kind: 'other_origin'; storedHost: string; wantedHost: string }
  /** The system keyring is locked or not ready; the key is read again later. */
  | { kind: 'waiting' }
  /** The stored key cannot be used (damaged, from another computer); the store's notice says why. */
  | { kind: 'unusable' };

export function keyAccess(reading: KeyReading, baseUrl: string): KeyAccess {
  switch (reading.state) {
    case 'stored': {
      const wanted = originOf(baseUrl);
      if (reading.origin === wanted) return { kind: 'ready', key: reading.key, baseUrl };
      return { kind: 'other_origin', storedHost: new URL(reading.origin).host, wantedHost: new URL(wanted).host };
    }
    case 'absent':
      return { kind: 'absent' };
    case 'waiting':
      return { kind: 'waiting' };
    case 'unusable':
      return { kind: 'unusable' };
  }
}

/** What the tray's status line says while no key can be used; null: the usual "set your key". */
export function keySetupLine(access: KeyAccess, storeNotice: string | null): string | null {
  switch (access.kind) {
    case 'other_origin':
      return `enter your API key again for ${access.wantedHost}`;
    case 'waiting':
      return 'waiting for the system keyring to unlock';
    case 'unusable':
      return storeNotice === null ? null : 'the saved API key cannot be used; enter it again';
    default:
      return null;
  }
}

/** The key's status for the window: never the key, only whether it can be used, its hint and why not. */
export function keyStatusOf(access: KeyAccess, storeNotice: string | null): Omit<KeyStatus, 'storage'> {
  const base = { set: false, hint: null, notice: storeNotice, waiting: false };
  switch (access.kind) {
    case 'ready':
      return { ...base, set: true, hint: keyHint(access.key) };
    case 'other_origin':
      return {
        ...base,
        notice:
          `Enter your API key again for ${access.wantedHost}: the saved key was checked with ${access.storedHost}, ` +
          'and Lobstr Tray sends a key only where it was checked.',
      };
    case 'waiting':
      return {
        ...base,
        waiting: true,
        notice: 'Waiting for the system keyring to unlock: the saved API key is read again at the next check.',
      };
    default:
      return base;
  }
}
