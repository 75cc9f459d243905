/**
 * The read model behind the HTTP API: the network, node details, neighbourhoods and the records
 * the search index is built from. Written once over {@link GraphStore.query} in Cypher that both
 * backends accept; where dialects differ, the difference stays in this layer, never in callers.
 *
 * Over 400 lines: one read model per store (overview, network, neighbourhood, details, search
 * records) sharing its row decoders and limits; splitting it by endpoint is the next step when it grows.
 */
import type {
  CrosstalkPayload,
  EdgeKind,
  NeighborhoodPayload,
  NetworkEdge,
  NetworkNode,
  NetworkPayload,
  NodeDetail,
  NodeListName,
  NodeListPage,
  PathNodeRef,
  WorkRef,
} from '../../model/api';
import { NETWORK_EDGE_KINDS, isConceptRelation } from '../../model/edge-kinds';
import { REL_SCHEMA, type ConceptCategory } from '../../model/graph-schema';
import { labelOfId } from '../../model/ids';
import { crosstalkMatrix, type MatrixRelation } from '../../model/crosstalk';
import { EdgeArrayBuilder, NetworkIndex } from '../../model/network-index';
import { networkNodeOf } from '../../model/query-graph';
import { numberOf, textOf, textsOf, type Row, type Value } from '../../model/values';
import type { GraphStore } from '../../store/graph-store';
import { detailsNow, detailsOf, type ListWindow } from './node-details';
import { WORK_REF_FIELDS, toWorkRef } from './work-records';

/** Time limit for the reader's own queries (they read whole tables on big graphs). */
const READ_TIMEOUT_MS = 60_000;
/** Row cap for the reader's own queries. */
const READ_MAX_ROWS = 5_000_000;

/**
 * Default number of nodes above which /api/graph sends an overview. Measured in headless Chromium
 * (software WebGL, bench/README.md): the first frame grows with edges more than nodes, so both are
 * bounded.
 */
export const DEFAULT_MAX_NETWORK_NODES = 5_000;
/** Default number of edges above which /api/graph sends only the best-connected ones. */
export const DEFAULT_MAX_NETWORK_EDGES = 12_000;

/** Maximum number of nodes a neighbourhood returns. */
export const MAX_NEIGHBORHOOD_NODES = 3_000;
/** Maximum number of relationships a neighbourhood lists (a hub's two hops can hold 60,000). */
export const MAX_NEIGHBORHOOD_EDGES = 20_000;

/** A work or concept record as the search index needs it. */
export interface SearchRecord {
  id: string;
  kind: 'work' | 'concept';
  title: string;
  year: number | null;
  journal: string | null;
  authors: string[];
  doi: string | null;
  pmid: string | null;
  pmcid: string | null;
  keywords: string[];
  category: ConceptCategory | null;
  synonyms: string[];
  abbreviations: string[];
}

/** The columns of a work in the network, named after their properties (see networkNodeOf). */
const NETWORK_WORK_FIELDS = (v: string): string =>
  `${v}.id AS id, ${v}.title AS title, ${v}.year AS year, ${v}.x AS x, ${v}.y AS y, ${v}.community AS community,
   ${v}.citedByCount AS citedByCount, ${v}.referenceCount AS refs, ${v}.isReview AS isReview`;
/** The columns of a concept in the network. */
const NETWORK_CONCEPT_FIELDS = (v: string): string =>
  `${v}.id AS id, ${v}.name AS name, ${v}.category AS category, ${v}.x AS x, ${v}.y AS y,
   ${v}.community AS community, ${v}.mentionCount AS mentionCount`;

/** The whole network, read once per loaded dataset (see {@link GraphReader.loadNetwork}). */
export interface LoadedNetwork {
  index: NetworkIndex;
  /** A short description of every node, by id. */
  nodes: Map<string, PathNodeRef>;
}

/** Reads API views from a store. Stateless apart from the store. */
export class GraphReader {
  constructor(private readonly store: GraphStore) {}

  private async rows(cypher: string, params: Record<string, unknown> = {}): Promise<Row[]> {
    const r = await this.store.query(cypher, { params, timeoutMs: READ_TIMEOUT_MS, maxRows: READ_MAX_ROWS });
    return r.rows;
  }

