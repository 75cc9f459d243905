/**
 * The whole network (works, concepts and the relationships between them) as a compact in-memory
 * index: compressed sparse rows in typed arrays, in both directions, with the kind of every
 * relationship. The server builds it once per loaded dataset from whichever store is loaded, so
 * both backends give the same answers, and it serves shortest paths (a bidirectional breadth-first
 * search returning every shortest path up to a limit), neighbourhoods and the overview's links.
 *
 * Over 400 lines: the compact adjacency arrays and the searches over them (paths, neighbourhoods)
 * share private typed arrays; splitting would expose them.
 */
import type { NetworkEdge } from './api';
import { NETWORK_EDGE_KINDS, type EdgeKind } from './edge-kinds';

/** Longest path the search looks for, in relationships. */
export const MAX_PATH_HOPS = 20;
/** Default longest path. */
export const DEFAULT_PATH_HOPS = 8;
/** Most paths one answer lists. */
export const MAX_PATHS = 100;
/** Default number of paths listed. */
export const DEFAULT_PATHS = 10;

/** What a path may follow and how. */
export interface PathOptions {
  /** Relationship kinds a step may follow. */
  kinds: readonly EdgeKind[];
  /** Follow relationships only from source to target (a citation chain), or either way. */
  directed: boolean;
  /** Longest path, in relationships. */
  maxHops: number;
  /** Most paths returned; `truncated` says when there are more of the same length. */
  limit: number;
}

/** One shortest path: its nodes in order and the relationship taken at each step. */
export interface Path {
  nodes: string[];
  /** `edges[i]` links `nodes[i]` and `nodes[i+1]`, in the direction it is stored. */
  edges: NetworkEdge[];
}

/** The answer of {@link NetworkIndex.shortestPaths}. */
export interface PathResult {
  /** Relationships in each path; null when there is no path within `maxHops`. */
  length: number | null;
  paths: Path[];
  /** True when more shortest paths exist than `limit`. */
  truncated: boolean;
}

/** The answer of {@link NetworkIndex.neighborhood}. */
export interface Neighborhood {
  /** The centre first, then the nodes in the order they were reached. */
  nodeIds: string[];
  /** Relationships of the expanded nodes whose both ends are in `nodeIds`, nearest first. */
  edges: NetworkEdge[];
  /** True when `maxNodes` or `maxEdges` cut the neighbourhood short. */
  truncated: boolean;
}

/** Relationships as parallel arrays of node positions and kinds (positions in NETWORK_EDGE_KINDS). */
export interface EdgeArrays {
  source: Int32Array;
  target: Int32Array;
  kind: Uint8Array;
  /** Number of relationships in use (the arrays may be longer). */
  length: number;
}

/**
 * Relationships of some kinds as compressed sparse rows in both directions (see
 * {@link NetworkIndex.adjacency}): the targets of node `u` are `outTarget[outStart[u]..outStart[u+1])`,
 * its sources `inSource[inStart[u]..inStart[u+1])`, each row sorted ascending without repeats.
 */
export interface Adjacency {
  /** Node ids by position, sorted. */
  ids: readonly string[];
  outStart: Int32Array;
  outTarget: Int32Array;
  inStart: Int32Array;
  inSource: Int32Array;
}

const KIND_BIT = new Map<EdgeKind, number>(NETWORK_EDGE_KINDS.map((k, i) => [k, 1 << i]));
const KIND_INDEX = new Map<EdgeKind, number>(NETWORK_EDGE_KINDS.map((k, i) => [k, i]));
/** Bits of a packed (neighbour, kind) sort key taken by the kind: as many as the registry needs. */
const KIND_BITS = Math.max(1, Math.ceil(Math.log2(NETWORK_EDGE_KINDS.length)));

/** The bit mask of a list of kinds. */
export const kindMask = (kinds: readonly EdgeKind[]): number =>
  kinds.reduce((m, k) => m | (KIND_BIT.get(k) ?? 0), 0);

/** Growable parallel arrays of relationships, for building an index from a stream of rows. */
export class EdgeArrayBuilder {
  private source = new Int32Array(1024);
  private target = new Int32Array(1024);
  private kind = new Uint8Array(1024);
  private n = 0;

  /** Appends one relationship between node positions `s` and `t`. */
  push(s: number, t: number, kind: EdgeKind): void {
    if (this.n === this.source.length) {
      const grow = <A extends Int32Array | Uint8Array>(a: A, make: (n: number) => A): A => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.source = grow(this.source, (n) => new Int32Array(n));
      this.target = grow(this.target, (n) => new Int32Array(n));
      this.kind = grow(this.kind, (n) => new Uint8Array(n));
    }
    this.source[this.n] = s;
    this.target[this.n] = t;
    this.kind[this.n] = KIND_INDEX.get(kind) ?? 0;
    this.n += 1;
  }

