/**
 * The sigma instance of the network view, given to its render-less controllers through React
 * context. A module of its own, so the controllers never import the view that mounts them.
 */
import { createContext, useContext } from 'react';
import type Sigma from 'sigma';
import type { EdgeAttributes, NodeAttributes } from '../model/build-graph';

/** The sigma instance of the view. */
export type UiSigma = Sigma<NodeAttributes, EdgeAttributes>;

/** Provided by the network view around its controllers. */
export const SigmaContext = createContext<UiSigma | null>(null);

/** Instances already killed: effects re-run by React (StrictMode, fast refresh) must not touch them. */
const killed = new WeakSet<UiSigma>();

/** Marks an instance as killed (call right before `sigma.kill()`). */
export function markKilled(sigma: UiSigma): void {
  killed.add(sigma);
}

/** True while a sigma instance may still be drawn to. */
export function isAlive(sigma: UiSigma): boolean {
  return !killed.has(sigma);
}

/** The sigma instance (inside the network view only). */
export function useSigma(): UiSigma {
  const s = useContext(SigmaContext);
  if (!s) throw new Error('useSigma must be used inside GraphView');
  return s;
}
