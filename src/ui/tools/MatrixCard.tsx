/**
 * The crosstalk matrix: tissues as rows (where a factor is secreted) and columns (where it acts).
 * Choosing a cell emphasises its factors, tissues and evidence works on the network and lists
 * the evidence for each half of every factor's crosstalk.
 */
import { useState } from 'react';
import type { CrosstalkPayload, WorkRef } from '../../model/api';
import type { MatrixCell, MatrixLink } from '../../model/crosstalk';
import { CROSSTALK_RULE, explainCounted, explainOneSided } from '../../model/crosstalk-rule';
import { relationId, type ConceptMapPayload } from '../../model/concept-map';
import { GradedEvidence } from '../conceptmap/GradedEvidence';
import { useConceptMap } from '../conceptmap/state';
import { selectNode } from '../state/details';
import { chooseMatrixCell, closeMatrix } from '../state/matrix';
import { useAppStore } from '../state/store';
import { evidenceLabel } from '../model/work-name';

const SHOWN_FACTORS = 5;

/** Heat-map steps by the number of primary evidence works of a cell (sequential, colour-blind safe). */
export const HEAT_STEPS: readonly { min: number; label: string; bg: string; fg: string }[] = [
  { min: 0, label: '0', bg: 'transparent', fg: 'inherit' },
  { min: 1, label: '1', bg: '#c6dbef', fg: '#08306b' },
  { min: 2, label: '2', bg: '#6baed6', fg: '#08306b' },
  { min: 3, label: '3–4', bg: '#2171b5', fg: '#ffffff' },
  { min: 5, label: '5+', bg: '#08306b', fg: '#ffffff' },
];

function heatStep(primary: number) {
  return [...HEAT_STEPS].reverse().find((s) => primary >= s.min)!;
}

/** Primary works among some evidence works, by the concept map's grades (null while they load). */
function primaryOf(works: readonly string[], map: ConceptMapPayload | null): number | null {
  return map ? works.filter((w) => map.works[w]?.support === 'primary').length : null;
}

function WorkLink({ w }: { w: WorkRef }) {
  return (
    <button
      type="button"
      className="evidence-work"
      title={w.title ?? w.id}
      onClick={() => void selectNode(w.id)}
    >
      {evidenceLabel(w, w.id)}
    </button>
  );
}

