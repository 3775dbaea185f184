/**
 * The tray app in a process of its own for the poll-path benchmark (bench/pollPath.ts drives it), so
 * its memory and stalls are its own: the simulator runs in another process.
 * argv: <baseUrl> <root folder>; the key comes from BENCH_TOKEN (never argv).
 * Talks in JSON lines: prints {"ready", "firstPollMs", "windowOpen", "stateFile"} once connected; then, per line
 * "poll" on stdin, polls and prints {"polled", "wallMs"}, waits for the line "stop" (the driver
 * decides when the poll's after-effects have settled) and prints the PollFigures. "quit" ends it.
 */
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { launchBenchApp } from './pollPathHarness.js';

const [baseUrl, root] = process.argv.slice(2);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const say = (message: object): void => void process.stdout.write(`${JSON.stringify(message)}\n`);

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const nextLine = async (): Promise<string> => {
  const next = await lines.next();
  return next.done ? 'quit' : next.value.trim();
};

const bench = await launchBenchApp({ baseUrl: baseUrl!, apiKey: process.env.BENCH_TOKEN ?? '', root: root!, repo });
say({ ready: true, firstPollMs: bench.firstPollMs, windowOpen: bench.windowOpen, stateFile: bench.stateFile });

for (let command = await nextLine(); command !== 'quit'; command = await nextLine()) {
  if (command !== 'poll') throw new Error(`unknown command ${command}`);
  const figures = await bench.measurePoll(async (wallMs) => {
    say({ polled: true, wallMs });
    const reply = await nextLine();
    if (reply !== 'stop') throw new Error(`expected "stop", got ${reply}`);
  });
  say(figures);
}
await bench.shutdown();
process.exit(0);
