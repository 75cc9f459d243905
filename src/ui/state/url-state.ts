/**
 * Shareable view state in the URL: selection, filters, camera, colour mode, theme, the open path,
 * the chosen crosstalk-matrix cell and the console query. Pure parse/serialise functions (tested
 * without a browser); invalid parts are ignored with a notice, never a crash. One store
 * subscription ({@link startUrlSync}) keeps the address bar in step with the shareable slice, so
 * no action writes the URL itself.
 *
 *   ?view=litmap&node=<id>&color=community&theme=dark&cam=0.52,0.48,0.35
 *   &years=2000-2020&unknownYear=0&kinds=CITES,MENTIONS&cats=tissue,factor&works=0&concepts=0&linked=1
 *   &from=<id>&to=<id>&via=cites&directed=1&cell=skeletal-muscle>bone&query=<cypher>
 *   &focus=<id>&hops=2&stack=community&review=0&viaConcepts=1&linkedHops=3&avoidHubs=1
 *   &pick=<id>&pick=<id> (the collection)
 *
 * History: a change of the selection adds a history entry (pushState), so browser Back and Forward
 * walk through the visited nodes; every other change replaces the current entry. On popstate the
 * view of that entry is restored (see `load.ts`).
 *
 * Over 400 lines: one parser and one writer per shareable part, side by side, so that a part
 * added to the link is read and written in the same file (and tested in url-state.test.ts).
 */
import { NETWORK_EDGE_KINDS, type EdgeKind } from '../../model/api';
import { MATRIX_TISSUES, type MatrixTissue } from '../../model/crosstalk';
import { CONCEPT_CATEGORIES, type ConceptCategory } from '../../model/graph-schema';
import { DEFAULT_MAP_THRESHOLD, MAX_MAP_THRESHOLD, MIN_MAP_THRESHOLD } from '../../model/litmap';
import { DEFAULT_FILTERS, type Filters } from '../model/filters';
import {
  useAppStore,
  type ActiveView,
  type LitMapColor,
  type LitMapLayout,
  type LitMapTimeY,
  type AppState,
  type CameraView,
  type ColorMode,
  type MatrixCellRef,
  type Theme,
  type TimelineStack,
} from './store';

/** View state read from the URL; null fields were absent (or invalid, see `notice`). */
export interface UrlState {
  /** The view in the centre, when the link names one other than the network. */
  view: ActiveView | null;
  /** The literature map's seeds and how it is drawn, when the link names a map. */
  map: {
    seeds: string[];
    layout: LitMapLayout;
    timeY: LitMapTimeY;
    color: LitMapColor;
    /** The link threshold (similarity a pair needs to be linked), when the link names one. */
    threshold?: number;
  } | null;
  selected: string | null;
  colorMode: ColorMode | null;
  theme: Theme | null;
  /** The console query, when the link carries one (opens the console). */
  query: string | null;
  /** Filters, when the link changes any. */
  filters: Filters | null;
  camera: CameraView | null;
  path: { from: string; to: string; via: 'cites' | 'any'; directed: boolean; avoidHubs: boolean } | null;
  matrixCell: MatrixCellRef | null;
  /** A neighbourhood focus: its centre and hop count. */
  focus: { center: string; hops: number } | null;
  /** How the timeline stacks its bars, when the link says. */
  timelineStack: TimelineStack | null;
  /** The collection's works, when the link carries any. */
  collection: string[] | null;
  notice: string | null;
}

/** The part of the app state a link carries. */
export type ShareableState = Pick<
  AppState,
  | 'selected'
  | 'colorMode'
  | 'theme'
  | 'consoleOpen'
  | 'query'
  | 'filters'
  | 'path'
  | 'pathOpen'
  | 'matrixOpen'
  | 'matrixCell'
