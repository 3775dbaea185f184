/**
 * The first version of the state file (every account in full, each icon once by index), still read so
 * an update keeps what the previous version remembered; the next save writes the current version.
 */
import { z } from 'zod';
import type { Account } from '../lobstr/account.js';
import type { PersistedMonitorState } from './monitorStore.js';
import { isoTime, savedLedger, savedProblem } from './monitorStateSchema.js';

/** An account as this app saved it (already normalised); the icon is an index into `icons`. */
const savedAccount = z.looseObject({
  id: z.string().min(1),
  object: z.string(),
  username: z.string(),
  created_at: z.string().nullable(),
  last_synchronization_time: z.string().nullable(),
  status: z.string(),
  status_code_info: z.string(),
  status_code_description: z.string(),
  type: z.string(),
  params: z.record(z.string(), z.unknown()),
  updated_at: z.string().nullable(),
  account_type_hash: z.string(),
  squids: z.array(z.object({ name: z.string(), hash_value: z.string() })),
  baseurl: z.string(),
  cookies: z.array(z.object({ name: z.string(), required: z.boolean() })),
  icon: z.number().int().nonnegative(),
  primary_color: z.string().nullable(),
  lock_time: z.number().nullable(),
  resets_in: z.number().nullable(),
  extra: z.record(z.string(), z.unknown()),
  problem: z.string().optional(),
});

const savedStateV1 = z.object({
  version: z.literal(1),
  savedAt: isoTime,
  icons: z.array(z.string()),
  snapshot: z
    .object({ checkedAt: isoTime, accounts: z.array(savedAccount), warnings: z.array(z.string()) })
    .nullable(),
  problem: savedProblem.nullable(),
  ledger: savedLedger,
});

/** The state a version 1 file holds, or why it cannot be used. */
export function readMonitorStateV1(raw: unknown): PersistedMonitorState | { why: string } {
  const parsed = savedStateV1.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return { why: `it is not in the expected form (${path}${issue?.message ?? 'unknown problem'})` };
  }
  const { icons, snapshot, problem, ledger } = parsed.data;
  let accounts: Account[] = [];
  if (snapshot) {
    const missing = snapshot.accounts.find((a) => a.icon >= icons.length);
    if (missing) return { why: `account ${missing.id} refers to an icon that is not there` };
    accounts = snapshot.accounts.map((a) => ({ ...a, icon: icons[a.icon]! }) as Account);
  }
  return {
    snapshot: snapshot && { checkedAt: snapshot.checkedAt, accounts, warnings: snapshot.warnings },
    problem,
    ledger,
  };
}
