/**
 * The concept map: the curated crosstalk drawn as tissues, cells and factors, with graded
 * evidence, conditions and processes on an optional outer ring, and a layout that is computed
 * (seeded, never random) so the map looks the same on every visit. Pure.
 *
 * Co-mention strength (the outer ring's links) is the **Jaccard index over works**:
 * |works mentioning both| / |works mentioning either|, in [0, 1]. A raw count would favour
 * whatever is mentioned most (bone, ageing); Jaccard is high only when two concepts are mostly
 * mentioned together. A link needs at least {@link MIN_SHARED_WORKS} shared works.
 *
 * Over 400 lines: the map's payload types, the graded evidence, the co-mention ring and the seeded
 * placement are one computation over the same rows; the types are the API's contract.
 */
import {
  CROSSTALK_RULE,
  MATRIX_TISSUES,
  RESIDENT_CELLS,
  type Effect,
  type MatrixRelation,
} from './crosstalk-rule';
import { coOccurrenceSentence, gradeWork, type EvidenceGrade, type MatchPlace } from './evidence-grade';

/** How the ring's links are measured, in one line (shown in the legend). */
export const CO_MENTION_MEASURE =
  'Ring links: Jaccard index over works (works mentioning both ÷ works mentioning either), at least 2 shared works; strongest 3 per condition or process.';

/** Shared works a ring link needs. */
export const MIN_SHARED_WORKS = 2;
/** Ring links kept per condition or process. */
export const RING_LINKS_PER_CONCEPT = 3;
/** Conditions and processes on the ring at most (the strongest). */
export const MAX_RING_CONCEPTS = 18;

/** A concept on the map. */
export interface MapConcept {
  id: string;
  name: string;
  /** The label drawn: the name, or its shortest abbreviation when the name is long. */
  short: string;
  category: string;
  parents: string[];
  /** Works mentioning it. */
  works: number;
  /** Drawn in the core (tissue, cell, factor, factor class) or on the outer ring (condition, process). */
  place: 'core' | 'ring';
}

/** One evidence work of a relation and where the data showed each end in it. */
export interface MapEvidence {
  work: string;
  fromIn: MatchPlace[];
  toIn: MatchPlace[];
}

/** A curated relation on the map. */
export interface MapRelation {
  /** `<type>:<from>><to>` */
  id: string;
  type: MatrixRelation['type'];
  from: string;
  to: string;
  effect: Effect | null;
  evidence: MapEvidence[];
  /** Evidence works graded primary / review / unknown. */
  grades: Record<'primary' | 'review' | 'unknown', number>;
  /** Year of its first dated evidence work; null when none is dated. */
  firstYear: number | null;
}

/** An evidence work with its grade. */
export interface MapWork extends EvidenceGrade {
  id: string;
  title: string | null;
  year: number | null;
  journal: string | null;
  firstAuthor: string | null;
  type: string | null;
}

/** A ring link: how strongly a condition or process is co-mentioned with a core concept. */
export interface CoMention {
  context: string;
  concept: string;
  shared: number;
  jaccard: number;
}

/** A sentence of an abstract naming both ends of a curated relation: machine-found, not curated. */
export interface CoOccurrence {
  relation: string;
  work: string;
  sentence: string;
}

/** GET /api/concept-map */
export interface ConceptMapPayload {
  rule: string;
  measure: string;
  concepts: MapConcept[];
  relations: MapRelation[];
  works: Record<string, MapWork>;
  coMentions: CoMention[];
  coOccurrences: CoOccurrence[];
  /** Positions on a {@link MAP_WIDTH} × {@link MAP_HEIGHT} canvas, with and without the outer ring. */
  layout: { width: number; height: number; core: PlacedConcept[]; withRing: PlacedConcept[] };
}

/** Width of the map's canvas (px; the view scales it to fit). */
export const MAP_WIDTH = 960;
/** Height of the map's canvas. */
export const MAP_HEIGHT = 600;

