/**
 * The footer's line about where the network comes from, in a researcher's words: which database
 * answers (engine name and version, embedded or a Neo4j server) and which dataset, loaded when —
 * not the store's internals. Pure.
 */
import type { StatsPayload } from '../../model/api';
import { engineName } from './cypher-errors';

/** The footer text, and the full data folder for its tooltip. */
export function provenanceLine(stats: StatsPayload): { text: string; title: string } {
  const name = engineName(stats);
  // engineVersion: "kuzu 0.11.3", "ladybug 0.20.4", "neo4j 5.26.0 community".
  const version = stats.engineVersion.split(' ').slice(1).join(' ');
  const where = stats.backend === 'neo4j' ? 'Neo4j server' : 'embedded database';
  const engine = `${name}${version ? ` ${version}` : ''} (${where})`;
  if (!stats.dataset) return { text: engine, title: engine };
  const dir = stats.dataset.dataDir.replace(/[\\/]+$/, '');
  const folder = dir.split(/[\\/]/).pop() ?? dir;
  return {
    text: `${engine} · dataset “${folder}”, loaded ${stats.dataset.loadedAt.slice(0, 10)}`,
    title: `Data folder: ${stats.dataset.dataDir}`,
  };
}
