/**
 * The one UI store (zustand): small, serialisable view state, one slice per feature. The actions of
 * each feature are plain functions in `./<feature>.ts` (graph, details, filters, view, console,
 * path, matrix, related, collection); `./load.ts` opens the app, `./url-state.ts` keeps the shareable part in the URL.
 * The shapes live here, not in the feature modules, so that every module imports the store and the
 * store imports none of them.
 */
import { create } from 'zustand';
import type {
  CrosstalkPayload,
  CypherResponse,
  DatasetPayload,
  FetchJobPayload,
  NetworkPayload,
  NodeDetail,
  PathsPayload,
  RelatedKind,
  RelatedPayload,
  StatsPayload,
} from '../../model/api';
import type { MatrixTissue } from '../../model/crosstalk';
import { DEFAULT_MAP_THRESHOLD, type LitMapPayload } from '../../model/litmap';
import type { ExampleQuery } from '../../model/example-queries';
import type { ReadableCypherError } from '../model/cypher-errors';
import type { Emphasis } from '../model/emphasis';
import { DEFAULT_FILTERS, type Filters } from '../model/filters';
import { IDLE, type AsyncState } from './async';

/** The network as loaded (the graphology model itself is in ./graph-holder, outside the store). */
export interface LoadedNetwork {
  overview: NetworkPayload['overview'];
  /** Changes whenever the model does: a load replaces it, or an overview gains nodes. */
  revision: number;
}

/** graph: the network and the database's counts. */
export interface GraphSlice {
  network: AsyncState<LoadedNetwork>;
  stats: StatsPayload | null;
}

/** details: what the pointer and the selection point at, and the selected node's details. */
export interface DetailsSlice {
  selected: string | null;
  hovered: string | null;
  detail: AsyncState<NodeDetail>;
}

/** A neighbourhood the view is focused on. */
export interface Focus {
  center: string;
  hops: number;
  /** Hub rule (ui/model/focus.ts): percent of works above which a concept is a hub (default 10). */
  hubShare?: number;
  /** Leave hubs out instead of showing them without walking through them. */
  hideHubs?: boolean;
  /** `hubs`: the hubs the walk reached and did not go through. */
  nodes: AsyncState<{ ids: ReadonlySet<string>; truncated: boolean; hubs?: string[] }>;
}

/** A query result or a traced path shown as its own small graph (ui/state/subset.ts). */
export interface SubsetView {
  /** What the banner calls it, e.g. "Query result (18 nodes)". */
  title: string;
  ids: ReadonlySet<string>;
}

/** filters: what the network shows. */
export interface FiltersSlice {
  filters: Filters;
  focus: Focus | null;
  /** A result or path shown on its own (wins over the focus while set). */
  subset: SubsetView | null;
}

/** Colour nodes by kind/category or by Louvain community. */
export type ColorMode = 'kind' | 'community';

/** Light or dark theme. */
export type Theme = 'light' | 'dark';

/**
 * The view in the centre: the network, the literature map or the concept map. Which of them the
 * header offers is the registry in `ui/app/views.tsx`; a link naming one not registered opens the network.
 */
export type ActiveView = 'network' | 'litmap' | 'conceptmap';

/** How the timeline stacks its bars: by the concept categories works mention, or by community. */
export type TimelineStack = 'category' | 'community';

/** A camera position (sigma's camera state). */
export interface CameraView {
  x: number;
  y: number;
  ratio: number;
}

/** view: colours, theme, panels, the notice banner and the camera. */
export interface ViewSlice {
  /** The view in the centre (see {@link ActiveView}). */
  activeView: ActiveView;
  colorMode: ColorMode;
  theme: Theme;
  /** How the timeline stacks its bars (kept in links). */
  timelineStack: TimelineStack;
  leftOpen: boolean;
  rightOpen: boolean;
  /** Visible node and edge counts, reported by the graph view after filtering. */
  visibleNodes: number;
  visibleEdges: number;
  notice: string | null;
  /** Where the camera is (kept for links; updated by the camera controller, debounced). */
  camera: CameraView | null;
  /** A camera to restore once the network is drawn (from a shared link). */
  pendingCamera: CameraView | null;
}

/** console: the Cypher console (bottom drawer). */
export interface ConsoleSlice {
  consoleOpen: boolean;
  query: string;
  paramsText: string;
  cypher: AsyncState<CypherResponse>;
  /** The last query error in plain words, with the engine's text and position (null: none). */
  cypherProblem: ReadableCypherError | null;
  /** Nodes returned by the last query, highlighted on the network (null: no highlight). */
  highlight: ReadonlySet<string> | null;
  examples: AsyncState<ExampleQuery[]>;
  history: string[];
}

/** The two ends of a path and what it may follow. */
export interface PathQuery {
  from: string | null;
  to: string | null;
  /** Citations only, or any relationship of the network. */
  via: 'cites' | 'any';
  /** Follow relationships only in their direction. */
  directed: boolean;
  /** Search again without stepping through hub concepts (ui/model/path-rank.ts). */
  avoidHubs?: boolean;
}

