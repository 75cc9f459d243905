/**
 * Opening the explorer: load the network, then restore the view a shared link describes (colours,
 * theme, filters, timeline stacking, collection, camera, console query, path, matrix cell, selection,
 * focus).
 */
import { openConsoleWith } from './console';
import { selectNode } from './details';
import { focusNeighborhood, setFilters } from './filters';
import { bringIntoView, loadNetwork } from './graph';
import { openMatrix } from './matrix';
import { openPath } from './path';
import { setTimelineStack } from './timeline';
import { loadLitMap, restoreLitMap } from './litmap';
import { restoreCollection } from './collection';
import { pauseUrlSync, readUrlState } from './url-state';
import { restoreCamera, setActiveView, setColorMode, setTheme, showNotice } from './view';

/** Loads the network and restores the view state from the URL. */
export async function loadGraph(): Promise<void> {
  // The link stays in the address bar until its view is restored (or the load failed).
  const resume = pauseUrlSync();
  try {
    // A link to the literature map asks for the map at once, beside the network: after it, the
    // map's request waited 1–3 s for /api/graph at 100k works. Its year filters first, so the
    // map the view wants once mounted is the one already asked for (loadLitMap does not ask twice).
    const early = readUrlState();
    const mapFirst = early.view === 'litmap' && early.map ? early.map : null;
    if (mapFirst) {
      restoreLitMap(mapFirst);
      if (early.filters) setFilters(early.filters);
      setActiveView('litmap');
      void loadLitMap();
    }
    const graph = await loadNetwork();
    if (!graph) return;
    const url = readUrlState();
    const notices: string[] = url.notice ? [url.notice] : [];
    // Restored once: what the user changed in the map while the network loaded stays.
    if (url.map && !mapFirst) restoreLitMap(url.map);
    if (url.view && !mapFirst) setActiveView(url.view);
    if (url.colorMode) setColorMode(url.colorMode);
    if (url.theme) setTheme(url.theme);
    if (url.filters && !mapFirst) setFilters(url.filters);
    if (url.timelineStack) setTimelineStack(url.timelineStack);
    if (url.collection) restoreCollection(url.collection);
    if (url.camera) restoreCamera(url.camera);
    if (url.query) void openConsoleWith(url.query);
    const linked = [url.path?.from, url.path?.to, url.selected, url.focus?.center].filter(
      (id): id is string => typeof id === 'string',
    );
    // Nodes of the link that an overview left out are added first.
    if (linked.some((id) => !graph.hasNode(id))) await bringIntoView(linked).catch(() => 0);
    const missing = linked.filter((id) => !graph.hasNode(id));
    if (url.path && missing.length === 0) void openPath(url.path, { frame: !url.camera });
    else if (url.path)
      notices.push('The path in the link joins nodes that are not in this graph; it was not traced.');
    if (url.matrixCell) void openMatrix(url.matrixCell, { frame: !url.camera });
    if (notices.length > 0) showNotice(notices.join(' '));
    if (url.selected) await selectNode(url.selected);
    // The link's neighbourhood focus (after the selection, so its framing wins).
    if (url.focus && graph.hasNode(url.focus.center))
      await focusNeighborhood(url.focus.center, url.focus.hops);
  } finally {
    resume();
  }
}