function Links({
  verb,
  links,
  m,
  factor,
  map,
}: {
  verb: string;
  links: MatrixLink[];
  m: CrosstalkPayload;
  factor: string;
  map: ConceptMapPayload | null;
}) {
  const type = verb === 'secreted by' ? 'SECRETED_BY' : 'ACTS_ON';
  return (
    <>
      {links.map((l) => (
        <div key={l.via} className="evidence-link">
          <span className="rel-type">
            {l.effect ?? verb}{' '}
            <button type="button" className="link-button" onClick={() => void selectNode(l.via)}>
              {m.concepts[l.via]?.name ?? l.via}
            </button>
          </span>
          {map ? (
            <GradedEvidence map={map} relationId={relationId({ type, from: factor, to: l.via })} />
          ) : (
            <ul className="evidence-works">
              {l.evidence.map((id) => (
                <li key={id}>{m.works[id] ? <WorkLink w={m.works[id]} /> : id}</li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </>
  );
}

function Evidence({
  cell,
  m,
  oneSided,
  map,
}: {
  cell: MatrixCell;
  m: CrosstalkPayload;
  oneSided: boolean;
  map: ConceptMapPayload | null;
}) {
  const name = (id: string): string => m.concepts[id]?.name ?? id;
  const members = cell.factors.filter((f) => f.level === 'member');
  const classes = cell.factors.filter((f) => f.level === 'class');
  const shownOneSided = oneSided ? cell.oneSided : [];
  if (cell.factors.length === 0 && shownOneSided.length === 0) {
    return (
      <p className="hint" role="status">
        No curated factor is both secreted by {name(cell.source)} and acting on {name(cell.target)} in this
        graph.
        {cell.oneSided.length > 0 && !oneSided
          ? ` ${cell.oneSided.length} one-sided factor${cell.oneSided.length === 1 ? '' : 's'} (one half only through a class): tick “one-sided factors” to see them.`
          : ''}
      </p>
    );
  }
  const factor = (f: MatrixCell['factors'][number]) => (
    <div key={f.id} className={`matrix-factor level-${f.level}`} data-factor={f.id} data-level={f.level}>
      <button type="button" className="link-button factor-name" onClick={() => void selectNode(f.id)}>
        {name(f.id)}
      </button>{' '}
      <span className="rel-type">
        {f.works.length} work{f.works.length === 1 ? '' : 's'}
      </span>
      <p className="rule-line">{explainCounted(f, cell.source, cell.target, name)}</p>
      <Links
        verb="secreted by"
        links={f.secretedBy.map((l) => ({ ...l, effect: null }))}
        m={m}
        factor={f.id}
        map={map}
      />
      <Links verb="acts on" links={f.actsOn} m={m} factor={f.id} map={map} />
    </div>
  );
  return (
    <div className="matrix-evidence" data-testid="matrix-evidence">
      <h3>
        {name(cell.source)} → {name(cell.target)}: {cell.factors.length} factor
        {cell.factors.length === 1 ? '' : 's'}, {cell.works.length} supporting work
        {cell.works.length === 1 ? '' : 's'}
      </h3>
      {members.map(factor)}
      {classes.length > 0 && (
        <>
          <h4 className="matrix-group">Class-level claims (about a class, not any of its members)</h4>
          {classes.map(factor)}
        </>
      )}
      {shownOneSided.length > 0 && (
        <>
          <h4 className="matrix-group">◐ One-sided: not counted in this cell</h4>
          {shownOneSided.map((f) => (
            <div key={f.id} className="matrix-factor one-sided" data-factor={f.id} data-level="one-sided">
              <button type="button" className="link-button factor-name" onClick={() => void selectNode(f.id)}>
                ◐ {name(f.id)}
              </button>
              <p className="rule-line">{explainOneSided(f, cell.source, cell.target, name)}</p>
              <Links
                verb="secreted by"
                links={f.secretedBy.map((l) => ({ ...l, effect: null }))}
                m={m}
                factor={f.id}
                map={map}
              />
              <Links verb="acts on" links={f.actsOn} m={m} factor={f.id} map={map} />
            </div>
          ))}
        </>
      )}
    </div>
  );
}

export function MatrixCard() {
  const [oneSided, setOneSided] = useState(false);
  const map = useConceptMap();
  const matrix = useAppStore((s) => s.matrix);
  const m = matrix.status === 'ready' ? matrix.data : null;
  const chosen = useAppStore((s) => s.matrixCell);
  const chosenCell =
    m && chosen ? m.cells.find((c) => c.source === chosen.source && c.target === chosen.target) : undefined;
  return (
    <section className="tool-card matrix-card" aria-label="Crosstalk matrix">
      <header className="tool-card-header">
        <h2>Crosstalk matrix</h2>
        <button
          type="button"
          className="close-button"
          aria-label="Close the crosstalk matrix"
          onClick={closeMatrix}
        >
          ×
        </button>
      </header>
      {matrix.status === 'loading' && <p className="hint">Loading…</p>}
      {matrix.status === 'error' && (
        <p className="notice-inline" role="alert">
          The matrix could not be loaded: {matrix.error}
        </p>
      )}
      {m && (
        <>
          <p className="hint">
            Factors secreted by the row tissue (or its cells) that act on the column tissue, from the curated
            relations. Choose a cell for its evidence.
          </p>
          <p className="hint rule-line" data-testid="matrix-rule">
            Rule: {CROSSTALK_RULE}
          </p>
          <label className="toggle">
            <input type="checkbox" checked={oneSided} onChange={(e) => setOneSided(e.target.checked)} />{' '}
            one-sided factors (◐: one half only through a class)
          </label>
          <table className="matrix">
            <thead>
              <tr>
                <th scope="col" className="matrix-corner">
                  secreted by ↓ · acts on →
                </th>
                {m.tissues.map((t) => (
                  <th key={t.id} scope="col">
                    {t.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {m.tissues.map((row) => (
                <tr key={row.id}>
                  <th scope="row">{row.name}</th>
                  {m.tissues.map((col) => {
                    const cell = m.cells.find((c) => c.source === row.id && c.target === col.id)!;
                    const on = chosen?.source === row.id && chosen.target === col.id;
                    const primary = primaryOf(cell.works, map);
                    const heat = primary === null ? null : heatStep(primary);
                    const names = [
                      ...cell.factors.map((f) => m.concepts[f.id]?.short ?? f.id),
                      ...(oneSided ? cell.oneSided.map((f) => `◐ ${m.concepts[f.id]?.short ?? f.id}`) : []),
                    ];
                    return (
                      <td key={col.id}>
                        <button
                          type="button"
                          className={`matrix-cell${on ? ' on' : ''}${names.length === 0 ? ' empty' : ''}`}
                          aria-pressed={on}
                          data-primary={primary ?? undefined}
                          style={heat && heat.min > 0 ? { background: heat.bg, color: heat.fg } : undefined}
                          aria-label={`${row.name} to ${col.name}: ${cell.factors.length} factors, ${cell.works.length} works`}
                          onClick={() => chooseMatrixCell(on ? null : { source: row.id, target: col.id })}
                        >
                          {names.length === 0 ? (
                            <span className="matrix-none">—</span>
                          ) : (
                            <>
                              <span className="matrix-factors">
                                {names.slice(0, SHOWN_FACTORS).join(', ')}
                                {names.length > SHOWN_FACTORS ? ` +${names.length - SHOWN_FACTORS}` : ''}
                              </span>
                              <span className="matrix-count">
                                {cell.works.length} work{cell.works.length === 1 ? '' : 's'}
                                {primary !== null ? ` · ${primary} primary` : ''}
                              </span>
                            </>
                          )}
                        </button>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          <div className="matrix-heat-legend" aria-label="Heat map legend">
            Shade: primary works (graded from OpenAlex/PubMed types or title cues; not all works)
            {HEAT_STEPS.map((h) => (
              <span key={h.label}>
                <span className="heat-step" style={{ background: h.bg }} /> {h.label}
              </span>
            ))}
          </div>
          {chosenCell && <Evidence cell={chosenCell} m={m} oneSided={oneSided} map={map} />}
        </>
      )}
    </section>
  );
}
