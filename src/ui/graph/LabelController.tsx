/**
 * Labels of a focused view (a focus, a result or path on its own, a query result, a traced path):
 * by importance, without collisions (ui/model/label-picking.ts), recomputed when the camera or
 * the layout settles. Outside such views sigma's own label grid decides.
 */
import { useEffect } from 'react';
import type { LabelCandidate } from '../model/label-picking';
import { pickLabels } from '../model/label-picking';
import { focusedIds } from '../state/filters';
import { setPickedLabels, getPickedLabels } from '../state/labels';
import { useAppStore } from '../state/store';
import { isAlive, useSigma } from './sigma-context';

/** Most labels a focused view draws. */
const MAX_LABELS = 60;

export function LabelController() {
  const sigma = useSigma();
  const focus = useAppStore((s) => s.focus);
  const subset = useAppStore((s) => s.subset);
  const highlight = useAppStore((s) => s.highlight);
  const trace = useAppStore((s) => s.trace);
  const selected = useAppStore((s) => s.selected);

  useEffect(() => {
    if (!isAlive(sigma)) return;
    const ids = trace?.nodes ?? highlight ?? focusedIds(focus, subset);
    if (!ids) {
      if (getPickedLabels()) {
        setPickedLabels(null);
        sigma.refresh();
      }
      return;
    }
    const always = new Set<string>();
    if (selected) always.add(selected);
    if (focus && !subset) always.add(focus.center);
    const g = sigma.getGraph();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const compute = (): void => {
      timer = null;
      if (!isAlive(sigma)) return;
      const fontSize = sigma.getSetting('labelSize');
      const candidates: LabelCandidate[] = [];
      for (const id of ids) {
        if (!g.hasNode(id)) continue;
        const d = sigma.getNodeDisplayData(id);
        if (!d || d.hidden) continue;
        const p = sigma.framedGraphToViewport(d);
        const a = g.getNodeAttributes(id);
        candidates.push({
          id,
          x: p.x,
          y: p.y,
          size: sigma.scaleSize(d.size),
          text: a.label,
          // The review and concepts first, then by weight (citations received, works mentioning).
          importance: (a.isReview ? 1e6 : 0) + (a.kind === 'concept' ? 1e3 : 0) + a.weight,
        });
      }
      const picked = pickLabels(candidates, { fontSize, max: MAX_LABELS, always });
      const before = getPickedLabels();
      if (before && before.size === picked.size && [...picked].every((id) => before.has(id))) return;
      setPickedLabels(picked);
      sigma.refresh({ skipIndexation: true });
    };
    // After the camera or an animation settles (every frame would be wasted work).
    const schedule = (): void => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(compute, 120);
    };
    schedule();
    const camera = sigma.getCamera();
    camera.on('updated', schedule);
    g.on('nodeAttributesUpdated', schedule);
    return () => {
      if (timer) clearTimeout(timer);
      camera.off('updated', schedule);
      g.off('nodeAttributesUpdated', schedule);
    };
  }, [sigma, focus, subset, highlight, trace, selected]);

  return null;
}
