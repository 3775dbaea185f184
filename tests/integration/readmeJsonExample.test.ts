/**
 * The README's `lobstr-tray check --json` example against what the command really prints (on the
 * demo data): the same fields in the same order, and usernames as the API gives them (no "@").
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli.js';
import { recordingIo } from '../fixtures/recordingIo.js';

type Json = Record<string, unknown> & { accounts: Array<Record<string, unknown>> };

/** The JSON block that follows "With `--json`" in the README. */
function readmeExample(): Json {
  const readme = readFileSync(path.join(process.cwd(), 'README.md'), 'utf8');
  const block = /With `--json`[^\n]*\n+```json\n([\s\S]*?)```/.exec(readme);
  if (!block?.[1]) throw new Error('README.md has no ```json block after "With `--json`"');
  return JSON.parse(block[1]) as Json;
}

async function realOutput(): Promise<Json> {
  const recorded = recordingIo(['check', '--demo', '--json'], {}, { isTTY: false });
  await runCli(recorded.io);
  return JSON.parse(recorded.stdout()) as Json;
}

describe("the README's JSON example", () => {
  it('has the fields the command prints, in its order, and a username as the JSON gives it', async () => {
    const [example, real] = [readmeExample(), await realOutput()];
    expect(Object.keys(example)).toEqual(Object.keys(real));
    expect(Object.keys(example.counts as object)).toEqual(Object.keys(real.counts as object));
    expect(Object.keys(example.accounts[0]!)).toEqual(Object.keys(real.accounts[0]!));

    const handles = real.accounts.filter((a) => a.type === 'twitter-sync').map((a) => String(a.username));
    expect(handles.length).toBeGreaterThan(0);
    expect(handles.filter((u) => u.startsWith('@'))).toEqual([]);
    expect(String(example.accounts[0]!.username)).not.toMatch(/^@/);
  });
});
