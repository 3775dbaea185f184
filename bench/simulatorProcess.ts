/**
 * The simulator in a process of its own, so the client's memory is measured alone.
 * Prints one JSON line `{"baseUrl", "origin", "token"}` once listening; stops on SIGTERM.
 */
import { startSimulator } from '../main/simulator/server.js';

const accounts = Number(process.argv[2] ?? 10_000);
const sim = await startSimulator({ port: 0, accounts, seed: 7, token: 'bench-token' });
process.stdout.write(`${JSON.stringify({ baseUrl: sim.baseUrl, origin: sim.origin, token: sim.token })}\n`);
const stop = () => void sim.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
