/**
 * Actions: plain async functions over the store, callable from components and tests.
 */
import { NETWORK_EDGE_KINDS, type EdgeKind, type NetworkEdge } from '../../model/api';
import { ApiRequestError, api } from '../api/client';
import { addNetworkEdge, addNetworkNode, buildUiGraph } from '../model/build-graph';
import { DEFAULT_FILTERS, type Filters } from '../model/filters';
import { getGraph, setGraph } from './graph-holder';
import type { MatrixTissue } from '../../model/crosstalk';
import {
  type CameraView,
  type ColorMode,
  type Emphasis,
  type PathState,
  type Theme,
  edgeKey,
  useAppStore,
} from './store';
import { readUrlState, rememberCamera, shareableLink, writeUrlState } from './url-state';
import { parseConsoleInput, parseParamsJson, pushHistory } from '../model/console-commands';

const set = useAppStore.setState;
const get = useAppStore.getState;

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

let detailRequest: AbortController | null = null;

/** Loads the network and restores the view state from the URL. */
export async function loadGraph(): Promise<void> {
  set({ graphStatus: 'loading', graphError: null });
  try {
    // The network is drawn as soon as it arrives; the store's counts and provenance follow.
    const stats = api.stats().catch(() => null);
    const payload = await api.graph();
    const graph = buildUiGraph(payload);
    setGraph(graph);
    set((s) => ({
      graphStatus: 'ready',
      graphVersion: s.graphVersion + 1,
      overview: payload.overview,
    }));
    void stats.then((st) => set({ stats: st }));
    const url = readUrlState();
    const notices: string[] = url.notice ? [url.notice] : [];
    if (url.colorMode) set({ colorMode: url.colorMode });
    if (url.theme) setTheme(url.theme);
    if (url.filters) set({ filters: url.filters });
    if (url.camera) {
      rememberCamera(url.camera);
      set({ pendingCamera: url.camera });
    }
    if (url.query) {
      set({ query: url.query });
      void toggleConsole(true);
    }
    const linked = [url.path?.from, url.path?.to, url.selected].filter(
      (id): id is string => typeof id === 'string',
    );
    // Nodes of the link that an overview left out are added first.
    if (linked.some((id) => !graph.hasNode(id))) await bringIntoView(linked).catch(() => 0);
    const missing = linked.filter((id) => !graph.hasNode(id));
    if (url.path && missing.length === 0) {
      set((s) => ({
        pathOpen: true,
        path: { ...s.path, ...url.path, status: 'idle', result: null, error: null },
      }));
      void tracePath({ frame: !url.camera });
    } else if (url.path)
      notices.push('The path in the link joins nodes that are not in this graph; it was not traced.');
    if (url.matrixCell) void openMatrix(url.matrixCell, { frame: !url.camera });
    if (notices.length > 0) set({ notice: notices.join(' ') });
    if (url.selected) await selectNode(url.selected);
  } catch (e: unknown) {
    setGraph(null);
    set({ graphStatus: 'error', graphError: message(e) });
  }
}

/** Most nodes one expansion of an overview adds. */
const MAX_ADDED_NODES = 5_000;

/**
 * Level of detail: when the view is an overview, adds the nodes among `ids` that it left out
 * (fetched with their stored layout) and the relationships `edges` between drawn nodes, so a
 * neighbourhood, a path or a search hit can be seen in place. Does nothing on a full graph.
 * Returns how many nodes were added.
 */
export async function bringIntoView(
  ids: readonly string[],
  edges: readonly NetworkEdge[] = [],
): Promise<number> {
  const g = getGraph();
  const overview = get().overview;
  if (!g || !overview?.isOverview) return 0;
  const missing = [...new Set(ids)].filter((id) => !g.hasNode(id)).slice(0, MAX_ADDED_NODES);
  let added = 0;
  if (missing.length > 0) {
    const { nodes } = await api.networkNodes(missing);
    if (getGraph() !== g) return 0; // the graph was reloaded meanwhile
    for (const n of nodes) {
      if (!g.hasNode(n.id)) {
        addNetworkNode(g, n);
        added += 1;
      }
    }
  }
  let linked = 0;
  for (const e of edges) if (addNetworkEdge(g, e)) linked += 1;
  if (added > 0 || linked > 0) {
    set((s) => ({
      graphAdditions: s.graphAdditions + 1,
      overview: s.overview && { ...s.overview, shownNodes: g.order, shownEdges: g.size },
    }));
  }
  return added;
}

