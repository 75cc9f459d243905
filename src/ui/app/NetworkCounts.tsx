/**
 * What the network shows after filtering, while the network itself is not mounted (a link opened
 * another view first, see App.tsx): the filter panel's counts and the visible set, as the
 * network's ReducersController reports them (the same rule over the loaded model, without sigma).
 */
import { useEffect } from 'react';
import { visibleEdgeCount, visibleNodes } from '../model/filters';
import { focusedIds } from '../state/filters';
import { useGraphModel } from '../state/graph';
import { setVisibleNodes } from '../state/graph-holder';
import { useAppStore } from '../state/store';
import { reportVisible } from '../state/view';

/** Reports the visible counts of the network that is not drawn yet; renders nothing. */
export function NetworkCounts(): null {
  const model = useGraphModel();
  const filters = useAppStore((s) => s.filters);
  const focus = useAppStore((s) => s.focus);
  const subset = useAppStore((s) => s.subset);
  const focusIds = focusedIds(focus, subset);
  useEffect(() => {
    if (!model) return;
    const visible = visibleNodes(model.graph, filters, focusIds);
    setVisibleNodes(visible);
    reportVisible(visible.size, visibleEdgeCount(model.graph, filters, visible));
  }, [model, filters, focusIds]);
  return null;
}
