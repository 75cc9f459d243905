/**
 * Precomputed layout and communities, so the UI can draw the network at once.
 * Louvain with a seeded RNG, then ForceAtlas2 from seeded positions grouped by community: same
 * input, same output.
 *
 * Over 400 lines: the three layouts (full, backbone for large graphs, kept positions for a grown
 * dataset) share their seeded set-up and adjacency.
 */
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import seedrandom from 'seedrandom';
import type { GraphData } from '../model/graph-schema';
import { LAYOUT_EDGE_KINDS } from '../model/edge-kinds';

/** Options of {@link computeLayout}. */
export interface LayoutOptions {
  /** Seed of every random number generator used. */
  seed?: string;
  /** ForceAtlas2 iterations; by default fewer for bigger graphs. */
  iterations?: number;
  /**
   * Above this many nodes, ForceAtlas2 and Louvain run on a backbone of this many best-connected
   * nodes and the others are placed from their neighbours (default 2,000; see {@link computeLayout}).
   */
  backboneSize?: number;
  /**
   * The ends of the CITES and SIMILAR_TO relationships as indexes in `graph.nodes.Work`, two per
   * relationship in their order (as `Dataset.ends` holds them), when the caller has them: saves
   * looking up millions of ids. Must match the graph.
   */
  workLinks?: { CITES: Int32Array; SIMILAR_TO: Int32Array };
  /**
   * Positions and communities to keep, by node id (a grown dataset re-ingested after a fetch: the
   * graph the explorer shows). When given, nothing is laid out anew: the nodes it names keep
   * their place and community, the others are placed from their neighbours (see
   * {@link computeLayout}). Ids it names that the graph lacks are ignored.
   */
  keep?: ReadonlyMap<string, { x: number; y: number; community: number | null }>;
}

/** Default size of the backbone laid out by ForceAtlas2 in big graphs. */
export const DEFAULT_BACKBONE_SIZE = 2_000;
/**
 * How much harder a link inside a Louvain community pulls than one between communities, so that
 * communities sit together on the map (issue 17: they were interleaved).
 */
const COMMUNITY_PULL = 4;

/**
 * ForceAtlas2 iterations over the backbone. Few, because it starts from positions grouped by
 * community (see {@link seedByCommunity}); 150 from random positions took most of the ingest
 * time at 10k and 100k works (issue 19).
 */
const BACKBONE_ITERATIONS = 60;
/**
 * Barnes–Hut accuracy over the backbone (graphology's default is 0.5): coarser, about twice as fast;
 * the backbone only sets where the rest of the works go.
 */
const BACKBONE_THETA = 1;

/** Relationship types that shape the layout (authorship and venue do not): the registry says which. */
const LAYOUT_RELS = LAYOUT_EDGE_KINDS;

/**
 * From this many nodes the full layout approximates repulsion with Barnes–Hut (at BACKBONE_THETA).
 * The exact repulsion is quadratic: on the bundled graph (594 nodes, 100 iterations) it took 360 ms
 * of CPU, a third of the whole ingest; Barnes–Hut at theta 1 takes 135 ms and groups communities as
 * well (distance to the community centre over the spread 0.387 vs 0.395; issue 19).
 */
const FULL_BARNES_HUT_FROM = 250;

/**
 * Iterations of the full layout. From community-grouped start positions, 100 iterations group the
 * bundled graph's communities better (distance to the community centre over the spread 0.40) than
 * 800 from random positions did (0.46), at an eighth of the time (issue 19: ForceAtlas2 was 55 %
 * of the bundled ingest).
 */
