/**
 * "Crosstalk" in a concept's details: what the one crosstalk rule (model/crosstalk-rule.ts) says
 * about this factor or factor class, from the same vocabulary the matrix is built from, so the
 * panel and the matrix cannot disagree. Class-level claims are stated apart from the members'.
 */
import { useEffect, useMemo } from 'react';
import {
  CROSSTALK_RULE,
  MATRIX_TISSUES,
  answerCell,
  answerClass,
  claimLevel,
  explainClassMember,
  explainCounted,
  explainOneSided,
  ruleIndex,
  worksOf,
  type MatrixTissue,
} from '../../model/crosstalk-rule';
import { loadMatrix, openMatrix } from '../state/matrix';
import { useAppStore } from '../state/store';

const works = (n: number): string => `${n} work${n === 1 ? '' : 's'}`;

export function CrosstalkSection({ id, category }: { id: string; category: string }) {
  const matrix = useAppStore((s) => s.matrix);
  const isFactor = category === 'factor' || category === 'factor-class';
  useEffect(() => {
    if (isFactor) void loadMatrix();
  }, [isFactor]);
  const vocabulary = matrix.status === 'ready' ? matrix.data.vocabulary : null;
  const idx = useMemo(
    () => (vocabulary ? ruleIndex(vocabulary.concepts, vocabulary.relations) : null),
    [vocabulary],
  );
  if (!isFactor || !idx) return null;
  const name = (c: string): string => idx.byId.get(c)?.name ?? c;
  const lines: { key: string; text: string; counted: boolean; cell?: [MatrixTissue, MatrixTissue] }[] = [];
  const classLines: {
    target: string;
    claim: string | null;
    members: { key: string; text: string; counted: boolean }[];
  }[] = [];
  if (claimLevel(id, idx) === 'class') {
    for (const target of MATRIX_TISSUES) {
      const a = answerClass(id, target, idx);
      if (a.classClaim.length === 0 && a.members.length === 0) continue;
      classLines.push({
        target,
        claim:
          a.classClaim.length > 0
            ? `Class-level claim: ${name(id)} acts on ${name(target)} (${works(worksOf(a.classClaim).length)}) — a claim about the class, counted for none of its members.`
            : null,
        members: a.members.map((m) => ({
          key: m.id,
          text: explainClassMember(m, a, name),
          counted: m.countedFrom.length > 0,
        })),
      });
    }
  }
  for (const source of MATRIX_TISSUES) {
    for (const target of MATRIX_TISSUES) {
      const cell = answerCell(source, target, idx);
      const counted = cell.counted.find((f) => f.id === id);
      if (counted) {
        lines.push({
          key: `${source}>${target}`,
          text: explainCounted(counted, source, target, name),
          counted: true,
          cell: [source, target],
        });
      }
      const one = cell.oneSided.find((f) => f.id === id);
      if (one) {
        lines.push({
          key: `${source}>${target}`,
          text: explainOneSided(one, source, target, name),
          counted: false,
          cell: [source, target],
        });
      }
    }
  }
  if (lines.length === 0 && classLines.length === 0) return null;
  return (
    <section
      className="detail-section crosstalk-section"
      aria-label="Crosstalk"
      data-testid="panel-crosstalk"
    >
      <h3>Crosstalk</h3>
      <p className="hint crosstalk-rule">Rule: {CROSSTALK_RULE}</p>
      {classLines.map((c) => (
        <div key={c.target} className="crosstalk-class" data-target={c.target}>
          <h4>
            Members acting on {name(c.target)} <span className="count">{c.members.length}</span>
          </h4>
          {c.claim && <p className="crosstalk-line class-claim">{c.claim}</p>}
          <ul className="crosstalk-lines">
            {c.members.map((m) => (
              <li
                key={m.key}
                className={`crosstalk-line ${m.counted ? 'counted' : 'one-sided'}`}
                data-member={m.key}
                data-counted={m.counted}
              >
                {m.text}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {lines.length > 0 && (
        <ul className="crosstalk-lines">
          {lines.map((l) => (
            <li key={l.key} className={`crosstalk-line ${l.counted ? 'counted' : 'one-sided'}`}>
              {l.text}{' '}
              {l.cell && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => void openMatrix({ source: l.cell![0], target: l.cell![1] })}
                >
                  open the cell
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
