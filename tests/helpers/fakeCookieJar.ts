/**
 * A cookie source the test fills as a login would: cookies appear one by one, the page may still be
 * a sign-in page (`settled` false), and each change wakes whoever waits. Counts its listeners, so a
 * test sees that a cancelled or finished re-sync lets go of it.
 */
import type { CookieReading, CookieSource } from '../../main/core/resync/cookieSource.js';
import type { CookieEntry } from '../../main/core/resync/cookieText.js';

export class FakeCookieJar implements CookieSource {
  cookies: CookieEntry[] = [];
  settled = true;
  reads = 0;
  private readonly waiters = new Set<() => void>();

  constructor(cookies: Record<string, string> = {}, readonly domain = '.x.com') {
    for (const [name, value] of Object.entries(cookies)) this.cookies.push({ name, value, domain });
  }

  /** Sets (or replaces) a cookie, as a site's response would. */
  set(name: string, value: string, domain = this.domain): void {
    this.cookies = [...this.cookies.filter((c) => !(c.name === name && c.domain === domain)), { name, value, domain }];
    this.fire();
  }

  /** The page changed: still signing in, or through. */
  setSettled(settled: boolean): void {
    this.settled = settled;
    this.fire();
  }

  get listeners(): number {
    return this.waiters.size;
  }

  async read(): Promise<CookieReading> {
    this.reads++;
    return { cookies: [...this.cookies], settled: this.settled };
  }

  changed(signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const wake = (): void => {
        this.waiters.delete(wake);
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = (): void => {
        this.waiters.delete(wake);
        reject(signal.reason);
      };
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      this.waiters.add(wake);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private fire(): void {
    for (const wake of [...this.waiters]) wake();
  }
}