/** A concept as read from the store. */
export interface ConceptRow {
  id: string;
  name: string;
  category: string;
  parents: string[];
  abbreviations: string[];
}

/** A MENTIONS relationship as read from the store. */
export interface MentionRow {
  work: string;
  concept: string;
  foundIn: string[];
  matched: string[];
}

/** A work as read from the store (only the works the map needs). */
export interface WorkRow {
  id: string;
  title: string | null;
  year: number | null;
  journal: string | null;
  firstAuthor: string | null;
  type: string | null;
  openalex: string | null;
  mesh: string[];
  abstract: string | null;
  publicationTypes?: string[];
}

const CORE = new Set(['tissue', 'cell', 'factor', 'factor-class']);
const RING = new Set(['condition', 'process']);
const SHORT_NAME = 12;

/** The label of a concept: its name, or the shortest abbreviation when the name is longer than 12. */
export function shortName(name: string, abbreviations: readonly string[]): string {
  if (name.length <= SHORT_NAME || abbreviations.length === 0) return name;
  return abbreviations.reduce((a, b) => (b.length < a.length ? b : a));
}

/** Relation id as the map and its URL use it. */
export const relationId = (r: Pick<MatrixRelation, 'type' | 'from' | 'to'>): string =>
  `${r.type}:${r.from}>${r.to}`;

/** The works the map needs read in full: evidence works and works whose abstract names both ends of a relation. */
export function worksNeeded(relations: readonly MatrixRelation[], mentions: readonly MentionRow[]): string[] {
  const ids = new Set(relations.flatMap((r) => r.evidence));
  const inAbstract = new Map<string, Set<string>>();
  for (const m of mentions) {
    if (!m.foundIn.includes('abstract')) continue;
    const s = inAbstract.get(m.concept) ?? new Set<string>();
    s.add(m.work);
    inAbstract.set(m.concept, s);
  }
  for (const r of relations) {
    const a = inAbstract.get(r.from);
    const b = inAbstract.get(r.to);
    if (a && b) for (const w of a) if (b.has(w)) ids.add(w);
  }
  return [...ids].sort();
}

/** The members of both sets, sorted; walks the smaller one. */
function sharedSorted(a: ReadonlySet<string>, b: ReadonlySet<string>): string[] {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  const out: string[] = [];
  for (const x of small) if (large.has(x)) out.push(x);
  return out.sort();
}

