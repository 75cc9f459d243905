/**
 * Where the works an expansion adds go in the open view. The server lays out the grown graph anew
 * at ingest, so its positions for the old nodes differ from those on screen: taking them would make
 * the whole network jump. Instead the old nodes keep their place and each new node goes near its
 * neighbours that already have one: at their centroid, offset along a sunflower spiral (golden
 * angle, radius growing with the square root of the count) around the best-connected of them, so the
 * ~200 references of a review form a disc around it instead of a pile. Nodes whose neighbours are
 * all new are placed once those are (breadth first); nodes without any placed neighbour go around
 * the expanded work. Positions are folded back into the old bounding box, so sigma's normalisation,
 * and with it the restored camera, stays as it was. Deterministic: the spiral's rotation per hub
 * comes from a seeded hash, no random numbers. Pure: graphology only, no DOM.
 */
import type { UiGraph } from './build-graph';

/** Options of {@link placeGrownGraph}. */
export interface PlacementOptions {
  /** The work that was expanded: new nodes without a placed neighbour go around it. */
  anchor?: string;
  /** Seed of the spiral rotations (default 'crosstalk-kg'). */
  seed?: string;
  /** Distance between neighbours on a spiral, as a share of the old graph's extent (default 0.012). */
  spacing?: number;
}

/** What {@link placeGrownGraph} did. */
export interface PlacementResult {
  /** Nodes that kept the position they had in the old graph. */
  kept: number;
  /** New nodes placed from their neighbours. */
  placed: number;
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/** FNV-1a of a string, as a fraction in [0, 1). */
function hashFraction(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 2 ** 32;
}

interface Box {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

function boxOf(g: UiGraph): Box | null {
  let box: Box | null = null;
  g.forEachNode((_, a) => {
    if (!Number.isFinite(a.x) || !Number.isFinite(a.y)) return;
    if (!box) box = { minX: a.x, maxX: a.x, minY: a.y, maxY: a.y };
    else {
      box.minX = Math.min(box.minX, a.x);
      box.maxX = Math.max(box.maxX, a.x);
      box.minY = Math.min(box.minY, a.y);
      box.maxY = Math.max(box.maxY, a.y);
    }
  });
  return box;
}

/** Folds a coordinate that left [min, max] back inside (a mirror, so a spiral keeps its spread). */
function fold(v: number, min: number, max: number): number {
  const span = max - min;
  if (span <= 0) return min;
  let t = (v - min) % (2 * span);
  if (t < 0) t += 2 * span;
  return min + (t <= span ? t : 2 * span - t);
}

/**
 * Gives `next` (the grown graph, freshly built from the server) the positions of `previous` (the
 * graph on screen) for the nodes both have, and places the others near their neighbours (see the
 * module comment). Mutates `next`'s x and y only.
 */
export function placeGrownGraph(
  previous: UiGraph,
  next: UiGraph,
  options: PlacementOptions = {},
): PlacementResult {
  const seed = options.seed ?? 'crosstalk-kg';
  const placed = new Set<string>();
  next.forEachNode((id) => {
    if (!previous.hasNode(id)) return;
    const { x, y } = previous.getNodeAttributes(id);
    next.mergeNodeAttributes(id, { x, y });
    placed.add(id);
  });
  const kept = placed.size;
  const box = boxOf(previous);
  if (!box) return { kept, placed: 0 };
  const extent = Math.max(box.maxX - box.minX, box.maxY - box.minY) || 1;
  const step = extent * (options.spacing ?? 0.012);
  const onSpiral = new Map<string, number>();

  const put = (id: string, around: readonly string[]): void => {
    let cx = 0;
    let cy = 0;
    for (const n of around) {
      const a = next.getNodeAttributes(n);
      cx += a.x;
      cy += a.y;
    }
    cx /= around.length;
    cy /= around.length;
    // The hub: the best-connected placed neighbour (ties by id, so the order never matters).
    const hub = [...around].sort((a, b) => next.degree(b) - next.degree(a) || a.localeCompare(b))[0] ?? id;
    const k = (onSpiral.get(hub) ?? 0) + 1;
    onSpiral.set(hub, k);
    const angle = k * GOLDEN_ANGLE + 2 * Math.PI * hashFraction(`${seed}:${hub}`);
    const r = step * Math.sqrt(k);
    next.mergeNodeAttributes(id, {
      x: fold(cx + r * Math.cos(angle), box.minX, box.maxX),
      y: fold(cy + r * Math.sin(angle), box.minY, box.maxY),
    });
    placed.add(id);
  };

  // Breadth first from the old nodes: each round places the new nodes that have placed neighbours.
  let pending = next.nodes().filter((id) => !placed.has(id));
  pending.sort();
  while (pending.length > 0) {
    const ready = pending
      .map((id) => ({ id, around: next.neighbors(id).filter((n) => placed.has(n)) }))
      .filter((p) => p.around.length > 0);
    if (ready.length === 0) break;
    for (const p of ready) put(p.id, p.around);
    pending = pending.filter((id) => !placed.has(id));
  }
  // No neighbour on screen at all: around the expanded work (or the middle of the old graph).
  const anchor = options.anchor && placed.has(options.anchor) ? options.anchor : null;
  for (const id of pending) {
    if (anchor) put(id, [anchor]);
    else {
      next.mergeNodeAttributes(id, { x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2 });
      placed.add(id);
    }
  }
  return { kept, placed: placed.size - kept };
}
