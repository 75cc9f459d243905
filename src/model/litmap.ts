/**
 * The literature map: a set of works around some seeds, linked by how similar they are (not by
 * raw citations), grouped into clusters that are named after the shared concepts that set them apart.
 *
 * Over 400 lines: choosing the works, their links, the strongest links drawn, the clusters and
 * their names are one computation over the same arrays; splitting it would pass those arrays
 * between files for no reader's benefit.
 * Pure and deterministic (the clustering is seeded; ties are broken by node position, i.e. by id);
 * it reads the same {@link CitationGraph} as the related-works rankings, plus the concept mentions
 * of the network index, so both backends give the same map.
 *
 * - Works: the seeds, then the best of their related works ({@link relatedWorks}) up to `size`.
 * - Links: every pair (u, v) of the map whose similarity, co-citation strength + coupling strength
 *   (Salton's cosine of each, as in relatedness.ts: cc / √(|C(u)|·|C(v)|) + bc / √(|R(u)|·|R(v)|),
 *   so between 0 and 2), is at least `threshold`. A direct citation alone does not link two works,
 *   and the seeds' own citations do not count as evidence of similarity: a review citing all its
 *   references "co-cites" every pair of them, and every work citing a classic "shares" it as a
 *   reference, which says only that they are around the seed (the denominators keep every citation).
 * - Drawn links: of those, each work's {@link DEFAULT_LINKS_PER_WORK} strongest ({@link strongestLinks});
 *   the payload says how many pairs reach the threshold.
 * - Clusters: Louvain communities of the drawn links (weighted by similarity, seeded random order),
 *   numbered by size, largest first; works in a community smaller than {@link MIN_CLUSTER_SIZE}
 *   are left unclustered (`cluster: null`).
 * - Labels: a concept is *shared* by a cluster when at least max(2, ⌈{@link SHARED_FRACTION} × size⌉)
 *   of its works mention it. Shared concepts are ranked by how much they set the cluster apart from
 *   the other clusters, their *lift*: (works of the cluster mentioning it / works of the cluster) ÷
 *   (clustered works of the map mentioning it / clustered works of the map), above 1 when the
 *   concept is more frequent in the cluster than in all clusters together (as association rules
 *   and c-TF-IDF weigh a term by its class against the whole). Unclustered works are left out of
 *   the reference: they are not what a label tells apart, and a map of one cluster then ranks by
 *   specificity alone (every lift is 1). Ties: the most specific first (the lowest document
 *   frequency: works of the whole graph mentioning it), then the most works of the cluster, then
 *   the smaller id. The label
 *   is the first {@link LABEL_CONCEPTS}. Naming clusters by their most specific shared concepts
 *   alone gave most clusters of a 300-work map at 100k synthetic works the same label ("skeletal
 *   muscle · bone"): the concepts every cluster shares are also the most specific ones each shares.
 * - When clusters would get the same label (the same concepts, in any order), each adds its next
 *   ranked shared concept, up to {@link MAX_LABEL_CONCEPTS}, until they differ; clusters still
 *   alike say so ({@link MapCluster.alike}) instead of pretending to differ. A cluster sharing no
 *   concept has no label.
 */
import { UndirectedGraph } from 'graphology';
import louvain from 'graphology-communities-louvain';
import seedrandom from 'seedrandom';
import type { NetworkIndex } from './network-index';
import { relatedWorks, saltonStrength, type CitationGraph } from './relatedness';