  /**
   * The network of works and concepts with their precomputed layout. Above `maxNodes` nodes,
   * all concepts and the best-connected works are kept, and `overview.isOverview` is set.
   */
  async network(
    loaded: LoadedNetwork,
    maxNodes = DEFAULT_MAX_NETWORK_NODES,
    maxEdges = DEFAULT_MAX_NETWORK_EDGES,
  ): Promise<NetworkPayload> {
    const works = await this.rows(`MATCH (w:Work) RETURN ${NETWORK_WORK_FIELDS('w')}`);
    const concepts = await this.rows(`MATCH (c:Concept) RETURN ${NETWORK_CONCEPT_FIELDS('c')}`);
    const totalNodes = works.length + concepts.length;
    let keptWorks = works;
    if (totalNodes > maxNodes) {
      const room = Math.max(0, maxNodes - concepts.length);
      keptWorks = [...works]
        .sort(
          (a, b) =>
            Number(b.isReview) - Number(a.isReview) ||
            (numberOf(b.citedByCount) ?? 0) +
              (numberOf(b.refs) ?? 0) -
              ((numberOf(a.citedByCount) ?? 0) + (numberOf(a.refs) ?? 0)) ||
            (textOf(a.id) ?? '').localeCompare(textOf(b.id) ?? ''),
        )
        .slice(0, room);
    }
    // Columns are named after the properties, so the shared conversion applies to both.
    const nodes = [
      ...keptWorks.map((w) => networkNodeOf('Work', textOf(w.id) ?? '', w)),
      ...concepts.map((c) => networkNodeOf('Concept', textOf(c.id) ?? '', c)),
    ].filter((n): n is NetworkNode => n !== null);
    let edges = loaded.index.edgesAmong(nodes.map((n) => n.id));
    const totalEdges = loaded.index.size;
    if (edges.length > maxEdges) {
      // Keep the vocabulary's structure, the review's links, then the links between the most
      // weighted nodes (citations received, works mentioning), in a stable order.
      const weight = new Map(nodes.map((n) => [n.id, n.weight]));
      const review = nodes.find((n) => n.isReview)?.id;
      const rank = (e: NetworkEdge): number =>
        (isConceptRelation(e.kind) ? 2e9 : 0) +
        (e.source === review || e.target === review ? 1e9 : 0) +
        (weight.get(e.source) ?? 0) +
        (weight.get(e.target) ?? 0);
      edges = edges
        .map((e) => ({ e, r: rank(e) }))
        .sort(
          (a, b) =>
            b.r - a.r ||
            a.e.source.localeCompare(b.e.source) ||
            a.e.target.localeCompare(b.e.target) ||
            a.e.kind.localeCompare(b.e.kind),
        )
        .slice(0, maxEdges)
        .map((x) => x.e);
    }
    return {
      nodes,
      edges,
      overview: {
        isOverview: totalNodes > maxNodes || edges.length < totalEdges,
        shownNodes: nodes.length,
        totalNodes,
        maxNodes,
        shownEdges: edges.length,
        totalEdges,
        maxEdges,
      },
    };
  }

  /**
   * The works and concepts among `ids` as network nodes (with their stored layout), for drawing
   * nodes an overview left out; unknown ids are skipped.
   */
  async networkNodes(ids: readonly string[]): Promise<NetworkNode[]> {
    const out: NetworkNode[] = [];
    for (const [label, fields] of [
      ['Work', NETWORK_WORK_FIELDS],
      ['Concept', NETWORK_CONCEPT_FIELDS],
    ] as const) {
      const wanted = ids.filter((id) => labelOfId(id) === label);
      if (wanted.length === 0) continue;
      for (const r of await this.rows(`MATCH (n:${label}) WHERE n.id IN $ids RETURN ${fields('n')}`, {
        ids: wanted,
      }))
        out.push(networkNodeOf(label, textOf(r.id) ?? '', r)!);
    }
    return out;
  }

  /**
   * The engine's internal id of node variable `v` (see GraphStore.internalIdOf): the whole-graph
   * reads below use it instead of the `id` property (an integer per row, not a string).
   */
  private internalId(v: string): string {
    return this.store.internalIdOf(v);
  }

  /**
   * Reads the whole network once into a compact index (see {@link NetworkIndex}), with a short
   * description of every node. Rows are streamed and relationships kept in typed arrays, so a
   * graph of millions of relationships never becomes millions of objects. The server builds it
   * once per loaded dataset; paths, neighbourhoods and the overview's links come from it.
   */
  async loadNetwork(): Promise<LoadedNetwork> {
    const nodes = new Map<string, PathNodeRef>();
    const ids: string[] = [];
    const positions = { Work: new Map<number, number>(), Concept: new Map<number, number>() };
    const stream = (cypher: string, onRow: (r: Row) => void): Promise<unknown> =>
      this.store.stream(cypher, (rows) => rows.forEach(onRow), { timeoutMs: READ_TIMEOUT_MS });
    const addNode = (label: 'Work' | 'Concept', key: Value | undefined, ref: PathNodeRef): void => {
      if (typeof key !== 'number' || !ref.id || nodes.has(ref.id)) return;
      positions[label].set(key, ids.length);
      ids.push(ref.id);
      nodes.set(ref.id, ref);
    };
    await stream(
      `MATCH (w:Work) RETURN ${this.internalId('w')} AS k, w.id AS id, w.title AS title, w.year AS year`,
      (r) => {
        const id = textOf(r.id) ?? '';
        addNode('Work', r.k, {
          id,
          kind: 'work',
          label: textOf(r.title) ?? id,
          year: numberOf(r.year),
          category: null,
        });
      },
    );
    await stream(
      `MATCH (c:Concept) RETURN ${this.internalId('c')} AS k, c.id AS id, c.name AS name, c.category AS category`,
      (r) => {
        const id = textOf(r.id) ?? '';
        addNode('Concept', r.k, {
          id,
          kind: 'concept',
          label: textOf(r.name) ?? id,
          year: null,
          category: textOf(r.category) as ConceptCategory | null,
        });
      },
    );
    const edges = new EdgeArrayBuilder();
    for (const kind of NETWORK_EDGE_KINDS) {
      const spec = REL_SCHEMA[kind];
      const from = positions[spec.from];
      const to = positions[spec.to];
      await stream(
        `MATCH (a:${spec.from})-[:${kind}]->(b:${spec.to}) RETURN ${this.internalId('a')} AS s, ${this.internalId('b')} AS t`,
        (r) => {
          const s = typeof r.s === 'number' ? from.get(r.s) : undefined;
          const t = typeof r.t === 'number' ? to.get(r.t) : undefined;
          if (s !== undefined && t !== undefined) edges.push(s, t, kind);
        },
      );
    }
    return { index: NetworkIndex.fromArrays(ids, edges.arrays()), nodes };
  }