> & {
  collection?: readonly string[];
  camera?: CameraView | null;
  activeView?: ActiveView;
  mapSeeds?: readonly string[];
  mapLayout?: LitMapLayout;
  mapTimeY?: LitMapTimeY;
  mapColor?: LitMapColor;
  mapThreshold?: number;
  /** A neighbourhood focus (only its centre and hop count go into the link). */
  focus?: { center: string; hops: number } | null;
  timelineStack?: TimelineStack;
};

const MAX_ID = 500;
/** The API's largest neighbourhood. */
const MAX_HOPS = 3;
/** The filter panel's largest "steps from the review" (0 means any). */
const MAX_REVIEW_HOPS = 4;
const validId = (v: string | null): v is string => v !== null && v.length > 0 && v.length <= MAX_ID;
const tissueSlug = (t: MatrixTissue): string => t.slice('concept:'.length);

function parseList<T extends string>(raw: string, allowed: readonly T[], upper: boolean): T[] | null {
  const parts = raw
    .split(',')
    .map((p) => (upper ? p.trim().toUpperCase() : p.trim().toLowerCase()))
    .filter(Boolean);
  if (parts.some((p) => !(allowed as readonly string[]).includes(p))) return null;
  return [...new Set(parts)] as T[];
}

function parseFilters(p: URLSearchParams, problems: string[]): Filters | null {
  const f: Filters = { ...DEFAULT_FILTERS };
  let changed = false;
  const years = p.get('years');
  if (years !== null) {
    const m = /^(\d{4})?-(\d{4})?$/.exec(years);
    const min = m?.[1] ? Number(m[1]) : null;
    const max = m?.[2] ? Number(m[2]) : null;
    if (!m || (min !== null && max !== null && min > max)) problems.push(`year range “${years}”`);
    else {
      f.yearMin = min;
      f.yearMax = max;
      changed = true;
    }
  }
  const kinds = p.get('kinds');
  if (kinds !== null) {
    const list = kinds === '' ? [] : parseList<EdgeKind>(kinds, NETWORK_EDGE_KINDS, true);
    if (list === null) problems.push(`relationship kinds “${kinds}”`);
    else {
      f.edgeKinds = list;
      changed = true;
    }
  }
  const cats = p.get('cats');
  if (cats !== null) {
    const list = cats === '' ? [] : parseList<ConceptCategory>(cats, CONCEPT_CATEGORIES, false);
    if (list === null) problems.push(`concept categories “${cats}”`);
    else {
      f.categories = list;
      changed = true;
    }
  }
  const flags: [string, keyof Filters, boolean][] = [
    ['works', 'showWorks', true],
    ['concepts', 'showConcepts', true],
    ['unknownYear', 'includeUnknownYear', true],
    ['linked', 'linkedToReview', false],
    ['review', 'keepReview', true],
    ['viaConcepts', 'reviewViaConcepts', false],
  ];
  for (const [name, key, fallback] of flags) {
    const v = p.get(name);
    if (v === null) continue;
    if (v !== '0' && v !== '1') {
      problems.push(`${name} “${v}”`);
      continue;
    }
    (f as unknown as Record<string, boolean>)[key] = v === '1';
    if ((v === '1') !== fallback) changed = true;
  }
  const linkedHops = p.get('linkedHops');
  if (linkedHops !== null) {
    const n = Number(linkedHops);
    if (!/^\d$/.test(linkedHops) || n > MAX_REVIEW_HOPS)
      problems.push(`steps from the review “${linkedHops}”`);
    else {
      f.reviewHops = n;
      if (n !== DEFAULT_FILTERS.reviewHops) changed = true;
    }
  }
  return changed ? f : null;
}

/** Most seeds a map link carries (the API's limit). */
const MAX_MAP_SEEDS = 200;
/** Most works a link's collection holds (the API's limit, as {@link MAX_MAP_SEEDS}). */
const MAX_COLLECTION = MAX_MAP_SEEDS;

