/**
 * The graded evidence of one curated relation: each work with its kind of support (and what that
 * was read from), species or model from MeSH, year and where each end was found; then, apart and
 * marked as such, abstract sentences a machine found naming both ends. Shared by the concept map
 * and the crosstalk matrix so both show the same evidence.
 */
import type { ConceptMapPayload, MapWork } from '../../model/concept-map';
import { selectNode } from '../state/details';
import { shortWorkName } from '../model/work-name';

/** Short label of a kind of support. */
export const SUPPORT_LABEL: Record<MapWork['support'], string> = {
  primary: 'primary',
  review: 'review',
  unknown: 'unknown',
};

function Grade({ w }: { w: MapWork }) {
  return (
    <span className={`grade grade-${w.support}`} title={`Kind of support from ${w.supportBasis}`}>
      {SUPPORT_LABEL[w.support]}
    </span>
  );
}

/** The evidence list of the relation `relationId` (`<type>:<from>><to>`). */
export function GradedEvidence({ map, relationId }: { map: ConceptMapPayload; relationId: string }) {
  const r = map.relations.find((x) => x.id === relationId);
  if (!r) return <p className="hint">No curated relation {relationId} in this dataset.</p>;
  const name = (id: string): string => map.concepts.find((c) => c.id === id)?.name ?? id;
  const found = map.coOccurrences.filter((c) => c.relation === relationId);
  return (
    <div className="graded-evidence" data-testid="graded-evidence" data-relation={relationId}>
      <p className="grade-summary">
        {r.evidence.length} curated evidence work{r.evidence.length === 1 ? '' : 's'}: {r.grades.primary}{' '}
        primary, {r.grades.review} review, {r.grades.unknown} unknown
      </p>
      <ul className="evidence-works graded">
        {r.evidence.map((e) => {
          const w = map.works[e.work];
          return (
            <li key={e.work} data-work={e.work}>
              {w ? <Grade w={w} /> : <span className="grade grade-unknown">unknown</span>}{' '}
              <button
                type="button"
                className="evidence-work"
                title={w?.title ?? e.work}
                onClick={() => void selectNode(e.work)}
              >
                {shortWorkName(w, e.work)}
                {w?.title && w.firstAuthor
                  ? ` — ${w.title.length > 80 ? `${w.title.slice(0, 78)}…` : w.title}`
                  : ''}
              </button>
              <span className="evidence-facts">
                {w ? `kind: ${w.supportBasis}` : 'not in this dataset'}
                {' · '}species/model:{' '}
                {w && w.species.length > 0 ? `${w.species.join(', ')} (MeSH)` : 'unknown'}
                {' · '}year: {w?.year ?? 'unknown'}
                {' · '}
                {name(r.from)} in {e.fromIn.join(', ') || 'not tagged'}; {name(r.to)} in{' '}
                {e.toIn.join(', ') || 'not tagged'}
              </span>
            </li>
          );
        })}
      </ul>
      {found.length > 0 && (
        <div className="co-occurrences" data-testid="co-occurrences">
          <h4>Machine-found co-occurrence (abstract sentences naming both; not curated, not counted)</h4>
          <ul>
            {found.map((c) => (
              <li key={c.work}>
                <button type="button" className="evidence-work" onClick={() => void selectNode(c.work)}>
                  {shortWorkName(map.works[c.work], c.work)}
                </button>
                : “{c.sentence}”
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
