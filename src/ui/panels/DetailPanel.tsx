/**
 * Details of the selected node: a work's citation, links, sources and neighbours; a concept's relations and evidence.
 *
 * Over 400 lines: the views of the four node kinds share their small parts (links, lists, chips);
 * the sections that grew (Related, Crosstalk, coverage) already live in their own files.
 */
import { Fragment, useState, type ReactNode } from 'react';
import type {
  AuthorDetail,
  ConceptDetail,
  ConceptRef,
  JournalDetail,
  NodeListName,
  WorkDetail,
  WorkRef,
} from '../../model/api';
import { api } from '../api/client';
import { CURATED_REL_TYPES, networkSpec } from '../../model/edge-kinds';
import { citedByCoverage, referencesCoverage } from '../model/coverage';
import { CATEGORY_COLORS, CATEGORY_LABELS } from '../model/palette';
import { shownData } from '../state/async';
import { selectNode } from '../state/details';
import { focusNeighborhood } from '../state/filters';
import { isInNetwork, useGraphModel } from '../state/graph';
import { setPathEnd } from '../state/path';
import { useAppStore } from '../state/store';
import { formatCitation, workLinks } from './citation';
import { FetchBanner } from './FetchBanner';
import { RelatedAnswer, RelatedSection } from './RelatedSection';
import { loadGraphReviews } from '../state/related';
import { CollectionCard } from './CollectionCard';
import { toggleInCollection } from '../state/collection';
import { CrosstalkSection } from './CrosstalkSection';

/** Works fetched by one "Show more" (the details bring the first page of each list). */
const MORE_PAGE = 100;

function NodeLink({ id, children }: { id: string; children: ReactNode }) {
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => void selectNode(id)}
      title={isInNetwork(id) ? undefined : 'Not drawn in the network'}
    >
      {children}
    </button>
  );
}

function WorkItem({ w, extra }: { w: WorkRef; extra?: ReactNode }) {
  return (
    <li className="work-item">
      <NodeLink id={w.id}>{w.title ?? <em>untitled ({w.id})</em>}</NodeLink>
      <span className="meta">
        {[w.firstAuthor, w.year ?? 'year unknown', w.journal].filter(Boolean).join(' · ')}
        {extra}
      </span>
    </li>
  );
}

/** Pages fetched after the details' first page, for the first page they continue. */
interface MorePages {
  base: WorkRef[];
  items: WorkRef[];
  status: 'idle' | 'loading' | 'error';
  error?: string;
}

function WorkList({
  title,
  works,
  total = works.length,
  pages,
  empty,
  render,
  coverage,
}: {
  title: string;
  /** The first page of the list, as the details answer holds it. */
  works: WorkRef[];
  /** The whole list's length (the details' `totals`). */
  total?: number;
  /** Where further pages come from (GET /api/nodes/<id>?list=…). */
  pages?: { id: string; list: NodeListName };
  empty: string;
  render?: (w: WorkRef) => ReactNode;
  /** What the graph knows of the whole list (see ui/model/coverage.ts), shown under the title. */
  coverage?: string;
}) {
  const [state, setState] = useState<MorePages | null>(null);
  // Pages fetched for another node's (or an older answer's) first page are not this list's.
  const more = state?.base === works ? state : null;
  const shown = more ? [...works, ...more.items] : works;
  const showMore = (): void => {
    if (!pages) return;
    const loaded = more?.items ?? [];
    setState({ base: works, items: loaded, status: 'loading' });
    api.nodeList(pages.id, pages.list, works.length + loaded.length, MORE_PAGE).then(
      (page) =>
        setState((s) =>
          s?.base === works ? { base: works, items: [...loaded, ...page.items], status: 'idle' } : s,
        ),
      (e: unknown) =>
        setState((s) =>
          s?.base === works
            ? {
                base: works,
                items: loaded,
                status: 'error',
                error: e instanceof Error ? e.message : String(e),
              }
            : s,
        ),
    );
  };
  return (
    <section className="detail-section" aria-label={title}>
      <h3>
        {title} <span className="count">{total}</span>
      </h3>
      {coverage && (
        <p className="coverage" data-testid={`coverage-${title.toLowerCase().replace(/\s+/g, '-')}`}>
          {coverage}
        </p>
      )}
      {works.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <ul className="work-list">
          {shown.map((w) => (render ? render(w) : <WorkItem key={w.id} w={w} />))}
        </ul>
      )}
      {total > works.length && (
        <p className="list-more" data-testid={`list-more-${title.toLowerCase().replace(/\s+/g, '-')}`}>
          <span className="count-line">
            {shown.length} of {total}
          </span>{' '}
          {pages && shown.length < total && (
            <button
              type="button"
              className="link-button small"
              disabled={more?.status === 'loading'}
              onClick={showMore}
            >
              {more?.status === 'loading'
                ? 'Loading…'
                : `Show ${Math.min(MORE_PAGE, total - shown.length)} more`}
            </button>
          )}{' '}
          {more && more.items.length > 0 && (
            <button type="button" className="link-button small" onClick={() => setState(null)}>
              Show fewer
            </button>
          )}
          {more?.status === 'error' && (
            <span className="error-text" role="alert">
              {' '}
              {more.error}
            </span>
          )}
        </p>
      )}
    </section>
  );
}

