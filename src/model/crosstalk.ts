/**
 * The crosstalk matrix: which factors are secreted by one tissue and act on another, with the
 * works that support each half. Rows are the source tissue, columns the target tissue. Pure.
 *
 * Which factor counts where is decided by the one rule of crosstalk-rule.ts (CROSSTALK_RULE):
 * both halves need evidence of their own, through the tissue, a sub-tissue or a resident cell;
 * class-level claims (myokine) are marked `level: 'class'`; members with only one half of their
 * own are listed apart as `oneSided`.
 */
import {
  answerCell,
  ruleIndex,
  type ClaimLevel,
  type MatrixConcept,
  type MatrixLink,
  type MatrixRelation,
  type MatrixTissue,
  MATRIX_TISSUES,
  type OneSidedFactor,
} from './crosstalk-rule';

export {
  CROSSTALK_RULE,
  MATRIX_TISSUES,
  RESIDENT_CELLS,
  tissueOf,
  type MatrixConcept,
  type MatrixLink,
  type MatrixRelation,
  type MatrixTissue,
  type OneSidedFactor,
} from './crosstalk-rule';

/** A factor in a cell of the matrix. */
export interface MatrixFactor {
  id: string;
  /** `class`: a claim about a factor class (e.g. myokine), shown apart from member factors. */
  level: ClaimLevel;
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
  /**
   * Not counted: members with one half of their own and the other only through a class (e.g.
   * irisin acts on bone, but only "myokine" is said to be secreted by muscle). Shown on request.
   */
  oneSided: OneSidedFactor[];
}

/** The whole matrix, rows by source tissue. */
export interface CrosstalkMatrix {
  tissues: { id: MatrixTissue; name: string }[];
  cells: MatrixCell[];
  /** Names and categories of every concept the matrix refers to. */
  concepts: Record<string, { name: string; short: string; category: string }>;
  /**
   * The vocabulary the matrix was built from, so that other readers (the concept panel) apply
   * the same rule (crosstalk-rule.ts) to the same relations instead of answering on their own.
   */
  vocabulary: { concepts: MatrixConcept[]; relations: MatrixRelation[] };
}

/** Builds the matrix from the vocabulary and its curated relations, with the rule of crosstalk-rule.ts. */
export function crosstalkMatrix(concepts: MatrixConcept[], relations: MatrixRelation[]): CrosstalkMatrix {
  const idx = ruleIndex(concepts, relations);
  const byId = idx.byId;
  const cells: MatrixCell[] = [];
  for (const source of MATRIX_TISSUES) {
    for (const target of MATRIX_TISSUES) {
      const { counted, oneSided } = answerCell(source, target, idx);
      cells.push({
        source,
        target,
        factors: counted,
        works: [...new Set(counted.flatMap((f) => f.works))].sort(),
        oneSided,
      });
    }
  }
  const referenced = new Set<string>([
    ...MATRIX_TISSUES,
    ...cells.flatMap((c) =>
      [...c.factors, ...c.oneSided].flatMap((f) => [
        f.id,
        ...('viaClass' in f ? [f.viaClass] : []),
        ...[...f.secretedBy, ...f.actsOn].map((l) => l.via),
      ]),
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
    vocabulary: { concepts, relations },
  };
}
