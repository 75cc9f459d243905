/**
 * The timeline: a year histogram of the works in view (the filters and focus, ignoring the year
 * range itself so the range can widen again), stacked by concept category or community. Dragging
 * across it sets the year filter; the review's year is marked. Plain SVG (the chart and its brush in ./TimelineChart); arithmetic in ./histogram.
 */
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { visibleNodes, yearSpan } from '../model/filters';
import { focusedIds, setFilters } from '../state/filters';
import { useGraphModel } from '../state/graph';
import { useAppStore } from '../state/store';
import { setTimelineStack } from '../state/timeline';
import {
  buildHistogram,
  rangeFromFilter,
  rankCommunities,
  reviewYear,
  worksInView,
  type Histogram,
  type StackMode,
} from './histogram';
import { Chart, MARGIN } from './TimelineChart';

/** Width of an element, kept current. */
function useWidth(ref: RefObject<HTMLElement | null>, active: boolean): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el || !active) return;
    const observer = new ResizeObserver(() => setWidth(Math.floor(el.clientWidth)));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, active]);
  return width;
}

/** The works in view and what is fixed per loaded graph (domain, review year, communities). */
function useHistogram(mode: StackMode): { histogram: Histogram; review: number | null } | null {
  // Fixed per loaded model: nodes an overview gains later do not move the domain or the colours.
  const g = useGraphModel()?.graph ?? null;
  const filters = useAppStore((s) => s.filters);
  const focus = useAppStore((s) => s.focus);
  const focusIds = focusedIds(focus);

  const base = useMemo(() => {
    const domain = g ? yearSpan(g) : null;
    return g && domain ? { graph: g, domain, review: reviewYear(g), communities: rankCommunities(g) } : null;
  }, [g]);

  const works = useMemo(
    () =>
      base
        ? worksInView(
            base.graph,
            visibleNodes(base.graph, { ...filters, yearMin: null, yearMax: null }, focusIds),
          )
        : [],
    [base, filters, focusIds],
  );

  return useMemo(
    () =>
      base
        ? { histogram: buildHistogram(works, mode, base.domain, base.communities), review: base.review }
        : null,
    [base, works, mode],
  );
}

export function Timeline() {
  const status = useAppStore((s) => s.network.status);
  if (status !== 'ready') return null;
  return <TimelineStrip />;
}

function TimelineStrip() {
  const [open, setOpen] = useState(() => !useAppStore.getState().consoleOpen);
  // The console opening collapses the timeline, so the network keeps its room (it can be reopened).
  const consoleOpen = useAppStore((s) => s.consoleOpen);
  const [seenConsole, setSeenConsole] = useState(consoleOpen);
  if (consoleOpen !== seenConsole) {
    setSeenConsole(consoleOpen);
    if (consoleOpen) setOpen(false);
  }
  // In the store, not local state: a copied link keeps the stacking.
  const mode = useAppStore((s) => s.timelineStack);
  const setMode = setTimelineStack;
  const data = useHistogram(mode);
  const filters = useAppStore((s) => s.filters);
  const range = data ? rangeFromFilter(data.histogram.domain, filters.yearMin, filters.yearMax) : null;

  return (
    <section
      className={open ? 'timeline' : 'timeline collapsed'}
      aria-label="Timeline: works per year"
      data-testid="timeline"
    >
      <div className="timeline-bar">
        <button
          type="button"
          className="timeline-toggle"
          aria-expanded={open}
          aria-controls="timeline-body"
          onClick={() => setOpen(!open)}
          title={open ? 'Hide the timeline' : 'Show the timeline'}
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> Timeline
        </button>
        {open && (
          <div className="segmented timeline-mode" role="group" aria-label="Stack the bars by">
            <button type="button" aria-pressed={mode === 'category'} onClick={() => setMode('category')}>
              Category
            </button>
            <button type="button" aria-pressed={mode === 'community'} onClick={() => setMode('community')}>
              Community
            </button>
          </div>
        )}
        <span className="timeline-range" data-testid="timeline-range">
          {range === null
            ? 'All years'
            : range.empty
              ? 'No year in the range'
              : range.lo === range.hi
                ? `Year ${range.lo}`
                : `Years ${range.lo}–${range.hi}`}
        </span>
        {range !== null && (
          <button type="button" className="chip" onClick={() => setFilters({ yearMin: null, yearMax: null })}>
            Clear years
          </button>
        )}
        {open && range === null && <span className="timeline-hint">drag across the bars to filter</span>}
      </div>
      {open && data && <TimelineBody histogram={data.histogram} review={data.review} />}
    </section>
  );
}

function TimelineBody({ histogram, review }: { histogram: Histogram; review: number | null }) {
  const chartRef = useRef<HTMLDivElement>(null);
  const width = useWidth(chartRef, true);
  const isMentions = histogram.mode === 'category';
  const totals = histogram.segments.map((_s, i) =>
    histogram.bins.reduce((n, b) => n + (b.values[i] ?? 0), 0),
  );

  return (
    <div className="timeline-body" id="timeline-body">
      <div className="timeline-chart" ref={chartRef}>
        {width > MARGIN.left + MARGIN.right && <Chart histogram={histogram} review={review} width={width} />}
      </div>
      <div className="timeline-legend" aria-label="Legend">
        <span
          className="timeline-legend-title"
          title={
            isMentions
              ? 'Each segment counts the works of that year that mention at least one concept of the category; a work mentioning several categories counts in each, so a bar can be taller than the number of works (the dark tick).'
              : 'Each work counts once, in its Louvain community; communities are named after their most-mentioned concept and coloured as in the network.'
          }
        >
          {isMentions ? 'Works mentioning:' : 'Works by community:'}
        </span>
        {histogram.segments.map((s, i) =>
          totals[i] ? (
            <span key={s.key} className="timeline-legend-item" title={s.title}>
              <span className="swatch disc" style={{ background: s.color }} />
              <span className="timeline-legend-label">{s.label}</span>{' '}
              <span className="count">{totals[i]}</span>
            </span>
          ) : null,
        )}
        {isMentions && (
          <span className="timeline-legend-item" title="the number of works of that year, each counted once">
            <span className="swatch works-tick" /> all works (each once)
          </span>
        )}
      </div>
    </div>
  );
}