/** path: path tracing (a floating card over the network). */
export interface PathSlice {
  pathOpen: boolean;
  path: PathQuery;
  pathResult: AsyncState<PathsPayload>;
  /** What a traced path or a chosen matrix cell emphasises on the network (wins over `highlight`). */
  trace: Emphasis | null;
}

/** A cell of the crosstalk matrix: factors secreted by `source` that act on `target`. */
export interface MatrixCellRef {
  source: MatrixTissue;
  target: MatrixTissue;
}

/** matrix: the crosstalk matrix card. */
export interface MatrixSlice {
  matrixOpen: boolean;
  matrix: AsyncState<CrosstalkPayload>;
  matrixCell: MatrixCellRef | null;
}

/** related: the Related section of a work's details (which ranking, and its answer). */
export interface RelatedSlice {
  relatedKind: RelatedKind;
  related: AsyncState<RelatedPayload>;
  /** The review finder over the whole graph: works citing the most works of it. */
  graphReviews: AsyncState<RelatedPayload>;
}

/**
 * collection: works the user gathers (from details, the console or the map) to ask about as one
 * selection: related, prior and derivative works and reviews of them all, and a map around them.
 */
export interface CollectionSlice {
  /** Work ids, in the order they were added (kept in links as `pick=`). */
  collection: readonly string[];
  collectionKind: Exclude<RelatedKind, 'not-cited'>;
  collectionRelated: AsyncState<RelatedPayload>;
}

/** How the literature map places works: by similarity (ForceAtlas2) or on a timeline (x = year). */
export type LitMapLayout = 'force' | 'time';
/** The timeline's vertical axis: one band per cluster, or in-graph citations. */
export type LitMapTimeY = 'cluster' | 'citations';
/** Colour works of the literature map by cluster or by year. */
export type LitMapColor = 'cluster' | 'year';

/** litmap: the literature map view (works around some seeds, linked by similarity). */
export interface LitMapSlice {
  /** The works the map is drawn around (empty: the view picks the selected work or the review). */
  mapSeeds: readonly string[];
  mapLayout: LitMapLayout;
  mapTimeY: LitMapTimeY;
  mapColor: LitMapColor;
  /** Similarity a pair of works needs to be linked on the map (co-citation + coupling strength). */
  mapThreshold: number;
  litmap: AsyncState<LitMapPayload>;
}

/** dataset: the data card (what the loaded dataset holds and where it lives). */
export interface DatasetSlice {
  dataCardOpen: boolean;
  dataset: AsyncState<DatasetPayload>;
}

/** fetch: the fetch job the explorer started or watches (references and citing works of one work). */
export interface FetchSlice {
  /** The job as last polled (null: none yet). */
  fetchJob: FetchJobPayload | null;
  /** Starting or cancelling a job: its status and error. */
  fetchAction: AsyncState<null>;
  /** Works whose banner the user dismissed. */
  fetchBannerDismissed: readonly string[];
  /** Whether this server may fetch, and why (null until asked). */
  fetchPermission: { enabled: boolean; reason: string } | null;
}

/** The view state. */
export type AppState = DatasetSlice &
  FetchSlice &
  GraphSlice &
  DetailsSlice &
  FiltersSlice &
  ViewSlice &
  ConsoleSlice &
  PathSlice &
  MatrixSlice &
  LitMapSlice &
  RelatedSlice &
  CollectionSlice;

/** The initial state. */
export const INITIAL_STATE: AppState = {
  dataCardOpen: false,
  dataset: IDLE,
  fetchJob: null,
  fetchAction: IDLE,
  fetchBannerDismissed: [],
  fetchPermission: null,
  network: IDLE,
  stats: null,
  selected: null,
  hovered: null,
  detail: IDLE,
  filters: DEFAULT_FILTERS,
  focus: null,
  subset: null,
  activeView: 'network',
  colorMode: 'kind',
  theme: 'light',
  timelineStack: 'category',
  leftOpen: true,
  rightOpen: true,
  visibleNodes: 0,
  visibleEdges: 0,
  notice: null,
  camera: null,
  pendingCamera: null,
  consoleOpen: false,
  query: '',
  paramsText: '',
  cypher: IDLE,
  cypherProblem: null,
  highlight: null,
  examples: IDLE,
  history: [],
  pathOpen: false,
  path: { from: null, to: null, via: 'any', directed: false },
  pathResult: IDLE,
  trace: null,
  matrixOpen: false,
  matrix: IDLE,
  matrixCell: null,
  relatedKind: 'related',
  related: IDLE,
  graphReviews: IDLE,
  collection: [],
  collectionKind: 'related',
  collectionRelated: IDLE,
  mapSeeds: [],
  mapLayout: 'force',
  mapTimeY: 'cluster',
  mapColor: 'cluster',
  mapThreshold: DEFAULT_MAP_THRESHOLD,
  litmap: IDLE,
};

/** The store hook. */
export const useAppStore = create<AppState>()(() => ({ ...INITIAL_STATE }));

/** Replaces some fields (zustand's setState). */
export const setState = useAppStore.setState;

/** The current state (zustand's getState). */
export const getState = useAppStore.getState;
