/**
 * The one definition of "factor F from tissue A acts on tissue B". The crosstalk matrix, the
 * concept panel, the concept map and example query 02 all answer with it, and each shows
 * {@link CROSSTALK_RULE} where the answer appears. Pure.
 *
 * - A relation counts for a tissue when its end is the tissue itself, a sub-tissue (IS_A, e.g.
 *   cortical bone → bone) or one of the tissue's resident cells (e.g. osteocyte → bone).
 * - F counts in A → B when a curated SECRETED_BY relation with evidence names A (or its
 *   sub-tissue/cell) and a curated ACTS_ON relation with evidence names B (or its sub-tissue/cell).
 * - A factor class ("myokine", category `factor-class`) is a claim about the class: it may count
 *   in a cell, but apart from the member factors, and it never lends either half to its members
 *   ("myokine SECRETED_BY skeletal muscle" has no evidence that irisin is secreted by muscle).
 * - A member that has only one half of its own, the other half coming from one of its classes,
 *   is **one-sided**: not counted, listed only when asked, with the reason.
 */
import type { EFFECTS } from './graph-schema';

/** Effect of a factor on its target. */
export type Effect = (typeof EFFECTS)[number];

/** The rule in one line, shown beside every answer that uses it. */
export const CROSSTALK_RULE =
  'A factor counts in A → B only when curated relations with evidence say it is secreted by A and acts on B ' +
  '(each directly, through a sub-tissue or through a resident cell); a claim about a class such as ' +
  '"myokine" is shown apart and never counts for its members.';

/** The tissues crosstalk is read between, in display order. */
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

/** A concept as the rule needs it. */
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

/** Whether a factor's claim is about a class of factors or about one factor. */
export type ClaimLevel = 'member' | 'class';

/** Why a one-sided factor is not counted: which half has no evidence of its own. */
export type MissingHalf = 'source' | 'target';

/** A factor that has one half of A → B itself and the other only through one of its classes. */
export interface OneSidedFactor {
  id: string;
  missing: MissingHalf;
  /** The class whose claim supplies the missing half (e.g. myokine SECRETED_BY skeletal muscle). */
  viaClass: string;
  /** The half it has, with evidence (the other list is empty). */
  secretedBy: MatrixLink[];
  actsOn: MatrixLink[];
  works: string[];
}

