/**
 * The literature map's cluster legend, in a bounded share of the view: one row of the largest
 * clusters and "+N more", which opens the whole list (scrolling past a quarter of the window).
 * Clusters that no shared concept tells apart are one entry (their swatches together), so a map
 * whose clusters share the same concepts says so once instead of repeating the label. At 100k
 * synthetic works, 12 clusters wrapped to 5 rows and left the map a third of its room at 1280×800.
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { LitMapCluster, LitMapPayload } from '../../model/litmap';
import { addToCollection } from '../state/collection';
import { clusterColor } from './map-model';

/** Width kept for the "+N more" button on the closed legend's row (px, with its gap). */
const MORE_WIDTH = 84;

/** One line of the legend: a cluster, or clusters alike. */
export interface LegendEntry {
  key: string;
  /** Cluster ids (largest first); null: the works in no cluster. */
  clusters: (number | null)[];
  text: string;
  title: string;
}

const describe = (c: LitMapCluster): string =>
  c.concepts
    .map((x) => `${x.label}: ${x.inCluster} of its ${c.size} works, ${x.documentFrequency} in the graph`)
    .join('\n');

/**
 * The legend's entries: each cluster, largest first, with the clusters alike to it merged into
 * the entry of the largest; then "not in a cluster" when some work is in none.
 */
export function legendEntries(payload: Pick<LitMapPayload, 'clusters' | 'works'>): LegendEntry[] {
  const entries: LegendEntry[] = [];
  const done = new Set<number>();
  for (const c of payload.clusters) {
    if (done.has(c.id)) continue;
    const group = [c, ...payload.clusters.filter((o) => c.alike.includes(o.id))];
    for (const g of group) done.add(g.id);
    const label = c.label ?? 'no shared concept';
    entries.push(
      group.length === 1
        ? { key: `c${c.id}`, clusters: [c.id], text: `${label} (${c.size})`, title: describe(c) }
        : {
            key: `c${c.id}`,
            clusters: group.map((g) => g.id),
            text: `${label}: ${group.length} clusters alike (${group.map((g) => g.size).join(', ')})`,
            title: `No concept these clusters share tells them apart.\n${group
              .map((g) => `Cluster ${g.id + 1}, ${g.size} works:\n${describe(g)}`)
              .join('\n\n')}`,
          },
    );
  }
  if (payload.works.some((w) => w.cluster === null))
    entries.push({
      key: 'none',
      clusters: [null],
      text: 'not in a cluster',
      title: 'Works linked to no cluster',
    });
  return entries;
}

/** "+" after a cluster's entry: adds the works of the cluster (or of the clusters alike) to the collection. */
function CollectCluster({ entry, works }: { entry: LegendEntry; works: LitMapPayload['works'] }) {
  if (entry.clusters.includes(null)) return null;
  const ids = works.filter((w) => w.cluster !== null && entry.clusters.includes(w.cluster)).map((w) => w.id);
  if (ids.length === 0) return null;
  return (
    <button
      type="button"
      className="collect-toggle legend-collect"
      aria-label={`Add the ${ids.length} works of “${entry.text}” to the collection`}
      title={`Add its ${ids.length} works to the collection (to rank what relates to them all)`}
      data-testid="legend-collect"
      onClick={() => addToCollection(ids)}
    >
      +
    </button>
  );
}

/** The cluster legend (colour by cluster). */
export function ClusterLegend({ payload }: { payload: Pick<LitMapPayload, 'clusters' | 'works'> }) {
  const entries = useMemo(() => legendEntries(payload), [payload]);
  const [open, setOpen] = useState(false);
  // How many entries fit on the closed legend's one row (measured; the rest are "+N more").
  const [fit, setFit] = useState(entries.length);
  const list = useRef<HTMLUListElement>(null);
  useLayoutEffect(() => {
    const ul = list.current;
    const row = ul?.parentElement;
    if (!ul || !row || open) return;
    const measure = (): void => {
      // Every entry at its natural width for one synchronous layout read (styles.css), then back.
      ul.dataset.measuring = '';
      const ends = (Array.from(ul.children) as HTMLElement[]).map((li) => li.offsetLeft + li.offsetWidth);
      delete ul.dataset.measuring;
      const width = row.clientWidth;
      if ((ends[ends.length - 1] ?? 0) <= width + 0.5) {
        setFit(ends.length);
        return;
      }
      // Room for "+N more"; the largest cluster's entry always shows (shortened if need be).
      const room = width - MORE_WIDTH;
      setFit(Math.max(1, ends.filter((end) => end <= room + 0.5).length));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(row);
    return () => observer.disconnect();
  }, [entries, open]);
  // The opened list is brought into view (on a small screen the map view scrolls).
  useLayoutEffect(() => {
    if (open) list.current?.scrollIntoView({ block: 'nearest' });
  }, [open]);
  const hidden = open ? 0 : entries.length - fit;
  return (
    <div className={`litmap-legend-row${open ? ' open' : ''}`}>
      <ul ref={list} data-testid="litmap-legend-list">
        {entries.map((e, i) => (
          <li key={e.key} title={e.title} className={!open && i >= fit ? 'clipped' : undefined}>
            {e.clusters.map((c) => (
              <span key={c ?? 'none'} className="swatch" style={{ background: clusterColor(c) }} />
            ))}
            {e.text}
            <CollectCluster entry={e} works={payload.works} />
          </li>
        ))}
      </ul>
      {(hidden > 0 || open) && (
        <button
          type="button"
          className="link-button litmap-legend-more"
          data-testid="litmap-legend-more"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          {open ? 'fewer' : `+${hidden} more`}
        </button>
      )}
    </div>
  );
}