/** Works a map holds by default. */
export const DEFAULT_MAP_SIZE = 100;
/** Most works a map may hold. */
export const MAX_MAP_SIZE = 300;
/** Similarity a pair needs by default to be linked (co-citation + coupling strength, 0–2). */
export const DEFAULT_MAP_THRESHOLD = 0.1;
/** Lowest link threshold a map may ask for (near 0 every pair sharing one citation is linked). */
export const MIN_MAP_THRESHOLD = 0.01;
/** Highest link threshold (the similarity is at most 2: both strengths 1). */
export const MAX_MAP_THRESHOLD = 2;
/** Communities smaller than this are not clusters (their works stay unclustered). */
export const MIN_CLUSTER_SIZE = 3;
/** Share of a cluster's works that must mention a concept for it to count as shared. */
export const SHARED_FRACTION = 0.25;
/** Concepts named in a cluster's label. */
export const LABEL_CONCEPTS = 2;
/** Most concepts a label grows to when it would otherwise be another cluster's. */
export const MAX_LABEL_CONCEPTS = 4;
/** Seed of the clustering's random order. */
export const MAP_SEED = 'crosstalk-litmap';
/**
 * Links a map draws per work by default: each work's strongest links above the threshold (a link
 * stays when it is among the strongest of either end). A dense 300-work map at 10k works had
 * 20–40 thousand pairs above 0.1 (5.5 MB of JSON): a grey mass that hid the clusters, and most of
 * the first frame's time (sending, parsing, laying out and drawing the links).
 */
export const DEFAULT_LINKS_PER_WORK = 8;

/** A link of the map: two works (positions, `a < b`) and their similarity. */
export interface MapLink {
  a: number;
  b: number;
  /** Co-citation strength + coupling strength. */
  similarity: number;
  /** Works citing both. */
  coCitations: number;
  /** References both list. */
  sharedReferences: number;
}

/** A concept shared by a cluster. */
export interface SharedConcept {
  /** Position of the concept node. */
  concept: number;
  /** Works of the graph mentioning it (its document frequency). */
  documentFrequency: number;
  /** Works of the cluster mentioning it. */
  inCluster: number;
  /** Works of the map's clusters mentioning it (this cluster's included). */
  inMap: number;
  /** (inCluster / cluster size) ÷ (inMap / clustered works): above 1 when more frequent in the cluster than in all clusters. */
  lift: number;
}

/** A cluster of the map. */
export interface MapCluster {
  /** 0 for the largest. */
  id: number;
  /** Works of the map in it, ascending positions. */
  works: number[];
  /** Its shared concepts, most distinctive first (highest lift; see the module's notes). */
  shared: SharedConcept[];
  /** The concepts naming it (positions): the first {@link LABEL_CONCEPTS} of `shared`, or more to tell it apart. */
  label: number[];
  /** Other clusters (ids) whose label names the same concepts: no shared concept tells them apart. */
  alike: number[];
}

/** A literature map over node positions. */
export interface LiteratureMap {
  /** Seeds first (in the order given), then the related works by rank. */
  works: number[];
  /** The related score of each work of `works` (null for seeds). */
  scores: (number | null)[];
  /** Cluster of each work of `works` (index into `clusters`, null: unclustered). */
  clusterOf: (number | null)[];
  /** The links drawn: each work's {@link LiteratureMapOptions.linksPerWork} strongest above the threshold. */
  links: MapLink[];
  /** Pairs of the map at or above the threshold (`links` and the clusters keep the strongest). */
  linksAbove: number;
  clusters: MapCluster[];
  /** Related works that scored above 0, of which the map shows the best. */
  candidates: number;
}

/** Concept mentions of the graph, over node positions. */
export interface ConceptMentions {
  /** The concepts work `u` mentions (ascending positions). */
  conceptsOf(u: number): ArrayLike<number>;
  /** Works of the whole graph mentioning concept `c`. */
  documentFrequency(c: number): number;
}

/** The `MENTIONS` relationships of a network index (work → concept), over the index's node positions. */
export function mentionsFromIndex(index: NetworkIndex): ConceptMentions {
  const a = index.adjacency(['MENTIONS']);
  return {
    conceptsOf: (u) => a.outTarget.subarray(a.outStart[u], a.outStart[u + 1]),
    documentFrequency: (c) => a.inStart[c + 1]! - a.inStart[c]!,
  };
}

