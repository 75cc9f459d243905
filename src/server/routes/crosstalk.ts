/** GET /api/crosstalk: the matrix of factors secreted by one tissue that act on another, with their works (cached per dataset). */
import type { FastifyInstance } from 'fastify';
import type { CrosstalkPayload } from '../../model/api';
import type { DatasetCache } from '../dataset-cache';

/** What the route reads. */
export interface CrosstalkRouteDeps {
  cache: DatasetCache;
}

/** Registers GET /api/crosstalk. */
export function register(app: FastifyInstance, deps: CrosstalkRouteDeps): void {
  app.get('/api/crosstalk', async (): Promise<CrosstalkPayload> => deps.cache.getCrosstalk());
}
