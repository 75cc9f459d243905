/**
 * The "Related works" section of a work's details: one ranking at a time (related, prior,
 * derivative, reviews citing what it cites, and what it did not cite), each row with its score and
 * the evidence, every work named a link that selects it. Exports the list as CSV, BibTeX or RIS.
 */
import { useEffect, useState } from 'react';
import type { RelatedEvidence, RelatedKind, RelatedPayload, RelatedRow, WorkDetail } from '../../model/api';
import { errorMessage } from '../../model/errors';
import { shortWorkName } from '../model/work-name';
import { downloadRelatedCitations, downloadRelatedCsv } from '../export/related';
import { selectNode } from '../state/details';
import { openLitMap } from '../state/litmap';
import { loadRelated, relatedAnswerFor, setRelatedKind } from '../state/related';
import type { AsyncState } from '../state/async';
import { toggleInCollection } from '../state/collection';
import { useAppStore } from '../state/store';

/** A ranking the section offers, with its tab label and what it means. */
export interface RelatedTab {
  kind: RelatedKind;
  label: string;
  hint: string;
}

/** The rankings of one work's Related section. */
export const RELATED_TABS: readonly RelatedTab[] = [
  {
    kind: 'related',
    label: 'Related',
    hint: 'Cited together with it, sharing references with it, or linked to it by a citation',
  },
  { kind: 'prior', label: 'Prior', hint: 'Works most cited by the works around it: the foundations' },
  {
    kind: 'derivative',
    label: 'Derivative',
    hint: 'Works citing many of the works around it: what built on it',
  },
  { kind: 'review-finder', label: 'Reviews', hint: 'Works citing much of what it cites' },
  {
    kind: 'not-cited',
    label: 'Not cited',
    hint: 'What it did not cite: works its references cite or that are cited together with them',
  },
];

/** A short name of a work named in the answer. */
const shortName = (answer: RelatedPayload, id: string): string => shortWorkName(answer.works[id], id);

function WorkLink({ answer, id, long = false }: { answer: RelatedPayload; id: string; long?: boolean }) {
  const w = answer.works[id];
  const title = w?.title ?? id;
  return (
    <button type="button" className="link-button" title={title} onClick={() => void selectNode(id)}>
      {long ? title : shortName(answer, id)}
    </button>
  );
}

/** A list of evidence works, "A 2020, B 2021 and 3 more". */
function Names({ answer, ids, total }: { answer: RelatedPayload; ids: string[]; total: number }) {
  return (
    <>
      {ids.map((id, i) => (
        <span key={id}>
          {i > 0 && ', '}
          <WorkLink answer={answer} id={id} />
        </span>
      ))}
      {total > ids.length && ` and ${total - ids.length} more`}
    </>
  );
}

function Evidence({ answer, e }: { answer: RelatedPayload; e: RelatedEvidence }) {
  const strength = e.strength === null ? '' : ` · strength ${e.strength.toFixed(2)}`;
  const aa = e.adamicAdar === null ? '' : ` · Adamic–Adar ${e.adamicAdar.toFixed(2)}`;
  const selfOnly = e.works.length === 1 && e.works[0] === answer.seeds[0] && answer.seeds.length === 1;
  return (
    <li className="evidence" data-testid="related-evidence">
      {e.text}
      {!selfOnly && e.works.length > 0 && (
        <>
          {' ('}
          {e.kind === 'cited-together' && 'by '}
          <Names answer={answer} ids={e.works} total={e.worksTotal} />
          {e.by.length > 0 && (
            <>
              {'; by '}
              <Names answer={answer} ids={e.by} total={e.byTotal} />
            </>
          )}
          {')'}
        </>
      )}
      <span className="measure">
        {strength}
        {aa}
      </span>
    </li>
  );
}

/** "+" adds a listed work to the collection, "✓" takes it out again. */
function CollectToggle({ id, title }: { id: string; title: string }) {
  const inCollection = useAppStore((s) => s.collection.includes(id));
  return (
    <button
      type="button"
      className={`collect-toggle${inCollection ? ' on' : ''}`}
      aria-pressed={inCollection}
      aria-label={inCollection ? `Remove “${title}” from the collection` : `Add “${title}” to the collection`}
      title={inCollection ? 'In the collection (click to take it out)' : 'Add to the collection'}
      data-testid="related-collect"
      onClick={() => toggleInCollection(id)}
    >
      {inCollection ? '✓' : '+'}
    </button>
  );
}

function Row({ answer, row }: { answer: RelatedPayload; row: RelatedRow }) {
  const w = answer.works[row.id];
  const meta = [w?.firstAuthor, w?.year ?? 'year unknown', w?.journal].filter(Boolean).join(' · ');
  const counts = [
    `cited ${row.citedBy}× in the graph`,
    w?.globalCitedBy !== null && w?.globalCitedBy !== undefined ? `${w.globalCitedBy}× in OpenAlex` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <li className="related-row" data-testid="related-row">
      <div className="related-head">
        <span className="rank">{row.rank}</span>
        <WorkLink answer={answer} id={row.id} long />
        <span className="score" title="The ranking's score (see “How is this ranked?”)">
          {Number.isInteger(row.score) ? row.score : row.score.toFixed(2)}
        </span>
        <CollectToggle id={row.id} title={w?.title ?? row.id} />
      </div>
      <span className="meta">
        {meta}
        {meta && ' · '}
        {counts}
      </span>
      <ul className="evidence-list">
        {row.evidence.map((e) => (
          <Evidence key={e.kind} answer={answer} e={e} />
        ))}
      </ul>
    </li>
  );
}

