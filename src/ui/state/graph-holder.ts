/**
 * Big mutable objects live outside React state: the graphology model (sigma reads it directly),
 * the sigma instance and the set of nodes the filters leave visible. Components learn that the
 * model changed through `graphVersion` in the store; exporters read the rest from here.
 */
import type Sigma from 'sigma';
import type { EdgeAttributes, NodeAttributes, UiGraph } from '../model/build-graph';

let current: UiGraph | null = null;
let currentSigma: Sigma<NodeAttributes, EdgeAttributes> | null = null;
let currentVisible: ReadonlySet<string> | null = null;

/** The loaded graph, or null before the first load. */
export function getGraph(): UiGraph | null {
  return current;
}

/** Replaces the loaded graph. */
export function setGraph(g: UiGraph | null): void {
  current = g;
}

/** The live sigma instance, or null while none is mounted. */
export function getSigma(): Sigma<NodeAttributes, EdgeAttributes> | null {
  return currentSigma;
}

/** Called by the network view when it creates or kills its sigma instance. */
export function setSigma(s: Sigma<NodeAttributes, EdgeAttributes> | null): void {
  currentSigma = s;
}

/** The ids of the nodes the filters and focus leave visible (null before the first render). */
export function getVisibleNodes(): ReadonlySet<string> | null {
  return currentVisible;
}

/** Called by the reducers whenever the visible set changes. */
export function setVisibleNodes(ids: ReadonlySet<string> | null): void {
  currentVisible = ids;
}
