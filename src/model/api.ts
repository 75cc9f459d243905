/**
 * Shapes of the HTTP API (src/server) as the UI (src/ui) receives them. Pure types: the one
 * contract between the two sides of the wire.
 *
 * Over 400 lines: pure types only, the whole HTTP contract in one place so both sides read the same.
 */
import type { CrosstalkMatrix } from './crosstalk';
import type { CuratedRelType, EdgeKind } from './edge-kinds';
import { NODE_SCHEMA, type ConceptCategory, type MentionField, type NodeRecord } from './graph-schema';

/** Kinds of nodes drawn in the network. */
export type NodeKind = 'work' | 'concept';

/** Relationship types drawn in the network (from the registry in edge-kinds.ts). */
export { NETWORK_EDGE_KINDS, type EdgeKind } from './edge-kinds';

/** A node of the network, with its precomputed position. */
export interface NetworkNode {
  id: string;
  kind: NodeKind;
  /** Title of a work or name of a concept (untruncated). */
  label: string;
  x: number;
  y: number;
  community: number;
  /** Works: publication year, when known. */
  year: number | null;
  /** Concepts: their category. */
  category: ConceptCategory | null;
  /** Works: citations received inside the graph; concepts: works mentioning them. */
  weight: number;
  /** True for the seed review. */
  isReview: boolean;
}

/** An edge of the network. */
export interface NetworkEdge {
  source: string;
  target: string;
  kind: EdgeKind;
}

/** GET /api/graph */
export interface NetworkPayload {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
  /** Set when the graph is larger than the server's limit and only the best-connected part is sent. */
  overview: {
    isOverview: boolean;
    shownNodes: number;
    totalNodes: number;
    maxNodes: number;
    shownEdges: number;
    totalEdges: number;
    maxEdges: number;
  };
}

/** A short reference to a work, for lists. */
export interface WorkRef {
  id: string;
  title: string | null;
  year: number | null;
  journal: string | null;
  /** First author as shown, when known. */
  firstAuthor: string | null;
}

/** A short reference to a concept, for lists. */
export interface ConceptRef {
  id: string;
  name: string;
  category: ConceptCategory;
}

/** Properties of a `Work` node its details leave out: layout, counts inside the graph, OpenAlex id, MeSH. */
const NOT_IN_WORK_DETAIL = [
  'openalex',
  'mesh',
  'meshIds',
  'citedByCount',
  'referenceCount',
  'x',
  'y',
  'community',
] as const satisfies readonly (keyof NodeRecord<'Work'>)[];

/** A property of a `Work` node that its details show. */
export type WorkDetailField = Exclude<keyof NodeRecord<'Work'>, (typeof NOT_IN_WORK_DETAIL)[number]>;

/** The properties of a `Work` node that its details show, in the schema's order. */
export const WORK_DETAIL_FIELDS = (Object.keys(NODE_SCHEMA.Work) as (keyof NodeRecord<'Work'>)[]).filter(
  (f): f is WorkDetailField => !(NOT_IN_WORK_DETAIL as readonly string[]).includes(f),
);

/** GET /api/nodes/:id for a work: its stored properties (typed by the schema) and its neighbours. */
export interface WorkDetail extends Pick<NodeRecord<'Work'>, WorkDetailField> {
  kind: 'work';
  references: WorkRef[];
  citedBy: WorkRef[];
  similar: WorkRef[];
  concepts: (ConceptRef & { foundIn: MentionField[]; matched: string[] })[];
  /** Full length of each paged list (the lists above hold its first page; see {@link NodeListPage}). */
  totals: { references: number; citedBy: number; similar: number };
}

/** A curated concept relation seen from one concept. */
export interface ConceptRelationView {
  type: CuratedRelType;
  /** `out`: this concept is the factor; `in`: this concept is the tissue/cell. */
  direction: 'out' | 'in';
  other: ConceptRef;
  effect: string | null;
  evidence: WorkRef[];
}

