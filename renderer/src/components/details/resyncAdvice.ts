/** What a person needs to know to re-sync an account's cookies in Lobstr. */
import type { AccountView } from '../../../../main/shared/ipcContract';
import { platformOf } from '../../../../main/core/health/platforms';

/**
 * The cookie names Lobstr needs for this account: those the platform catalog knows for its type,
 * then any other the account itself lists (the API's `cookies`), without repeats. Empty when
 * neither says: Lobstr then takes all the session cookies of the platform.
 */
export function cookiesToResync(account: Pick<AccountView, 'type' | 'cookies'>): string[] {
  const names = new Set(platformOf(account.type)?.cookies ?? []);
  for (const cookie of account.cookies) if (cookie.name.trim() !== '') names.add(cookie.name);
  return [...names];
}

/** "li_at, JSESSIONID and li_a". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
