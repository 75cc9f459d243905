/**
 * Precomputed layout and communities, so the UI can draw the network at once.
 * ForceAtlas2 from seeded random positions and Louvain with a seeded RNG: same input, same output.
 */
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import random from 'graphology-layout/random';
import seedrandom from 'seedrandom';
import type { GraphData } from '../model/graph-schema';

/** Options of {@link computeLayout}. */
export interface LayoutOptions {
  /** Seed of every random number generator used. */
  seed?: string;
  /** ForceAtlas2 iterations; by default fewer for bigger graphs. */
  iterations?: number;
}

/** Relationship types that shape the layout (authorship and venue do not). */
const LAYOUT_RELS = ['CITES', 'SIMILAR_TO', 'MENTIONS', 'IS_A', 'SECRETED_BY', 'ACTS_ON'] as const;

function defaultIterations(order: number): number {
  if (order <= 2_000) return 800;
  if (order <= 20_000) return 300;
  return 100;
}

const round = (v: number): number => Math.round(v * 1000) / 1000;

/**
 * Computes `x`, `y` and `community` for every Work and Concept node, in place.
 * Authors and journals are not drawn in the network and keep null positions.
 */
export function computeLayout(graph: GraphData, options: LayoutOptions = {}): void {
  const seed = options.seed ?? 'crosstalk-kg';
  const g = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (const w of graph.nodes.Work) g.addNode(w.id);
  for (const c of graph.nodes.Concept) g.addNode(c.id);
  for (const type of LAYOUT_RELS) {
    for (const r of graph.rels[type]) {
      if (r.from === r.to) continue;
      g.mergeEdge(r.from, r.to);
    }
  }
  if (g.order === 0) return;

  random.assign(g, { rng: seedrandom(`${seed}:positions`), scale: 100, center: 0 });
  const settings = forceAtlas2.inferSettings(g);
  // Strong gravity keeps unlinked works near the rest; outbound attraction distribution pushes the
  // hub concepts (bone, skeletal muscle) apart instead of letting them swallow the centre.
  const tuned = {
    outboundAttractionDistribution: true,
    strongGravityMode: true,
    gravity: 1,
    scalingRatio: 10,
  };
  forceAtlas2.assign(g, {
    iterations: options.iterations ?? defaultIterations(g.order),
    settings: { ...settings, ...tuned, barnesHutOptimize: g.order > 2_000, adjustSizes: false },
  });
  const communities = louvain(g, { rng: seedrandom(`${seed}:communities`) });

  const apply = (n: { id: string; x: number | null; y: number | null; community: number | null }): void => {
    const attrs = g.getNodeAttributes(n.id) as { x: number; y: number };
    n.x = round(attrs.x);
    n.y = round(attrs.y);
    n.community = communities[n.id] ?? null;
  };
  graph.nodes.Work.forEach(apply);
  graph.nodes.Concept.forEach(apply);
}
