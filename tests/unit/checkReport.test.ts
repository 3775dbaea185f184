/**
 * `check --json` writes its report in pieces; joined, they are exactly the text of the one object
 * (JSON.stringify of the report), whatever the number of accounts and wherever a piece ends.
 */
import { describe, expect, it } from 'vitest';
import { summariseHealth } from '../../main/core/health/accountHealth.js';
import type { Account } from '../../main/core/lobstr/account.js';
import { parseAccount } from '../../main/core/lobstr/accountSchema.js';
import { generateAccounts } from '../../main/simulator/accountFactory.js';
import { reportFromSummary, reportJsonPieces } from '../../main/cli/checkReport.js';

const NOW = Date.UTC(2026, 10, 25, 14, 2, 11);
const accounts = generateAccounts(1001, 3, NOW).map((raw) => parseAccount(raw) as Account);

describe('the --json report in pieces', () => {
  it.each([0, 1, 500, 501, 1001])('is the text of the whole report with %i accounts', (count) => {
    const summary = summariseHealth(accounts.slice(0, count), NOW);
    const listing = { complete: count !== 501, warnings: count === 501 ? ['a note with "quotes" and "accounts":[] in it'] : [] };
    const pieces = [...reportJsonPieces(summary, NOW, listing)];
    expect(pieces.join('')).toBe(`${JSON.stringify(reportFromSummary(summary, NOW, listing))}\n`);
  });
});