/** GET /api/nodes/:id for a concept. */
export interface ConceptDetail {
  kind: 'concept';
  id: string;
  name: string;
  category: ConceptCategory;
  synonyms: string[];
  abbreviations: string[];
  description: string | null;
  sources: string[];
  parents: ConceptRef[];
  children: ConceptRef[];
  relations: ConceptRelationView[];
  /** Works mentioning the concept, newest first (the first page). */
  works: (WorkRef & { foundIn: MentionField[] })[];
  totals: { works: number };
}

/** GET /api/nodes/:id for an author. */
export interface AuthorDetail {
  kind: 'author';
  id: string;
  name: string;
  isSurnameOnly: boolean;
  sources: string[];
  works: WorkRef[];
  totals: { works: number };
}

/** GET /api/nodes/:id for a journal. */
export interface JournalDetail {
  kind: 'journal';
  id: string;
  name: string;
  sources: string[];
  works: WorkRef[];
  totals: { works: number };
}

/** Any node detail. */
export type NodeDetail = WorkDetail | ConceptDetail | AuthorDetail | JournalDetail;

/**
 * The lists of a details answer that can be long (a work cited thousands of times, a concept
 * mentioned by half the dataset): the answer holds the first page of each and its total, and
 * GET /api/nodes/<id>?list=<name>&offset=&limit= gives any page, in the same order.
 */
export const NODE_LISTS = ['references', 'citedBy', 'similar', 'works'] as const;

/** A paged list of a details answer ({@link NODE_LISTS}). */
export type NodeListName = (typeof NODE_LISTS)[number];

/** The long lists of each kind of node's details. */
export const NODE_LISTS_OF_KIND = {
  work: ['references', 'citedBy', 'similar'],
  concept: ['works'],
  author: ['works'],
  journal: ['works'],
} as const satisfies Record<NodeDetail['kind'], readonly NodeListName[]>;

/** Entries of each paged list in a details answer unless `limit` says otherwise. */
export const DETAIL_LIST_LIMIT = 25;

/** The largest page of a list one request gets. */
export const MAX_DETAIL_LIST_LIMIT = 1000;

/** GET /api/nodes/<id>?list=…: one page of one of a node's lists. */
export interface NodeListPage {
  id: string;
  list: NodeListName;
  offset: number;
  limit: number;
  total: number;
  /** Works, in the details' order (newest first); a concept's works carry `foundIn`. */
  items: (WorkRef & { foundIn?: MentionField[] })[];
}

/** One search hit. */
export interface SearchHit {
  id: string;
  kind: 'work' | 'concept' | 'author' | 'journal';
  label: string;
  /** Secondary line: year and journal for works, category for concepts. */
  detail: string;
  score: number;
  /** Why it matched, e.g. "DOI", "title", "synonym". */
  matchedOn: string;
}

/** GET /api/search */
export interface SearchPayload {
  query: string;
  hits: SearchHit[];
  /** Set when part of the query was not searched as typed (too many words, a word too long). */
  notice?: string;
}

/** POST /api/network/nodes `{ids}`: nodes an overview left out, with their stored layout. */
export interface NetworkNodesPayload {
  nodes: NetworkNode[];
}

/** GET /api/neighborhood/:id */
export interface NeighborhoodPayload {
  center: string;
  hops: number;
  /** The centre first, then nodes in the order they were reached (at most 3,000). */
  nodeIds: string[];
  /** Relationships of the expanded nodes between listed nodes, nearest first (at most 20,000). */
  edges: NetworkEdge[];
  /** True when the node or relationship cap cut the neighbourhood short. */
  truncated: boolean;
}

/** A node on a path, with what a reader needs to recognise it. */
export interface PathNodeRef {
  id: string;
  kind: NodeKind;
  /** Title of a work or name of a concept. */
  label: string;
  year: number | null;
  category: ConceptCategory | null;
}