/** Builds the map's payload from what the store holds. */
export function buildConceptMap(
  concepts: readonly ConceptRow[],
  relations: readonly MatrixRelation[],
  mentions: readonly MentionRow[],
  workRows: readonly WorkRow[],
): ConceptMapPayload {
  const byWork = new Map(workRows.map((w) => [w.id, w]));
  const mentionOf = new Map<string, MentionRow>();
  const worksOf = new Map<string, Set<string>>();
  for (const m of mentions) {
    mentionOf.set(`${m.work}|${m.concept}`, m);
    const s = worksOf.get(m.concept) ?? new Set<string>();
    s.add(m.work);
    worksOf.set(m.concept, s);
  }
  const works: Record<string, MapWork> = {};
  const grade = (id: string): MapWork | null => {
    const w = byWork.get(id);
    if (!w) return null;
    return (works[id] ??= {
      id,
      title: w.title,
      year: w.year,
      journal: w.journal,
      firstAuthor: w.firstAuthor,
      type: w.type,
      ...gradeWork(w),
    });
  };
  const places = (work: WorkRow | undefined, concept: string, name: string): MatchPlace[] => {
    const m = mentionOf.get(`${work?.id ?? ''}|${concept}`);
    const out = (m?.foundIn ?? []).filter(
      (f): f is MatchPlace => f === 'title' || f === 'keywords' || f === 'abstract',
    );
    const mesh = work?.mesh.map((x) => x.toLowerCase()) ?? [];
    if (mesh.includes(name.toLowerCase()) || (m?.matched ?? []).some((t) => mesh.includes(t.toLowerCase())))
      out.push('MeSH');
    return out;
  };
  const conceptById = new Map(concepts.map((c) => [c.id, c]));
  const nameOf = (id: string): string => conceptById.get(id)?.name ?? id;
  const mapRelations: MapRelation[] = [];
  const coOccurrences: CoOccurrence[] = [];
  for (const r of relations) {
    if (r.evidence.length === 0) continue;
    const evidence = [...new Set(r.evidence)].sort().map((id) => ({
      work: id,
      fromIn: places(byWork.get(id), r.from, nameOf(r.from)),
      toIn: places(byWork.get(id), r.to, nameOf(r.to)),
    }));
    const grades = { primary: 0, review: 0, unknown: 0 };
    let firstYear: number | null = null;
    for (const e of evidence) {
      const w = grade(e.work);
      grades[w?.support ?? 'unknown'] += 1;
      if (w?.year != null && (firstYear === null || w.year < firstYear)) firstYear = w.year;
    }
    const id = relationId(r);
    mapRelations.push({
      id,
      type: r.type,
      from: r.from,
      to: r.to,
      effect: r.effect,
      evidence,
      grades,
      firstYear,
    });
    // Machine-found: sentences of abstracts naming both ends (evidence or not), kept apart from the evidence.
    const a = worksOf.get(r.from);
    const b = worksOf.get(r.to);
    for (const w of a && b ? sharedSorted(a, b) : []) {
      const abstract = byWork.get(w)?.abstract;
      const mf = mentionOf.get(`${w}|${r.from}`);
      const mt = mentionOf.get(`${w}|${r.to}`);
      if (!abstract || !mf?.foundIn.includes('abstract') || !mt?.foundIn.includes('abstract')) continue;
      const sentence = coOccurrenceSentence(abstract, mf.matched, mt.matched);
      if (sentence) {
        grade(w);
        coOccurrences.push({ relation: id, work: w, sentence });
      }
    }
  }
  mapRelations.sort((x, y) => x.id.localeCompare(y.id));

  const inRelation = new Set([...MATRIX_TISSUES, ...mapRelations.flatMap((r) => [r.from, r.to])]);
  const core = concepts.filter((c) => CORE.has(c.category) && inRelation.has(c.id));
  const coMentions = ringLinks(
    concepts.filter((c) => RING.has(c.category)).map((c) => c.id),
    core.map((c) => c.id),
    worksOf,
  );
  const ringIds = new Set(coMentions.map((l) => l.context));
  const mapConcepts: MapConcept[] = [...core, ...concepts.filter((c) => ringIds.has(c.id))]
    .map((c) => ({
      id: c.id,
      name: c.name,
      short: shortName(c.name, c.abbreviations),
      category: c.category,
      parents: c.parents,
      works: worksOf.get(c.id)?.size ?? 0,
      place: RING.has(c.category) ? ('ring' as const) : ('core' as const),
    }))
    .sort((x, y) => x.id.localeCompare(y.id));
  const unplaced = {
    rule: CROSSTALK_RULE,
    measure: CO_MENTION_MEASURE,
    concepts: mapConcepts,
    relations: mapRelations,
    works,
    coMentions,
    coOccurrences,
  };
  const size = { width: MAP_WIDTH, height: MAP_HEIGHT };
  return {
    ...unplaced,
    layout: {
      ...size,
      core: layoutConceptMap(unplaced, { ...size, ring: false }),
      withRing: layoutConceptMap(unplaced, { ...size, ring: true }),
    },
  };
}