/** Options of {@link literatureMap}. */
export interface LiteratureMapOptions {
  /** Works in the map, seeds included (default {@link DEFAULT_MAP_SIZE}, at most {@link MAX_MAP_SIZE}). */
  size?: number;
  /** Similarity a link needs (default {@link DEFAULT_MAP_THRESHOLD}). */
  threshold?: number;
  /** Candidates this returns false for are left out (e.g. works the filters hide). */
  isCandidate?: (u: number) => boolean;
  /** Links drawn per work (default {@link DEFAULT_LINKS_PER_WORK}; see {@link strongestLinks}). */
  linksPerWork?: number;
}

/**
 * Similarity links among `works`: for every pair that is cited together or shares a reference,
 * co-citation strength + coupling strength; pairs below `threshold` are dropped. Works in
 * `ignore` (the seeds) count neither as a citing work nor as a shared reference. Sorted by `a`, then `b`.
 */
export function similarityLinks(
  g: CitationGraph,
  works: readonly number[],
  threshold: number,
  ignore: ReadonlySet<number> = new Set(),
): MapLink[] {
  // Position → index in the map (-1: not in it), a typed array.
  const local = new Int32Array(g.order).fill(-1);
  const members: number[] = [];
  for (const u of works) {
    if (local[u] !== -1) continue;
    local[u] = members.length;
    members.push(u);
  }
  const n = members.length;
  // Inverted lists, built from the members' own citations only: for each citing work c, the map
  // indices of the members it cites (ascending), and for each reference r, the members citing it.
  // Walking these instead of every citation of the members' citers and references costs the
  // members' degrees plus the pairs found, not the degrees of the hubs they cite or are cited by
  // (at 10k works / 447k citations that was ~90 % of a 300-work map's time).
  const cited = invertedLists(g.order, n, (i) => g.citers(members[i]!), ignore);
  const citing = invertedLists(g.order, n, (i) => g.references(members[i]!), ignore);
  const cc = new Int32Array(n);
  const bc = new Int32Array(n);
  const links: MapLink[] = [];
  const touched: number[] = [];
  for (let i = 0; i < n; i++) {
    const u = members[i]!;
    for (const [lists, counts, of] of [
      [cited, cc, g.citers(u)],
      [citing, bc, g.references(u)],
    ] as const) {
      for (const w of of) {
        const list = lists.of(w);
        // Ascending: members after i are at the end of the list.
        for (let k = list.length - 1; k >= 0; k--) {
          const j = list[k]!;
          if (j <= i) break;
          if (cc[j] === 0 && bc[j] === 0) touched.push(j);
          counts[j]! += 1;
        }
      }
    }
    for (const j of touched) {
      const v = members[j]!;
      const similarity =
        saltonStrength(cc[j]!, g.citedByCount(u), g.citedByCount(v)) +
        saltonStrength(bc[j]!, g.referenceCount(u), g.referenceCount(v));
      if (similarity >= threshold) {
        links.push({
          a: Math.min(u, v),
          b: Math.max(u, v),
          similarity,
          coCitations: cc[j]!,
          sharedReferences: bc[j]!,
        });
      }
      cc[j] = 0;
      bc[j] = 0;
    }
    touched.length = 0;
  }
  return links.sort((x, y) => x.a - y.a || x.b - y.b);
}

/**
 * The links a map draws: a link stays when it is among the `k` strongest of either of its works
 * (similarity descending; ties: the other end's smaller position), so every work with a link
 * above the threshold keeps at least its strongest one, and a hub does not drown the rest.
 * Keeps the order of `links`.
 */
export function strongestLinks(links: readonly MapLink[], k: number): MapLink[] {
  const byWork = new Map<number, number[]>();
  links.forEach((l, i) => {
    for (const u of [l.a, l.b]) {
      let list = byWork.get(u);
      if (!list) byWork.set(u, (list = []));
      list.push(i);
    }
  });
  const keep = new Uint8Array(links.length);
  for (const [u, list] of byWork) {
    const other = (i: number): number => (links[i]!.a === u ? links[i]!.b : links[i]!.a);
    list.sort((i, j) => links[j]!.similarity - links[i]!.similarity || other(i) - other(j));
    for (const i of list.slice(0, k)) keep[i] = 1;
  }
  return links.filter((_l, i) => keep[i] === 1);
}

