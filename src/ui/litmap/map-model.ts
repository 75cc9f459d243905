/**
 * The literature map as a graphology graph, and the pure geometry around it: seeded start
 * positions (clusters on a circle, so ForceAtlas2 starts from a readable arrangement), the
 * timeline layout (x = year, y = cluster band or citations, as Litmaps does), node sizes and
 * colours. No DOM: the view and the tests call these.
 */
import Graph from 'graphology';
import seedrandom from 'seedrandom';
import type { LitMapPayload, LitMapWork } from '../../model/litmap';
import { shortWorkName } from '../model/work-name';
import { COMMUNITY_COLORS, OTHER_COMMUNITY_COLOR } from '../model/palette';
import type { LitMapColor, LitMapTimeY } from '../state/store';

/** Attributes of a work on the map (no `type`: sigma picks its program from it). */
export interface MapNodeAttributes {
  x: number;
  y: number;
  size: number;
  color: string;
  /** "Surname year". */
  label: string;
  title: string;
  year: number | null;
  citedBy: number;
  cluster: number | null;
  isSeed: boolean;
}

/** Attributes of a similarity link. */
export interface MapEdgeAttributes {
  similarity: number;
  size: number;
  color: string;
}

/** The map's graph. */
export type MapGraph = Graph<MapNodeAttributes, MapEdgeAttributes>;

/** Seed of the start positions and of the layout. */
export const MAP_LAYOUT_SEED = 'crosstalk-litmap';
/** Half-extent of the map in graph units. */
export const MAP_RADIUS = 100;

/**
 * Node radius in pixels from in-graph citations, √-scaled to the map's most cited work (so a
 * classic does not hide the rest), from 5 px to a largest that shrinks as the map fills: 22 px up
 * to ~100 works, ~14 px for 300. With 4 + 2.2·√citations, every work of a 300-work map at 10k
 * works was cited enough to be 22 px, and the map was one mass of overlapping discs.
 */
export function nodeSize(citedBy: number, mostCited: number, works: number): number {
  const largest = Math.min(22, Math.max(10, 4 + 180 / Math.sqrt(Math.max(1, works))));
  return 5 + (largest - 5) * Math.sqrt(Math.max(0, citedBy) / Math.max(1, mostCited));
}

/** The colour of a cluster (the palette, largest first; unclustered grey). */
export function clusterColor(cluster: number | null): string {
  return cluster === null ? OTHER_COMMUNITY_COLOR : (COMMUNITY_COLORS[cluster] ?? OTHER_COMMUNITY_COLOR);
}

/** Colour-blind-safe sequential stops (viridis) for colour by year, oldest first. */
export const YEAR_STOPS = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'] as const;
/** Works without a year when colouring by year. */
export const NO_YEAR_COLOR = '#BBBBBB';

const hex = (c: string): [number, number, number] => [
  parseInt(c.slice(1, 3), 16),
  parseInt(c.slice(3, 5), 16),
  parseInt(c.slice(5, 7), 16),
];

