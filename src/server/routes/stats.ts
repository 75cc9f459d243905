/** GET /api/stats: counts per label and type, the engine and the loaded dataset's provenance. */
import type { FastifyInstance } from 'fastify';
import type { StatsPayload } from '../../model/api';
import type { DatasetCache } from '../dataset-cache';

/** What the route reads. */
export interface StatsRouteDeps {
  cache: DatasetCache;
}

/** Registers GET /api/stats. */
export function register(app: FastifyInstance, deps: StatsRouteDeps): void {
  app.get('/api/stats', async (): Promise<StatsPayload> => deps.cache.getStats());
}
