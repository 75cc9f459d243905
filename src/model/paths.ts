/**
 * Shortest paths between two nodes of the network, on a compact in-memory index (compressed
 * sparse rows in typed arrays): a bidirectional breadth-first search that returns every shortest
 * path up to a limit, deterministic for a given graph. Pure: the server builds the index from
 * whichever store is loaded, so both backends give the same answers.
 */
import { NETWORK_EDGE_KINDS, type EdgeKind, type NetworkEdge } from './api';

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

/** The answer of {@link shortestPaths}. */
export interface PathResult {
  /** Relationships in each path; null when there is no path within `maxHops`. */
  length: number | null;
  paths: Path[];
  /** True when more shortest paths exist than `limit`. */
  truncated: boolean;
}

const KIND_BIT = new Map<EdgeKind, number>(NETWORK_EDGE_KINDS.map((k, i) => [k, 1 << i]));

/** Compressed adjacency of the network in both directions. */
export class PathIndex {
  readonly ids: readonly string[];
  private readonly indexOf: Map<string, number>;
  private readonly outStart: Int32Array;
  private readonly outTarget: Int32Array;
  private readonly outKind: Uint8Array;
  private readonly inStart: Int32Array;
  private readonly inSource: Int32Array;
  private readonly inKind: Uint8Array;

  /**
   * Builds the index. Node ids and edges are sorted first, so the order of the input (which
   * differs between backends) does not change any answer. Edges to unknown nodes are dropped.
   */
  constructor(nodeIds: Iterable<string>, edges: Iterable<NetworkEdge>) {
    const ids = [...new Set(nodeIds)].sort();
    this.ids = ids;
    this.indexOf = new Map(ids.map((id, i) => [id, i]));
    const kindIndex = new Map(NETWORK_EDGE_KINDS.map((k, i) => [k, i]));
    const src: number[] = [];
    const dst: number[] = [];
    const knd: number[] = [];
    for (const e of edges) {
      const s = this.indexOf.get(e.source);
      const t = this.indexOf.get(e.target);
      const k = kindIndex.get(e.kind);
      if (s === undefined || t === undefined || k === undefined || s === t) continue;
      src.push(s);
      dst.push(t);
      knd.push(k);
    }
    const n = ids.length;
    const m = src.length;
    // Sort edges by (source, target, kind) so neighbour order is the same everywhere.
    const order = Int32Array.from({ length: m }, (_, i) => i).sort(
      (a, b) => src[a]! - src[b]! || dst[a]! - dst[b]! || knd[a]! - knd[b]!,
    );
    this.outStart = new Int32Array(n + 1);
    this.inStart = new Int32Array(n + 1);
    for (let i = 0; i < m; i++) {
      this.outStart[src[i]! + 1]! += 1;
      this.inStart[dst[i]! + 1]! += 1;
    }
    for (let i = 0; i < n; i++) {
      this.outStart[i + 1]! += this.outStart[i]!;
      this.inStart[i + 1]! += this.inStart[i]!;
    }
    this.outTarget = new Int32Array(m);
    this.outKind = new Uint8Array(m);
    this.inSource = new Int32Array(m);
    this.inKind = new Uint8Array(m);
    const outFill = this.outStart.slice(0, n);
    const inFill = this.inStart.slice(0, n);
    for (const e of order) {
      const s = src[e]!;
      const t = dst[e]!;
      const o = outFill[s]!++;
      this.outTarget[o] = t;
      this.outKind[o] = knd[e]!;
      const p = inFill[t]!++;
      this.inSource[p] = s;
      this.inKind[p] = knd[e]!;
    }
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
    const mask = options.kinds.reduce((m, k) => m | (KIND_BIT.get(k) ?? 0), 0);
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