/** The colour of `year` on the scale from `min` to `max` (viridis, interpolated). */
export function yearColor(year: number | null, min: number, max: number): string {
  if (year === null) return NO_YEAR_COLOR;
  const t = max > min ? Math.min(1, Math.max(0, (year - min) / (max - min))) : 1;
  const f = t * (YEAR_STOPS.length - 1);
  const i = Math.min(YEAR_STOPS.length - 2, Math.floor(f));
  const a = hex(YEAR_STOPS[i]!);
  const b = hex(YEAR_STOPS[i + 1]!);
  const u = f - i;
  return `#${a
    .map((v, k) =>
      Math.round(v + (b[k]! - v) * u)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** The years the map spans (null when no work has a year). */
export function yearRange(works: readonly Pick<LitMapWork, 'year'>[]): { min: number; max: number } | null {
  const years = works.map((w) => w.year).filter((y): y is number => y !== null);
  if (years.length === 0) return null;
  return { min: Math.min(...years), max: Math.max(...years) };
}

/** The colour of a work in a colour mode. */
export function workColor(
  w: Pick<LitMapWork, 'cluster' | 'year'>,
  mode: LitMapColor,
  years: { min: number; max: number } | null,
): string {
  return mode === 'year' ? yearColor(w.year, years?.min ?? 0, years?.max ?? 0) : clusterColor(w.cluster);
}

/** The golden angle: consecutive works of a sunflower spiral are this far apart. */
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/**
 * Start positions: each cluster on its own spot of a circle (largest first, clockwise from the
 * top), its works on a sunflower spiral around that spot (most cited in the middle, the disc's
 * area following the cluster's size, spots apart so clusters do not overlap); unclustered works
 * on an outer ring. Deterministic. The map is first drawn at these positions (before
 * ForceAtlas2's), so they must already read as separate groups: a seeded jitter of ±15 % put
 * 300 works of two clusters into two overlapping blobs.
 */
export function startPositions(
  payload: Pick<LitMapPayload, 'works' | 'clusters'>,
  seed = MAP_LAYOUT_SEED,
): Map<string, { x: number; y: number }> {
  const rng = seedrandom(seed);
  const out = new Map<string, { x: number; y: number }>();
  const k = Math.max(1, payload.clusters.length);
  const unclustered = payload.works.filter((w) => w.cluster === null);
  const ring = k > 1 ? MAP_RADIUS * 0.5 : 0;
  // A cluster's disc: at most half the distance to the next spot (and to the outer ring).
  const widest = k > 1 ? Math.min(ring * Math.sin(Math.PI / k), MAP_RADIUS * 0.45) : MAP_RADIUS * 0.8;
  const members = new Map<number, LitMapWork[]>();
  for (const w of payload.works) {
    if (w.cluster === null) continue;
    const list = members.get(w.cluster) ?? [];
    list.push(w);
    members.set(w.cluster, list);
  }
  const largest = Math.max(1, ...[...members.values()].map((l) => l.length));
  const turn = rng() * 2 * Math.PI;
  for (const [cluster, list] of members) {
    const angle = (2 * Math.PI * cluster) / k - Math.PI / 2;
    const cx = ring * Math.cos(angle);
    const cy = ring * Math.sin(angle);
    const spread = widest * Math.sqrt(list.length / largest);
    list.sort((a, b) => b.citedBy - a.citedBy || (a.id < b.id ? -1 : 1));
    list.forEach((w, i) => {
      const r = spread * Math.sqrt((i + 0.5) / list.length);
      const a = turn + i * GOLDEN_ANGLE;
      out.set(w.id, { x: cx + r * Math.cos(a), y: cy + r * Math.sin(a) });
    });
  }
  unclustered.forEach((w, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, unclustered.length) + rng() * 0.2;
    out.set(w.id, { x: MAP_RADIUS * Math.cos(angle), y: MAP_RADIUS * Math.sin(angle) });
  });
  return out;
}

/** Builds the map's graph from an answer (positions: the start positions). */
export function buildMapGraph(payload: LitMapPayload, color: LitMapColor): MapGraph {
  // Directed (source < target, each link once), though similarity has no direction: the layout
  // (ui/layout subsetInput) reads a node's out-edges, and an undirected graph has none, so
  // ForceAtlas2 saw no link at all and placed the works by repulsion and gravity alone.
  const g: MapGraph = new Graph({ type: 'directed', multi: false, allowSelfLoops: false });
  const start = startPositions(payload);
  const years = yearRange(payload.works);
  const mostCited = Math.max(1, ...payload.works.map((w) => w.citedBy));
  for (const w of payload.works) {
    const p = start.get(w.id) ?? { x: 0, y: 0 };
    g.addNode(w.id, {
      x: p.x,
      y: p.y,
      size: nodeSize(w.citedBy, mostCited, payload.works.length),
      color: workColor(w, color, years),
      label: shortWorkName(w, w.id),
      title: w.title ?? w.id,
      year: w.year,
      citedBy: w.citedBy,
      cluster: w.cluster,
      isSeed: w.isSeed,
    });
  }
  for (const l of payload.links) {
    if (!g.hasNode(l.source) || !g.hasNode(l.target) || g.hasEdge(l.source, l.target)) continue;
    g.addEdge(l.source, l.target, {
      similarity: l.similarity,
      size: 0.5 + Math.min(2, l.similarity) * 1.2,
      color: '#c8c8c8',
    });
  }
  return g;
}

/** One band of the timeline: a cluster (or the unclustered works) and its vertical extent. */
export interface TimeBand {
  cluster: number | null;
  /** Centre of the band (graph units, y up). */
  y: number;
  height: number;
}

/** The timeline: positions and, for y = cluster, the bands. */
export interface TimeLayout {
  positions: Map<string, { x: number; y: number }>;
  bands: TimeBand[];
  /** Graph x of a year (for the axis). */
  xOfYear: (year: number) => number;
  years: { min: number; max: number } | null;
}

/**
 * The timeline layout: x = year (works without a year in a column left of the oldest); y = one
 * band per cluster (largest at the top, unclustered last), works of one year and band stacked by
 * citations (most cited in the middle); or y = log(1 + in-graph citations). Deterministic.
 */
export function timeLayout(payload: Pick<LitMapPayload, 'works' | 'clusters'>, y: LitMapTimeY): TimeLayout {
  const years = yearRange(payload.works);
  const span = years ? Math.max(1, years.max - years.min) : 1;
  const width = 2 * MAP_RADIUS;
  const xOfYear = (year: number): number => -MAP_RADIUS + ((year - (years?.min ?? year)) / span) * width;
  const xOf = (w: LitMapWork): number =>
    w.year === null ? -MAP_RADIUS - width / Math.max(8, span) : xOfYear(w.year);
  const positions = new Map<string, { x: number; y: number }>();
  const bands: TimeBand[] = [];
  if (y === 'citations') {
    const maxLog = Math.max(1, ...payload.works.map((w) => Math.log1p(w.citedBy)));
    for (const w of payload.works)
      positions.set(w.id, { x: xOf(w), y: -MAP_RADIUS + (Math.log1p(w.citedBy) / maxLog) * width });
    return { positions, bands, xOfYear, years };
  }
  const keys: (number | null)[] = payload.clusters.map((c) => c.id);
  if (payload.works.some((w) => w.cluster === null)) keys.push(null);
  // Band height follows how many works of one year it must stack.
  const stackOf = new Map<string, LitMapWork[]>();
  for (const w of payload.works) {
    const key = `${w.cluster}|${w.year}`;
    const list = stackOf.get(key) ?? [];
    list.push(w);
    stackOf.set(key, list);
  }
  const tallest = new Map<number | null, number>(keys.map((k) => [k, 1]));
  for (const list of stackOf.values()) {
    const k = list[0]!.cluster;
    tallest.set(k, Math.max(tallest.get(k) ?? 1, list.length));
  }
  const total = [...tallest.values()].reduce((a, b) => a + b, 0);
  let top = MAP_RADIUS;
  for (const k of keys) {
    const height = (width * (tallest.get(k) ?? 1)) / total;
    bands.push({ cluster: k, y: top - height / 2, height });
    top -= height;
  }
  const bandOf = new Map(bands.map((b) => [b.cluster, b]));
  for (const list of stackOf.values()) {
    list.sort((a, b) => b.citedBy - a.citedBy || (a.id < b.id ? -1 : 1));
    const band = bandOf.get(list[0]!.cluster)!;
    const step = band.height / (list.length + 1);
    // Most cited in the middle, the others alternating above and below.
    list.forEach((w, i) => {
      const offset = (i % 2 === 0 ? 1 : -1) * Math.ceil(i / 2) * step;
      positions.set(w.id, { x: xOf(w), y: band.y + offset });
    });
  }
  return { positions, bands, xOfYear, years };
}

/** Year ticks for an axis: about `count` round years (every 1, 2, 5, 10, 20 … years). */
export function yearTicks(min: number, max: number, count = 8): number[] {
  const span = Math.max(1, max - min);
  const steps = [1, 2, 5, 10, 20, 25, 50, 100];
  const step = steps.find((s) => span / s <= count) ?? 100;
  const out: number[] = [];
  for (let y = Math.ceil(min / step) * step; y <= max; y += step) out.push(y);
  return out;
}

/** Where cluster labels go: the centroid of each cluster's works (graph units). */
export function clusterCentroids(g: MapGraph): Map<number, { x: number; y: number; n: number }> {
  const sums = new Map<number, { x: number; y: number; n: number }>();
  g.forEachNode((_id, a) => {
    if (a.cluster === null) return;
    const s = sums.get(a.cluster) ?? { x: 0, y: 0, n: 0 };
    s.x += a.x;
    s.y += a.y;
    s.n += 1;
    sums.set(a.cluster, s);
  });
  for (const s of sums.values()) {
    s.x /= s.n;
    s.y /= s.n;
  }
  return sums;
}
