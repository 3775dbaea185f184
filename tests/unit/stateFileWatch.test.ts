/**
 * The poll-path benchmark's reader of the state file (bench/stateFileWatch.ts) tells an atomic write
 * (a temporary file renamed over the old one) from one made in place, which a reader can find cut off.
 */
import { closeSync, mkdtempSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { watchStateFile } from '../../bench/stateFileWatch.js';

let dir: string;
let file: string;
const json = (n: number) => JSON.stringify({ accounts: Array.from({ length: n }, (_, i) => ({ id: `a${i}` })) });

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lobstr-statewatch-'));
  file = path.join(dir, 'monitor-state.json');
  writeFileSync(file, json(10));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('sees a write by rename as atomic, and an unchanged file as not written', async () => {
  const watch = watchStateFile(file);
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(watch.stop()).toMatchObject({ writes: 0, incomplete: 0 });

  const again = watchStateFile(file);
  writeFileSync(`${file}.tmp`, json(1000));
  renameSync(`${file}.tmp`, file);
  await vi.waitFor(() => expect(again.figures().writes).toBe(1));
  expect(again.stop()).toMatchObject({ writes: 1, newInodes: 1, incomplete: 0 });
});

it('sees a write in place as not atomic, and a reader finding it cut off', async () => {
  const watch = watchStateFile(file);
  const text = json(1000);
  const fd = openSync(file, 'w'); // truncates: a reader now finds an empty file
  writeSync(fd, text.slice(0, 100));
  // The writer is slow (a big file, a busy disk): the reader comes by while it is half written.
  await vi.waitFor(() => expect(watch.figures().writes).toBe(1));
  writeSync(fd, text.slice(100));
  closeSync(fd);
  await new Promise((resolve) => setTimeout(resolve, 20));
  const seen = watch.stop();
  expect(seen.newInodes).toBe(0);
  expect(seen.incomplete).toBeGreaterThanOrEqual(1);
  expect(seen.writes).toBeGreaterThan(seen.newInodes);
});
