/**
 * Actions: plain async functions over the store, callable from components and tests.
 */
import { NETWORK_EDGE_KINDS, type EdgeKind } from '../../model/api';
import { ApiRequestError, api } from '../api/client';
import { buildUiGraph } from '../graph/build-graph';
import { DEFAULT_FILTERS, type Filters } from '../graph/filters';
import { getGraph, setGraph } from './graph-holder';
import { type ColorMode, type Theme, useAppStore } from './store';
import { readUrlState, writeUrlState } from './url-state';
import { parseConsoleInput, parseParamsJson, pushHistory } from '../console/commands';

const set = useAppStore.setState;
const get = useAppStore.getState;

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

let detailRequest: AbortController | null = null;

/** Loads the network and restores the view state from the URL. */
export async function loadGraph(): Promise<void> {
  set({ graphStatus: 'loading', graphError: null });
  try {
    const [payload, stats] = await Promise.all([api.graph(), api.stats().catch(() => null)]);
    const graph = buildUiGraph(payload);
    setGraph(graph);
    set((s) => ({
      graphStatus: 'ready',
      graphVersion: s.graphVersion + 1,
      overview: payload.overview,
      stats,
    }));
    const url = readUrlState();
    if (url.notice) set({ notice: url.notice });
    if (url.colorMode) set({ colorMode: url.colorMode });
    if (url.theme) setTheme(url.theme);
    if (url.query) {
      set({ query: url.query });
      void toggleConsole(true);
    }
    if (url.selected) await selectNode(url.selected);
  } catch (e: unknown) {
    setGraph(null);
    set({ graphStatus: 'error', graphError: message(e) });
  }
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
}

/** Shows everything again (also clears a neighbourhood focus). */
export function resetFilters(): void {
  set({ filters: DEFAULT_FILTERS, focus: null });
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
