/** Moves the camera: to the selected node, and to fit a focused neighbourhood. */
import { useEffect, useRef } from 'react';
import { useAppStore } from '../state/store';
import { isAlive, useSigma, type UiSigma } from './GraphView';

const DURATION_MS = 450;

/**
 * The camera state that frames some nodes, computed from the model's coordinates (the display
 * cache may be stale while a reducer refresh is pending).
 */
function frameNodes(sigma: UiSigma, ids: readonly string[]): { x: number; y: number; ratio: number } {
  const g = sigma.getGraph();
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const id of ids) {
    const { x, y } = g.getNodeAttributes(id);
    const p = sigma.viewportToFramedGraph(sigma.graphToViewport({ x, y }));
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
  }
  const ratio = Math.min(1, Math.max(0.08, Math.max(maxX - minX, maxY - minY) * 1.25));
  return { x: (minX + maxX) / 2, y: (minY + maxY) / 2, ratio };
}

export function CameraController() {
  const sigma = useSigma();
  const selected = useAppStore((s) => s.selected);
  const focus = useAppStore((s) => s.focus);
  const highlight = useAppStore((s) => s.highlight);

  useEffect(() => {
    if (!isAlive(sigma) || !selected || !sigma.getGraph().hasNode(selected)) return;
    // From the model's coordinates, not the display cache: a reducer refresh may be pending.
    const { x, y } = sigma.getGraph().getNodeAttributes(selected);
    const target = sigma.viewportToFramedGraph(sigma.graphToViewport({ x, y }));
    const camera = sigma.getCamera();
    void camera.animate({ ...target, ratio: Math.min(camera.getState().ratio, 0.6) }, { duration: DURATION_MS });
  }, [sigma, selected]);

  // Frame the nodes of a console result.
  useEffect(() => {
    if (!isAlive(sigma) || !highlight) return;
    const ids = [...highlight].filter((id) => sigma.getGraph().hasNode(id));
    if (ids.length > 0) void sigma.getCamera().animate(frameNodes(sigma, ids), { duration: DURATION_MS });
  }, [sigma, highlight]);

  // Re-frame when a neighbourhood focus is shown or left (not on first mount).
  const hadFocus = useRef(false);
  useEffect(() => {
    if (!isAlive(sigma)) return;
    if (focus?.status === 'ready' && focus.ids) {
      const ids = [...focus.ids].filter((id) => sigma.getGraph().hasNode(id));
      if (ids.length > 0) void sigma.getCamera().animate(frameNodes(sigma, ids), { duration: DURATION_MS });
    } else if (focus === null && hadFocus.current) {
      void sigma.getCamera().animatedReset({ duration: DURATION_MS });
    }
    hadFocus.current = focus !== null;
  }, [sigma, focus]);

  return null;
}
