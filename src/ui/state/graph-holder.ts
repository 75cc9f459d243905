/**
 * Big mutable objects live outside the store: the graphology model (sigma reads it directly), the
 * sigma instance and the set of nodes the filters leave visible. The store carries the model's
 * revision (`network`), so components learn that it changed; exporters read the rest from here.
 */
import type Sigma from 'sigma';
import type { EdgeAttributes, NodeAttributes, UiGraph } from '../model/build-graph';

/** The loaded model at one revision: a new object whenever the model changes, so hooks can depend on it. */
export interface GraphModel {
  graph: UiGraph;
  revision: number;
}

let current: GraphModel | null = null;
let revision = 0;
let currentSigma: Sigma<NodeAttributes, EdgeAttributes> | null = null;
let currentVisible: ReadonlySet<string> | null = null;

/** The loaded graph, or null before the first load. */
export function getGraph(): UiGraph | null {
  return current?.graph ?? null;
}

/** The loaded graph with its revision, or null before the first load. */
export function getGraphModel(): GraphModel | null {
  return current;
}

/** Replaces the loaded graph; returns the new revision. */
export function setGraph(g: UiGraph | null): number {
  revision += 1;
  current = g && { graph: g, revision };
  return revision;
}

/** Records that the loaded graph gained nodes or edges; returns the new revision. */
export function graphChanged(): number {
  revision += 1;
  if (current) current = { graph: current.graph, revision };
  return revision;
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
