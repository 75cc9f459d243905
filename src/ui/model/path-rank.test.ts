import { describe, expect, it } from 'vitest';
import type { NetworkEdge } from '../../model/api';
import { impossiblePath, pathCost, rankPaths, shortestPathsAvoiding, type Step } from './path-rank';

/**
 * The review R mentions the hub "bone" (degree 300) and cites work W (degree 3), which mentions
 * irisin; irisin acts on bone. Two shortest paths of 2 steps: R–bone–irisin and R–W–irisin.
 */
const e = (source: string, target: string, kind: NetworkEdge['kind']): NetworkEdge => ({
  source,
  target,
  kind,
});
const edges = [
  e('R', 'bone', 'MENTIONS'),
  e('irisin', 'bone', 'ACTS_ON'),
  e('R', 'W', 'CITES'),
  e('W', 'irisin', 'MENTIONS'),
];
const degree: Record<string, number> = { R: 50, bone: 300, W: 3, irisin: 20 };
const steps = (id: string): Step[] =>
  edges.flatMap((x) =>
    x.source === id ? [{ to: x.target, edge: x }] : x.target === id ? [{ to: x.source, edge: x }] : [],
  );

describe('path ranking', () => {
  const viaHub = { nodes: ['R', 'bone', 'irisin'], edges: [edges[0]!, edges[1]!] };
  const viaWork = { nodes: ['R', 'W', 'irisin'], edges: [edges[2]!, edges[3]!] };

  it('costs log2 of the inner nodes’ degrees', () => {
    expect(pathCost(viaHub.nodes, (id) => degree[id]!)).toBeCloseTo(Math.log2(300), 9);
    expect(pathCost(['R', 'irisin'], (id) => degree[id]!)).toBe(0);
  });

  it('lists the path through the specific work before the one through the hub', () => {
    expect(rankPaths([viaHub, viaWork], (id) => degree[id]!)).toEqual([viaWork, viaHub]);
  });

  it('finds every shortest path, and none through an avoided hub', () => {
    const all = shortestPathsAvoiding('R', 'irisin', steps, new Set(), 6, 10);
    expect(all.map((p) => p.nodes.join('>')).sort()).toEqual(['R>W>irisin', 'R>bone>irisin']);
    const avoiding = shortestPathsAvoiding('R', 'irisin', steps, new Set(['bone']), 6, 10);
    expect(avoiding).toEqual([viaWork]);
    expect(shortestPathsAvoiding('R', 'irisin', steps, new Set(['bone', 'W']), 6, 10)).toEqual([]);
  });

  it('says why a citations-only path to a concept cannot exist', () => {
    expect(
      impossiblePath('cites', [
        { kind: 'work', label: 'R' },
        { kind: 'concept', label: 'irisin' },
      ]),
    ).toMatch(/^Concepts are not cited/);
    expect(impossiblePath('any', [{ kind: 'concept', label: 'irisin' }])).toBeNull();
    expect(impossiblePath('cites', [{ kind: 'work', label: 'R' }])).toBeNull();
  });
});
