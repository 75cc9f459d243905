import { describe, expect, it } from 'vitest';
import { graphOfRows } from './query-graph';
import type { NodeValue, RelationshipValue } from './values';

const work: NodeValue = {
  $kind: 'node',
  id: 'doi:1',
  label: 'Work',
  properties: {
    id: 'doi:1',
    title: 'A review',
    x: 1.5,
    y: -2,
    community: 3,
    year: 2020,
    citedByCount: 7,
    isReview: true,
  },
};
const concept: NodeValue = {
  $kind: 'node',
  id: 'concept:irisin',
  label: 'Concept',
  properties: {
    id: 'concept:irisin',
    name: 'irisin',
    category: 'factor',
    x: 0,
    y: 1,
    community: 2,
    mentionCount: 4,
  },
};
const author: NodeValue = { $kind: 'node', id: 'author:x', label: 'Author', properties: { name: 'X' } };
const mentions: RelationshipValue = {
  $kind: 'relationship',
  type: 'MENTIONS',
  source: 'doi:1',
  target: 'concept:irisin',
  properties: {},
};
const authored: RelationshipValue = {
  $kind: 'relationship',
  type: 'AUTHORED',
  source: 'author:x',
  target: 'doi:1',
  properties: {},
};

describe('graphOfRows', () => {
  it('converts works and concepts like /api/graph, and skips other labels and relationship types', () => {
    const g = graphOfRows([{ w: work, a: author, r: authored, n: 1 }]);
    expect(g.nodes).toEqual([
      {
        id: 'doi:1',
        kind: 'work',
        label: 'A review',
        x: 1.5,
        y: -2,
        community: 3,
        year: 2020,
        category: null,
        weight: 7,
        isReview: true,
      },
    ]);
    expect(g.edges).toEqual([]);
  });

  it('finds nodes and relationships inside lists, maps and paths, each once', () => {
    const path = { $kind: 'path' as const, nodes: [work, concept], relationships: [mentions] };
    const g = graphOfRows([
      { p: path, l: [[concept]], m: { inner: { r: mentions } } },
      { w: work, s: 'doi:1', big: '9007199254740993' },
    ]);
    expect(g.nodes.map((n) => [n.id, n.kind, n.label, n.weight])).toEqual([
      ['doi:1', 'work', 'A review', 7],
      ['concept:irisin', 'concept', 'irisin', 4],
    ]);
    expect(g.nodes[1]).toMatchObject({ category: 'factor', year: null, isReview: false });
    expect(g.edges).toEqual([{ source: 'doi:1', target: 'concept:irisin', kind: 'MENTIONS' }]);
  });

  it('gives an empty graph for scalar rows', () => {
    expect(graphOfRows([{ n: 1, s: 'CREATE', l: [1, null] }])).toEqual({ nodes: [], edges: [] });
  });
});
