/**
 * The one UI store (zustand). Holds small, serialisable view state; actions in ./actions.ts.
 */
import { create } from 'zustand';
import type { CypherResponse, NetworkPayload, NodeDetail, StatsPayload } from '../../model/api';
import type { ExampleQuery } from '../../model/example-queries';
import { DEFAULT_FILTERS, type Filters } from '../graph/filters';

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

/** The view state. */
export interface AppState {
  graphStatus: Status;
  graphError: string | null;
  /** Bumped whenever the graphology model is replaced. */
  graphVersion: number;
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
}

/** The initial state. */
export const INITIAL_STATE: AppState = {
  graphStatus: 'idle',
  graphError: null,
  graphVersion: 0,
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
};

/** The store hook. */
export const useAppStore = create<AppState>()(() => ({ ...INITIAL_STATE }));
