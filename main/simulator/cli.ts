/**
 * Entry of `npm run sim` (built to dist/main/simulator/cli.js): runs the simulator until Ctrl-C or
 * SIGTERM, then closes it cleanly. The work is in runCli.ts.
 */
import { runSimulatorCli, type CliIo } from './runCli.js';

const io: CliIo = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
};

async function main(): Promise<void> {
  const outcome = await runSimulatorCli(process.argv.slice(2), io);
  if ('exitCode' in outcome) {
    process.exitCode = outcome.exitCode;
    return;
  }
  const stop = (): void => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    void outcome.simulator.close().then(() => {
      io.out('Simulator stopped.');
      process.exitCode = 0;
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  io.err(`simulator: ${(error as Error).message}`);
  process.exitCode = 1;
});
