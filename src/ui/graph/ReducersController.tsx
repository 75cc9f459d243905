/**
 * Derives what sigma draws from the model and the view state (filters, focus, hover, selection,
 * colour mode, theme) through reducers. Never mutates the model.
 */
import { useEffect, useMemo } from 'react';
import { communityColors } from '../model/communities';
import { edgeKey } from '../model/emphasis';
import { isEdgeVisible, visibleEdgeCount, visibleNodes } from '../model/filters';
import { ACCENT, COLLECTION_RING, EDGE_COLORS, FADED, OTHER_COMMUNITY_COLOR } from '../model/palette';
import { focusedIds } from '../state/filters';
import { useGraphModel } from '../state/graph';
import { setVisibleNodes } from '../state/graph-holder';
import { getPickedLabels } from '../state/labels';
import { useAppStore } from '../state/store';
import { reportVisible } from '../state/view';
import { isAlive, useSigma } from './sigma-context';

export function ReducersController() {
  const sigma = useSigma();
  // Changes when the model does (a new load, or nodes an overview gained): what is visible follows.
  const model = useGraphModel();
  const filters = useAppStore((s) => s.filters);
  const focus = useAppStore((s) => s.focus);
  const subset = useAppStore((s) => s.subset);
  const hovered = useAppStore((s) => s.hovered);
  const selected = useAppStore((s) => s.selected);
  const colorMode = useAppStore((s) => s.colorMode);
  const theme = useAppStore((s) => s.theme);
  const highlight = useAppStore((s) => s.highlight);
  const trace = useAppStore((s) => s.trace);
  const collection = useAppStore((s) => s.collection);
  const collected = useMemo(() => new Set(collection), [collection]);

  const focusIds = focusedIds(focus, subset);
  // The model sigma draws is the loaded one (`model.graph`); until it is known, nothing is visible.
  const visible = useMemo(
    () => (model ? visibleNodes(model.graph, filters, focusIds) : new Set<string>()),
    [model, filters, focusIds],
  );
  const communities = useMemo(() => communityColors(model?.graph ?? null), [model]);

  useEffect(() => {
    if (!isAlive(sigma)) return;
    setVisibleNodes(visible);
    reportVisible(visible.size, visibleEdgeCount(sigma.getGraph(), filters, visible));
  }, [sigma, visible, filters]);

  useEffect(() => {
    if (!isAlive(sigma)) return;
    const g = sigma.getGraph();
    const active = hovered ?? selected;
    const neighbours = new Set<string>();
    if (active && g.hasNode(active)) {
      g.forEachEdge(active, (_e, a, s, t) => {
        if (isEdgeVisible(a.kind, s, t, filters, visible)) neighbours.add(s === active ? t : s);
      });
    }
    // In a focused view the selection does not fade the rest of the view (a hover still does).
    const keepContext = focusIds !== null && !hovered;
    const faded = FADED[theme];
    const edgeColors = EDGE_COLORS[theme];
    const ring = theme === 'dark' ? '#d8d8d8' : '#4a4a4a';

    /** Greys a node out around a hover, selection or query result. */
    const fade = (r: { color: string; borderColor: string; label: string; forceLabel: boolean; zIndex: number }): void => {
      r.color = faded;
      r.borderColor = faded;
      r.label = '';
      r.forceLabel = false;
      r.zIndex = 0;
    };

    sigma.setSetting('nodeReducer', (node, data) => {
      // A traced path or a matrix cell shows its nodes even where the filters would hide them.
      const traced = trace?.nodes.has(node) ?? false;
      if (!visible.has(node) && !traced) return { ...data, hidden: true };
      const res = { ...data, borderColor: ring } as typeof data & { borderColor: string; borderSize?: number; highlighted?: boolean };
      if (colorMode === 'community') res.color = communities.get(data.community) ?? OTHER_COMMUNITY_COLOR;
      // Read on every refresh: the LabelController changes the picks as the camera moves.
      const picked = getPickedLabels();
      if (picked) {
        res.forceLabel = picked.has(node);
        if (!res.forceLabel && node !== hovered && node !== selected) res.label = '';
      }
      if (trace) {
        if (traced) {
          res.type = 'concept';
          res.borderColor = ACCENT;
          res.borderSize = 0.3;
          res.zIndex = 6;
          if (trace.nodes.size <= 16) res.forceLabel = true;
        } else fade(res);
        if (node === hovered) {
          res.highlighted = true;
          res.forceLabel = true;
        }
        if (node === selected) {
          res.size = data.size * 1.3 + 2;
          res.highlighted = true;
          res.forceLabel = true;
          res.zIndex = 11;
        }
        return res;
      }
      // A console result: its nodes ringed in the accent colour, the rest faded.
      if (highlight && !active) {
        if (highlight.has(node)) {
          res.type = 'concept';
          res.borderColor = ACCENT;
          res.borderSize = 0.25;
          res.zIndex = 6;
          if (highlight.size <= 12) res.forceLabel = true;
        } else fade(res);
      }
      if (active && g.hasNode(active)) {
        if (node === active) {
          res.highlighted = true;
          res.forceLabel = true;
          res.zIndex = 10;
        } else if (neighbours.has(node)) {
          res.zIndex = 5;
          if (neighbours.size <= 8) res.forceLabel = true;
        } else if (!keepContext) fade(res);
      }
      // The collection's works keep a thick ring in the link blue (and, up to 12, their labels)
      // wherever they are not faded out.
      if (collected.has(node) && res.color !== faded) {
        res.type = 'concept';
        res.borderColor = COLLECTION_RING[theme];
        res.borderSize = 0.35;
        res.size = data.size + 2;
        res.zIndex = Math.max(res.zIndex ?? 0, 4);
        if (collected.size <= 12) res.forceLabel = true;
      }
      if (node === selected) {
        res.type = 'concept';
        res.borderColor = collected.has(node) ? COLLECTION_RING[theme] : ACCENT;
        res.borderSize = collected.has(node) ? 0.35 : 0.2;
        res.size = data.size * 1.3 + 2;
        res.highlighted = true;
        res.forceLabel = true;
        res.zIndex = 11;
      }
      return res;
    });

    sigma.setSetting('edgeReducer', (_edge, data) => {
      const [s, t] = sigma.getGraph().extremities(_edge);
      if (trace) {
        const on = trace.edges ? trace.edges.has(edgeKey(s, t, data.kind)) : trace.nodes.has(s) && trace.nodes.has(t);
        return on ? { ...data, color: ACCENT, size: data.size + 1.2, zIndex: 3 } : { ...data, hidden: true };
      }
      if (!isEdgeVisible(data.kind, s, t, filters, visible)) return { ...data, hidden: true };
      const color = edgeColors[data.kind];
      if (active && g.hasNode(active)) {
        if (s === active || t === active) return { ...data, color: ACCENT, size: data.size + 0.8, zIndex: 2 };
        if (!keepContext) return { ...data, hidden: true };
      }
      if (highlight) {
        if (highlight.has(s) && highlight.has(t)) return { ...data, color: ACCENT, zIndex: 2 };
        return { ...data, hidden: true };
      }
      return { ...data, color };
    });
  }, [
    sigma,
    visible,
    filters,
    hovered,
    selected,
    colorMode,
    theme,
    communities,
    focusIds,
    highlight,
    trace,
    collected,
  ]);

  return null;
}