  /** The relationships pushed so far. */
  arrays(): EdgeArrays {
    return { source: this.source, target: this.target, kind: this.kind, length: this.n };
  }
}

/** Compressed adjacency of the network in both directions. */
export class NetworkIndex {
  readonly ids: readonly string[];
  private readonly indexOf: Map<string, number>;
  private readonly outStart: Int32Array;
  private readonly outTarget: Int32Array;
  private readonly outKind: Uint8Array;
  private readonly inStart: Int32Array;
  private readonly inSource: Int32Array;
  private readonly inKind: Uint8Array;

  private constructor(parts: {
    ids: string[];
    outStart: Int32Array;
    outTarget: Int32Array;
    outKind: Uint8Array;
    inStart: Int32Array;
    inSource: Int32Array;
    inKind: Uint8Array;
  }) {
    this.ids = parts.ids;
    this.indexOf = new Map(parts.ids.map((id, i) => [id, i]));
    this.outStart = parts.outStart;
    this.outTarget = parts.outTarget;
    this.outKind = parts.outKind;
    this.inStart = parts.inStart;
    this.inSource = parts.inSource;
    this.inKind = parts.inKind;
  }

  /**
   * Builds the index from node ids and relationships between them. Node ids and relationships
   * are sorted first, so the order of the input (which differs between backends) does not change
   * any answer. Relationships to unknown nodes, and loops, are dropped.
   */
  static fromEdges(nodeIds: Iterable<string>, edges: Iterable<NetworkEdge>): NetworkIndex {
    const ids = [...new Set(nodeIds)];
    const position = new Map(ids.map((id, i) => [id, i]));
    const built = new EdgeArrayBuilder();
    for (const e of edges) {
      const s = position.get(e.source);
      const t = position.get(e.target);
      if (s === undefined || t === undefined || !KIND_INDEX.has(e.kind)) continue;
      built.push(s, t, e.kind);
    }
    return NetworkIndex.fromArrays(ids, built.arrays());
  }

