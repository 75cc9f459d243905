import { describe, expect, it } from 'vitest';
import { provenanceLine } from './provenance';

const COUNTS = { nodes: {}, rels: {} };

describe('the footer line', () => {
  it('names the engine, its version, the backend and the dataset, with the folder in the tooltip', () => {
    const line = provenanceLine({
      backend: 'embedded',
      engineVersion: 'kuzu 0.11.3',
      counts: COUNTS,
      dataset: { loadedAt: '2026-12-01T10:38:14.109Z', dataDir: '/home/me/crosstalk/graph', dataHash: 'abc' },
    });
    expect(line.text).toBe('Kuzu 0.11.3 (embedded database) · dataset “graph”, loaded 2026-12-01');
    expect(line.title).toBe('Data folder: /home/me/crosstalk/graph');
    expect(line.text).not.toContain('abc');
  });

  it('says Neo4j server for the Neo4j backend', () => {
    const line = provenanceLine({
      backend: 'neo4j',
      engineVersion: 'neo4j 5.26.0 community',
      counts: COUNTS,
      dataset: null,
    });
    expect(line.text).toBe('Neo4j 5.26.0 community (Neo4j server)');
  });
});