/** The relations of a vocabulary indexed by factor and matrix tissue. */
export interface RuleIndex {
  byId: ReadonlyMap<string, MatrixConcept>;
  secreted: ReadonlyMap<string, ReadonlyMap<MatrixTissue, MatrixLink[]>>;
  acts: ReadonlyMap<string, ReadonlyMap<MatrixTissue, MatrixLink[]>>;
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

/** Indexes curated relations by factor and the matrix tissue their other end belongs to. */
export function ruleIndex(
  concepts: readonly MatrixConcept[],
  relations: readonly MatrixRelation[],
): RuleIndex {
  const byId = new Map(concepts.map((c) => [c.id, c]));
  const secreted = new Map<string, Map<MatrixTissue, MatrixLink[]>>();
  const acts = new Map<string, Map<MatrixTissue, MatrixLink[]>>();
  for (const r of relations) {
    // A relation without evidence is not a claim of this graph (toVerify entries are never loaded).
    if (r.evidence.length === 0) continue;
    const tissue = tissueOf(r.to, byId);
    if (!tissue) continue;
    const table = r.type === 'SECRETED_BY' ? secreted : acts;
    const perTissue = table.get(r.from) ?? new Map<MatrixTissue, MatrixLink[]>();
    table.set(r.from, perTissue);
    const links = perTissue.get(tissue) ?? [];
    links.push({ via: r.to, effect: r.effect, evidence: [...new Set(r.evidence)].sort() });
    links.sort((a, b) => a.via.localeCompare(b.via));
    perTissue.set(tissue, links);
  }
  return { byId, secreted, acts };
}

/** `class` for a factor class (category `factor-class`), else `member`. */
export function claimLevel(id: string, idx: RuleIndex): ClaimLevel {
  return idx.byId.get(id)?.category === 'factor-class' ? 'class' : 'member';
}

/** The factor classes a concept belongs to through IS_A (transitively), nearest first. */
export function classesOf(id: string, idx: RuleIndex): string[] {
  const out: string[] = [];
  const seen = new Set<string>([id]);
  const queue = [...(idx.byId.get(id)?.parents ?? [])];
  while (queue.length > 0) {
    const c = queue.shift()!;
    if (seen.has(c)) continue;
    seen.add(c);
    if (idx.byId.get(c)?.category === 'factor-class') out.push(c);
    queue.push(...(idx.byId.get(c)?.parents ?? []));
  }
  return out;
}

/** Members of a factor class (IS_A, transitively) that are not classes themselves, by id. */
export function membersOf(classId: string, idx: RuleIndex): string[] {
  return [...idx.byId.values()]
    .filter((c) => claimLevel(c.id, idx) === 'member' && classesOf(c.id, idx).includes(classId))
    .map((c) => c.id)
    .sort();
}

/** The links of one half (`secreted` or `acts`) of a factor for a tissue; empty when none. */
export function linksOf(
  half: 'secreted' | 'acts',
  factor: string,
  tissue: MatrixTissue,
  idx: RuleIndex,
): MatrixLink[] {
  return idx[half].get(factor)?.get(tissue) ?? [];
}

/** Distinct evidence works of some links, sorted. */
export function worksOf(links: readonly MatrixLink[]): string[] {
  return [...new Set(links.flatMap((l) => l.evidence))].sort();
}

/** A factor counted in a cell, with the evidence of both halves. */
export interface CountedFactor {
  id: string;
  level: ClaimLevel;
  secretedBy: MatrixLink[];
  actsOn: MatrixLink[];
  works: string[];
}

/** What the rule says about one source → target pair. */
export interface CellAnswer {
  /** Members and classes with both halves, members first, then by number of works and name. */
  counted: CountedFactor[];
  /** Members with one half of their own and the other only through a class. */
  oneSided: OneSidedFactor[];
}

/** Applies the rule to one source → target pair. */
export function answerCell(source: MatrixTissue, target: MatrixTissue, idx: RuleIndex): CellAnswer {
  const counted: CountedFactor[] = [];
  const oneSided: OneSidedFactor[] = [];
  const factors = new Set([...idx.secreted.keys(), ...idx.acts.keys()]);
  for (const f of factors) {
    const s = linksOf('secreted', f, source, idx);
    const a = linksOf('acts', f, target, idx);
    const level = claimLevel(f, idx);
    if (s.length > 0 && a.length > 0) {
      counted.push({ id: f, level, secretedBy: s, actsOn: a, works: worksOf([...s, ...a]) });
      continue;
    }
    if (level === 'class' || (s.length === 0 && a.length === 0)) continue;
    const classes = classesOf(f, idx);
    const missing: MissingHalf = s.length === 0 ? 'source' : 'target';
    const viaClass = classes.find((c) =>
      missing === 'source'
        ? linksOf('secreted', c, source, idx).length > 0
        : linksOf('acts', c, target, idx).length > 0,
    );
    if (viaClass)
      oneSided.push({ id: f, missing, viaClass, secretedBy: s, actsOn: a, works: worksOf([...s, ...a]) });
  }
  const name = (id: string): string => idx.byId.get(id)?.name ?? id;
  counted.sort(
    (x, y) =>
      (x.level === y.level ? 0 : x.level === 'member' ? -1 : 1) ||
      y.works.length - x.works.length ||
      name(x.id).localeCompare(name(y.id)),
  );
  oneSided.sort((x, y) => y.works.length - x.works.length || name(x.id).localeCompare(name(y.id)));
  return { counted, oneSided };
}

/** A member of a class acting on a target, and where the rule counts it. */
export interface ClassMemberAnswer {
  id: string;
  actsOn: MatrixLink[];
  /** Tissues the class is secreted by in which this member is counted (it has its own evidence). */
  countedFrom: MatrixTissue[];
}

/** "Members of class C acting on tissue T": the class's own claim apart from its members'. */
export interface ClassAnswer {
  classId: string;
  target: MatrixTissue;
  /** Tissues the class itself is said to be secreted by. */
  classSources: MatrixTissue[];
  /** The class's own ACTS_ON claim on the target (empty when none). */
  classClaim: MatrixLink[];
  /** Members with an ACTS_ON relation of their own on the target, by name. */
  members: ClassMemberAnswer[];
}

/** Applies the rule to "members of a class acting on a tissue" (e.g. myokines acting on bone). */
export function answerClass(classId: string, target: MatrixTissue, idx: RuleIndex): ClassAnswer {
  const classSources = MATRIX_TISSUES.filter((t) => linksOf('secreted', classId, t, idx).length > 0);
  const name = (id: string): string => idx.byId.get(id)?.name ?? id;
  const members = membersOf(classId, idx)
    .map((id) => ({
      id,
      actsOn: linksOf('acts', id, target, idx),
      countedFrom: classSources.filter((t) => linksOf('secreted', id, t, idx).length > 0),
    }))
    .filter((m) => m.actsOn.length > 0)
    .sort((a, b) => name(a.id).localeCompare(name(b.id)));
  return { classId, target, classSources, classClaim: linksOf('acts', classId, target, idx), members };
}

const works = (n: number): string => `${n} work${n === 1 ? '' : 's'}`;

/** Names the rule's texts use: the preferred name of each concept id. */
export type NameOf = (id: string) => string;

/** One line saying why a counted factor counts (or, for a class, why it stands apart). */
export function explainCounted(
  f: CountedFactor,
  source: MatrixTissue,
  target: MatrixTissue,
  name: NameOf,
): string {
  const cell = `${name(source)} → ${name(target)}`;
  const halves = `secreted by ${name(source)} (${works(worksOf(f.secretedBy).length)}) and acts on ${name(target)} (${works(worksOf(f.actsOn).length)})`;
  return f.level === 'class'
    ? `${name(f.id)} is a class: ${halves} — a claim about the class, shown apart in ${cell}; it counts for none of its members.`
    : `${name(f.id)} is ${halves} — counted in ${cell}.`;
}

/** One line saying why a one-sided factor is not counted. */
export function explainOneSided(
  f: OneSidedFactor,
  source: MatrixTissue,
  target: MatrixTissue,
  name: NameOf,
): string {
  const cell = `${name(source)} → ${name(target)}`;
  return f.missing === 'source'
    ? `${name(f.id)} acts on ${name(target)} (${works(worksOf(f.actsOn).length)}) but no work here says ${name(source)} secretes it (only the class ${name(f.viaClass)} is) — not counted in ${cell}.`
    : `${name(f.id)} is secreted by ${name(source)} (${works(worksOf(f.secretedBy).length)}) but no work here says it acts on ${name(target)} (only the class ${name(f.viaClass)} does) — not counted in ${cell}.`;
}

/** One line per member of a class answer, saying whether and where it counts. */
export function explainClassMember(m: ClassMemberAnswer, a: ClassAnswer, name: NameOf): string {
  const acts = `${name(m.id)} acts on ${name(a.target)} (${works(worksOf(m.actsOn).length)})`;
  if (m.countedFrom.length > 0) {
    return `${acts} and is secreted by ${m.countedFrom.map(name).join(', ')} — counted in ${m.countedFrom.map((t) => `${name(t)} → ${name(a.target)}`).join(', ')}.`;
  }
  if (a.classSources.length === 0) return `${acts}; no work here names where it is secreted.`;
  return `${acts} but no work here says ${a.classSources.map(name).join(' or ')} secretes it — not counted in ${a.classSources.map((t) => `${name(t)} → ${name(a.target)}`).join(', ')}.`;
}