function defaultIterations(order: number): number {
  if (order <= 2_000) return 100;
  if (order <= 20_000) return 60;
  return 40;
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/**
 * Seeded start positions that already group communities: each community gets a centre on a
 * sunflower spiral (in order of community number) inside a disc of radius 100, and its nodes a
 * seeded random place in a disc around it whose area is proportional to the community's size.
 * ForceAtlas2 then only has to refine, so it needs far fewer iterations than from random positions.
 */
function seedByCommunity(g: Graph, communities: Record<string, number>, seed: string): void {
  const sizes = new Map<number, number>();
  g.forEachNode((n) => {
    const c = communities[n] ?? -1;
    sizes.set(c, (sizes.get(c) ?? 0) + 1);
  });
  const order = [...sizes.keys()].sort((a, b) => a - b);
  const centres = new Map<number, { x: number; y: number; r: number }>();
  order.forEach((c, k) => {
    const r = 100 * Math.sqrt((k + 0.5) / order.length);
    const share = (sizes.get(c) ?? 1) / Math.max(1, g.order);
    centres.set(c, {
      x: r * Math.cos(k * GOLDEN_ANGLE),
      y: r * Math.sin(k * GOLDEN_ANGLE),
      r: 100 * Math.sqrt(share),
    });
  });
  const rng = seedrandom(`${seed}:grouped-positions`);
  g.forEachNode((n) => {
    const centre = centres.get(communities[n] ?? -1)!;
    const angle = rng() * 2 * Math.PI;
    const r = centre.r * Math.sqrt(rng());
    g.mergeNodeAttributes(n, { x: centre.x + r * Math.cos(angle), y: centre.y + r * Math.sin(angle) });
  });
}

const round = (v: number): number => Math.round(v * 1000) / 1000;

/**
 * Computes `x`, `y` and `community` for every Work and Concept node, in place.
 * Authors and journals are not drawn in the network and keep null positions.
 *
 * Graphs of more than `backboneSize` nodes (default 2,000) are laid out in two steps, because
 * ForceAtlas2 and Louvain over every node took minutes at 10k works / 450k citations: the backbone
 * (every concept and the works with most links) gets Louvain and ForceAtlas2 (60 iterations from
 * community-grouped positions, Barnes–Hut); every other node, in order of decreasing degree, goes
 * to the mean position of its already placed neighbours plus a small seeded jitter, and takes their
 * most frequent community. Linear in the edges.
 *
 * With `keep` (a grown dataset), no ForceAtlas2 and no Louvain run: the kept nodes stay where they
 * were, so the explorer's view and a reload of it agree and the new works do not move the old
 * ones; each new node (by decreasing degree, breadth first) goes near its placed neighbours, on a
 * sunflower spiral around the best-connected of them, and takes their most frequent community.
 */
export function computeLayout(graph: GraphData, options: LayoutOptions = {}): void {
  const seed = options.seed ?? 'crosstalk-kg';
  const order = graph.nodes.Work.length + graph.nodes.Concept.length;
  const backboneSize = options.backboneSize ?? DEFAULT_BACKBONE_SIZE;
  if (options.keep && options.keep.size > 0) {
    computeKeptLayout(graph, seed, options.keep, options.workLinks);
    return;
  }
  if (order > backboneSize) {
    computeBackboneLayout(graph, seed, backboneSize, options.iterations, options.workLinks);
    return;
  }
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

  // Communities first (Louvain does not look at positions), so the layout can group them: nodes
  // start near their community, and a link inside a community pulls COMMUNITY_PULL times as hard
  // as one between communities.
  const communities = louvain(g, { rng: seedrandom(`${seed}:communities`) });
  seedByCommunity(g, communities, seed);
  g.forEachEdge((e, _a, s, t) =>
    g.setEdgeAttribute(e, 'weight', communities[s] === communities[t] ? COMMUNITY_PULL : 1),
  );
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
    settings: {
      ...settings,
      ...tuned,
      edgeWeightInfluence: 1,
      barnesHutOptimize: g.order >= FULL_BARNES_HUT_FROM,
      barnesHutTheta: BACKBONE_THETA,
      adjustSizes: false,
    },
  });

  const apply = (n: { id: string; x: number | null; y: number | null; community: number | null }): void => {
    const attrs = g.getNodeAttributes(n.id) as { x: number; y: number };
    n.x = round(attrs.x);
    n.y = round(attrs.y);
    n.community = communities[n.id] ?? null;
  };
  graph.nodes.Work.forEach(apply);
  graph.nodes.Concept.forEach(apply);
}

