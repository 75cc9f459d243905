/** Filters and the legend: node kinds, concept categories, relationship kinds, years, the review's component. */
import { NETWORK_EDGE_KINDS, networkSpec, type EdgeKind } from '../../model/edge-kinds';
import { CONCEPT_CATEGORIES, type ConceptCategory } from '../../model/graph-schema';
import { describeYearFilter, yearFilterSummary, yearSpan } from '../model/filters';
import { CATEGORY_COLORS, CATEGORY_LABELS, REVIEW_COLOR, WORK_COLOR } from '../model/palette';
import { dataOf } from '../state/async';
import { resetFilters, setFilters, toggleEdgeKind } from '../state/filters';
import { useGraphModel } from '../state/graph';
import { useAppStore } from '../state/store';
import { FocusBanner } from './FocusBanner';
import { useMemo } from 'react';

function useCounts() {
  // Follows every change of the model: an overview gains nodes as the user explores.
  const model = useGraphModel();
  return useMemo(() => {
    const g = model?.graph;
    const categories = new Map<ConceptCategory, number>();
    const edges = new Map<EdgeKind, number>();
    let works = 0;
    let concepts = 0;
    g?.forEachNode((_id, a) => {
      if (a.kind === 'work') works += 1;
      else {
        concepts += 1;
        if (a.category) categories.set(a.category, (categories.get(a.category) ?? 0) + 1);
      }
    });
    g?.forEachEdge((_e, a) => edges.set(a.kind, (edges.get(a.kind) ?? 0) + 1));
    return { works, concepts, categories, edges, years: g ? yearSpan(g) : null };
  }, [model]);
}