  /**
   * Builds the index from distinct node ids and relationships given by positions in `nodeIds`,
   * without a JavaScript object per relationship (millions of them at scale). Same answers as the
   * {@link fromEdges} for the same graph.
   */
  static fromArrays(nodeIds: readonly string[], edges: EdgeArrays): NetworkIndex {
    const n = nodeIds.length;
    if (n >= 2 ** (31 - KIND_BITS)) throw new RangeError(`too many nodes for the index: ${n}`);
    // Node ids in sorted order; rank[i] is the sorted position of nodeIds[i].
    const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) =>
      nodeIds[a]! < nodeIds[b]! ? -1 : nodeIds[a]! > nodeIds[b]! ? 1 : 0,
    );
    const ids = Array.from(order, (i) => nodeIds[i]!);
    const rank = new Int32Array(n);
    order.forEach((i, r) => (rank[i] = r));
    const outStart = new Int32Array(n + 1);
    const inStart = new Int32Array(n + 1);
    let m = 0;
    for (let e = 0; e < edges.length; e++) {
      const s = edges.source[e]!;
      const t = edges.target[e]!;
      if (s === t || s < 0 || t < 0 || s >= n || t >= n) continue;
      outStart[rank[s]! + 1]! += 1;
      inStart[rank[t]! + 1]! += 1;
      m += 1;
    }
    for (let i = 0; i < n; i++) {
      outStart[i + 1]! += outStart[i]!;
      inStart[i + 1]! += inStart[i]!;
    }
    // Each node's neighbours as packed (neighbour, kind) keys, sorted within the node's row: the
    // same order whatever the input order.
    const outKey = new Int32Array(m);
    const inKey = new Int32Array(m);
    const outFill = outStart.slice(0, n);
    const inFill = inStart.slice(0, n);
    for (let e = 0; e < edges.length; e++) {
      const s = edges.source[e]!;
      const t = edges.target[e]!;
      if (s === t || s < 0 || t < 0 || s >= n || t >= n) continue;
      const rs = rank[s]!;
      const rt = rank[t]!;
      const k = edges.kind[e]!;
      outKey[outFill[rs]!++] = (rt << KIND_BITS) | k;
      inKey[inFill[rt]!++] = (rs << KIND_BITS) | k;
    }
    // Unpacked in place: the keys' array becomes the neighbours' (at 4.5M citations a second
    // array per direction was another 2 × 21 MB at the server's peak, while it loads the network).
    const unpack = (start: Int32Array, key: Int32Array): [Int32Array, Uint8Array] => {
      const kind = new Uint8Array(key.length);
      for (let u = 0; u < n; u++) key.subarray(start[u], start[u + 1]).sort();
      for (let i = 0; i < key.length; i++) {
        kind[i] = key[i]! & ((1 << KIND_BITS) - 1);
        key[i] = key[i]! >> KIND_BITS;
      }
      return [key, kind];
    };
    const [outTarget, outKind] = unpack(outStart, outKey);
    const [inSource, inKind] = unpack(inStart, inKey);
    return new NetworkIndex({ ids, outStart, outTarget, outKind, inStart, inSource, inKind });
  }

  /** Number of nodes. */
  get order(): number {
    return this.ids.length;
  }

  /** Number of relationships. */
  get size(): number {
    return this.outTarget.length;
  }

  /** True when the index knows this node. */
  has(id: string): boolean {
    return this.indexOf.has(id);
  }

  /** The position of a node (its place in `ids` and in {@link adjacency}'s rows), or undefined. */
  positionOf(id: string): number | undefined {
    return this.indexOf.get(id);
  }

  /** Number of relationships of a node, in either direction (0 for an unknown id). */
  degree(id: string): number {
    const u = this.indexOf.get(id);
    if (u === undefined) return 0;
    return this.outStart[u + 1]! - this.outStart[u]! + this.inStart[u + 1]! - this.inStart[u]!;
  }

  /**
   * The positions of the nodes that relationships of one kind link to node position `u`: their
   * targets (`out`) or their sources (`in`), one entry per relationship (parallel ones repeat),
   * ascending. Empty for an unknown position. For one node's lists (the details panel) without a
   * query or a JavaScript object per relationship.
   */
  neighboursOf(u: number, kind: EdgeKind, direction: 'out' | 'in'): number[] {
    const k = KIND_INDEX.get(kind);
    const found: number[] = [];
    if (k === undefined || !Number.isInteger(u) || u < 0 || u >= this.ids.length) return found;
    const [start, node, kinds] =
      direction === 'out'
        ? [this.outStart, this.outTarget, this.outKind]
        : [this.inStart, this.inSource, this.inKind];
    for (let i = start[u]!; i < start[u + 1]!; i++) if (kinds[i] === k) found.push(node[i]!);
    return found;
  }

  /**
   * The nodes within `hops` relationships of `center` (in either direction, of the given kinds),
   * at most `maxNodes` of them. When a layer does not fit, its best-connected nodes are kept
   * (ties by id), so a hub's neighbourhood shows its most connected neighbours. At most
   * `maxEdges` relationships are listed, those of nodes nearer the centre first. Null when the
   * index does not know `center`.
   */
  neighborhood(
    center: string,
    hops: number,
    kinds: readonly EdgeKind[],
    maxNodes: number,
    maxEdges = Infinity,
  ): Neighborhood | null {
    const c = this.indexOf.get(center);
    if (c === undefined) return null;
    const mask = kindMask(kinds);
    const reached = new Uint8Array(this.ids.length);
    reached[c] = 1;
    const order = [c];
    const expanded: number[] = [];
    let frontier = [c];
    let truncated = false;
    for (let hop = 0; hop < hops && frontier.length > 0 && !truncated; hop++) {
      const layer: number[] = [];
      for (const u of frontier) {
        expanded.push(u);
        this.eachStep(u, true, false, mask, (v) => {
          if (reached[v] === 0) {
            reached[v] = 2; // a candidate of this layer
            layer.push(v);
          }
        });
      }
      const room = maxNodes - order.length;
      if (layer.length > room) {
        truncated = true;
        const degree = (v: number): number =>
          this.outStart[v + 1]! - this.outStart[v]! + this.inStart[v + 1]! - this.inStart[v]!;
        layer.sort((a, b) => degree(b) - degree(a) || a - b);
        for (const v of layer.splice(Math.max(0, room))) reached[v] = 0;
      }
      for (const v of layer) reached[v] = 1;
      order.push(...layer);
      frontier = layer;
    }
    const edges: NetworkEdge[] = [];
    const isExpanded = new Uint8Array(this.ids.length);
    for (const u of expanded) isExpanded[u] = 1;
    const add = (s: number, t: number, kind: number): void => {
      if (edges.length < maxEdges) edges.push(this.edge(s, t, kind));
      else truncated = true;
    };
    for (const u of expanded) {
      // Outgoing relationships of every expanded node, and incoming ones from nodes that were
      // not expanded (those from expanded nodes are already listed as their outgoing ones).
      for (let i = this.outStart[u]!; i < this.outStart[u + 1]!; i++) {
        const v = this.outTarget[i]!;
        if ((1 << this.outKind[i]!) & mask && reached[v] === 1) add(u, v, this.outKind[i]!);
      }
      for (let i = this.inStart[u]!; i < this.inStart[u + 1]!; i++) {
        const v = this.inSource[i]!;
        if ((1 << this.inKind[i]!) & mask && reached[v] === 1 && isExpanded[v] === 0)
          add(v, u, this.inKind[i]!);
      }
      if (edges.length >= maxEdges && truncated) break;
    }
    return { nodeIds: order.map((i) => this.ids[i]!), edges, truncated };
  }

  /**
   * The relationships of the given kinds as compressed rows in both directions, over node
   * positions (`ids[u]` is node `u`; positions follow the sorted ids, so they are the same
   * whichever store the index was built from). Each row is sorted and holds a neighbour once, even
   * when parallel relationships of several of the kinds link the two nodes. For measures over the
   * whole network (see relatedness.ts) without a JavaScript object per relationship.
   */
  adjacency(kinds: readonly EdgeKind[]): Adjacency {
    const mask = kindMask(kinds);
    const rows = (start: Int32Array, node: Int32Array, kind: Uint8Array): [Int32Array, Int32Array] => {
      const n = this.ids.length;
      const outStart = new Int32Array(n + 1);
      const out = new Int32Array(node.length);
      let m = 0;
      for (let u = 0; u < n; u++) {
        outStart[u] = m;
        let last = -1;
        // Rows are sorted by (neighbour, kind): a repeated neighbour is adjacent to its first.
        for (let i = start[u]!; i < start[u + 1]!; i++) {
          if ((1 << kind[i]!) & mask && node[i] !== last) {
            last = node[i]!;
            out[m++] = last;
          }
        }
      }
      outStart[n] = m;
      return [outStart, out.slice(0, m)];
    };
    const [outStart, outTarget] = rows(this.outStart, this.outTarget, this.outKind);
    const [inStart, inSource] = rows(this.inStart, this.inSource, this.inKind);
    return { ids: this.ids, outStart, outTarget, inStart, inSource };
  }

  /** Every relationship whose both ends are in `nodeIds` (unknown ids are ignored). */
  edgesAmong(nodeIds: Iterable<string>): NetworkEdge[] {
    const kept = new Uint8Array(this.ids.length);
    const members: number[] = [];
    for (const id of nodeIds) {
      const u = this.indexOf.get(id);
      if (u !== undefined && kept[u] === 0) {
        kept[u] = 1;
        members.push(u);
      }
    }
    members.sort((a, b) => a - b);
    const edges: NetworkEdge[] = [];
    for (const u of members) {
      for (let i = this.outStart[u]!; i < this.outStart[u + 1]!; i++) {
        if (kept[this.outTarget[i]!] === 1) edges.push(this.edge(u, this.outTarget[i]!, this.outKind[i]!));
      }
    }
    return edges;
  }

  private edge(s: number, t: number, kind: number): NetworkEdge {
    return { source: this.ids[s]!, target: this.ids[t]!, kind: NETWORK_EDGE_KINDS[kind]! };
  }

  /**
   * Calls `visit(neighbour)` for each node one allowed step from `u`: along outgoing
   * relationships when `forward`, incoming ones otherwise, and both when undirected.
   */
  private eachStep(
    u: number,
    forward: boolean,
    directed: boolean,
    mask: number,
    visit: (v: number) => void,
  ): void {
    if (forward || !directed) {
      for (let i = this.outStart[u]!; i < this.outStart[u + 1]!; i++) {
        if ((1 << this.outKind[i]!) & mask) visit(this.outTarget[i]!);
      }
    }
    if (!forward || !directed) {
      for (let i = this.inStart[u]!; i < this.inStart[u + 1]!; i++) {
        if ((1 << this.inKind[i]!) & mask) visit(this.inSource[i]!);
      }
    }
  }

  /** The relationship used for the step u → v (forward along the path), first kind in schema order. */
  private stepEdge(u: number, v: number, directed: boolean, mask: number): NetworkEdge {
    let best: NetworkEdge | null = null;
    let bestKind = Infinity;
    for (let i = this.outStart[u]!; i < this.outStart[u + 1]!; i++) {
      const k = this.outKind[i]!;
      if (this.outTarget[i] === v && (1 << k) & mask && k < bestKind) {
        bestKind = k;
        best = { source: this.ids[u]!, target: this.ids[v]!, kind: NETWORK_EDGE_KINDS[k]! };
      }
    }
    if (!directed) {
      for (let i = this.inStart[u]!; i < this.inStart[u + 1]!; i++) {
        const k = this.inKind[i]!;
        if (this.inSource[i] === v && (1 << k) & mask && k < bestKind) {
          bestKind = k;
          best = { source: this.ids[v]!, target: this.ids[u]!, kind: NETWORK_EDGE_KINDS[k]! };
        }
      }
    }
    if (!best) throw new Error(`no step from ${this.ids[u]} to ${this.ids[v]}`);
    return best;
  }

  /**
   * Every shortest path from `from` to `to` (up to `limit`), or none within `maxHops`.
   * Both ids must be in the index, and differ.
   */
  shortestPaths(from: string, to: string, options: PathOptions): PathResult {
    const s = this.indexOf.get(from);
    const t = this.indexOf.get(to);
    if (s === undefined || t === undefined) throw new Error('both ends must be in the index');
    if (s === t) throw new Error('the two ends must differ');
    const mask = kindMask(options.kinds);
    const { directed } = options;
    const n = this.ids.length;
    const distF = new Int32Array(n).fill(-1);
    const distB = new Int32Array(n).fill(-1);
    distF[s] = 0;
    distB[t] = 0;
    let frontF = [s];
    let frontB = [t];
    let depthF = 0;
    let depthB = 0;
    let meet: number[] = [];
    // Expand the smaller frontier one whole layer at a time; stop at the first layer that meets.
    while (meet.length === 0 && depthF + depthB < options.maxHops && frontF.length > 0 && frontB.length > 0) {
      const forward = frontF.length <= frontB.length;
      const front = forward ? frontF : frontB;
      const dist = forward ? distF : distB;
      const other = forward ? distB : distF;
      const depth = (forward ? depthF : depthB) + 1;
      const next: number[] = [];
      const met = new Set<number>();
      for (const u of front) {
        this.eachStep(u, forward, directed, mask, (v) => {
          if (dist[v] === -1) {
            dist[v] = depth;
            next.push(v);
          }
          if (dist[v] === depth && other[v]! >= 0) met.add(v);
        });
      }
      if (forward) {
        frontF = next;
        depthF = depth;
      } else {
        frontB = next;
        depthB = depth;
      }
      meet = [...met].sort((a, b) => a - b);
    }
    if (meet.length === 0) return { length: null, paths: [], truncated: false };
    // The first layer on which the searches touch holds every node reached from both sides, and
    // each shortest path passes through one of them with distF + distB equal to its length.
    const length = Math.min(...meet.map((v) => distF[v]! + distB[v]!));
    const meeting = meet.filter((v) => distF[v]! + distB[v]! === length);

    // Halves of paths: from s to v walking back down distF, from v to t walking down distB.
    const heads = (v: number, cap: number): number[][] => {
      if (v === s) return [[s]];
      const out: number[][] = [];
      this.eachStep(v, false, directed, mask, (u) => {
        if (out.length >= cap || distF[u] !== distF[v]! - 1) return;
        for (const h of heads(u, cap - out.length)) out.push([...h, v]);
      });
      return dedupe(out).slice(0, cap);
    };
    const tails = (v: number, cap: number): number[][] => {
      if (v === t) return [[t]];
      const out: number[][] = [];
      this.eachStep(v, true, directed, mask, (w) => {
        if (out.length >= cap || distB[w] !== distB[v]! - 1) return;
        for (const tl of tails(w, cap - out.length)) out.push([v, ...tl]);
      });
      return dedupe(out).slice(0, cap);
    };

    const cap = options.limit + 1; // one more than asked tells whether there are more
    const found: number[][] = [];
    const seen = new Set<string>();
    for (const v of meeting) {
      if (found.length >= cap) break;
      for (const h of heads(v, cap)) {
        for (const tl of tails(v, cap)) {
          const p = [...h, ...tl.slice(1)];
          const key = p.join(',');
          if (seen.has(key)) continue;
          seen.add(key);
          found.push(p);
          if (found.length >= cap) break;
        }
        if (found.length >= cap) break;
      }
    }
    found.sort(compareSeq);
    const paths = found.slice(0, options.limit).map((p) => ({
      nodes: p.map((i) => this.ids[i]!),
      edges: p.slice(1).map((v, i) => this.stepEdge(p[i]!, v, directed, mask)),
    }));
    return { length, paths, truncated: found.length > options.limit };
  }
}

/** Removes repeated sequences (parallel relationships of different kinds give the same nodes). */
function dedupe(seqs: number[][]): number[][] {
  const seen = new Set<string>();
  return seqs.filter((q) => {
    const k = q.join(',');
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function compareSeq(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
