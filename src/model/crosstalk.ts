/**
 * The crosstalk matrix: which factors are secreted by one tissue and act on another, with the
 * works that support each half. Rows are the source tissue, columns the target tissue. Pure.
 *
 * A relation counts for a tissue when its end is the tissue itself, a sub-tissue (IS_A, e.g.
 * cortical bone → bone) or one of the tissue's resident cells (e.g. osteocyte → bone). Factor
 * classes are factors of their own here: "myokine SECRETED_BY skeletal muscle" does not make
 * every myokine secreted by muscle, because that claim would have no evidence of its own.
 */
import type { EFFECTS } from './graph-schema';

/** Effect of a factor on its target. */
type Effect = (typeof EFFECTS)[number];

/** The tissues of the matrix, in display order. */
export const MATRIX_TISSUES = ['concept:bone', 'concept:skeletal-muscle', 'concept:adipose-tissue'] as const;

/** A tissue of the matrix. */
export type MatrixTissue = (typeof MATRIX_TISSUES)[number];

/**
 * Resident cells of each tissue (textbook anatomy, not a literature claim): a relation to one
 * of them is a relation to its tissue. Fibro-adipogenic progenitors (FAPs) live in muscle.
 */
export const RESIDENT_CELLS: Readonly<Record<MatrixTissue, readonly string[]>> = {
  'concept:bone': ['concept:osteoblast', 'concept:osteocyte', 'concept:osteoclast'],
  'concept:skeletal-muscle': [
    'concept:satellite-cell',
    'concept:myoblast',
    'concept:myofiber',
    'concept:fap',
  ],
  'concept:adipose-tissue': ['concept:adipocyte'],
};

/** A concept as the matrix needs it. */
export interface MatrixConcept {
  id: string;
  name: string;
  category: string;
  /** IS_A parents. */
  parents: string[];
  /** Abbreviations (e.g. IL-15), used for a short display name. */
  abbreviations?: string[];
}

/** A curated SECRETED_BY or ACTS_ON relation with its evidence works. */
export interface MatrixRelation {
  type: 'SECRETED_BY' | 'ACTS_ON';
  from: string;
  to: string;
  effect: Effect | null;
  evidence: string[];
}

/** One half of a factor's crosstalk: the concept it names and the works that support it. */
export interface MatrixLink {
  /** The tissue, sub-tissue or cell the relation names. */
  via: string;
  effect: Effect | null;
  evidence: string[];
}

/** A factor in a cell of the matrix. */
export interface MatrixFactor {
  id: string;
  secretedBy: MatrixLink[];
  actsOn: MatrixLink[];
  /** Distinct works supporting either half. */
  works: string[];
}

/** One cell: factors secreted by `source` that act on `target`. */
export interface MatrixCell {
  source: MatrixTissue;
  target: MatrixTissue;
  factors: MatrixFactor[];
  /** Distinct works supporting any factor of the cell. */
  works: string[];
}

/** The whole matrix, rows by source tissue. */
export interface CrosstalkMatrix {
  tissues: { id: MatrixTissue; name: string }[];
  cells: MatrixCell[];
  /** Names and categories of every concept the matrix refers to. */
  concepts: Record<string, { name: string; short: string; category: string }>;
}

/** The matrix tissue a concept belongs to (itself, by IS_A ancestry, or as a resident cell), if any. */
export function tissueOf(id: string, concepts: ReadonlyMap<string, MatrixConcept>): MatrixTissue | null {
  const seen = new Set<string>();
  const queue = [id];
  while (queue.length > 0) {
    const c = queue.shift()!;
    if (seen.has(c)) continue;
    seen.add(c);
    for (const t of MATRIX_TISSUES) if (c === t || RESIDENT_CELLS[t].includes(c)) return t;
    queue.push(...(concepts.get(c)?.parents ?? []));
  }
  return null;
}

/** Builds the matrix from the vocabulary and its curated relations. */
export function crosstalkMatrix(concepts: MatrixConcept[], relations: MatrixRelation[]): CrosstalkMatrix {
  const byId = new Map(concepts.map((c) => [c.id, c]));
  const secreted = new Map<string, Map<MatrixTissue, MatrixLink[]>>();
  const acts = new Map<string, Map<MatrixTissue, MatrixLink[]>>();
  for (const r of relations) {
    const tissue = tissueOf(r.to, byId);
    if (!tissue) continue;
    const table = r.type === 'SECRETED_BY' ? secreted : acts;
    const perTissue = table.get(r.from) ?? new Map<MatrixTissue, MatrixLink[]>();
    table.set(r.from, perTissue);
    const links = perTissue.get(tissue) ?? [];
    links.push({ via: r.to, effect: r.effect, evidence: [...new Set(r.evidence)].sort() });
    perTissue.set(tissue, links);
  }
  const cells: MatrixCell[] = [];
  for (const source of MATRIX_TISSUES) {
    for (const target of MATRIX_TISSUES) {
      const factors: MatrixFactor[] = [];
      for (const [factor, bySource] of secreted) {
        const s = bySource.get(source);
        const a = acts.get(factor)?.get(target);
        if (!s || !a) continue;
        const works = [...new Set([...s, ...a].flatMap((l) => l.evidence))].sort();
        factors.push({ id: factor, secretedBy: sortLinks(s), actsOn: sortLinks(a), works });
      }
      factors.sort(
        (x, y) =>
          y.works.length - x.works.length ||
          (byId.get(x.id)?.name ?? x.id).localeCompare(byId.get(y.id)?.name ?? y.id),
      );
      cells.push({ source, target, factors, works: [...new Set(factors.flatMap((f) => f.works))].sort() });
    }
  }
  const referenced = new Set<string>([
    ...MATRIX_TISSUES,
    ...cells.flatMap((c) =>
      c.factors.flatMap((f) => [f.id, ...[...f.secretedBy, ...f.actsOn].map((l) => l.via)]),
    ),
  ]);
  const names: CrosstalkMatrix['concepts'] = {};
  for (const id of [...referenced].sort()) {
    const c = byId.get(id);
    const name = c?.name ?? id;
    const short = [name, ...(c?.abbreviations ?? [])].reduce((a, b) => (b.length < a.length ? b : a));
    names[id] = { name, short, category: c?.category ?? 'unknown' };
  }
  return {
    tissues: MATRIX_TISSUES.map((id) => ({ id, name: byId.get(id)?.name ?? id })),
    cells,
    concepts: names,
  };
}

function sortLinks(links: MatrixLink[]): MatrixLink[] {
  return [...links].sort((a, b) => a.via.localeCompare(b.via));
}