/**
 * The literature map of a link: `map=<id>` (repeated), `mapLayout=time`, `mapY=citations`,
 * `mapColor=year`, `mapThreshold=0.3` (the link threshold, {@link MIN_MAP_THRESHOLD}–{@link MAX_MAP_THRESHOLD}).
 */
function parseMap(p: URLSearchParams, problems: string[]): UrlState['map'] {
  const seeds = p.getAll('map');
  const layout = p.get('mapLayout') ?? 'force';
  const timeY = p.get('mapY') ?? 'cluster';
  const color = p.get('mapColor') ?? 'cluster';
  const thresholdText = p.get('mapThreshold');
  const threshold = thresholdText === null ? DEFAULT_MAP_THRESHOLD : Number(thresholdText);
  if (
    seeds.length === 0 &&
    p.get('mapLayout') === null &&
    p.get('mapY') === null &&
    p.get('mapColor') === null &&
    thresholdText === null
  )
    return null;
  const bad: string[] = [];
  if (seeds.length > MAX_MAP_SEEDS || seeds.some((id) => !validId(id))) bad.push('map works');
  if (layout !== 'force' && layout !== 'time') bad.push(`map layout “${layout}”`);
  if (timeY !== 'cluster' && timeY !== 'citations') bad.push(`map axis “${timeY}”`);
  if (color !== 'cluster' && color !== 'year') bad.push(`map colour “${color}”`);
  if (
    thresholdText !== null &&
    (thresholdText.trim() === '' ||
      !Number.isFinite(threshold) ||
      threshold < MIN_MAP_THRESHOLD ||
      threshold > MAX_MAP_THRESHOLD)
  )
    bad.push(`map link threshold “${thresholdText}”`);
  if (bad.length > 0) {
    problems.push(...bad);
    return null;
  }
  return {
    seeds: [...new Set(seeds)],
    layout: layout as LitMapLayout,
    timeY: timeY as LitMapTimeY,
    color: color as LitMapColor,
    ...(thresholdText !== null ? { threshold } : {}),
  };
}