/** Jaccard co-mention links from each condition/process to core concepts (see the module comment). */
export function ringLinks(
  contexts: readonly string[],
  core: readonly string[],
  worksOf: ReadonlyMap<string, ReadonlySet<string>>,
): CoMention[] {
  // Shared works counted per work (each mentions a few concepts) rather than by intersecting every
  // context's set with every core concept's: at 100k works that was ~10M set lookups (1.3 s).
  const coreOfWork = new Map<string, number[]>();
  core.forEach((concept, j) => {
    for (const w of worksOf.get(concept) ?? []) {
      const list = coreOfWork.get(w);
      if (list) list.push(j);
      else coreOfWork.set(w, [j]);
    }
  });
  const perContext: CoMention[][] = [];
  const sharedWith = new Uint32Array(core.length);
  for (const context of contexts) {
    const a = worksOf.get(context);
    if (!a || a.size === 0) continue;
    sharedWith.fill(0);
    for (const w of a) for (const j of coreOfWork.get(w) ?? []) sharedWith[j]! += 1;
    const links: CoMention[] = [];
    for (const [j, concept] of core.entries()) {
      const b = worksOf.get(concept);
      if (!b) continue;
      const shared = sharedWith[j]!;
      if (shared < MIN_SHARED_WORKS) continue;
      const jaccard = shared / (a.size + b.size - shared);
      links.push({ context, concept, shared, jaccard: Math.round(jaccard * 1000) / 1000 });
    }
    links.sort((x, y) => y.jaccard - x.jaccard || x.concept.localeCompare(y.concept));
    if (links.length > 0) perContext.push(links.slice(0, RING_LINKS_PER_CONCEPT));
  }
  perContext.sort((x, y) => y[0]!.jaccard - x[0]!.jaccard || x[0]!.context.localeCompare(y[0]!.context));
  return perContext.slice(0, MAX_RING_CONCEPTS).flat();
}

/** Filters of the map. */
export interface MapFilters {
  /** Categories drawn (tissue, cell, factor, factor-class; condition/process = the ring). */
  categories: ReadonlySet<string>;
  effects: ReadonlySet<Effect | 'none'>;
  /** Relations need at least this many primary works. */
  minPrimary: number;
  /** Relations whose first dated evidence is after this year are left out (null: no limit; undated ones then show). */
  year: number | null;
}

/** The relations a filter keeps. Undated relations show only without a year limit. */
export function visibleRelations(
  p: Pick<ConceptMapPayload, 'concepts' | 'relations'>,
  f: MapFilters,
): MapRelation[] {
  const category = new Map(p.concepts.map((c) => [c.id, c.category]));
  return p.relations.filter(
    (r) =>
      f.categories.has(category.get(r.from) ?? '') &&
      f.categories.has(category.get(r.to) ?? '') &&
      (r.type === 'SECRETED_BY' || f.effects.has(r.effect ?? 'none')) &&
      r.grades.primary >= f.minPrimary &&
      (f.year === null || (r.firstYear !== null && r.firstYear <= f.year)),
  );
}

// ---- Layout ---------------------------------------------------------------------------------

/** Where a concept is drawn and the box its label takes (px, origin top left). */
export interface PlacedConcept {
  id: string;
  x: number;
  y: number;
  r: number;
  /** The label's box: centred under the disc. */
  label: { x: number; y: number; w: number; h: number };
}

/** Size of the drawing in px and whether the outer ring is drawn. */
export interface LayoutOptions {
  width: number;
  height: number;
  ring: boolean;
  /** Seed of the start positions (default 7). */
  seed?: number;
}

/**
 * Width of a label in px: 7 px per character at the map's 12 px font (wider than the average
 * Latin letter, so real text fits), 8 px at the anchors' bold 13 px, plus padding.
 */
export const labelWidth = (text: string, anchor = false): number =>
  Math.ceil(text.length * (anchor ? 8 : 7)) + 10;
const LABEL_H = 16;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * Places the map: the three tissues as fixed anchors (bone left, skeletal muscle right, adipose
 * tissue on top), their sub-tissues and resident cells pulled close to them, every other concept
 * pulled towards the concepts it is related to (so a factor sits between the tissues that secrete
 * it and those it acts on), conditions/processes on an outer ellipse in the order of the concepts
 * they are linked to; then label boxes are pushed apart until none overlap. Deterministic.
 */