/**
 * For every node w reached from the members (`from(i)` lists the nodes member i reaches, without
 * repeats), the members reaching it, ascending; nodes in `ignore` are left out. Compressed rows
 * over the nodes reached, so it costs the members' degrees.
 */
function invertedLists(
  order: number,
  n: number,
  from: (i: number) => Int32Array,
  ignore: ReadonlySet<number>,
): { of(w: number): Int32Array } {
  const slot = new Int32Array(order).fill(-1);
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    for (const w of from(i)) {
      if (ignore.has(w)) continue;
      if (slot[w] === -1) {
        slot[w] = counts.length;
        counts.push(0);
      }
      counts[slot[w]!]! += 1;
    }
  }
  const start = new Int32Array(counts.length + 1);
  for (let k = 0; k < counts.length; k++) start[k + 1] = start[k]! + counts[k]!;
  const fill = start.slice(0, counts.length);
  const items = new Int32Array(start[counts.length]!);
  for (let i = 0; i < n; i++) {
    for (const w of from(i)) {
      if (ignore.has(w)) continue;
      items[fill[slot[w]!]!++] = i;
    }
  }
  const empty = new Int32Array(0);
  return {
    of: (w) => {
      const k = slot[w]!;
      return k === -1 ? empty : items.subarray(start[k], start[k + 1]);
    },
  };
}

/**
 * Clusters of `works` from their links: Louvain (weights = similarity, random order from
 * `seed`), numbered by size (largest first, ties: smallest first work). Communities smaller than
 * {@link MIN_CLUSTER_SIZE} are dropped. Returns each cluster's works, ascending.
 */
export function clusterWorks(
  works: readonly number[],
  links: readonly MapLink[],
  seed = MAP_SEED,
): number[][] {
  const graph = new UndirectedGraph();
  // Keys are "w<position>", not the bare number: graphology keeps each node's neighbours in a plain
  // object keyed by node key, and integer-like keys make V8 store those as sparse (dictionary)
  // elements, which made building the graph of a dense 300-work map slower than Louvain itself.
  // Insertion in ascending positions, so the seeded run does not depend on the caller's order.
  for (const u of [...new Set(works)].sort((a, b) => a - b)) graph.addNode(`w${u}`);
  // Edges keyed by their number (graphology's own keys cost a string and a look-up each); Louvain
  // reads edges in insertion order, not by key, so the communities are the same.
  let edges = 0;
  for (const l of links) {
    const a = `w${l.a}`;
    const b = `w${l.b}`;
    if (graph.hasNode(a) && graph.hasNode(b) && !graph.hasEdge(a, b))
      graph.addEdgeWithKey(edges++, a, b, { weight: l.similarity });
  }
  const groups = new Map<number, number[]>();
  if (graph.size > 0) {
    const community = louvain(graph, { rng: seedrandom(seed), getEdgeWeight: 'weight' });
    graph.forEachNode((node) => {
      if (graph.degree(node) === 0) return;
      const c = community[node]!;
      let list = groups.get(c);
      if (!list) groups.set(c, (list = []));
      list.push(Number(node.slice(1)));
    });
  }
  return [...groups.values()]
    .filter((list) => list.length >= MIN_CLUSTER_SIZE)
    .map((list) => list.sort((a, b) => a - b))
    .sort((x, y) => y.length - x.length || x[0]! - y[0]!);
}

/** How many of `works` mention each concept they mention. */
function mentionCounts(mentions: ConceptMentions, works: Iterable<number>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const u of works) {
    for (const c of Array.from(mentions.conceptsOf(u))) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return counts;
}

/**
 * The concepts a cluster (`works`) shares, most distinctive first: highest lift against `map`
 * (the clustered works of the map; default: the cluster itself, where every lift is 1 and the
 * order is the most specific first). See the rules at the top of this module. `mapCounts` may pass
 * {@link mentionCounts} of `map` computed once for all clusters.
 */
