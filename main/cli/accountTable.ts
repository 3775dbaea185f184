/** The human-readable output of `lobstr-tray check`: a table of accounts and a summary line. */
import type { Health, HealthSummary } from '../core/health/accountHealth.js';
import { summaryLine } from '../core/health/accountHealth.js';
import { platformLabel } from '../core/health/platforms.js';
import { relativeTime } from '../core/views/timeFormat.js';

const LABEL: Record<Health, string> = {
  needs_resync: 'RE-SYNC',
  attention: 'attention',
  locked: 'locked',
  ok: 'ok',
};

// SGR colours; only used when the output is a terminal and NO_COLOR is not set.
const COLOUR: Record<Health, string> = { needs_resync: '31;1', attention: '33', locked: '36', ok: '32' };

function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** The table's lines, header first: written a few hundred at a time, never joined into one 10 MB text. */
export function accountTableLines(summary: HealthSummary, nowMs: number, colour: boolean): string[] {
  const header = ['HEALTH', 'PLATFORM', 'USERNAME', 'LAST SYNC', 'SQUIDS', 'REASON'];
  const rows = summary.accounts.map(({ account, health, reason }) => ({
    health,
    cells: [
      LABEL[health],
      platformLabel(account.type),
      cut(account.username || '(no username)', 40),
      relativeTime(account.last_synchronization_time, nowMs),
      String(account.squids.length),
      cut(reason, 80),
    ],
  }));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r.cells[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const paint = (text: string, health: Health) => (colour ? `\x1b[${COLOUR[health]}m${text}\x1b[0m` : text);
  const out = [line(header)];
  for (const row of rows) {
    const text = line(row.cells);
    // Colour only the health label so columns stay aligned.
    const label = row.cells[0]!;
    out.push(paint(label, row.health) + text.slice(label.length));
  }
  return out;
}

/** "2 of 25 accounts need cookie re-sync (20 ok, 2 locked, 1 attention)" */
export function formatSummary(summary: HealthSummary): string {
  const { counts } = summary;
  const parts = [`${counts.ok} ok`];
  if (counts.locked) parts.push(`${counts.locked} locked`);
  if (counts.attention) parts.push(`${counts.attention} attention`);
  const squids = summary.affectedSquids.length;
  const squidNote = squids ? `; ${squids} squid${squids === 1 ? '' : 's'} affected` : '';
  return summary.total === 0 ? summaryLine(summary) : `${summaryLine(summary)} (${parts.join(', ')}${squidNote})`;
}
