/** The parts of the state file that every version writes alike: times, the connection problem, the alert ledger. */
import { z } from 'zod';
import { API_ERROR_KINDS } from '../lobstr/apiErrors.js';

const HEALTHS = ['ok', 'needs_resync', 'locked', 'attention'] as const;

export const isoTime = z.string().refine((s) => Number.isFinite(Date.parse(s)), 'expected an ISO time');

export const savedProblem = z.object({
  kind: z.enum(API_ERROR_KINDS),
  message: z.string(),
  since: isoTime,
  failures: z.number().int().nonnegative(),
});

/** What the ledger remembers about one account (alertPlanner's AccountMemory). */
export const savedMemory = z.object({
  health: z.enum(HEALTHS),
  reason: z.string(),
  since: isoTime,
  notified: z.object({ at: isoTime, health: z.enum(HEALTHS) }).nullable(),
  goneAt: isoTime.optional(),
});

export const savedLedger = z.object({
  accounts: z.record(z.string(), savedMemory),
  keyRejectedShown: z.boolean(),
});
