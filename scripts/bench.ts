/**
 * `npm run bench -- [--quick] [--sizes …] [--engines …] [--neo4j] [--out bench] [--seed 1]`: the
 * benchmark's entry point. Options and what is measured: src/bench/run.ts.
 */
import { main } from '../src/bench/run';

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