/** Nodes and layout edges as integer adjacency lists (CSR), for graphs too big for graphology. */
function adjacency(
  graph: GraphData,
  workLinks: LayoutOptions['workLinks'],
): { ids: string[]; offsets: Int32Array; targets: Int32Array } {
  const ids = [...graph.nodes.Concept.map((c) => c.id), ...graph.nodes.Work.map((w) => w.id)];
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));
  const degree = new Int32Array(ids.length + 1);
  const ends: Int32Array[] = [];
  for (const type of LAYOUT_RELS) {
    const known = type === 'CITES' || type === 'SIMILAR_TO' ? workLinks?.[type] : undefined;
    // Not read when the ends are known: a graph may make these records only on first read.
    const rels = known ? null : graph.rels[type];
    const pairs = new Int32Array(known ? known.length : rels!.length * 2);
    let n = 0;
    if (known) {
      // Work k is node conceptCount + k.
      const shift = graph.nodes.Concept.length;
      for (let k = 0; k < known.length; k += 2) {
        const a = known[k]! + shift;
        const b = known[k + 1]! + shift;
        if (a === b) continue;
        pairs[n++] = a;
        pairs[n++] = b;
        degree[a]! += 1;
        degree[b]! += 1;
      }
      ends.push(pairs.subarray(0, n));
      continue;
    }
    for (const r of rels!) {
      const a = index.get(r.from);
      const b = index.get(r.to);
      if (a === undefined || b === undefined || a === b) continue;
      pairs[n++] = a;
      pairs[n++] = b;
      degree[a]! += 1;
      degree[b]! += 1;
    }
    ends.push(pairs.subarray(0, n));
  }
  const offsets = new Int32Array(ids.length + 1);
  for (let i = 0; i < ids.length; i++) offsets[i + 1] = offsets[i]! + degree[i]!;
  const fill = offsets.slice(0, ids.length);
  const targets = new Int32Array(offsets[ids.length]!);
  for (const pairs of ends) {
    for (let k = 0; k < pairs.length; k += 2) {
      const a = pairs[k]!;
      const b = pairs[k + 1]!;
      targets[fill[a]!++] = b;
      targets[fill[b]!++] = a;
    }
  }
  return { ids, offsets, targets };
}

/**
 * Writes positions and communities by adjacency node number onto the nodes: node i is concept i,
 * then work i - (number of concepts), as {@link adjacency} numbers them (no id lookups).
 */
function applyPositions(graph: GraphData, xs: Float64Array, ys: Float64Array, community: Int32Array): void {
  const apply = (node: { x: number | null; y: number | null; community: number | null }, i: number): void => {
    node.x = round(xs[i]!);
    node.y = round(ys[i]!);
    node.community = community[i]! >= 0 ? community[i]! : null;
  };
  const conceptCount = graph.nodes.Concept.length;
  graph.nodes.Work.forEach((w, k) => apply(w, conceptCount + k));
  graph.nodes.Concept.forEach((c, k) => apply(c, k));
}