export function sharedConcepts(
  mentions: ConceptMentions,
  works: readonly number[],
  map: readonly number[] = works,
  mapCounts: ReadonlyMap<number, number> = mentionCounts(mentions, new Set(map)),
): SharedConcept[] {
  const counts = mentionCounts(mentions, works);
  const needed = Math.max(2, Math.ceil(SHARED_FRACTION * works.length));
  const mapSize = new Set(map).size;
  return (
    [...counts]
      .filter(([, n]) => n >= needed)
      .map(([concept, inCluster]) => {
        // A cluster's works are works of the map; max() keeps a caller's smaller map from giving lift > its bound.
        const inMap = Math.max(inCluster, mapCounts.get(concept) ?? 0);
        return {
          concept,
          inCluster,
          inMap,
          lift: (inCluster * mapSize) / (works.length * inMap),
          documentFrequency: mentions.documentFrequency(concept),
        };
      })
      // Lift compared exactly: within one cluster it orders as inCluster / inMap, in integers.
      .sort(
        (x, y) =>
          y.inCluster * x.inMap - x.inCluster * y.inMap ||
          x.documentFrequency - y.documentFrequency ||
          y.inCluster - x.inCluster ||
          x.concept - y.concept,
      )
  );
}

/**
 * The labels of clusters from their ranked shared concepts: each takes its first
 * {@link LABEL_CONCEPTS}; while some clusters' labels name the same set of concepts, each of them
 * that has another shared concept (and fewer than {@link MAX_LABEL_CONCEPTS}) adds its next one.
 * Clusters whose labels still name the same set are `alike` (each lists the others' indices).
 * A cluster sharing no concept gets an empty label and is alike to none.
 */
export function clusterLabels(
  clusters: readonly { shared: readonly Pick<SharedConcept, 'concept'>[] }[],
): { label: number[]; alike: number[] }[] {
  const lengths = clusters.map((c) => Math.min(LABEL_CONCEPTS, c.shared.length));
  const keyOf = (i: number): string =>
    clusters[i]!.shared.slice(0, lengths[i])
      .map((s) => s.concept)
      .sort((a, b) => a - b)
      .join(',');
  const groups = (): number[][] => {
    const byKey = new Map<string, number[]>();
    clusters.forEach((_c, i) => {
      if (lengths[i] === 0) return;
      const key = keyOf(i);
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      list.push(i);
    });
    return [...byKey.values()].filter((list) => list.length > 1);
  };
  // Each round lengthens at least one label or stops, so it ends within MAX_LABEL_CONCEPTS rounds per cluster.
  for (;;) {
    let grew = false;
    for (const list of groups()) {
      for (const i of list) {
        if (lengths[i]! < Math.min(MAX_LABEL_CONCEPTS, clusters[i]!.shared.length)) {
          lengths[i]! += 1;
          grew = true;
        }
      }
    }
    if (!grew) break;
  }
  const alike = new Map<number, number[]>();
  for (const list of groups())
    for (const i of list)
      alike.set(
        i,
        list.filter((j) => j !== i),
      );
  return clusters.map((c, i) => ({
    label: c.shared.slice(0, lengths[i]).map((s) => s.concept),
    alike: alike.get(i) ?? [],
  }));
}

/**
 * The literature map around `seeds` (positions; unknown ones must be left out by the caller):
 * its works, links, clusters and their shared concepts. See the module's notes for each rule.
 */