/** One export of a list: its chip's label and what it downloads (may throw with a message for the user). */
export interface ExportAction {
  label: string;
  run: () => void | Promise<void>;
}

/** A row of export chips after `label`; an export that fails says why beside them. */
export function ExportChips({ label, actions }: { label: string; actions: readonly ExportAction[] }) {
  const [error, setError] = useState<string | null>(null);
  const run = (f: ExportAction['run']): void => {
    setError(null);
    Promise.resolve()
      .then(f)
      .catch((e: unknown) => setError(errorMessage(e)));
  };
  return (
    <div className="actions">
      <span>{label}</span>
      {actions.map((a) => (
        <button key={a.label} type="button" className="chip" onClick={() => run(a.run)}>
          {a.label}
        </button>
      ))}
      {error && (
        <span className="empty-hint" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

function Exports({ answer }: { answer: RelatedPayload }) {
  if (answer.rows.length === 0) return null;
  return (
    <ExportChips
      label="Export list:"
      actions={[
        { label: 'CSV', run: () => downloadRelatedCsv(answer) },
        { label: 'BibTeX', run: () => downloadRelatedCitations(answer, 'bibtex') },
        { label: 'RIS', run: () => downloadRelatedCitations(answer, 'ris') },
      ]}
    />
  );
}

/** One ranking's tabs: a chip per kind, the chosen one pressed (none: the hint asks to choose). */
export function RelatedTabs({
  tabs,
  kind,
  onChoose,
  label,
}: {
  tabs: readonly RelatedTab[];
  kind: RelatedKind | null;
  onChoose: (kind: RelatedKind) => void;
  label: string;
}) {
  return (
    <>
      <div className="related-tabs" role="tablist" aria-label={label}>
        {tabs.map((t) => (
          <button
            key={t.kind}
            type="button"
            role="tab"
            aria-selected={t.kind === kind}
            className={`chip${t.kind === kind ? ' on' : ''}`}
            title={t.hint}
            onClick={() => onChoose(t.kind)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <p className="hint">
        {kind === null
          ? 'Choose a ranking to see what relates to them all, with the evidence.'
          : `${tabs.find((t) => t.kind === kind)?.hint}.`}
      </p>
    </>
  );
}

/** An answer of /api/related: what it rests on, the ranked rows with their evidence, the method and exports. */
export function RelatedAnswer({
  state,
  answer,
}: {
  state: AsyncState<RelatedPayload>;
  answer: RelatedPayload | null;
}) {
  if (state.status === 'error')
    return (
      <p className="error-text" role="alert">
        {state.error}
      </p>
    );
  if (!answer) return <p className="loading">Loading…</p>;
  return (
    <>
      <p className="hint related-message" data-testid="related-message">
        {answer.message}
      </p>
      {answer.rows.length > 0 && (
        <ol className="related-list">
          {answer.rows.map((row) => (
            <Row key={row.id} answer={answer} row={row} />
          ))}
        </ol>
      )}
      {answer.total > answer.rows.length && (
        <p className="hint">
          The best {answer.rows.length} of {answer.total}.
        </p>
      )}
      <details className="hint">
        <summary>How is this ranked?</summary>
        {answer.method}
      </details>
      <Exports answer={answer} />
    </>
  );
}

/** The section; loads the chosen ranking whenever the work or the ranking changes. */
export function RelatedSection({ work }: { work: WorkDetail }) {
  const chosen = useAppStore((s) => s.relatedKind);
  const state = useAppStore((s) => s.related);
  // Auditing what a work did not cite needs its references.
  const tabs = RELATED_TABS.filter((t) => t.kind !== 'not-cited' || work.totals.references > 0);
  const kind = tabs.some((t) => t.kind === chosen) ? chosen : 'related';
  useEffect(() => {
    void loadRelated(work.id, kind);
  }, [work.id, kind]);
  const answer = relatedAnswerFor(state, work.id, kind);
  return (
    <section className="detail-section related-section" data-testid="related-section">
      <h3>Related works {answer && <span className="count">{answer.total}</span>}</h3>
      <RelatedTabs tabs={tabs} kind={kind} label="Related works" onChoose={(k) => void setRelatedKind(k)} />
      <div className="actions">
        <button
          type="button"
          className="chip"
          title="Open the literature map: this work and its related works, linked by similarity and grouped into clusters"
          onClick={() => void openLitMap([work.id])}
        >
          Map around this work
        </button>
      </div>
      <RelatedAnswer state={state} answer={answer} />
    </section>
  );
}
