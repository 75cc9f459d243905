/**
 * A focused view as its own small graph: the nodes of a focus, a query result or a path are laid
 * out again (seeded ForceAtlas2 in a worker, ui/layout/) to fill the network's frame, and move
 * there from where they are; leaving the view moves every node back to its stored position. The
 * stored (ingest) positions are kept here, so the view can always go back to the whole.
 */
import { animatePositions, layoutSubset, type Positions } from '../layout';
import type { UiGraph } from '../model/build-graph';
import { getGraph } from './graph-holder';

/** The graph whose positions are saved, and its stored positions of every node moved so far. */
let saved: { graph: UiGraph; positions: Positions } | null = null;
/** Where the current view puts its nodes (read by the camera so it frames the end state). */
let targets: Positions | null = null;
let running: AbortController | null = null;

/** Where a node of the current focused view is going (null: not in one, or not moved). */
export function layoutTarget(id: string): { x: number; y: number } | null {
  return targets?.get(id) ?? null;
}

/** The stored positions, saved before the first move. */
function storedPositions(g: UiGraph): Positions {
  if (!saved || saved.graph !== g) {
    const positions: Positions = new Map();
    g.forEachNode((id, a) => positions.set(id, { x: a.x, y: a.y }));
    saved = { graph: g, positions };
  }
  // Nodes an overview gained since: their current position is their stored one.
  g.forEachNode((id, a) => {
    if (!saved!.positions.has(id)) saved!.positions.set(id, { x: a.x, y: a.y });
  });
  return saved.positions;
}

/** The centre and half-extent of the stored layout of the whole graph. */
function frameOf(positions: Positions): { center: { x: number; y: number }; radius: number } {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const p of positions.values()) {
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
  }
  return {
    center: { x: (minX + maxX) / 2, y: (minY + maxY) / 2 },
    radius: (Math.max(maxX - minX, maxY - minY) / 2) * 0.9,
  };
}

/**
 * Lays out `ids` as their own graph and animates them there; nodes moved by an earlier view and
 * not in this one go back to their stored places. The result depends only on `ids`, the stored
 * positions and `seed`. Resolves with the targets once computed (the animation goes on); null when
 * a later call or {@link restoreLayout} superseded this one.
 */
export async function relayoutSubset(ids: Iterable<string>, seed: string): Promise<Positions | null> {
  const g = getGraph();
  if (!g) return null;
  running?.abort();
  const controller = new AbortController();
  running = controller;
  const stored = storedPositions(g);
  const { center, radius } = frameOf(stored);
  const list = [...ids];
  try {
    const next = await layoutSubset(g, list, {
      seed,
      // ~40 ms for 50 nodes at 300 iterations, 1.4 s for 600 (measured here): fewer for big subsets.
      iterations: list.length <= 200 ? 300 : Math.max(40, Math.round(60_000 / list.length)),
      signal: controller.signal,
      from: stored,
      center,
      radius,
      // Citations and concept links shape the view; mentions pull less (there are many).
      edgeWeight: (a) => (a.kind === 'MENTIONS' ? 0.5 : 1),
    });
    if (controller.signal.aborted || getGraph() !== g) return null;
    const moves: Positions = new Map(next);
    for (const [id, p] of stored) {
      if (
        !moves.has(id) &&
        g.hasNode(id) &&
        (g.getNodeAttribute(id, 'x') !== p.x || g.getNodeAttribute(id, 'y') !== p.y)
      )
        moves.set(id, p);
    }
    targets = next;
    void animatePositions(g, moves, { duration: 700, signal: controller.signal });
    return next;
  } catch (e: unknown) {
    if (e instanceof DOMException && e.name === 'AbortError') return null;
    throw e;
  }
}

/** Moves every node back to its stored position (the whole network again). */
export function restoreLayout(): Promise<void> {
  running?.abort();
  running = null;
  targets = null;
  const g = getGraph();
  if (!g || !saved || saved.graph !== g) return Promise.resolve();
  const back: Positions = new Map();
  for (const [id, p] of saved.positions) {
    if (g.hasNode(id) && (g.getNodeAttribute(id, 'x') !== p.x || g.getNodeAttribute(id, 'y') !== p.y))
      back.set(id, p);
  }
  if (back.size === 0) return Promise.resolve();
  const controller = new AbortController();
  running = controller;
  return animatePositions(g, back, { duration: 500, signal: controller.signal });
}