export function literatureMap(
  g: CitationGraph,
  mentions: ConceptMentions,
  seedList: readonly number[],
  options: LiteratureMapOptions = {},
): LiteratureMap {
  const size = Math.max(1, Math.min(options.size ?? DEFAULT_MAP_SIZE, MAX_MAP_SIZE));
  const threshold = options.threshold ?? DEFAULT_MAP_THRESHOLD;
  const seeds = [...new Set(seedList)].slice(0, size);
  const related = relatedWorks(g, seeds, {
    limit: Math.max(0, size - seeds.length),
    evidenceLimit: 0,
    ...(options.isCandidate ? { isCandidate: options.isCandidate } : {}),
  });
  const works = [...seeds, ...related.rows.map((r) => r.work)];
  const scores = [...seeds.map(() => null), ...related.rows.map((r) => r.score)];
  const links = similarityLinks(g, works, threshold, new Set(seeds));
  const drawn = strongestLinks(links, Math.max(1, options.linksPerWork ?? DEFAULT_LINKS_PER_WORK));
  // Clusters from the links drawn (each work's strongest, a k-nearest-neighbour graph), so the
  // links on screen are the ones that made them. Over all 41,675 pairs of a dense 300-work map at
  // 10k works, building the graph and Louvain took ~0.4 s of the answer; over the 2,251 drawn, ~30 ms.
  const groups = clusterWorks(works, drawn);
  const clusterByWork = new Map<number, number>();
  groups.forEach((list, id) => list.forEach((u) => clusterByWork.set(u, id)));
  return {
    works,
    scores,
    clusterOf: works.map((u) => clusterByWork.get(u) ?? null),
    links: drawn,
    linksAbove: links.length,
    clusters: labelled(mentions, groups),
    candidates: related.total,
  };
}

/** The clusters of a map with their shared concepts (lift against all clustered works) and labels. */
function labelled(mentions: ConceptMentions, groups: number[][]): MapCluster[] {
  const clustered = groups.flat();
  const mapCounts = mentionCounts(mentions, clustered);
  const withShared = groups.map((list, id) => ({
    id,
    works: list,
    shared: sharedConcepts(mentions, list, clustered, mapCounts),
  }));
  const labels = clusterLabels(withShared);
  return withShared.map((c, i) => ({ ...c, ...labels[i]! }));
}

/** A work of GET/POST /api/litmap. */
export interface LitMapWork {
  id: string;
  title: string | null;
  year: number | null;
  journal: string | null;
  firstAuthor: string | null;
  /** Citations received inside the graph (the node's size). */
  citedBy: number;
  /** References known to the graph. */
  references: number;
  /** One of the works the map is drawn around. */
  isSeed: boolean;
  /** Its related score to the seeds (null for a seed). */
  score: number | null;
  /** Its cluster (an id of `clusters`), null: unclustered. */
  cluster: number | null;
}

/** A link of GET/POST /api/litmap (`source` < `target` by id order of the graph). */
export interface LitMapLink {
  source: string;
  target: string;
  /** Co-citation strength + coupling strength. */
  similarity: number;
  coCitations: number;
  sharedReferences: number;
}

/** A cluster of GET/POST /api/litmap. */
export interface LitMapCluster {
  /** 0 for the largest. */
  id: number;
  size: number;
  /**
   * The concepts naming it ({@link MapCluster.label}), joined by " · " (null: it shares no concept).
   * Clusters in `alike` have the same concepts (perhaps in another order).
   */
  label: string | null;
  /** Other clusters (ids) whose label names the same concepts: nothing shared tells them apart. */
  alike: number[];
  /** Every shared concept, most distinctive first (highest lift). */
  concepts: {
    id: string;
    label: string;
    documentFrequency: number;
    inCluster: number;
    inMap: number;
    lift: number;
  }[];
}

/** GET /api/litmap/<id>, POST /api/litmap: the data of a literature map (the browser lays it out). */
export interface LitMapPayload {
  /** The works the map is drawn around (known to the graph). */
  seeds: string[];
  /** Ids asked about that the graph does not know. */
  unknown: string[];
  size: number;
  threshold: number;
  /** Links drawn per work: `links` holds each work's strongest this many (see strongestLinks). */
  linksPerWork: number;
  /** Pairs of works at or above the threshold; `links` (and the clusters) keep the strongest of them. */
  linksAbove: number;
  /** Related works that scored above 0 (the map shows the best). */
  candidates: number;
  /** Seeds first, then related works by rank. */
  works: LitMapWork[];
  links: LitMapLink[];
  clusters: LitMapCluster[];
  /** How works, links, clusters and labels are chosen. */
  method: string;
  /** What the map holds, or why it is empty. */
  message: string;
}
