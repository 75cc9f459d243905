/**
 * The `crosstalk` command line's entry point (bin/crosstalk.js runs it): the commands are in
 * src/cli/commands/, the program and its exit codes in src/cli/main.ts.
 */
import { main } from '../src/cli/main';

process.exitCode = await main(process.argv);
