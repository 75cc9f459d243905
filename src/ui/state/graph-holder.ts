/**
 * The graphology model lives outside React state: it is large and mutable, and sigma reads it
 * directly. Components learn that it changed through `graphVersion` in the store.
 */
import type { UiGraph } from '../graph/build-graph';

let current: UiGraph | null = null;

/** The loaded graph, or null before the first load. */
export function getGraph(): UiGraph | null {
  return current;
}

/** Replaces the loaded graph. */
export function setGraph(g: UiGraph | null): void {
  current = g;
}
