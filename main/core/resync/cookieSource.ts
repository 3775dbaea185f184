/**
 * Where a re-sync's cookies come from, as the core sees it. The Electron login window implements it
 * over its session's cookie store (which sees HttpOnly cookies), the paste box and the command's
 * --cookies-file over text read once (fixedCookieSource). The core only reads what it is given:
 * values stay in memory for the one request that sends them.
 */
import type { CookieEntry } from './cookieText.js';

export interface CookieReading {
  /** The cookies now; a cookie with a domain counts only where the platform's site would receive it. */
  cookies: readonly CookieEntry[];
  /**
   * False while the person is still signing in (a login, checkpoint or challenge page): the
   * required cookies alone do not end the wait. Absent means true.
   */
  settled?: boolean;
}

export interface CookieSource {
  read(signal: AbortSignal): Promise<CookieReading>;
  /**
   * Resolves at the first change after the call (a cookie set or removed, a page left), rejects
   * with the signal's reason when it aborts (the source then lets go of its listener). The core
   * calls it before each read, so no change between a read and the wait is lost. Absent: the
   * source never changes (text read once), so a missing cookie ends the re-sync at once.
   */
  changed?(signal: AbortSignal): Promise<void>;
}

/** Cookies read once (pasted text, a file): complete or not, they stay as they are. */
export function fixedCookieSource(cookies: readonly CookieEntry[]): CookieSource {
  return { read: async () => ({ cookies }) };
}