/** Parses a query string. */
export function parseUrlState(search: string): UrlState {
  const p = new URLSearchParams(search);
  const problems: string[] = [];
  const node = p.get('node');
  const color = p.get('color');
  const theme = p.get('theme');
  let colorMode: ColorMode | null = null;
  if (color === 'kind' || color === 'community') colorMode = color;
  else if (color !== null) problems.push(`colour mode “${color}”`);
  let th: Theme | null = null;
  if (theme === 'light' || theme === 'dark') th = theme;
  else if (theme !== null) problems.push(`theme “${theme}”`);
  const selected = validId(node) ? node : null;
  if (node !== null && selected === null) problems.push('node id');
  const v = p.get('view');
  const view = v === 'network' || v === 'litmap' || v === 'conceptmap' ? v : null;
  if (v !== null && view === null) problems.push(`view “${v}”`);
  const map = parseMap(p, problems);
  const q = p.get('query');
  const query = q !== null && q.length > 0 && q.length <= 20_000 ? q : null;
  if (q !== null && query === null) problems.push('query');

  let camera: CameraView | null = null;
  const cam = p.get('cam');
  if (cam !== null) {
    const [x, y, ratio] = cam.split(',').map(Number);
    if ([x, y, ratio].every((v) => v !== undefined && Number.isFinite(v)) && ratio! > 0 && ratio! < 1000)
      camera = { x: x!, y: y!, ratio: ratio! };
    else problems.push(`camera “${cam}”`);
  }

  let path: UrlState['path'] = null;
  const from = p.get('from');
  const to = p.get('to');
  if (from !== null || to !== null) {
    const via = p.get('via') ?? 'any';
    const directed = p.get('directed') ?? '0';
    const avoidHubs = p.get('avoidHubs') ?? '0';
    if (!validId(from) || !validId(to) || from === to) problems.push('path ends');
    else if (via !== 'cites' && via !== 'any') problems.push(`path kind “${via}”`);
    else if (directed !== '0' && directed !== '1') problems.push(`path direction “${directed}”`);
    else if (avoidHubs !== '0' && avoidHubs !== '1') problems.push(`path hub rule “${avoidHubs}”`);
    else path = { from, to, via, directed: directed === '1', avoidHubs: avoidHubs === '1' };
  }

  let matrixCell: UrlState['matrixCell'] = null;
  const cell = p.get('cell');
  if (cell !== null) {
    const [s, t] = cell.split('>').map((x) => `concept:${x}`);
    const isTissue = (x: string | undefined): x is MatrixTissue =>
      x !== undefined && (MATRIX_TISSUES as readonly string[]).includes(x);
    if (isTissue(s) && isTissue(t)) matrixCell = { source: s, target: t };
    else problems.push(`matrix cell “${cell}”`);
  }

  let focus: UrlState['focus'] = null;
  const center = p.get('focus');
  if (center !== null) {
    const hops = Number(p.get('hops') ?? '1');
    if (!validId(center)) problems.push('focus node id');
    else if (!Number.isInteger(hops) || hops < 1 || hops > MAX_HOPS)
      problems.push(`hop count “${p.get('hops')}”`);
    else focus = { center, hops };
  }

  let timelineStack: TimelineStack | null = null;
  const stack = p.get('stack');
  if (stack === 'category' || stack === 'community') timelineStack = stack;
  else if (stack !== null) problems.push(`timeline stacking “${stack}”`);

  let collection: string[] | null = null;
  const picks = p.getAll('pick');
  if (picks.length > MAX_COLLECTION || picks.some((id) => !validId(id))) problems.push('collection');
  else if (picks.length > 0) collection = [...new Set(picks)];

  const filters = parseFilters(p, problems);
  return {
    view,
    map,
    selected,
    colorMode,
    theme: th,
    query,
    filters,
    camera,
    path,
    matrixCell,
    focus,
    timelineStack,
    collection,
    notice: problems.length > 0 ? `Ignored an invalid ${problems.join(' and ')} in the link.` : null,
  };
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x) => b.includes(x));

const round = (v: number, digits: number): string => String(Number(v.toFixed(digits)));

/** The query string of a view (without `?`); defaults are left out. */
export function serializeUrlState(s: ShareableState): string {
  const p = new URLSearchParams();
  if (s.activeView && s.activeView !== 'network') p.set('view', s.activeView);
  if (s.activeView === 'litmap') {
    for (const id of s.mapSeeds ?? []) p.append('map', id);
    if (s.mapLayout === 'time') p.set('mapLayout', 'time');
    if (s.mapLayout === 'time' && s.mapTimeY === 'citations') p.set('mapY', 'citations');
    if (s.mapColor === 'year') p.set('mapColor', 'year');
    if (s.mapThreshold !== undefined && s.mapThreshold !== DEFAULT_MAP_THRESHOLD)
      p.set('mapThreshold', round(s.mapThreshold, 3));
  }
  if (s.selected) p.set('node', s.selected);
  if (s.colorMode !== 'kind') p.set('color', s.colorMode);
  if (s.theme !== 'light') p.set('theme', s.theme);
  if (s.camera)
    p.set('cam', [round(s.camera.x, 4), round(s.camera.y, 4), round(s.camera.ratio, 4)].join(','));
  const f = s.filters;
  if (f.yearMin !== null || f.yearMax !== null) p.set('years', `${f.yearMin ?? ''}-${f.yearMax ?? ''}`);
  if (f.includeUnknownYear !== DEFAULT_FILTERS.includeUnknownYear)
    p.set('unknownYear', f.includeUnknownYear ? '1' : '0');
  if (!sameList(f.edgeKinds, DEFAULT_FILTERS.edgeKinds)) p.set('kinds', f.edgeKinds.join(','));
  if (!sameList(f.categories, DEFAULT_FILTERS.categories)) p.set('cats', f.categories.join(','));
  if (!f.showWorks) p.set('works', '0');
  if (!f.showConcepts) p.set('concepts', '0');
  if (f.linkedToReview) p.set('linked', '1');
  if (f.keepReview !== DEFAULT_FILTERS.keepReview) p.set('review', f.keepReview ? '1' : '0');
  if (f.reviewViaConcepts) p.set('viaConcepts', '1');
  if (f.reviewHops !== DEFAULT_FILTERS.reviewHops) p.set('linkedHops', String(f.reviewHops));
  if (s.pathOpen && s.path.from && s.path.to) {
    p.set('from', s.path.from);
    p.set('to', s.path.to);
    if (s.path.via !== 'any') p.set('via', s.path.via);
    if (s.path.directed) p.set('directed', '1');
    if (s.path.avoidHubs) p.set('avoidHubs', '1');
  }
  if (s.matrixOpen && s.matrixCell)
    p.set('cell', `${tissueSlug(s.matrixCell.source)}>${tissueSlug(s.matrixCell.target)}`);
  if (s.consoleOpen && s.query.trim()) p.set('query', s.query.trim());
  if (s.focus) {
    p.set('focus', s.focus.center);
    if (s.focus.hops !== 1) p.set('hops', String(s.focus.hops));
  }
  if (s.timelineStack && s.timelineStack !== 'category') p.set('stack', s.timelineStack);
  for (const id of s.collection ?? []) p.append('pick', id);
  return p.toString();
}

