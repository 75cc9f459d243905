/**
 * The `crosstalk` command line's entry point (bin/crosstalk.js runs it): the commands are in
 * src/cli/commands/, the program and its exit codes in src/cli/main.ts.
 */
import { main } from '../src/cli/main';

// `crosstalk stats | head -1`: a reader that stops early is not a crash (Node throws EPIPE).
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await main(process.argv);