/** Selects a node (or clears the selection with null) and loads its details. */
export async function selectNode(id: string | null): Promise<void> {
  detailRequest?.abort();
  if (id === null) {
    set({ selected: null, detail: null, detailStatus: 'idle', detailError: null });
    writeUrlState(get());
    return;
  }
  const controller = new AbortController();
  detailRequest = controller;
  set({ selected: id, detailStatus: 'loading', detailError: null, rightOpen: true });
  writeUrlState(get());
  // A search hit outside the overview is added, so it can be seen and explored from.
  void bringIntoView([id]).catch(() => undefined);
  try {
    const detail = await api.node(id, controller.signal);
    if (controller.signal.aborted) return;
    set({ detail, detailStatus: 'ready' });
  } catch (e: unknown) {
    if (controller.signal.aborted) return;
    const notFound = e instanceof ApiRequestError && e.status === 404;
    set({
      detail: null,
      detailStatus: 'error',
      detailError: notFound ? `Nothing in the graph has the id “${id}”.` : message(e),
    });
  }
}

/** Sets the hovered node (null when the pointer leaves). */
export function hoverNode(id: string | null): void {
  if (get().hovered !== id) set({ hovered: id });
}

/** Changes some filters. */
export function setFilters(patch: Partial<Filters>): void {
  set((s) => ({ filters: { ...s.filters, ...patch } }));
  writeUrlState(get());
}

/** Shows everything again (also clears a neighbourhood focus). */
export function resetFilters(): void {
  set({ filters: DEFAULT_FILTERS, focus: null });
  writeUrlState(get());
}

/** Toggles one relationship kind. */
export function toggleEdgeKind(kind: EdgeKind): void {
  const kinds = get().filters.edgeKinds;
  setFilters({
    edgeKinds: kinds.includes(kind)
      ? kinds.filter((k) => k !== kind)
      : NETWORK_EDGE_KINDS.filter((k) => k === kind || kinds.includes(k)),
  });
}

/** Focuses the view on the neighbourhood of a node, fetched from the API. */
export async function focusNeighborhood(center: string, hops: number): Promise<void> {
  set({ focus: { center, hops, status: 'loading', ids: null, error: null, truncated: false } });
  try {
    const n = await api.neighborhood(center, hops, get().filters.edgeKinds);
    if (get().focus?.center !== center || get().focus?.hops !== hops) return;
    await bringIntoView(n.nodeIds, n.edges);
    if (get().focus?.center !== center || get().focus?.hops !== hops) return;
    set({
      focus: { center, hops, status: 'ready', ids: new Set(n.nodeIds), error: null, truncated: n.truncated },
    });
  } catch (e: unknown) {
    set({ focus: { center, hops, status: 'error', ids: null, error: message(e), truncated: false } });
  }
}

/** Leaves the neighbourhood focus. */
export function clearFocus(): void {
  set({ focus: null });
}

/** Colours nodes by kind or community. */
export function setColorMode(mode: ColorMode): void {
  set({ colorMode: mode });
  writeUrlState(get());
}

/** Switches the theme. */
export function setTheme(theme: Theme): void {
  set({ theme });
  if (typeof document !== 'undefined') document.documentElement.dataset.theme = theme;
  writeUrlState(get());
}

/** Opens or closes a side panel. */
export function togglePanel(side: 'left' | 'right'): void {
  set((s) => (side === 'left' ? { leftOpen: !s.leftOpen } : { rightOpen: !s.rightOpen }));
}

/** Records what the view shows after filtering. */
export function reportVisible(nodes: number, edges: number): void {
  const s = get();
  if (s.visibleNodes !== nodes || s.visibleEdges !== edges) set({ visibleNodes: nodes, visibleEdges: edges });
}

/** Dismisses the notice banner. */
export function dismissNotice(): void {
  set({ notice: null });
}

/** True when a node id is in the loaded network. */
export function isInNetwork(id: string): boolean {
  return getGraph()?.hasNode(id) ?? false;
}

const HISTORY_KEY = 'crosstalk-kg:query-history';