function computeBackboneLayout(
  graph: GraphData,
  seed: string,
  backboneSize: number,
  iterations: number | undefined,
  workLinks: LayoutOptions['workLinks'],
): void {
  const { ids, offsets, targets } = adjacency(graph, workLinks);
  const n = ids.length;
  const degreeOf = (i: number): number => offsets[i + 1]! - offsets[i]!;
  const conceptCount = graph.nodes.Concept.length;
  // Concepts first, then works by decreasing degree (ties by id, so the order is stable).
  const byDegree = Array.from({ length: n }, (_, i) => i).sort((a, b) => {
    const ca = a < conceptCount ? 1 : 0;
    const cb = b < conceptCount ? 1 : 0;
    return cb - ca || degreeOf(b) - degreeOf(a) || (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0);
  });
  const inBackbone = new Uint8Array(n);
  const g = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (const i of byDegree.slice(0, Math.max(backboneSize, conceptCount))) {
    inBackbone[i] = 1;
    g.addNode(ids[i]!);
  }
  for (let a = 0; a < n; a++) {
    if (!inBackbone[a]) continue;
    for (let k = offsets[a]!; k < offsets[a + 1]!; k++) {
      const b = targets[k]!;
      if (b > a && inBackbone[b]) g.mergeEdge(ids[a]!, ids[b]!);
    }
  }
  // As the full layout: communities first, start grouped by community, in-community links pull
  // harder. Barnes–Hut from 1,000 nodes: the exact repulsion over the 2,000-node backbone was the
  // most expensive step of a 100k ingest (issue 19).
  const communities = louvain(g, { rng: seedrandom(`${seed}:communities`) });
  seedByCommunity(g, communities, seed);
  g.forEachEdge((e, _a, s, t) =>
    g.setEdgeAttribute(e, 'weight', communities[s] === communities[t] ? COMMUNITY_PULL : 1),
  );
  const settings = forceAtlas2.inferSettings(g);
  forceAtlas2.assign(g, {
    iterations: iterations ?? BACKBONE_ITERATIONS,
    settings: {
      ...settings,
      outboundAttractionDistribution: true,
      strongGravityMode: true,
      gravity: 1,
      scalingRatio: 10,
      edgeWeightInfluence: 1,
      barnesHutOptimize: g.order >= 1_000,
      barnesHutTheta: BACKBONE_THETA,
      adjustSizes: false,
    },
  });

  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const community = new Int32Array(n).fill(-1);
  const placed = new Uint8Array(n);
  let minX = Infinity;
  let maxX = -Infinity;
  for (const i of byDegree) {
    if (!inBackbone[i]) continue;
    const attrs = g.getNodeAttributes(ids[i]!) as { x: number; y: number };
    xs[i] = attrs.x;
    ys[i] = attrs.y;
    community[i] = communities[ids[i]!] ?? -1;
    placed[i] = 1;
    minX = Math.min(minX, attrs.x);
    maxX = Math.max(maxX, attrs.x);
  }
  const jitter = Math.max(1, (maxX - minX) * 0.01);
  const rng = seedrandom(`${seed}:placement`);
  // Votes per community (index community + 1; -1 is none) in an array reused for every node, with
  // the communities touched: a Map per node's votes took a fifth of the layout at 100k works.
  let maxCommunity = -1;
  for (let i = 0; i < n; i++) if (community[i]! > maxCommunity) maxCommunity = community[i]!;
  const votes = new Int32Array(maxCommunity + 2);
  const voted: number[] = [];
  let pending = byDegree.filter((i) => !placed[i]);
  while (pending.length > 0) {
    const next: number[] = [];
    for (const i of pending) {
      let sx = 0;
      let sy = 0;
      let count = 0;
      for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
        const j = targets[k]!;
        if (!placed[j]) continue;
        sx += xs[j]!;
        sy += ys[j]!;
        count += 1;
        const slot = community[j]! + 1;
        if (votes[slot]!++ === 0) voted.push(slot);
      }
      if (count === 0) {
        next.push(i);
        continue;
      }
      // The most votes, ties to the smaller community (whatever the order the votes came in).
      let best = -1;
      let bestVotes = 0;
      for (const slot of voted) {
        const c = slot - 1;
        const v = votes[slot]!;
        votes[slot] = 0;
        if (v > bestVotes || (v === bestVotes && c < best)) [best, bestVotes] = [c, v];
      }
      voted.length = 0;
      const angle = rng() * 2 * Math.PI;
      const r = jitter * Math.sqrt(rng());
      xs[i] = sx / count + r * Math.cos(angle);
      ys[i] = sy / count + r * Math.sin(angle);
      community[i] = best;
      placed[i] = 1;
    }
    if (next.length === pending.length) {
      // Not linked to anything placed: scatter them around the centre.
      for (const i of next) {
        xs[i] = (rng() - 0.5) * (maxX - minX || 100) * 0.5;
        ys[i] = (rng() - 0.5) * (maxX - minX || 100) * 0.5;
        placed[i] = 1;
      }
      break;
    }
    pending = next;
  }
  applyPositions(graph, xs, ys, community);
}

