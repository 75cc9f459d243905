/**
 * Opens a store from its {@link StoreSpec}: the one place that turns a backend name back into an
 * adapter, so a process that was handed a spec (a query worker) needs no backend-specific code.
 */
import { EmbeddedStore } from './embedded/embedded-store';
import type { GraphStore, StoreSpec } from './graph-store';
import { Neo4jStore } from './neo4j/neo4j-store';

/**
 * Opens the store a spec describes (lazily, like the adapters' constructors: nothing is read or
 * connected until the first call).
 * @throws TypeError for a spec of an unknown backend.
 */
export function openStoreFromSpec(spec: StoreSpec): GraphStore {
  switch (spec.backend) {
    case 'embedded':
      return new EmbeddedStore(spec.dir, spec.options);
    case 'neo4j':
      return new Neo4jStore(spec.config, spec.options);
    default:
      throw new TypeError(`Unknown store backend in ${JSON.stringify(spec satisfies never)}`);
  }
}