function ConceptChip({ c }: { c: ConceptRef }) {
  return (
    <button
      type="button"
      className="concept-chip"
      onClick={() => void selectNode(c.id)}
      title={CATEGORY_LABELS[c.category]}
    >
      <span className="swatch disc ringed" style={{ background: CATEGORY_COLORS[c.category] }} />
      {c.name}
    </button>
  );
}

/** Where a fetched abstract was read from (OpenAlex or PubMed); "source not recorded" otherwise. */
function AbstractSource({ url }: { url: string | null }) {
  if (!url) return <p className="abstract-source">Source not recorded (see Sources).</p>;
  const api = /pubmed|ncbi\.nlm\.nih\.gov|eutils/i.test(url)
    ? 'PubMed'
    : /openalex/i.test(url)
      ? 'OpenAlex'
      : null;
  return (
    <p className="abstract-source">
      From{' '}
      {/^https?:\/\//.test(url) ? (
        <a href={url} target="_blank" rel="noreferrer noopener" title={url}>
          {api ?? url}
        </a>
      ) : (
        url
      )}
    </p>
  );
}

function Sources({ sources }: { sources: string[] }) {
  return (
    <details className="detail-section sources">
      <summary>
        Sources <span className="count">{sources.length}</span>
      </summary>
      <ul>
        {sources.map((s) => (
          <li key={s}>
            {/^https?:\/\//.test(s) ? (
              <a href={s} target="_blank" rel="noreferrer noopener">
                {s}
              </a>
            ) : (
              s
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}

function NeighbourhoodButtons({ id }: { id: string }) {
  // Re-rendered when an overview gains nodes: the node may have just been added.
  const model = useGraphModel();
  if (!model?.graph.hasNode(id)) return null;
  return (
    <>
      <div className="actions">
        <span>Focus neighbourhood:</span>
        {[1, 2, 3].map((h) => (
          <button key={h} type="button" className="chip" onClick={() => void focusNeighborhood(id, h)}>
            {h} hop{h > 1 ? 's' : ''}
          </button>
        ))}
      </div>
      <div className="actions">
        <span>Trace a path:</span>
        <button type="button" className="chip" onClick={() => void setPathEnd('from', id)}>
          from here
        </button>
        <button type="button" className="chip" onClick={() => void setPathEnd('to', id)}>
          to here
        </button>
      </div>
    </>
  );
}

/** Adds the work to the collection, or takes it out (the collection card asks about all its works). */
function CollectButton({ id }: { id: string }) {
  const inCollection = useAppStore((s) => s.collection.includes(id));
  const size = useAppStore((s) => s.collection.length);
  return (
    <div className="actions">
      <button
        type="button"
        className={`chip${inCollection ? ' on' : ''}`}
        aria-pressed={inCollection}
        data-testid="collect-button"
        title="Gather works in a collection to see what relates to all of them, and map them together"
        onClick={() => toggleInCollection(id)}
      >
        {inCollection ? 'In the collection ✓' : 'Add to collection'}
      </button>
      {inCollection && (
        <span className="hint">
          {size === 1 ? 'the only work in it' : `with ${size - 1} other work${size === 2 ? '' : 's'}`}
        </span>
      )}
    </div>
  );
}

/** The review finder over the whole graph, on request: the works citing the most works of it. */
function GraphReviews() {
  const state = useAppStore((s) => s.graphReviews);
  const [open, setOpen] = useState(false);
  return (
    <section className="detail-section related-section" data-testid="graph-reviews">
      {!open ? (
        <button
          type="button"
          className="chip"
          title="The review finder over the whole graph: works ranked by how many works of the graph they cite"
          onClick={() => {
            setOpen(true);
            void loadGraphReviews();
          }}
        >
          Which works cite the most of this graph?
        </button>
      ) : (
        <>
          <h3>Works citing the most of the graph</h3>
          <RelatedAnswer state={state} answer={shownData(state)} />
        </>
      )}
    </section>
  );
}

function WorkView({ w }: { w: WorkDetail }) {
  const links = workLinks(w);
  return (
    <>
      <p className="kind-label">
        {w.isReview ? 'The review' : w.type === 'book-chapter' ? 'Book chapter' : 'Work'}
      </p>
      <h2 className="detail-title" tabIndex={-1}>
        {w.title ?? <em>Title not known</em>}
      </h2>
      <p className="citation" data-testid="citation">
        {formatCitation(w)}
      </p>
      {links.length > 0 && (
        <p className="links">
          {links.map((l) => (
            <a key={l.href} href={l.href} target="_blank" rel="noreferrer noopener">
              {l.label}
            </a>
          ))}
        </p>
      )}
      <CollectButton id={w.id} />
      <NeighbourhoodButtons id={w.id} />
      {w.concepts.length > 0 && (
        <section className="detail-section">
          <h3>
            Concepts <span className="count">{w.concepts.length}</span>
          </h3>
          <div className="chips">
            {w.concepts.map((c) => (
              <ConceptChip key={c.id} c={c} />
            ))}
          </div>
        </section>
      )}
      <FetchBanner work={w} />
      <WorkList
        title="References"
        works={w.references}
        total={w.totals.references}
        pages={{ id: w.id, list: 'references' }}
        coverage={referencesCoverage(w.totals.references, w.openalexReferenceCount)}
        empty="No references known for this work in the graph."
      />
      <WorkList
        title="Cited by"
        works={w.citedBy}
        total={w.totals.citedBy}
        pages={{ id: w.id, list: 'citedBy' }}
        coverage={citedByCoverage(w.totals.citedBy, w.openalexCitedByCount)}
        empty="No work in the graph cites it."
      />
      <RelatedSection work={w} />
      {w.totals.similar > 0 && (
        <WorkList
          title="Similar articles (PubMed)"
          works={w.similar}
          total={w.totals.similar}
          pages={{ id: w.id, list: 'similar' }}
          empty=""
        />
      )}
      {w.authors.length > 0 && (
        <section className="detail-section">
          <h3>Authors</h3>
          <p className="authors">{w.authors.join(', ')}</p>
        </section>
      )}
      {w.keywords.length > 0 && (
        <section className="detail-section">
          <h3>Keywords</h3>
          <p className="keywords">{w.keywords.join(' · ')}</p>
        </section>
      )}
      {w.abstract && (
        <section className="detail-section">
          <h3>Abstract</h3>
          <p>{w.abstract}</p>
          <AbstractSource url={w.abstractSource} />
        </section>
      )}
      <Sources sources={w.sources} />
      <p className="id-line">id: {w.id}</p>
    </>
  );
}

/** "secreted by" → "Secreted by", for a section title. */
const sentenceCase = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function ConceptView({ c }: { c: ConceptDetail }) {
  const incoming = c.relations.filter((r) => r.direction === 'in');
  const relationList = (title: string, rels: typeof c.relations) =>
    rels.length > 0 && (
      <section className="detail-section">
        <h3>
          {title} <span className="count">{rels.length}</span>
        </h3>
        <ul className="relation-list">
          {rels.map((r) => (
            <li key={`${r.type}-${r.direction}-${r.other.id}`}>
              <div className="relation-head">
                {r.direction === 'in' && <span className="rel-type">{networkSpec(r.type).backward}</span>}
                <ConceptChip c={r.other} />
                {r.effect && <span className={`effect effect-${r.effect}`}>{r.effect}</span>}
              </div>
              <details>
                <summary>
                  evidence: {r.evidence.length} work{r.evidence.length === 1 ? '' : 's'}
                </summary>
                <ul className="work-list">
                  {r.evidence.map((w) => (
                    <WorkItem key={w.id} w={w} />
                  ))}
                </ul>
              </details>
            </li>
          ))}
        </ul>
      </section>
    );
  return (
    <>
      <p className="kind-label">
        <span className="swatch disc ringed" style={{ background: CATEGORY_COLORS[c.category] }} /> Concept ·{' '}
        {CATEGORY_LABELS[c.category]}
      </p>
      <h2 className="detail-title" tabIndex={-1}>
        {c.name}
      </h2>
      {c.description && <p className="description">{c.description}</p>}
      {(c.synonyms.length > 0 || c.abbreviations.length > 0) && (
        <p className="synonyms">Also: {[...c.abbreviations, ...c.synonyms].join(' · ')}</p>
      )}
      <NeighbourhoodButtons id={c.id} />
      {(c.parents.length > 0 || c.children.length > 0) && (
        <section className="detail-section">
          {c.parents.length > 0 && (
            <div className="chips">
              <span className="rel-type">is a</span>
              {c.parents.map((p) => (
                <ConceptChip key={p.id} c={p} />
              ))}
            </div>
          )}
          {c.children.length > 0 && (
            <div className="chips">
              <span className="rel-type">includes</span>
              {c.children.map((p) => (
                <ConceptChip key={p.id} c={p} />
              ))}
            </div>
          )}
        </section>
      )}
      <CrosstalkSection id={c.id} category={c.category} />
      {CURATED_REL_TYPES.map((t) => (
        <Fragment key={t}>
          {relationList(
            sentenceCase(networkSpec(t).label),
            c.relations.filter((r) => r.type === t && r.direction === 'out'),
          )}
        </Fragment>
      ))}
      {relationList('Signals received', incoming)}
      <WorkList
        title="Works mentioning it"
        works={c.works}
        total={c.totals.works}
        pages={{ id: c.id, list: 'works' }}
        empty="No work's title or keywords mention it."
        render={(w) => (
          <WorkItem
            key={w.id}
            w={w}
            extra={` · in ${(w as WorkRef & { foundIn: string[] }).foundIn.join(', ')}`}
          />
        )}
      />
      <p className="id-line">id: {c.id} · from graph/concepts.yaml</p>
    </>
  );
}

function ListView({ d }: { d: AuthorDetail | JournalDetail }) {
  return (
    <>
      <p className="kind-label">
        {d.kind === 'author' ? (d.isSurnameOnly ? 'Author (surname only)' : 'Author') : 'Journal'}
      </p>
      <h2 className="detail-title" tabIndex={-1}>
        {d.name}
      </h2>
      {d.kind === 'author' && d.isSurnameOnly && (
        <p className="hint">
          Only a surname was shown on the source page, so this author is not merged with anyone else.
        </p>
      )}
      <WorkList
        title="Works"
        works={d.works}
        total={d.totals.works}
        pages={{ id: d.id, list: 'works' }}
        empty="No works."
      />
      <Sources sources={d.sources} />
    </>
  );
}

export function DetailPanel() {
  const state = useAppStore((s) => s.detail);
  const { status } = state;
  const detail = shownData(state);
  const selected = useAppStore((s) => s.selected);

  let body: ReactNode;
  if (!selected) {
    body = (
      <div className="empty-state">
        <h2>Explore the crosstalk literature</h2>
        <p>Click a node, or search above. Double-click a node to focus on its neighbourhood.</p>
        <p>
          Start with <NodeLink id="doi:10.1038/s41574-025-01088-x">the review by Kirk et al. (2025)</NodeLink>{' '}
          or the concept <NodeLink id="concept:irisin">irisin</NodeLink>.
        </p>
        <GraphReviews />
      </div>
    );
  } else if (status === 'loading' && detail?.id !== selected) {
    body = <p className="loading">Loading…</p>;
  } else if (state.status === 'error') {
    body = (
      <p className="error-text" role="alert">
        {state.error}
      </p>
    );
  } else if (detail) {
    body =
      detail.kind === 'work' ? (
        <WorkView w={detail} />
      ) : detail.kind === 'concept' ? (
        <ConceptView c={detail} />
      ) : (
        <ListView d={detail} />
      );
  }
  return (
    <aside
      className="panel panel-right"
      aria-label="Details"
      data-testid="detail-panel"
      id="details"
      tabIndex={-1}
    >
      <CollectionCard />
      <div className="detail-body">
        {selected && (
          <button
            type="button"
            className="close-button"
            aria-label="Clear selection"
            onClick={() => void selectNode(null)}
          >
            ×
          </button>
        )}
        {body}
      </div>
    </aside>
  );
}
