/**
 * One full account listing in a fresh process, so peak memory belongs to this run alone.
 * argv: <baseUrl> <pageSize> <concurrency>; the token comes from BENCH_TOKEN (never argv).
 * Prints one JSON line: accounts, requests, wall time, peak RSS and peak heap.
 */
import v8 from 'node:v8';
import { nodeHttpFetch } from '../main/cli/nodeHttpFetch.js';
import { createLobstrClient } from '../main/core/lobstr/apiClient.js';

const [baseUrl, pageSize, concurrency] = process.argv.slice(2);
// v8's heap statistics, not process.memoryUsage(): that one reads the RSS from the OS at every call
// (about 60 ms of this process's main thread over a listing at 5 ms intervals, delaying its requests).
const heapUsed = (): number => v8.getHeapStatistics().used_heap_size;
let peakHeap = heapUsed();
const sampler = setInterval(() => {
  peakHeap = Math.max(peakHeap, heapUsed());
}, 5);

const client = createLobstrClient({
  apiKey: process.env.BENCH_TOKEN ?? '',
  baseUrl: baseUrl!,
  pageSize: Number(pageSize),
  concurrency: Number(concurrency),
  fetch: nodeHttpFetch,
});
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const list = await client.listAccounts();
const wallMs = performance.now() - started;
clearInterval(sampler);
peakHeap = Math.max(peakHeap, heapUsed());
process.stdout.write(
  `${JSON.stringify({
    accounts: list.accounts.length,
    requests: list.requests,
    wallMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    rssBeforeMb: rssBefore / 2 ** 20,
    peakHeapMb: peakHeap / 2 ** 20,
  })}\n`,
);