export function FilterPanel() {
  const filters = useAppStore((s) => s.filters);
  const colorMode = useAppStore((s) => s.colorMode);
  const visibleNodes = useAppStore((s) => s.visibleNodes);
  const visibleEdges = useAppStore((s) => s.visibleEdges);
  const overview = useAppStore((s) => dataOf(s.network)?.overview ?? null);
  const counts = useCounts();
  const total = counts.works + counts.concepts;
  const model = useGraphModel();
  const yearNote = useMemo(
    () => (model ? describeYearFilter(yearFilterSummary(model.graph, filters), filters) : null),
    [model, filters],
  );

  const yearValue = (v: string): number | null => {
    const n = Number(v);
    return v.trim() === '' || !Number.isFinite(n) ? null : Math.round(n);
  };

  return (
    <aside className="panel panel-left" aria-label="Filters and legend">
      <section>
        <p className="visible-count" data-testid="visible-count">
          Showing <strong>{visibleNodes}</strong> of {total} nodes · {visibleEdges} links
        </p>
        {overview?.isOverview && (
          <p className="notice-inline">
            Overview: {overview.shownNodes.toLocaleString()} of {overview.totalNodes.toLocaleString()} nodes
            {overview.shownEdges < overview.totalEdges
              ? ` and ${overview.shownEdges.toLocaleString()} of ${overview.totalEdges.toLocaleString()} links`
              : ''}
            , the best-connected first. Search, focus a neighbourhood or trace a path to bring in the rest.
          </p>
        )}
        <FocusBanner />
      </section>

      <section>
        <h2>Nodes</h2>
        <label className="legend-row">
          <input
            type="checkbox"
            checked={filters.showWorks}
            onChange={(e) => setFilters({ showWorks: e.target.checked })}
          />
          <span className="swatch disc" style={{ background: WORK_COLOR }} />
          Works <span className="count">{counts.works}</span>
        </label>
        <div className="legend-row legend-sub">
          <span className="swatch disc" style={{ background: REVIEW_COLOR }} />
          The review (Kirk et al. 2025)
        </div>
        <label className="legend-row">
          <input
            type="checkbox"
            checked={filters.showConcepts}
            onChange={(e) => setFilters({ showConcepts: e.target.checked })}
          />
          <span className="swatch ring" />
          Concepts <span className="count">{counts.concepts}</span>
        </label>
        <div className="legend-sub-list">
          {CONCEPT_CATEGORIES.map((c) => (
            <label key={c} className="legend-row legend-sub">
              <input
                type="checkbox"
                disabled={!filters.showConcepts}
                checked={filters.categories.includes(c)}
                onChange={(e) =>
                  setFilters({
                    categories: e.target.checked
                      ? CONCEPT_CATEGORIES.filter((x) => x === c || filters.categories.includes(x))
                      : filters.categories.filter((x) => x !== c),
                  })
                }
              />
              <span
                className="swatch disc ringed"
                style={{ background: colorMode === 'kind' ? CATEGORY_COLORS[c] : '#bbb' }}
              />
              {CATEGORY_LABELS[c]} <span className="count">{counts.categories.get(c) ?? 0}</span>
            </label>
          ))}
        </div>
        {colorMode === 'community' && (
          <p className="hint">Colours now show Louvain communities; sizes still show citations/mentions.</p>
        )}
      </section>

      <section>
        <h2>Links</h2>
        {NETWORK_EDGE_KINDS.map((k) => (
          <label key={k} className="legend-row">
            <input
              type="checkbox"
              checked={filters.edgeKinds.includes(k)}
              onChange={() => toggleEdgeKind(k)}
            />
            <span className={`swatch line line-${networkSpec(k).style}`} />
            {networkSpec(k).label} <span className="count">{counts.edges.get(k) ?? 0}</span>
          </label>
        ))}
      </section>

      <section>
        <h2>Years</h2>
        <div className="year-row">
          <input
            type="number"
            aria-label="From year"
            placeholder={counts.years ? String(counts.years.min) : 'from'}
            value={filters.yearMin ?? ''}
            onChange={(e) => setFilters({ yearMin: yearValue(e.target.value) })}
          />
          <span>–</span>
          <input
            type="number"
            aria-label="To year"
            placeholder={counts.years ? String(counts.years.max) : 'to'}
            value={filters.yearMax ?? ''}
            onChange={(e) => setFilters({ yearMax: yearValue(e.target.value) })}
          />
        </div>
        <label className="legend-row">
          <input
            type="checkbox"
            checked={filters.includeUnknownYear}
            onChange={(e) => setFilters({ includeUnknownYear: e.target.checked })}
          />
          keep works with unknown year
        </label>
        <label className="legend-row">
          <input
            type="checkbox"
            checked={filters.keepReview}
            onChange={(e) => setFilters({ keepReview: e.target.checked })}
          />
          always keep the review
        </label>
        {yearNote && (
          <p className="hint" data-testid="year-note">
            {yearNote}
          </p>
        )}
      </section>

      <section>
        <label className="legend-row">
          <input
            type="checkbox"
            checked={filters.linkedToReview}
            onChange={(e) => setFilters({ linkedToReview: e.target.checked })}
          />
          Only works linked to the review
        </label>
        <div className="legend-sub review-link-options">
          <label>
            by citations or similar-article links, at most{' '}
            <select
              aria-label="Steps from the review"
              value={filters.reviewHops}
              onChange={(e) => setFilters({ reviewHops: Number(e.target.value) })}
            >
              {[1, 2, 3, 4].map((h) => (
                <option key={h} value={h}>
                  {h} step{h > 1 ? 's' : ''}
                </option>
              ))}
              <option value={0}>any number of steps</option>
            </select>
          </label>
          <label className="legend-row">
            <input
              type="checkbox"
              checked={filters.reviewViaConcepts}
              onChange={(e) => setFilters({ reviewViaConcepts: e.target.checked })}
            />
            also through concepts (mentions, is a, secretes, acts on)
          </label>
        </div>
        <button type="button" className="button-secondary" onClick={resetFilters}>
          Reset filters
        </button>
      </section>
      {visibleNodes === 0 && (
        <p className="empty-hint" role="status">
          Nothing matches these filters. Widen the year range, turn a node kind back on, or reset the filters.
        </p>
      )}
    </aside>
  );
}