  /** The crosstalk matrix of the curated vocabulary, with its evidence works. */
  async crosstalk(): Promise<CrosstalkPayload> {
    const concepts = (
      await this.rows(
        `MATCH (c:Concept) OPTIONAL MATCH (c)-[:IS_A]->(p:Concept)
         RETURN c.id AS id, c.name AS name, c.category AS category, c.abbreviations AS abbreviations,
                collect(p.id) AS parents`,
      )
    ).map((r) => ({
      id: textOf(r.id) ?? '',
      name: textOf(r.name) ?? '',
      category: textOf(r.category) ?? '',
      parents: textsOf(r.parents),
      abbreviations: textsOf(r.abbreviations),
    }));
    const relations: MatrixRelation[] = [];
    for (const type of ['SECRETED_BY', 'ACTS_ON'] as const) {
      const rows = await this.rows(
        `MATCH (a:Concept)-[r:${type}]->(b:Concept) RETURN a.id AS source, b.id AS target, r.evidence AS evidence${
          type === 'ACTS_ON' ? ', r.effect AS effect' : ''
        }`,
      );
      for (const r of rows) {
        relations.push({
          type,
          from: textOf(r.source) ?? '',
          to: textOf(r.target) ?? '',
          effect: (textOf(r.effect) as MatrixRelation['effect']) ?? null,
          evidence: textsOf(r.evidence),
        });
      }
    }
    const matrix = crosstalkMatrix(concepts, relations);
    const ids = [...new Set(matrix.cells.flatMap((c) => c.works))];
    const works: Record<string, WorkRef> = {};
    if (ids.length > 0) {
      for (const r of await this.rows(`MATCH (w:Work) WHERE w.id IN $ids RETURN ${WORK_REF_FIELDS('w')}`, {
        ids,
      })) {
        const ref = toWorkRef(r);
        works[ref.id] = ref;
      }
    }
    return { ...matrix, works };
  }

  /**
   * Everything the detail panel shows about one node, or null when no node has this id: from
   * memory built once per loaded network, with at most one primary-key read (see node-details.ts);
   * from the store while that is being built (node-details-store.ts).
   * Its long lists hold their first `limit` entries (all by default) and `totals` their lengths.
   */
  async node(loaded: LoadedNetwork, id: string, limit?: number): Promise<NodeDetail | null> {
    return detailsNow(this.store, loaded).node(id, limit);
  }

  /**
   * One page of one of a node's long lists, in the details' order; null when no node has this id,
   * undefined when the node's kind has no such list.
   */
  async nodeList(
    loaded: LoadedNetwork,
    id: string,
    list: NodeListName,
    page: ListWindow,
  ): Promise<NodeListPage | null | undefined> {
    return detailsNow(this.store, loaded).list(id, list, page);
  }

  /** Builds the details of `loaded` ahead of the first request (see node-details.ts). */
  async warmDetails(loaded: LoadedNetwork): Promise<void> {
    await detailsOf(this.store, loaded);
  }

  /**
   * The works and concepts within `hops` network edges of `id` (edges in either direction),
   * restricted to `kinds`, from the loaded network. Null when the node does not exist.
   */
  neighborhood(
    loaded: LoadedNetwork,
    id: string,
    hops: number,
    kinds: readonly EdgeKind[] = NETWORK_EDGE_KINDS,
  ): NeighborhoodPayload | null {
    const n = loaded.index.neighborhood(id, hops, kinds, MAX_NEIGHBORHOOD_NODES, MAX_NEIGHBORHOOD_EDGES);
    return n && { center: id, hops, ...n };
  }
}
