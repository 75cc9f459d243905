/**
 * Re-laying out a subset of the network: a focus, a path, a query result or a selection shown as
 * its own small graph. `layoutSubset` runs a seeded ForceAtlas2 (see ./subset-layout.ts) in a web
 * worker and resolves with the new positions; `animatePositions` moves the nodes there from where
 * they are; `restorePositions` takes them back. Shared by the network view, the literature map and
 * the concept map.
 */
import type { Attributes } from 'graphology-types';
import type AbstractGraph from 'graphology-types';
import { computeSubsetLayout, interpolate, type Positions, type SubsetLayoutInput } from './subset-layout';
import type { SubsetLayoutReply } from './layout.worker';

export { computeSubsetLayout, DEFAULT_ITERATIONS, type Positions } from './subset-layout';

/** What a node must carry to be laid out. */
type XY = { x: number; y: number };

/** Options of {@link layoutSubset}. */
export interface LayoutSubsetOptions {
  /** Same seed, same layout (default 'crosstalk'). */
  seed?: string;
  iterations?: number;
  /** Aborting rejects with an AbortError and ends the worker. */
  signal?: AbortSignal;
  /** Half-extent of the result in graph units (default: the subset's current half-extent). */
  radius?: number;
  /** Centre of the result (default: the subset's current centre). */
  center?: { x: number; y: number };
  /** Where the layout starts from (default: the nodes' current positions). */
  from?: Positions;
  /** Weight of a relationship for the layout (default 1); return 0 to leave it out. */
  edgeWeight?: (attributes: Attributes) => number;
}

/** Builds the worker's input from the graph: the nodes' current positions and the relationships among them. */
export function subsetInput<N extends XY>(
  graph: AbstractGraph<N>,
  nodeIds: Iterable<string>,
  options: LayoutSubsetOptions = {},
): SubsetLayoutInput {
  const ids = [...new Set(nodeIds)].filter((id) => graph.hasNode(id));
  const index = new Map(ids.map((id, i) => [id, i]));
  const x = ids.map((id) => options.from?.get(id)?.x ?? graph.getNodeAttribute(id, 'x'));
  const y = ids.map((id) => options.from?.get(id)?.y ?? graph.getNodeAttribute(id, 'y'));
  const edges: [number, number][] = [];
  const weights: number[] = [];
  for (const id of ids) {
    graph.forEachOutEdge(id, (_e, attributes, _s, target) => {
      const t = index.get(target);
      if (t === undefined) return;
      const w = options.edgeWeight ? options.edgeWeight(attributes) : 1;
      if (w <= 0) return;
      edges.push([index.get(id)!, t]);
      weights.push(w);
    });
  }
  return {
    ids,
    x,
    y,
    edges,
    weights,
    seed: options.seed ?? 'crosstalk',
    ...(options.iterations !== undefined ? { iterations: options.iterations } : {}),
    ...(options.radius !== undefined ? { radius: options.radius } : {}),
    ...(options.center !== undefined ? { center: options.center } : {}),
  };
}

function abortError(): DOMException {
  return new DOMException('The layout was cancelled.', 'AbortError');
}

/**
 * Lays out the nodes `nodeIds` of `graph` (ids not in the graph are ignored) with a seeded
 * ForceAtlas2 in a web worker, from their current positions, and resolves with their new
 * positions. The graph is not changed: pass the result to {@link animatePositions}. Where there
 * is no `Worker` (Node), it computes on the calling thread.
 */
export function layoutSubset<N extends XY>(
  graph: AbstractGraph<N>,
  nodeIds: Iterable<string>,
  options: LayoutSubsetOptions = {},
): Promise<Positions> {
  const input = subsetInput(graph, nodeIds, options);
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(abortError());
  if (typeof Worker === 'undefined') return Promise.resolve(computeSubsetLayout(input));
  return new Promise<Positions>((resolve, reject) => {
    const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    const done = (): void => {
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      done();
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort);
    worker.onmessage = (event: MessageEvent<SubsetLayoutReply>) => {
      done();
      const reply = event.data;
      if ('error' in reply) {
        reject(new Error(`Layout failed: ${reply.error}`));
        return;
      }
      const out: Positions = new Map();
      reply.ids.forEach((id, i) => out.set(id, { x: reply.x[i]!, y: reply.y[i]! }));
      resolve(out);
    };
    worker.onerror = (event: ErrorEvent) => {
      done();
      reject(new Error(`Layout failed: ${event.message}`));
    };
    worker.postMessage(input);
  });
}

/** The current positions of some nodes (to go back to them later with {@link animatePositions}). */
export function currentPositions<N extends XY>(
  graph: AbstractGraph<N>,
  nodeIds: Iterable<string>,
): Positions {
  const out: Positions = new Map();
  for (const id of nodeIds) {
    if (graph.hasNode(id))
      out.set(id, { x: graph.getNodeAttribute(id, 'x'), y: graph.getNodeAttribute(id, 'y') });
  }
  return out;
}

/**
 * Moves nodes from where they are to `targets` over `duration` ms (eased), one frame at a time.
 * Resolves when they arrive; aborting stops the nodes where they are and resolves. Without
 * `requestAnimationFrame` (Node) the nodes jump there at once.
 */
export function animatePositions<N extends XY>(
  graph: AbstractGraph<N>,
  targets: Positions,
  options: { duration?: number; signal?: AbortSignal } = {},
): Promise<void> {
  const duration = options.duration ?? 600;
  const start = currentPositions(graph, targets.keys());
  const apply = (t: number): void => {
    for (const [id, to] of targets) {
      const from = start.get(id);
      if (!from || !graph.hasNode(id)) continue;
      const p = interpolate(from, to, t);
      graph.mergeNodeAttributes(id, p as Partial<N>);
    }
  };
  if (typeof requestAnimationFrame === 'undefined' || duration <= 0) {
    apply(1);
    return Promise.resolve();
  }
  return new Promise<void>((resolve) => {
    const t0 = performance.now();
    const frame = (now: number): void => {
      if (options.signal?.aborted) {
        resolve();
        return;
      }
      const t = Math.min(1, (now - t0) / duration);
      apply(t);
      if (t < 1) requestAnimationFrame(frame);
      else resolve();
    };
    requestAnimationFrame(frame);
  });
}
