/**
 * Opens a store from its {@link StoreSpec}: the one place that turns a backend name back into an
 * adapter, so a process that was handed a spec (a query worker) needs no backend-specific code.
 * Each adapter is imported only when asked for: a worker of the embedded store does not load the
 * Neo4j driver (half of a worker's start-up time).
 */
import type { GraphStore, StoreSpec } from './graph-store';

/**
 * Opens the store a spec describes (lazily, like the adapters' constructors: nothing is read or
 * connected until the first call).
 * @throws TypeError for a spec of an unknown backend.
 */
export async function openStoreFromSpec(spec: StoreSpec): Promise<GraphStore> {
  switch (spec.backend) {
    case 'embedded': {
      const { EmbeddedStore } = await import('./embedded/embedded-store');
      return new EmbeddedStore(spec.dir, spec.options);
    }
    case 'neo4j': {
      const { Neo4jStore } = await import('./neo4j/neo4j-store');
      return new Neo4jStore(spec.config, spec.options);
    }
    default:
      throw new TypeError(`Unknown store backend in ${JSON.stringify(spec satisfies never)}`);
  }
}