/** Layout of a grown graph that keeps the positions it is given (see {@link computeLayout}). */
function computeKeptLayout(
  graph: GraphData,
  seed: string,
  keep: NonNullable<LayoutOptions['keep']>,
  workLinks: LayoutOptions['workLinks'],
): void {
  const { ids, offsets, targets } = adjacency(graph, workLinks);
  const n = ids.length;
  const degreeOf = (i: number): number => offsets[i + 1]! - offsets[i]!;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const community = new Int32Array(n).fill(-1);
  const placed = new Uint8Array(n);
  let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
  ids.forEach((id, i) => {
    const k = keep.get(id);
    if (!k || !Number.isFinite(k.x) || !Number.isFinite(k.y)) return;
    xs[i] = k.x;
    ys[i] = k.y;
    community[i] = k.community ?? -1;
    placed[i] = 1;
    [minX, maxX, minY, maxY] = [
      Math.min(minX, k.x),
      Math.max(maxX, k.x),
      Math.min(minY, k.y),
      Math.max(maxY, k.y),
    ];
  });
  if (!Number.isFinite(minX)) [minX, maxX, minY, maxY] = [-50, 50, -50, 50];
  const step = Math.max(1e-3, Math.max(maxX - minX, maxY - minY) * 0.012);
  // The spiral's rotation per hub from the seed (a fixed draw per hub id, not an order-dependent one).
  const turn = (id: string): number => seedrandom(`${seed}:spiral:${id}`)() * 2 * Math.PI;
  const onSpiral = new Map<number, number>();
  const votes = new Map<number, number>();
  const put = (i: number, around: number[]): void => {
    let sx = 0;
    let sy = 0;
    votes.clear();
    let hub = around[0]!;
    for (const j of around) {
      sx += xs[j]!;
      sy += ys[j]!;
      votes.set(community[j]!, (votes.get(community[j]!) ?? 0) + 1);
      if (degreeOf(j) > degreeOf(hub) || (degreeOf(j) === degreeOf(hub) && ids[j]! < ids[hub]!)) hub = j;
    }
    let best = -1;
    let bestVotes = 0;
    for (const [c, v] of votes)
      if (c >= 0 && (v > bestVotes || (v === bestVotes && c < best))) [best, bestVotes] = [c, v];
    const k = (onSpiral.get(hub) ?? 0) + 1;
    onSpiral.set(hub, k);
    const angle = k * GOLDEN_ANGLE + turn(ids[hub]!);
    const r = step * Math.sqrt(k);
    xs[i] = sx / around.length + r * Math.cos(angle);
    ys[i] = sy / around.length + r * Math.sin(angle);
    community[i] = best;
    placed[i] = 1;
  };
  let pending = Array.from({ length: n }, (_, i) => i)
    .filter((i) => !placed[i])
    .sort((a, b) => degreeOf(b) - degreeOf(a) || (ids[a]! < ids[b]! ? -1 : 1));
  while (pending.length > 0) {
    // Each round places the nodes linked to a node placed before it (breadth first).
    const ready: [number, number[]][] = [];
    for (const i of pending) {
      const around: number[] = [];
      for (let k = offsets[i]!; k < offsets[i + 1]!; k++) if (placed[targets[k]!]) around.push(targets[k]!);
      if (around.length > 0) ready.push([i, around]);
    }
    if (ready.length === 0) break;
    for (const [i, around] of ready) put(i, around);
    pending = pending.filter((i) => !placed[i]);
  }
  // Linked to nothing placed: around the middle of the kept layout.
  const rng = seedrandom(`${seed}:placement`);
  for (const i of pending) {
    xs[i] = (minX + maxX) / 2 + (rng() - 0.5) * (maxX - minX) * 0.5;
    ys[i] = (minY + maxY) / 2 + (rng() - 0.5) * (maxY - minY) * 0.5;
  }
  applyPositions(graph, xs, ys, community);
}