export function layoutConceptMap(p: Omit<ConceptMapPayload, 'layout'>, opts: LayoutOptions): PlacedConcept[] {
  const { width: W, height: H } = opts;
  const rand = mulberry32(opts.seed ?? 7);
  const core = p.concepts.filter((c) => c.place === 'core');
  const ring = opts.ring ? p.concepts.filter((c) => c.place === 'ring') : [];
  const pad = 8;
  // The core's ellipse leaves room for the ring.
  const cx = W / 2;
  const cy = H / 2;
  const rx = opts.ring ? W * 0.36 : W * 0.46;
  const ry = opts.ring ? H * 0.34 : H * 0.44;
  const anchors: Record<string, [number, number]> = {
    'concept:bone': [cx - rx * 0.78, cy + ry * 0.45],
    'concept:skeletal-muscle': [cx + rx * 0.78, cy + ry * 0.45],
    'concept:adipose-tissue': [cx, cy - ry * 0.7],
  };
  const byId = new Map(core.map((c) => [c.id, c]));
  const anchorOf = (id: string): string | null => {
    const seen = new Set<string>();
    const q = [id];
    while (q.length > 0) {
      const c = q.shift()!;
      if (seen.has(c)) continue;
      seen.add(c);
      if (anchors[c]) return c;
      for (const t of MATRIX_TISSUES) if (RESIDENT_CELLS[t].includes(c)) return t;
      q.push(...(byId.get(c)?.parents ?? []));
    }
    return null;
  };
  const radius = (c: MapConcept): number =>
    c.place === 'ring' ? 5 : anchors[c.id] ? 14 : c.category === 'tissue' || c.category === 'cell' ? 8 : 7;
  interface Node {
    c: MapConcept;
    x: number;
    y: number;
    fixed: boolean;
    r: number;
    w: number;
  }
  const nodes: Node[] = core.map((c) => {
    const a = anchors[c.id];
    const home = anchorOf(c.id);
    const [hx, hy] = home && anchors[home] ? anchors[home] : [cx, cy];
    const j = mulberry32(hash(c.id) ^ (opts.seed ?? 7));
    return {
      c,
      x: a ? a[0] : hx + (j() - 0.5) * rx * 0.5 + (rand() - 0.5),
      y: a ? a[1] : hy + (j() - 0.5) * ry * 0.5,
      fixed: a !== undefined,
      r: radius(c),
      w: labelWidth(c.short, a !== undefined),
    };
  });
  const idx = new Map(nodes.map((n, i) => [n.c.id, i]));
  const springs: [number, number, number][] = [];
  for (const r of p.relations) {
    const a = idx.get(r.from);
    const b = idx.get(r.to);
    if (a !== undefined && b !== undefined) springs.push([a, b, 1]);
  }
  for (const n of nodes) {
    const home = anchorOf(n.c.id);
    const a = home ? idx.get(home) : undefined;
    const i = idx.get(n.c.id)!;
    if (a !== undefined && a !== i) springs.push([i, a, n.c.category === 'factor' ? 0.6 : 3]);
  }
  // Force simulation with a cooling step size (fixed iteration count: same input, same output).
  const ITER = 300;
  for (let it = 0; it < ITER; it++) {
    const step = 1 - it / ITER;
    const fx = new Float64Array(nodes.length);
    const fy = new Float64Array(nodes.length);
    for (const [a, b, k] of springs) {
      const A = nodes[a]!;
      const B = nodes[b]!;
      const dx = B.x - A.x;
      const dy = B.y - A.y;
      const d = Math.hypot(dx, dy) || 1;
      const f = (k * (d - 80)) / d / 30;
      fx[a]! += dx * f;
      fy[a]! += dy * f;
      fx[b]! -= dx * f;
      fy[b]! -= dy * f;
    }
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const A = nodes[i]!;
        const B = nodes[j]!;
        let dx = B.x - A.x;
        let dy = B.y - A.y;
        let d2 = dx * dx + dy * dy;
        if (d2 < 1) {
          dx = (hash(A.c.id + B.c.id) % 7) - 3 || 1;
          dy = 1;
          d2 = dx * dx + dy * dy;
        }
        const f = 3000 / d2;
        const d = Math.sqrt(d2);
        fx[i]! -= (dx / d) * f;
        fy[i]! -= (dy / d) * f;
        fx[j]! += (dx / d) * f;
        fy[j]! += (dy / d) * f;
      }
    }
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i]!;
      if (n.fixed) continue;
      const cap = 12 * step + 0.5;
      n.x += Math.max(-cap, Math.min(cap, fx[i]!));
      n.y += Math.max(-cap, Math.min(cap, fy[i]!));
      // Stay inside the core's ellipse.
      const ex = (n.x - cx) / rx;
      const ey = (n.y - cy) / ry;
      const e = Math.hypot(ex, ey);
      if (e > 1) {
        n.x = cx + (ex / e) * rx;
        n.y = cy + (ey / e) * ry;
      }
    }
  }
  // The ring: each condition/process at the mean angle of the core concepts it is linked to, then spread evenly in that order.
  const ringNodes: Node[] = [];
  if (ring.length > 0) {
    const angleOf = new Map<string, number>();
    for (const c of ring) {
      let sx = 0;
      let sy = 0;
      for (const l of p.coMentions) {
        if (l.context !== c.id) continue;
        const n = nodes[idx.get(l.concept) ?? -1];
        if (!n) continue;
        sx += (n.x - cx) * l.jaccard;
        sy += (n.y - cy) * l.jaccard;
      }
      angleOf.set(c.id, Math.atan2(sy, sx));
    }
    const order = [...ring].sort(
      (a, b) => angleOf.get(a.id)! - angleOf.get(b.id)! || a.id.localeCompare(b.id),
    );
    const start = angleOf.get(order[0]!.id)!;
    const Rx = W / 2 - 70;
    const Ry = H / 2 - 24;
    order.forEach((c, i) => {
      const t = start + (i * 2 * Math.PI) / order.length;
      ringNodes.push({
        c,
        x: cx + Math.cos(t) * Rx,
        y: cy + Math.sin(t) * Ry,
        fixed: false,
        r: radius(c),
        w: labelWidth(c.short),
      });
    });
  }
  const all = [...nodes, ...ringNodes];
  // Label boxes pushed apart (anchors stay), then kept inside the drawing.
  const box = (n: Node) => ({ x: n.x - n.w / 2, y: n.y - n.r - 2, w: n.w, h: n.r * 2 + LABEL_H + 2 });
  for (let it = 0; it < 400; it++) {
    let moved = false;
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        const A = all[i]!;
        const B = all[j]!;
        const a = box(A);
        const b = box(B);
        const ox = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
        const oy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
        if (ox <= -2 || oy <= -2) continue;
        moved = true;
        const wa = A.fixed ? 0 : B.fixed ? 1 : 0.5;
        const wb = 1 - wa;
        if (ox + 2 < oy + 2) {
          const s = (ox + 3) * (A.x <= B.x ? -1 : 1);
          A.x += s * wa;
          B.x -= s * wb;
        } else {
          const s = (oy + 3) * (A.y <= B.y ? -1 : 1);
          A.y += s * wa;
          B.y -= s * wb;
        }
      }
    }
    for (const n of all) {
      n.x = Math.max(pad + n.w / 2, Math.min(W - pad - n.w / 2, n.x));
      n.y = Math.max(pad + n.r, Math.min(H - pad - n.r - LABEL_H, n.y));
    }
    if (!moved) break;
  }
  return all.map((n) => ({
    id: n.c.id,
    x: Math.round(n.x * 10) / 10,
    y: Math.round(n.y * 10) / 10,
    r: n.r,
    label: { x: n.x - n.w / 2, y: n.y + n.r + 1, w: n.w, h: LABEL_H },
  }));
}
