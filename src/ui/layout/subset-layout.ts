/**
 * The pure part of re-laying out a subset of the network (a focus, a path, a query result): a
 * seeded ForceAtlas2 run that starts from the nodes' current positions, then fits the result into
 * the box the subset occupies on screen. No DOM: the worker calls it, and so do the tests.
 */
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import seedrandom from 'seedrandom';

/** What the worker is asked to lay out; plain data, so it crosses `postMessage` as is. */
export interface SubsetLayoutInput {
  /** Node ids with their current positions (the animation starts from these). */
  ids: string[];
  x: number[];
  y: number[];
  /** Relationships as pairs of positions in `ids`, with a weight each (1 when absent). */
  edges: [number, number][];
  weights?: number[];
  /** Seeds the jitter that separates nodes sharing a position: same seed, same layout. */
  seed: string;
  /** ForceAtlas2 iterations (default {@link DEFAULT_ITERATIONS}). */
  iterations?: number;
  /**
   * Half the side of the square the result is fitted into, around the subset's current centre
   * (default: the subset's current half-extent, at least {@link MIN_RADIUS}).
   */
  radius?: number;
  /** Where the result is centred (default: the subset's current centre). */
  center?: { x: number; y: number };
}

/** Positions by node id. */
export type Positions = Map<string, { x: number; y: number }>;

/** Iterations when the caller does not say: enough for a few hundred nodes to settle. */
export const DEFAULT_ITERATIONS = 300;
/** Smallest half-extent of a fitted layout (graph units), so a tiny subset is not a dot. */
export const MIN_RADIUS = 50;

/**
 * Lays out a subset with ForceAtlas2 (LinLog off, gravity and scaling from
 * `inferSettings`, Barnes–Hut above 400 nodes) from its current positions. Nodes that share a
 * position are moved apart by a seeded jitter first, because ForceAtlas2 cannot separate two
 * nodes at the same point. Deterministic: the same input gives the same positions.
 */
export function computeSubsetLayout(input: SubsetLayoutInput): Positions {
  const { ids, x, y } = input;
  const out: Positions = new Map();
  const n = ids.length;
  if (n === 0) return out;

  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, x[i]!);
    maxX = Math.max(maxX, x[i]!);
    minY = Math.min(minY, y[i]!);
    maxY = Math.max(maxY, y[i]!);
  }
  const center = input.center ?? { x: (minX + maxX) / 2, y: (minY + maxY) / 2 };
  const extent = Math.max(maxX - minX, maxY - minY) / 2;
  const radius = input.radius ?? Math.max(MIN_RADIUS, extent);
  if (n === 1) {
    out.set(ids[0]!, { x: center.x, y: center.y });
    return out;
  }

  // Work in a unit-ish frame so ForceAtlas2's settings mean the same for every subset.
  const scale = extent > 0 ? extent : 1;
  const rng = seedrandom(input.seed);
  const g = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    let px = ((x[i]! - center.x) / scale) * 10;
    let py = ((y[i]! - center.y) / scale) * 10;
    const key = `${px.toFixed(3)},${py.toFixed(3)}`;
    if (seen.has(key)) {
      px += (rng() - 0.5) * 0.5;
      py += (rng() - 0.5) * 0.5;
    }
    seen.add(key);
    g.addNode(String(i), { x: px, y: py });
  }
  input.edges.forEach(([s, t], k) => {
    if (s === t || s < 0 || t < 0 || s >= n || t >= n) return;
    const a = String(s);
    const b = String(t);
    const w = input.weights?.[k] ?? 1;
    if (g.hasEdge(a, b)) g.updateEdgeAttribute(a, b, 'weight', (v: number | undefined) => (v ?? 0) + w);
    else g.addEdge(a, b, { weight: w });
  });

  const settings = {
    ...forceAtlas2.inferSettings(g),
    barnesHutOptimize: n > 400,
    // Keeps isolated parts of the subset (a query result is often disconnected) on screen.
    gravity: 1,
  };
  const result = forceAtlas2(g, { iterations: input.iterations ?? DEFAULT_ITERATIONS, settings });

  let rMinX = Infinity;
  let rMaxX = -Infinity;
  let rMinY = Infinity;
  let rMaxY = -Infinity;
  for (const p of Object.values(result)) {
    rMinX = Math.min(rMinX, p.x);
    rMaxX = Math.max(rMaxX, p.x);
    rMinY = Math.min(rMinY, p.y);
    rMaxY = Math.max(rMaxY, p.y);
  }
  const cx = (rMinX + rMaxX) / 2;
  const cy = (rMinY + rMaxY) / 2;
  const half = Math.max(rMaxX - rMinX, rMaxY - rMinY) / 2 || 1;
  for (let i = 0; i < n; i++) {
    const p = result[String(i)]!;
    out.set(ids[i]!, {
      x: center.x + ((p.x - cx) / half) * radius,
      y: center.y + ((p.y - cy) / half) * radius,
    });
  }
  return out;
}

/** Cubic ease in-out on [0, 1]. */
export function easeInOut(t: number): number {
  return t < 0.5 ? 4 * t * t * t : 1 - (-2 * t + 2) ** 3 / 2;
}

/** A position on the way from `a` to `b` at progress `t` in [0, 1] (eased). */
export function interpolate(
  a: { x: number; y: number },
  b: { x: number; y: number },
  t: number,
): { x: number; y: number } {
  const k = easeInOut(Math.min(1, Math.max(0, t)));
  return { x: a.x + (b.x - a.x) * k, y: a.y + (b.y - a.y) * k };
}
