/**
 * Moves the camera: to the selected node, to fit a focused neighbourhood, a query result or a
 * traced path; restores the camera of a shared link and keeps the link's camera up to date.
 */
import { useEffect, useRef } from 'react';
import { dataOf } from '../state/async';
import { layoutTarget } from '../state/relayout';
import { useAppStore } from '../state/store';
import { cameraMoved, cameraRestored } from '../state/view';
import { isAlive, useSigma, type UiSigma } from './sigma-context';

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
    // A focused view's nodes are framed where its layout is taking them (state/relayout.ts).
    const { x, y } = layoutTarget(id) ?? g.getNodeAttributes(id);
    const p = sigma.viewportToFramedGraph(sigma.graphToViewport({ x, y }));
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
  }
  // A tool card covers the left of the network: fit and centre the frame in what stays visible.
  const dock = sigma.getContainer().closest('.center')?.querySelector('.tool-dock');
  const covered = dock ? dock.getBoundingClientRect().width + 10 : 0;
  const visibleShare = Math.max(0.35, 1 - covered / Math.max(1, sigma.getContainer().clientWidth));
  const ratio = Math.min(1.4, Math.max(0.08, (Math.max(maxX - minX, maxY - minY) * 1.25) / visibleShare));
  const current = sigma.getCamera().getState().ratio;
  const a = sigma.viewportToFramedGraph({ x: 0, y: 0 });
  const b = sigma.viewportToFramedGraph({ x: covered / 2, y: 0 });
  const shift = ((b.x - a.x) * ratio) / current;
  return { x: (minX + maxX) / 2 - shift, y: (minY + maxY) / 2, ratio };
}

export function CameraController() {
  const sigma = useSigma();
  const selected = useAppStore((s) => s.selected);
  const focus = useAppStore((s) => s.focus);
  const highlight = useAppStore((s) => s.highlight);

  const trace = useAppStore((s) => s.trace);
  const pendingCamera = useAppStore((s) => s.pendingCamera);

  // Keep the camera in the URL (debounced: it moves on every frame of a pan).
  useEffect(() => {
    if (!isAlive(sigma)) return;
    const camera = sigma.getCamera();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onUpdated = (): void => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        const { x, y, ratio } = camera.getState();
        cameraMoved({ x, y, ratio });
      }, 400);
    };
    camera.on('updated', onUpdated);
    return () => {
      if (timer) clearTimeout(timer);
      camera.off('updated', onUpdated);
    };
  }, [sigma]);

  // Frame a traced path or a matrix cell.
  useEffect(() => {
    if (!isAlive(sigma) || !trace || trace.frame === false || useAppStore.getState().pendingCamera) return;
    const ids = [...trace.nodes].filter((id) => sigma.getGraph().hasNode(id));
    if (ids.length > 0) void sigma.getCamera().animate(frameNodes(sigma, ids), { duration: DURATION_MS });
  }, [sigma, trace]);

  useEffect(() => {
    if (!isAlive(sigma) || !selected || !sigma.getGraph().hasNode(selected)) return;
    if (useAppStore.getState().pendingCamera || useAppStore.getState().trace) return;
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
    const focused = focus ? dataOf(focus.nodes) : null;
    if (focused) {
      const ids = [...focused.ids].filter((id) => sigma.getGraph().hasNode(id));
      if (ids.length > 0) void sigma.getCamera().animate(frameNodes(sigma, ids), { duration: DURATION_MS });
    } else if (focus === null && hadFocus.current) {
      void sigma.getCamera().animatedReset({ duration: DURATION_MS });
    }
    hadFocus.current = focus !== null;
  }, [sigma, focus]);

  // Frame a result or path shown on its own.
  const subset = useAppStore((s) => s.subset);
  const hadSubset = useRef(false);
  useEffect(() => {
    if (!isAlive(sigma)) return;
    if (subset) {
      const ids = [...subset.ids].filter((id) => sigma.getGraph().hasNode(id));
      if (ids.length > 0) void sigma.getCamera().animate(frameNodes(sigma, ids), { duration: DURATION_MS });
    } else if (hadSubset.current && !useAppStore.getState().focus) {
      // Back to the whole network.
      void sigma.getCamera().animatedReset({ duration: DURATION_MS });
    }
    hadSubset.current = subset !== null;
  }, [sigma, subset]);

  // A shared link's camera wins over the moves above, once (declared last, so they see it pending).
  useEffect(() => {
    if (!isAlive(sigma) || !pendingCamera) return;
    sigma.getCamera().setState(pendingCamera);
    cameraRestored();
  }, [sigma, pendingCamera]);

  return null;
}