/** Reads the current page's URL state (empty outside a browser). */
export function readUrlState(): UrlState {
  return parseUrlState(typeof window === 'undefined' ? '' : window.location.search);
}

/** The query string last written (or the state's when the sync started). */
let written: string | null = null;
/** The selection of the history entry last written (a change adds an entry). */
let writtenSelected: string | null = null;
let paused = 0;

/**
 * Writes the shareable part of the state into the URL when it changed: a new history entry when
 * the selection changed (so Back returns to the node before), else in place.
 */
function syncUrl(s: ShareableState): void {
  if (typeof window === 'undefined' || paused > 0) return;
  const q = serializeUrlState(s);
  if (q === written) return;
  written = q;
  const url = `${window.location.pathname}${q ? `?${q}` : ''}`;
  const isNewNode = s.selected !== writtenSelected;
  writtenSelected = s.selected;
  if (url === `${window.location.pathname}${window.location.search}`) return;
  if (isNewNode) window.history.pushState(null, '', url);
  else window.history.replaceState(null, '', url);
}

/**
 * Takes the address bar's state as written (after a popstate restored its view), so that the
 * restoring adds no history entry.
 */
export function adoptUrl(): void {
  const s = useAppStore.getState();
  written = serializeUrlState(s);
  writtenSelected = s.selected;
}

/**
 * Keeps the URL in step with the store's shareable slice from now on (the link the page was opened
 * with stays until that slice changes). Returns the unsubscribe function.
 */
export function startUrlSync(): () => void {
  written = serializeUrlState(useAppStore.getState());
  writtenSelected = readUrlState().selected;
  return useAppStore.subscribe(syncUrl);
}

/**
 * Holds URL writes back, e.g. while a link's view is restored piece by piece (so the address bar
 * never shows half of it). Returns the function that resumes and writes the state of then.
 */
export function pauseUrlSync(): () => void {
  paused += 1;
  let resumed = false;
  return () => {
    if (resumed) return;
    resumed = true;
    paused -= 1;
    syncUrl(useAppStore.getState());
  };
}

/** The full link to a view. */
export function shareableLink(s: ShareableState): string {
  const q = serializeUrlState(s);
  return `${window.location.origin}${window.location.pathname}${q ? `?${q}` : ''}`;
}
