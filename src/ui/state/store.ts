/**
 * The one UI store (zustand). Holds small, serialisable view state; actions in ./actions.ts.
 */
import { create } from 'zustand';
import type {
  CrosstalkPayload,
  CypherResponse,
  NetworkPayload,
  NodeDetail,
  PathsPayload,
  StatsPayload,
} from '../../model/api';
import type { MatrixTissue } from '../../model/crosstalk';
import type { ExampleQuery } from '../../model/example-queries';
import { DEFAULT_FILTERS, type Filters } from '../model/filters';

/** Status of an asynchronous action. */
export type Status = 'idle' | 'loading' | 'ready' | 'error';

/** Colour nodes by kind/category or by Louvain community. */
export type ColorMode = 'kind' | 'community';

/** Light or dark theme. */
export type Theme = 'light' | 'dark';

/** A neighbourhood the view is focused on. */
export interface Focus {
  center: string;
  hops: number;
  status: Status;
  ids: ReadonlySet<string> | null;
  error: string | null;
  truncated: boolean;
}

/** Path tracing between two nodes. */
export interface PathState {
  from: string | null;
  to: string | null;
  /** Citations only, or any relationship of the network. */
  via: 'cites' | 'any';
  /** Follow relationships only in their direction. */
  directed: boolean;
  status: Status;
  result: PathsPayload | null;
  error: string | null;
}

/** Nodes and edges drawn in the accent colour over a faded network (a path or a matrix cell). */
export interface Emphasis {
  nodes: ReadonlySet<string>;
  /** Edge keys `source|target|kind`; null: every edge between emphasised nodes. */
  edges: ReadonlySet<string> | null;
  /** False when the camera must stay where a shared link put it. */
  frame?: boolean;
}

/** The key of an edge in {@link Emphasis.edges}. */
export function edgeKey(source: string, target: string, kind: string): string {
  return `${source}|${target}|${kind}`;
}

/** A camera position (sigma's camera state). */
export interface CameraView {
  x: number;
  y: number;
  ratio: number;
}

/** The view state. */
export interface AppState {
  graphStatus: Status;
  graphError: string | null;
  /** Bumped whenever the graphology model is replaced. */
  graphVersion: number;
  /** Bumped whenever nodes an overview left out are added to the model (see bringIntoView). */
  graphAdditions: number;
  overview: NetworkPayload['overview'] | null;
  stats: StatsPayload | null;
  selected: string | null;
  hovered: string | null;
  detailStatus: Status;
  detail: NodeDetail | null;
  detailError: string | null;
  filters: Filters;
  focus: Focus | null;
  colorMode: ColorMode;
  theme: Theme;
  leftOpen: boolean;
  rightOpen: boolean;
  /** Visible node and edge counts, reported by the graph view after filtering. */
  visibleNodes: number;
  visibleEdges: number;
  notice: string | null;
  /** The Cypher console (bottom drawer). */
  consoleOpen: boolean;
  query: string;
  paramsText: string;
  cypherStatus: Status;
  cypherResult: CypherResponse | null;
  cypherError: string | null;
  /** Nodes returned by the last query, highlighted on the network (null: no highlight). */
  highlight: ReadonlySet<string> | null;
  examples: ExampleQuery[];
  history: string[];
  /** Path tracing (a floating card over the network). */
  pathOpen: boolean;
  path: PathState;
  /** The crosstalk matrix card. */
  matrixOpen: boolean;
  matrixStatus: Status;
  matrix: CrosstalkPayload | null;
  matrixError: string | null;
  matrixCell: { source: MatrixTissue; target: MatrixTissue } | null;
  /** What a traced path or a chosen matrix cell emphasises on the network (wins over `highlight`). */
  trace: Emphasis | null;
  /** A camera to restore once the network is drawn (from a shared link). */
  pendingCamera: CameraView | null;
}

/** The initial state. */
export const INITIAL_STATE: AppState = {
  graphStatus: 'idle',
  graphError: null,
  graphVersion: 0,
  graphAdditions: 0,
  overview: null,
  stats: null,
  selected: null,
  hovered: null,
  detailStatus: 'idle',
  detail: null,
  detailError: null,
  filters: DEFAULT_FILTERS,
  focus: null,
  colorMode: 'kind',
  theme: 'light',
  leftOpen: true,
  rightOpen: true,
  visibleNodes: 0,
  visibleEdges: 0,
  notice: null,
  consoleOpen: false,
  query: '',
  paramsText: '',
  cypherStatus: 'idle',
  cypherResult: null,
  cypherError: null,
  highlight: null,
  examples: [],
  history: [],
  pathOpen: false,
  path: { from: null, to: null, via: 'any', directed: false, status: 'idle', result: null, error: null },
  matrixOpen: false,
  matrixStatus: 'idle',
  matrix: null,
  matrixError: null,
  matrixCell: null,
  trace: null,
  pendingCamera: null,
};

/** The store hook. */
export const useAppStore = create<AppState>()(() => ({ ...INITIAL_STATE }));
