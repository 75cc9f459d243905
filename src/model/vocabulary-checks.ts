/**
 * Checks of the concept vocabulary that word matching alone cannot make safe. Pure; the test in
 * test/data/vocabulary-checks.test.ts runs them over graph/.
 *
 * 1. **Term overlaps**: a synonym or abbreviation of concept X that matches inside a name or
 *    synonym of another concept Y (not a sub-concept of X, whose name naturally repeats X's): a
 *    work naming Y is then tagged with X too ("tumour necrosis factor" → cancer).
 * 2. **Evidence naming both ends**: every evidence work of a relation is tagged with both ends.
 * 3. **Contradicting members**: a factor class whose members act on the same target with
 *    opposite effects (promotes and inhibits) needs a `note` saying so, because a class-level
 *    claim there says nothing about any one member.
 */
import { compileTagger } from './tagger';

/** A concept as the checks read it. */
export interface CheckedConcept {
  id: string;
  name: string;
  category: string;
  synonyms: readonly string[];
  abbreviations: readonly string[];
  parents: readonly string[];
  /** A curator's note (e.g. why members of a class differ). */
  note?: string;
}

/** A curated relation as the checks read it. */
export interface CheckedRelation {
  type: string;
  from: string;
  to: string;
  effect?: string | null;
  evidence: readonly string[];
}

/** One term overlap: `term` of concept `of` matches `text`, a name or synonym of concept `in`. */
export interface TermOverlap {
  of: string;
  term: string;
  in: string;
  text: string;
}

function ancestors(id: string, byId: ReadonlyMap<string, CheckedConcept>): Set<string> {
  const out = new Set<string>();
  const queue = [...(byId.get(id)?.parents ?? [])];
  while (queue.length > 0) {
    const c = queue.shift()!;
    if (out.has(c)) continue;
    out.add(c);
    queue.push(...(byId.get(c)?.parents ?? []));
  }
  return out;
}

/** Every synonym or abbreviation of a concept that matches inside another concept's name or synonym. */
export function termOverlaps(concepts: readonly CheckedConcept[]): TermOverlap[] {
  const byId = new Map(concepts.map((c) => [c.id, c]));
  const out: TermOverlap[] = [];
  for (const x of concepts) {
    // Only X's synonyms and abbreviations: its name is matched on purpose (a name inside a longer name is a sub-concept).
    if (x.synonyms.length === 0 && x.abbreviations.length === 0) continue;
    const tagger = compileTagger([
      {
        id: x.id,
        name: x.synonyms[0] ?? x.abbreviations[0]!,
        synonyms: x.synonyms,
        abbreviations: x.abbreviations,
      },
    ]);
    for (const y of concepts) {
      if (y.id === x.id || ancestors(y.id, byId).has(x.id)) continue;
      for (const text of new Set([y.name, ...y.synonyms])) {
        for (const term of tagger.matchText(text).get(x.id) ?? [])
          out.push({ of: x.id, term, in: y.id, text });
      }
    }
  }
  return out;
}

/** Evidence works of a relation that are not tagged with both of its ends, as `relation: work`. */
export function evidenceWithoutBothEnds(
  relations: readonly CheckedRelation[],
  mentions: ReadonlySet<string>,
): string[] {
  const out: string[] = [];
  for (const r of relations) {
    for (const w of r.evidence) {
      if (!mentions.has(`${w}|${r.from}`) || !mentions.has(`${w}|${r.to}`))
        out.push(`${r.type} ${r.from} → ${r.to}: ${w}`);
    }
  }
  return out;
}

/** A class whose members act on one target with opposite effects. */
export interface Contradiction {
  classId: string;
  target: string;
  promotes: string[];
  inhibits: string[];
  hasNote: boolean;
}

/** Factor classes whose members (IS_A, transitively) promote and inhibit the same target. */
export function contradictingClasses(
  concepts: readonly CheckedConcept[],
  relations: readonly CheckedRelation[],
): Contradiction[] {
  const byId = new Map(concepts.map((c) => [c.id, c]));
  const out: Contradiction[] = [];
  for (const k of concepts.filter((c) => c.category === 'factor-class')) {
    const members = new Set(
      concepts.filter((c) => c.category === 'factor' && ancestors(c.id, byId).has(k.id)).map((c) => c.id),
    );
    const byTarget = new Map<string, { promotes: Set<string>; inhibits: Set<string> }>();
    for (const r of relations) {
      if (
        r.type !== 'ACTS_ON' ||
        !members.has(r.from) ||
        (r.effect !== 'promotes' && r.effect !== 'inhibits')
      )
        continue;
      const t = byTarget.get(r.to) ?? { promotes: new Set<string>(), inhibits: new Set<string>() };
      t[r.effect].add(r.from);
      byTarget.set(r.to, t);
    }
    for (const [target, t] of [...byTarget].sort(([a], [b]) => a.localeCompare(b))) {
      if (t.promotes.size === 0 || t.inhibits.size === 0) continue;
      out.push({
        classId: k.id,
        target,
        promotes: [...t.promotes].sort(),
        inhibits: [...t.inhibits].sort(),
        hasNote: (k.note ?? '').trim() !== '',
      });
    }
  }
  return out;
}
