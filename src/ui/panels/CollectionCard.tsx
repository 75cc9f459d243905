/**
 * The collection card, at the top of the details panel while the collection holds works: the works
 * (each a link, each removable), and the rankings of what relates to all of them together (related,
 * prior, derivative, reviews; from POST /api/related, with their evidence and exports), a map
 * around them and a way to empty it.
 */
import { useEffect, useState } from 'react';
import { downloadCollectionCitations } from '../export/related';
import type { RelatedPayload } from '../../model/api';
import { shownData } from '../state/async';
import { useGraphModel } from '../state/graph';
import {
  chooseCollectionKind,
  clearCollection,
  collectionAnswerFor,
  loadCollectionRelated,
  mapCollection,
  removeFromCollection,
  type CollectionKind,
} from '../state/collection';
import { selectNode } from '../state/details';
import { useAppStore } from '../state/store';
import { ExportChips, RelatedAnswer, RelatedTabs, type RelatedTab } from './RelatedSection';

/** What the rankings mean for several works at once. */
const TABS = [
  {
    kind: 'related',
    label: 'Related',
    hint: 'Cited together with these works, sharing references with them, or linked to them by a citation (summed over the collection)',
  },
  {
    kind: 'prior',
    label: 'Prior',
    hint: 'Works most cited by the works around the collection: the foundations',
  },
  {
    kind: 'derivative',
    label: 'Derivative',
    hint: 'Works citing many of the works around the collection: what built on them',
  },
  { kind: 'review-finder', label: 'Reviews', hint: 'Works citing many works of the collection' },
] as const satisfies readonly RelatedTab[];

/** The collection's works as BibTeX or RIS (the server writes them, as for any list of works). */
function CollectionExports({ ids }: { ids: readonly string[] }) {
  return (
    <ExportChips
      label="Export the collection:"
      actions={[
        { label: 'BibTeX', run: () => downloadCollectionCitations(ids, 'bibtex') },
        { label: 'RIS', run: () => downloadCollectionCitations(ids, 'ris') },
      ]}
    />
  );
}

/**
 * A work of the collection: its title as the network knows it, else as the last answer named it
 * (an overview may have left it out of the network), else its id.
 */
function CollectedWork({ id, answer }: { id: string; answer: RelatedPayload | null }) {
  const model = useGraphModel();
  const attrs = model?.graph.hasNode(id) ? model.graph.getNodeAttributes(id) : null;
  const known = answer?.works[id];
  const title = attrs?.fullLabel ?? known?.title ?? id;
  const year = attrs?.year ?? known?.year ?? null;
  return (
    <li className="collection-item" data-testid="collection-item">
      <button type="button" className="link-button" title={id} onClick={() => void selectNode(id)}>
        {title}
      </button>
      {year ? <span className="meta"> · {year}</span> : null}
      <button
        type="button"
        className="text-button remove"
        aria-label={`Remove “${title}” from the collection`}
        title="Remove from the collection"
        onClick={() => removeFromCollection(id)}
      >
        ×
      </button>
    </li>
  );
}

/**
 * The card: its works and the tabs of the rankings; a ranking opens when its tab is chosen (so the
 * selected work's details stay in view) and reloads whenever the collection or the ranking changes.
 */
export function CollectionCard() {
  const collection = useAppStore((s) => s.collection);
  const kind = useAppStore((s) => s.collectionKind);
  const state = useAppStore((s) => s.collectionRelated);
  const [open, setOpen] = useState(true);
  const [ranking, setRanking] = useState(false);
  const key = collection.join('\n');
  // New counts mean a newly loaded network (a fetch grew the graph): its rankings are asked again.
  const stats = useAppStore((s) => s.stats);
  useEffect(() => {
    if (open && ranking && key) void loadCollectionRelated(kind);
  }, [open, ranking, key, kind, stats]);
  if (collection.length === 0) return null;
  const answer = collectionAnswerFor(state, collection, kind);
  const n = collection.length;
  const choose = (k: CollectionKind): void => {
    if (ranking && k === kind) setRanking(false);
    else {
      chooseCollectionKind(k);
      setRanking(true);
    }
  };
  return (
    <section className="detail-section collection-card" data-testid="collection" aria-label="Collection">
      <div className="collection-head">
        <h3>
          Collection <span className="count">{n}</span>
        </h3>
        <button type="button" className="text-button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? 'hide' : 'show'}
        </button>
      </div>
      {open && (
        <>
          <p className="hint">Ringed in blue on the network.</p>
          <ul className="collection-list">
            {collection.map((id) => (
              <CollectedWork key={id} id={id} answer={shownData(state)} />
            ))}
          </ul>
          <div className="actions">
            <button
              type="button"
              className="chip"
              title="Open the literature map around these works and their best related works"
              onClick={() => void mapCollection()}
            >
              Map around {n === 1 ? 'it' : `these ${n}`}
            </button>
            <button type="button" className="chip" onClick={clearCollection}>
              Empty the collection
            </button>
          </div>
          <CollectionExports ids={collection} />
          <RelatedTabs
            tabs={TABS}
            kind={ranking ? kind : null}
            label="Works related to the collection"
            onChoose={(k) => choose(k as CollectionKind)}
          />
          {ranking && <RelatedAnswer state={state} answer={answer} />}
        </>
      )}
    </section>
  );
}
