/**
 * Browser Back and Forward: the URL sync adds a history entry per selected node; when the user
 * goes back or forward, the view of that entry (selection, neighbourhood focus, filters, colours,
 * theme, timeline stacking, camera) is restored in place, without a reload. The collection is not:
 * Back walks through the visited nodes and never takes works out of it (the address bar shows it
 * again at the next change).
 */
import { DEFAULT_FILTERS } from '../model/filters';
import { selectNode } from './details';
import { clearFocus, focusNeighborhood, setFilters } from './filters';
import { bringIntoView } from './graph';
import { getGraph } from './graph-holder';
import { getState } from './store';
import { setTimelineStack } from './timeline';
import { adoptUrl, pauseUrlSync, readUrlState } from './url-state';
import { restoreCamera, setColorMode, setTheme } from './view';

/** Restores the view the current URL describes (after a popstate). */
export async function restoreFromUrl(): Promise<void> {
  const graph = getGraph();
  if (!graph) return;
  const resume = pauseUrlSync();
  try {
    const url = readUrlState();
    setColorMode(url.colorMode ?? 'kind');
    setTheme(url.theme ?? 'light');
    setFilters(url.filters ?? DEFAULT_FILTERS);
    setTimelineStack(url.timelineStack ?? 'category');
    if (url.camera) restoreCamera(url.camera);
    const ids = [url.selected, url.focus?.center].filter((id): id is string => typeof id === 'string');
    if (ids.some((id) => !graph.hasNode(id))) await bringIntoView(ids).catch(() => 0);
    const focus = getState().focus;
    if (!url.focus) clearFocus();
    else if (focus?.center !== url.focus.center || focus.hops !== url.focus.hops)
      void focusNeighborhood(url.focus.center, url.focus.hops);
    if (getState().selected !== url.selected) await selectNode(url.selected);
  } finally {
    // The address bar already shows this state: take it as written, so restoring adds no entry.
    adoptUrl();
    resume();
  }
}

/** Restores the view on Back and Forward from now on. Returns the function that stops it. */
export function startHistory(): () => void {
  const onPop = (): void => {
    void restoreFromUrl();
  };
  window.addEventListener('popstate', onPop);
  return () => window.removeEventListener('popstate', onPop);
}
