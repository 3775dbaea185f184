/**
 * An account's row in the window's list: what the list shows, sorts and searches by, plus what the
 * list's guidance needs (status, status_code_info, lock_time). Made by the monitor once per
 * changed account (assessedSnapshot.ts) and kept while what it shows stays the same, so the
 * window's whole snapshot is these objects and not a copy of every field: params, cookies, squids
 * and descriptions (about 900 bytes an account) are read one account at a time (account:held).
 */
import type { Account } from '../lobstr/account.js';
import type { Health } from '../health/accountHealth.js';
import type { AccountRowView } from './windowViews.js';

export function accountRow(account: Account, health: Health, reason: string): AccountRowView {
  return {
    id: account.id,
    username: account.username,
    type: account.type,
    health,
    reason,
    status: account.status,
    status_code_info: account.status_code_info,
    last_synchronization_time: account.last_synchronization_time,
    lock_time: account.lock_time,
    squidCount: account.squids.length,
  };
}

/** True when accountRow would make a row equal to `row`: an account changed elsewhere keeps its row (and is not pushed). */
export function sameRow(row: AccountRowView, account: Account, health: Health, reason: string): boolean {
  return (
    row.health === health &&
    row.reason === reason &&
    row.id === account.id &&
    row.username === account.username &&
    row.type === account.type &&
    row.status === account.status &&
    row.status_code_info === account.status_code_info &&
    row.last_synchronization_time === account.last_synchronization_time &&
    row.lock_time === account.lock_time &&
    row.squidCount === account.squids.length
  );
}
