/** GET /api/queries: the example query library (graph/queries), read once at start. */
import type { FastifyInstance } from 'fastify';
import type { ExampleQuery } from '../../model/example-queries';
import { readExampleQueries } from '../example-queries';

/** What the route reads. */
export interface QueriesRouteDeps {
  /** Folder of the example queries; null or missing: the list is empty. */
  queriesDir?: string | null;
}

/** Registers GET /api/queries. */
export async function register(app: FastifyInstance, deps: QueriesRouteDeps): Promise<void> {
  const examples = deps.queriesDir ? await readExampleQueries(deps.queriesDir) : [];
  app.get('/api/queries', (_request, reply) => {
    void reply.send(examples satisfies ExampleQuery[]);
  });
}