/** GET /api/paths */
export interface PathsPayload {
  from: string;
  to: string;
  /** Relationship kinds a step may follow. */
  via: EdgeKind[];
  directed: boolean;
  maxHops: number;
  /** Relationships in each shortest path; null when there is none within `maxHops`. */
  length: number | null;
  /** Every shortest path (up to the limit): nodes in order and the relationship of each step. */
  paths: { nodes: string[]; edges: NetworkEdge[] }[];
  /** More shortest paths exist than were listed. */
  truncated: boolean;
  /** Every node on a listed path (and both ends). */
  nodes: Record<string, PathNodeRef>;
  /** A sentence for the researcher, e.g. why there is no path. */
  message: string;
}

/** GET /api/crosstalk: the tissue × tissue matrix and the evidence works it cites. */
export interface CrosstalkPayload extends CrosstalkMatrix {
  works: Record<string, WorkRef>;
}

/** GET /api/stats */
export interface StatsPayload {
  backend: string;
  engineVersion: string;
  counts: { nodes: Record<string, number>; rels: Record<string, number> };
  dataset: { loadedAt: string; dataDir: string; dataHash: string } | null;
}

/** The body of every 4xx/5xx answer. */
export interface ApiError {
  error: { code: string; message: string };
}

/** POST /api/cypher request body. */
export interface CypherRequest {
  query: string;
  params?: Record<string, unknown>;
}

/** POST /api/cypher answer. */
export interface CypherResponse {
  columns: string[];
  /** Rows as returned by the store (nodes, relationships and paths as plain values). */
  rows: Record<string, unknown>[];
  /** Works and concepts found anywhere in the rows (also inside lists, maps and paths), and the network relationships found there. */
  graph: { nodes: NetworkNode[]; edges: NetworkEdge[] };
  summary: { backend: string; timeMs: number; rowCount: number; truncated: boolean };
}

/** What GET /api/related/:id and POST /api/related rank (see src/model/relatedness.ts). */
export const RELATED_KINDS = ['related', 'prior', 'derivative', 'review-finder', 'not-cited'] as const;

/** A ranking of related works. */
export type RelatedKind = (typeof RELATED_KINDS)[number];

/** One piece of evidence for a ranked work: a measure and the works it rests on. */
export interface RelatedEvidence {
  kind:
    | 'cited-together'
    | 'shared-references'
    | 'cites-seed'
    | 'cited-by-seed'
    | 'cited-by-neighbourhood'
    | 'cites-neighbourhood'
    | 'cites-selection'
    | 'cited-by-references'
    | 'co-cited-with-references';
  /** The evidence in words, e.g. "cited together 7 times", "shares 12 references". */
  text: string;
  count: number;
  /** Salton strength of a co-citation or coupling, else null. */
  strength: number | null;
  /** Adamic–Adar over shared references, else null. */
  adamicAdar: number | null;
  /** The first evidence works (ids; in `works` of the payload). */
  works: string[];
  worksTotal: number;
  /** The citing works behind co-citations with a review's references (ids), first ones. */
  by: string[];
  byTotal: number;
}

/** A ranked work with its measures and evidence. */
export interface RelatedRow {
  id: string;
  rank: number;
  score: number;
  /** Citations received inside the graph. */
  citedBy: number;
  /** References known to the graph. */
  references: number;
  /** PageRank among the works around the seeds and the ranked works (null when that set is too large). */
  pageRank: number | null;
  evidence: RelatedEvidence[];
}

/** A work named in a related-works answer, with OpenAlex's global citation count when fetched. */
export interface RelatedWorkRef extends WorkRef {
  /** Citations counted by OpenAlex (cited_by_count), when the work was fetched from there; else null. */
  globalCitedBy: number | null;
}

