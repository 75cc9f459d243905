/**
 * `crosstalk query`: one read-only Cypher query, checked by the same guard as POST /api/cypher and
 * run in a worker process (a pool of one), as on the server: an engine crash, a runaway parse or a
 * memory bomb ends with a clear error and exit code 1, not a segfault here.
 */
import { Option, type Command } from 'commander';
import { errorMessage, UsageError } from '../../model/errors';
import type { Row } from '../../model/values';
import { QueryPool } from '../../server/query-pool/pool';
import { checkReadQuery } from '../../store/query-guard';
import { storeFlags } from '../flags';
import { FORMATS, formatRows, parseParams } from '../format';
import { storeSpecOf } from '../open-store';
import { parseOptions, queryOptions } from '../options';
import { err, out } from '../output';

/** Registers `query` on the program. */
export function register(program: Command): void {
  storeFlags(
    program
      .command('query')
      .description('run one read-only Cypher query')
      .argument('<cypher>', 'the Cypher query, e.g. "MATCH (w:Work) RETURN count(w) AS n"')
      .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('table'))
      .option(
        '--param <name=value>',
        'query parameter, referenced as $name; repeatable; JSON values are parsed',
        (v: string, prev: string[]) => [...prev, v],
        [] as string[],
      )
      .option('--timeout <ms>', 'time limit in milliseconds', '10000')
      .option('--max-rows <n>', 'row cap', '10000'),
  ).action(async (cypher: string, raw: unknown) => {
    const rawParams = (raw as { param?: unknown }).param;
    let params: Record<string, unknown>;
    try {
      params = parseParams(Array.isArray(rawParams) ? (rawParams as string[]) : []);
    } catch (e: unknown) {
      throw new UsageError(errorMessage(e));
    }
    const opts = parseOptions(queryOptions, raw);
    // The same guard as POST /api/cypher, before the store is even opened.
    checkReadQuery(cypher, params);
    const pool = new QueryPool({
      spec: storeSpecOf(opts),
      size: 1,
      spares: 0,
      timeLimitMs: opts.timeout,
      maxRows: opts.maxRows,
      maxQueued: 1,
      queueWaitMs: 120_000, // the wait for the worker to start
    });
    let closing: Promise<void> | null = null;
    try {
      const answer = await pool.run({ cypher, params, graph: false });
      // The worker has nothing more to do. On the read-only embedded database it has nothing to
      // flush either: ended at once (see QueryPool.abandon); a Neo4j worker closes its driver
      // while the rows are printed.
      if (opts.store === 'embedded') pool.abandon();
      else closing = pool.close();
      const result = JSON.parse(answer.body.toString('utf8')) as {
        columns: string[];
        rows: Row[];
        timeMs: number;
      };
      out(formatRows(result.columns, result.rows, opts.format));
      const cut = answer.truncated ? `truncated at ${result.rows.length} rows` : '';
      if (opts.format !== 'json') {
        err(`${result.rows.length} row(s)${cut ? ` (${cut})` : ''}, ${result.timeMs.toFixed(0)} ms`);
      } else if (cut) err(cut);
    } finally {
      await (closing ?? pool.close());
    }
  });
}
