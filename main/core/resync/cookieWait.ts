/**
 * The first step of a re-sync: waiting until the cookie source holds every required cookie (and,
 * for a login window, the person has left the login pages). Says "n of m" as cookies arrive.
 */
import { pickCookies } from './cookiePick.js';
import type { CookieNeeds } from './cookieNeeds.js';
import type { CookieSource } from './cookieSource.js';
import type { ResyncError, ResyncProgress } from './resyncProgress.js';

export type WaitingProgress = Extract<ResyncProgress, { step: 'waiting_for_login' }>;

export type CookieWait = { ok: true; cookies: Map<string, string> } | { ok: false; error: ResyncError };

/** Rejects with the signal's reason when it aborts; a source's own failure is returned as an error. */
export async function waitForCookies(
  source: CookieSource,
  needs: CookieNeeds,
  signal: AbortSignal,
  report: (progress: WaitingProgress) => void,
): Promise<CookieWait> {
  let last = '';
  for (;;) {
    signal.throwIfAborted();
    // Asked before the read, so a change while reading is not missed; dropped when not needed.
    const listening = new AbortController();
    const stopListening = (): void => listening.abort(signal.reason);
    signal.addEventListener('abort', stopListening, { once: true });
    const next = source.changed?.(listening.signal);
    next?.catch(() => undefined);
    try {
      const reading = await source.read(signal);
      const { cookies, report: names } = pickCookies(reading.cookies, needs);
      const complete = names.missing.length === 0 && cookies.size > 0;
      const progress: WaitingProgress = {
        step: 'waiting_for_login',
        found: names.found,
        missing: names.missing,
        have: needs.wholeSession ? names.found.length : needs.required.length - names.missing.length,
        need: needs.required.length,
        signingIn: complete && reading.settled === false,
      };
      const seen = JSON.stringify(progress);
      if (seen !== last) report(progress);
      last = seen;
      if (complete && reading.settled !== false) return { ok: true, cookies };
      if (next === undefined) return { ok: false, error: missingError(names.missing, needs.host) };
      await next;
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      const reason = (error as Error)?.message ?? String(error);
      return { ok: false, error: { kind: 'cookies_missing', message: `The cookies could not be read: ${reason}` } };
    } finally {
      signal.removeEventListener('abort', stopListening);
      listening.abort();
    }
  }
}

function missingError(missing: readonly string[], host: string | null): ResyncError {
  const site = host ?? "the platform's site";
  if (missing.length === 0) {
    return { kind: 'cookies_missing', message: `No cookie for ${site} was found. Export the cookies while logged in to ${site}.` };
  }
  const names = missing.join(', ');
  return {
    kind: 'cookies_missing',
    message: `Lobstr needs ${names} for ${site}, and ${missing.length === 1 ? 'it is' : 'they are'} not in the cookies given. Export ${missing.length === 1 ? 'it' : 'them'} again while logged in to ${site}.`,
  };
}