/** GET /api/related/:id, POST /api/related. */
export interface RelatedPayload {
  kind: RelatedKind;
  seeds: string[];
  /** Ids asked about that are not in the graph (POST). */
  unknown: string[];
  rows: RelatedRow[];
  /** Candidates with a score above 0 (rows holds the first `limit`). */
  total: number;
  limit: number;
  /** How much the answer rests on. */
  basis: { seeds: number; references: number; citedBy: number; neighbourhood: number };
  /** The formula, in words. */
  method: string;
  /** What the answer rests on, or why it is empty and what to try. */
  message: string;
  /** Every work named: seeds, rows and evidence. */
  works: Record<string, RelatedWorkRef>;
}

/** Where the loaded dataset came from: the bundled `graph/` folder, the user dataset, or another folder. */
export type DatasetFolderKind = 'bundled' | 'user' | 'other';

/** One expansion of a dataset by a fetch (from the dataset folder's provenance.json). */
export interface DatasetExpansion {
  /** ISO time the fetch finished. */
  at: string;
  /** The work expanded around (its dataset id) and its title. */
  seed: string;
  seedTitle: string | null;
  /** Where the data came from: the API base URLs asked (no credentials). */
  sources: string[];
  newWorks: number;
  filledWorks: number;
  newCitations: number;
  /** `crosstalk fetch` or the explorer. */
  by: 'cli' | 'explorer';
}

/** GET /api/dataset: what the loaded dataset holds, where it is, and what would improve it. */
export interface DatasetPayload {
  /** The folder the store was loaded from (null when the store has no manifest). */
  folder: { path: string; kind: DatasetFolderKind } | null;
  loadedAt: string | null;
  works: number;
  withYear: number;
  withAbstract: number;
  withDoi: number;
  /** Works with at least one known reference in the graph. */
  withReferences: number;
  citations: number;
  /** Expansions recorded in the dataset folder, newest last (empty for the bundled data). */
  expansions: DatasetExpansion[];
  /** How to go back to the bundled dataset (null when it is loaded). */
  backToBundled: string | null;
  /** Whether this server may fetch (see GET /api/fetch), and why not. */
  fetch: { enabled: boolean; reason: string };
  /** The one action that improves the dataset most. */
  advice: { text: string; work: string | null };
}

/** A fetch job's state: fetching from the APIs, loading the merged dataset, or finished one way. */
export type FetchJobState = 'fetching' | 'loading' | 'done' | 'failed' | 'cancelled';

/** One reason works or links were skipped by a fetch, with how many and a few examples. */
export interface FetchSkip {
  reason: string;
  count: number;
  examples: string[];
}

/** A fetch job (POST /api/fetch, GET/DELETE /api/fetch/:id). */
export interface FetchJobPayload {
  id: string;
  /** The work expanded around, and its title. */
  work: string;
  workTitle: string | null;
  state: FetchJobState;
  /** What it is doing now, for people. */
  step: string;
  startedAt: string;
  finishedAt: string | null;
  /** Requests answered so far (from the network or the cache) of those planned so far (the plan grows as pages arrive). */
  requests: { done: number; planned: number; cached: number };
  /** Set when done: what the merge changed and what was skipped. */
  result: {
    newWorks: number;
    filledWorks: number;
    newCitations: number;
    /** Requests sent over the network (0 when everything came from the cache). */
    networkRequests: number;
    cachedRequests: number;
    written: boolean;
    skipped: FetchSkip[];
  } | null;
  /** Set when failed. */
  error: string | null;
}

/** GET /api/fetch: whether this server may fetch, and the running or last job. */
export interface FetchStatusPayload {
  enabled: boolean;
  reason: string;
  job: FetchJobPayload | null;
  /** Which of the e-mail and keys the server asks with are set (never their values). */
  credentials: FetchCredentialsSet;
}

/** PUT /api/fetch/settings `{mailto?, apiKey?, ncbiApiKey?}` (kept in the server's memory): which are set. */
export interface FetchCredentialsSet {
  mailto: boolean;
  apiKey: boolean;
  ncbiApiKey: boolean;
}