function loadHistory(): string[] {
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(HISTORY_KEY);
    const v = raw ? (JSON.parse(raw) as unknown) : [];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function saveHistory(history: string[]): void {
  try {
    if (typeof localStorage !== 'undefined') localStorage.setItem(HISTORY_KEY, JSON.stringify(history));
  } catch {
    // storage full or disabled: history stays in memory only
  }
}

/** Opens or closes the Cypher console; loads the examples and history the first time. */
export async function toggleConsole(open?: boolean): Promise<void> {
  const next = open ?? !get().consoleOpen;
  set({ consoleOpen: next });
  writeUrlState(get());
  if (next && get().examples.length === 0) {
    set({ history: loadHistory() });
    try {
      set({ examples: await api.queries() });
    } catch (e: unknown) {
      set({ cypherError: `The example queries could not be loaded: ${message(e)}` });
    }
  }
}

/** Replaces the console's query text. */
export function setQuery(query: string): void {
  set({ query });
}

/** Replaces the console's parameters (JSON text). */
export function setParamsText(paramsText: string): void {
  set({ paramsText });
}

let cypherRequest: AbortController | null = null;

/**
 * Runs the console input: a `:param` command updates the parameters; Cypher is sent to
 * POST /api/cypher and the returned works and concepts are highlighted on the network.
 */
export async function runConsole(): Promise<void> {
  const input = parseConsoleInput(get().query);
  if (input.kind === 'error') {
    set({ cypherStatus: 'error', cypherError: input.message });
    return;
  }
  const parsed = parseParamsJson(get().paramsText);
  if ('error' in parsed) {
    set({ cypherStatus: 'error', cypherError: parsed.error });
    return;
  }
  if (input.kind === 'param' || input.kind === 'params') {
    const params =
      input.kind === 'param'
        ? { ...parsed.params, [input.name]: input.value }
        : { ...parsed.params, ...input.values };
    set({ paramsText: JSON.stringify(params, null, 2), query: '', cypherStatus: 'idle', cypherError: null });
    return;
  }
  if (input.query === '') {
    set({ cypherStatus: 'error', cypherError: 'Type a Cypher query, or pick an example.' });
    return;
  }
  cypherRequest?.abort();
  const controller = new AbortController();
  cypherRequest = controller;
  const history = pushHistory(get().history, input.query);
  saveHistory(history);
  set({ cypherStatus: 'loading', cypherError: null, history });
  writeUrlState(get());
  try {
    const result = await api.cypher(input.query, parsed.params, controller.signal);
    if (controller.signal.aborted) return;
    // Nodes in the result, and node ids returned as plain values (e.g. RETURN w.id).
    const ids = new Set(result.graph.nodes.map((n) => n.id).filter((id) => isInNetwork(id)));
    for (const row of result.rows) {
      for (const v of Object.values(row)) if (typeof v === 'string' && isInNetwork(v)) ids.add(v);
    }
    set({ cypherStatus: 'ready', cypherResult: result, highlight: ids.size > 0 ? ids : null });
  } catch (e: unknown) {
    if (controller.signal.aborted) return;
    set({ cypherStatus: 'error', cypherError: message(e), cypherResult: null, highlight: null });
  }
}

/** Removes the query highlight from the network. */
export function clearHighlight(): void {
  set({ highlight: null });
}

/** Where the camera is now (called by the camera controller, debounced). */
export function cameraMoved(camera: CameraView): void {
  rememberCamera(camera);
  writeUrlState(get());
}

/** The camera from a shared link has been applied. */
export function cameraRestored(): void {
  set({ pendingCamera: null });
}

/** Copies a link to the current view to the clipboard; says so in the notice banner. */
export async function copyViewLink(): Promise<string> {
  const link = shareableLink(get());
  try {
    await navigator.clipboard.writeText(link);
    set({ notice: 'Link to this view copied to the clipboard.' });
  } catch {
    // Clipboard access needs a secure context or permission: show the link to copy by hand.
    set({ notice: `Copy this link: ${link}` });
  }
  return link;
}

let pathRequest: AbortController | null = null;

/** Opens or closes the path card. */
export function togglePath(open?: boolean): void {
  const next = open ?? !get().pathOpen;
  set({ pathOpen: next, ...(next ? {} : { trace: null }) });
  if (next && get().path.result) showPath();
  writeUrlState(get());
}

/** Sets one end of the path (or clears it with null), then traces when both ends are set. */
export async function setPathEnd(end: 'from' | 'to', id: string | null): Promise<void> {
  set((s) => ({
    pathOpen: true,
    matrixCell: null,
    path: { ...s.path, [end]: id, result: null, status: 'idle', error: null },
    trace: null,
  }));
  writeUrlState(get());
  await tracePath();
}

/** Changes what a path may follow, then traces again. */
export async function setPathOptions(patch: Partial<Pick<PathState, 'via' | 'directed'>>): Promise<void> {
  set((s) => ({ path: { ...s.path, ...patch } }));
  writeUrlState(get());
  await tracePath();
}

/** Swaps the two ends. */
export async function swapPathEnds(): Promise<void> {
  set((s) => ({ path: { ...s.path, from: s.path.to, to: s.path.from } }));
  writeUrlState(get());
  await tracePath();
}

/** Fetches the shortest paths between the chosen ends and emphasises them on the network. */
export async function tracePath(opts: { frame?: boolean } = {}): Promise<void> {
  const { from, to, via, directed } = get().path;
  pathRequest?.abort();
  if (!from || !to) return;
  if (from === to) {
    set((s) => ({
      path: { ...s.path, status: 'error', error: 'Choose two different nodes.', result: null },
    }));
    return;
  }
  const controller = new AbortController();
  pathRequest = controller;
  set((s) => ({ path: { ...s.path, status: 'loading', error: null } }));
  try {
    const result = await api.paths(from, to, via, directed, controller.signal);
    if (controller.signal.aborted) return;
    await bringIntoView(
      result.paths.flatMap((p) => p.nodes),
      result.paths.flatMap((p) => p.edges),
    );
    if (controller.signal.aborted) return;
    set((s) => ({ path: { ...s.path, status: 'ready', result } }));
    showPath(opts.frame ?? true);
  } catch (e: unknown) {
    if (controller.signal.aborted) return;
    set((s) => ({ path: { ...s.path, status: 'error', error: message(e), result: null }, trace: null }));
  }
}

/** Emphasises the traced paths on the network. */
function showPath(frame = true): void {
  const result = get().path.result;
  if (!result) return;
  const nodes = new Set<string>([result.from, result.to]);
  const edges = new Set<string>();
  for (const p of result.paths) {
    for (const n of p.nodes) nodes.add(n);
    for (const e of p.edges) edges.add(edgeKey(e.source, e.target, e.kind));
  }
  set({ trace: { nodes, edges, frame } });
}

/** Opens the crosstalk matrix (loading it the first time), optionally with a cell chosen. */
export async function openMatrix(
  cell?: { source: MatrixTissue; target: MatrixTissue },
  opts: { frame?: boolean } = {},
): Promise<void> {
  set({ matrixOpen: true });
  if (!get().matrix) {
    set({ matrixStatus: 'loading', matrixError: null });
    try {
      set({ matrix: await api.crosstalk(), matrixStatus: 'ready' });
    } catch (e: unknown) {
      set({ matrixStatus: 'error', matrixError: message(e) });
      return;
    }
  }
  if (cell) chooseMatrixCell(cell, opts);
  writeUrlState(get());
}

/** Closes the matrix and its emphasis. */
export function closeMatrix(): void {
  set({ matrixOpen: false, matrixCell: null, ...(get().pathOpen ? {} : { trace: null }) });
  if (get().pathOpen) showPath();
  writeUrlState(get());
}

/** Chooses a matrix cell (null clears it): its factors, tissues and evidence works are emphasised. */
export function chooseMatrixCell(
  cell: { source: MatrixTissue; target: MatrixTissue } | null,
  opts: { frame?: boolean } = {},
): void {
  const matrix = get().matrix;
  const found = cell && matrix?.cells.find((c) => c.source === cell.source && c.target === cell.target);
  if (!cell || !found) {
    set({ matrixCell: null, trace: null });
    writeUrlState(get());
    return;
  }
  const nodes = new Set<string>([cell.source, cell.target]);
  const edges = new Set<string>();
  const g = getGraph();
  for (const f of found.factors) {
    nodes.add(f.id);
    for (const l of f.secretedBy) {
      nodes.add(l.via);
      edges.add(edgeKey(f.id, l.via, 'SECRETED_BY'));
    }
    for (const l of f.actsOn) {
      nodes.add(l.via);
      edges.add(edgeKey(f.id, l.via, 'ACTS_ON'));
    }
    for (const w of f.works) {
      nodes.add(w);
      // The evidence work's mention of the factor, when it is tagged with it.
      if (g?.someEdge(w, f.id, (_e, a) => a.kind === 'MENTIONS')) edges.add(edgeKey(w, f.id, 'MENTIONS'));
    }
  }
  const trace: Emphasis = { nodes, edges, frame: opts.frame ?? true };
  set({ matrixCell: cell, trace });
  writeUrlState(get());
}
