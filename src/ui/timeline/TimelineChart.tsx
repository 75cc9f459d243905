/**
 * The timeline's chart: bars per year stacked by segment, the works tick, the review's year, and
 * the brush that sets the year filter (drag across the bars, drag its handles, or use the keyboard
 * on a handle). Plain SVG; arithmetic in ./histogram.
 */
import { useState, type KeyboardEvent, type PointerEvent } from 'react';
import { setFilters } from '../state/filters';
import { useAppStore } from '../state/store';
import {
  bandLayout,
  brushYears,
  countTicks,
  edgeDragYears,
  filterFromRange,
  rangeFromFilter,
  xOfYear,
  yearAtX,
  yearTicks,
  type BandLayout,
  type Histogram,
} from './histogram';

/** Chart geometry in pixels. */
const HEIGHT = 112;
export const MARGIN = { top: 16, right: 12, bottom: 18, left: 40 };
const BASELINE = HEIGHT - MARGIN.bottom;
const PLOT_HEIGHT = BASELINE - MARGIN.top;
/** A pointer that moves less than this between press and release clicked. */
const CLICK_SLOP = 3;

/**
 * A drag in progress: `a` is where it started, `b` where the pointer is (x, in pixels). Dragging
 * an edge of the brush moves that edge; `fixed` is the year of the other edge.
 */
interface Drag {
  a: number;
  b: number;
  /** The press started inside the brush (a click there keeps it). */
  inside: boolean;
  edge: { side: 'lo' | 'hi'; fixed: number } | null;
}

/** The chart of a histogram, `width` pixels wide. */
export function Chart({
  histogram,
  review,
  width,
}: {
  histogram: Histogram;
  review: number | null;
  width: number;
}) {
  const [drag, setDrag] = useState<Drag | null>(null);
  const [hover, setHover] = useState<number | null>(null);
  const filters = useAppStore((s) => s.filters);
  const { domain, bins, segments, maxTotal } = histogram;
  const layout = bandLayout(domain, MARGIN.left, width - MARGIN.left - MARGIN.right);
  const bw = layout.bandWidth;
  const ticks = countTicks(maxTotal);
  const top = ticks[ticks.length - 1] || 1;
  const yOf = (v: number): number => BASELINE - (v / top) * PLOT_HEIGHT;
  const gap = bw > 8 ? 2 : bw > 4 ? 1 : 0;
  const isMentions = histogram.mode === 'category';

  const filterRange = rangeFromFilter(domain, filters.yearMin, filters.yearMax);
  const unknown = histogram.worksWithoutYear;
  const unknownHidden = filterRange !== null && !filters.includeUnknownYear;
  const dragYears = (d: Drag): { lo: number; hi: number } =>
    d.edge ? edgeDragYears(layout, d.edge.side, d.edge.fixed, d.b) : brushYears(layout, d.a, d.b);
  const shown = drag
    ? { ...dragYears(drag), empty: false }
    : filterRange && !filterRange.empty
      ? filterRange
      : null;
  const handles = shown ?? { lo: domain.min, hi: domain.max };

  /** The pointer's x in the chart's coordinates. */
  const pointerX = (e: PointerEvent<SVGGraphicsElement>): number =>
    e.clientX - (e.currentTarget.ownerSVGElement?.getBoundingClientRect().left ?? 0);

  const onPointerDown = (e: PointerEvent<SVGRectElement>): void => {
    if (e.button !== 0) return;
    const x = pointerX(e);
    const year = yearAtX(layout, x);
    e.currentTarget.setPointerCapture(e.pointerId);
    const inside =
      filterRange !== null && !filterRange.empty && year >= filterRange.lo && year <= filterRange.hi;
    setDrag({ a: x, b: x, inside, edge: null });
  };
  const onPointerMove = (e: PointerEvent<SVGRectElement>): void => {
    const x = pointerX(e);
    setHover(yearAtX(layout, x));
    if (drag) setDrag({ ...drag, b: x });
  };
  const onPointerUp = (e: PointerEvent<SVGRectElement>): void => {
    if (!drag) return;
    const x = pointerX(e);
    setDrag(null);
    if (!drag.edge && Math.abs(x - drag.a) < CLICK_SLOP) {
      // A click outside the brush clears it; inside, it keeps it.
      if (!drag.inside) setFilters({ yearMin: null, yearMax: null });
      return;
    }
    const { lo, hi } = dragYears({ ...drag, b: x });
    setFilters(filterFromRange(domain, lo, hi));
  };
  /** Starts dragging one edge of the brush; the other edge stays. */
  const onHandleDown = (edge: 'lo' | 'hi') => (e: PointerEvent<SVGRectElement>) => {
    if (e.button !== 0) return;
    e.stopPropagation();
    e.currentTarget.ownerSVGElement
      ?.querySelector<SVGRectElement>('.timeline-overlay')
      ?.setPointerCapture(e.pointerId);
    const x = pointerX(e);
    setDrag({
      a: x,
      b: x,
      inside: true,
      edge: { side: edge, fixed: edge === 'lo' ? handles.hi : handles.lo },
    });
  };
  const onHandleKey = (edge: 'lo' | 'hi') => (e: KeyboardEvent<SVGRectElement>) => {
    const steps: Record<string, number> = {
      ArrowLeft: -1,
      ArrowDown: -1,
      ArrowRight: 1,
      ArrowUp: 1,
      PageDown: -5,
      PageUp: 5,
    };
    let { lo, hi } = handles;
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      setFilters({ yearMin: null, yearMax: null });
      return;
    }
    const current = edge === 'lo' ? lo : hi;
    let next: number;
    if (e.key === 'Home') next = domain.min;
    else if (e.key === 'End') next = domain.max;
    else if (steps[e.key] !== undefined) next = current + steps[e.key]!;
    else return;
    e.preventDefault();
    if (edge === 'lo') lo = Math.max(domain.min, Math.min(next, hi));
    else hi = Math.min(domain.max, Math.max(next, lo));
    setFilters(filterFromRange(domain, lo, hi));
  };

  const hovered = hover !== null && !drag ? bins[hover - domain.min] : undefined;
  const reviewX =
    review !== null && review >= domain.min && review <= domain.max ? xOfYear(layout, review) + bw / 2 : null;

  return (
    <>
      <svg
        className="timeline-svg"
        width={width}
        height={HEIGHT}
        data-testid="timeline-svg"
        aria-label={`Works per year, ${domain.min}–${domain.max}${isMentions ? ', stacked by the concept categories they mention' : ', stacked by community'}`}
      >
        {ticks.map((t) => (
          <g key={t} className="timeline-grid">
            <line x1={MARGIN.left} x2={width - MARGIN.right} y1={yOf(t)} y2={yOf(t)} />
            <text x={MARGIN.left - 5} y={yOf(t)} dy="0.32em" textAnchor="end">
              {t}
            </text>
          </g>
        ))}
        <text
          className="timeline-axis-title"
          transform={`translate(10 ${MARGIN.top + PLOT_HEIGHT / 2}) rotate(-90)`}
          textAnchor="middle"
        >
          {isMentions ? 'mentions' : 'works'}
        </text>
        {hovered && (
          <rect
            className="timeline-hover"
            x={xOfYear(layout, hovered.year)}
            y={MARGIN.top - 2}
            width={bw}
            height={PLOT_HEIGHT + 2}
          />
        )}
        <g className="timeline-bars" shapeRendering="crispEdges">
          {bins.map((b) => {
            if (b.total === 0) return null;
            const x = xOfYear(layout, b.year) + gap / 2;
            let acc = 0;
            const outside = shown !== null && (b.year < shown.lo || b.year > shown.hi);
            return (
              <g key={b.year} className={outside ? 'timeline-year outside' : 'timeline-year'}>
                <title>{describeBin(b, histogram)}</title>
                {b.values.map((v, i) => {
                  if (v === 0) return null;
                  const y0 = yOf(acc);
                  acc += v;
                  const y1 = yOf(acc);
                  return (
                    <rect
                      key={segments[i]!.key}
                      x={x}
                      y={y1}
                      width={Math.max(1, bw - gap)}
                      height={Math.max(0, y0 - y1)}
                      fill={segments[i]!.color}
                    />
                  );
                })}
                {isMentions && b.total > b.works && (
                  <g className="timeline-works-tick">
                    <line x1={x - 1} x2={x + Math.max(1, bw - gap) + 1} y1={yOf(b.works)} y2={yOf(b.works)} />
                    <line x1={x - 1} x2={x + Math.max(1, bw - gap) + 1} y1={yOf(b.works)} y2={yOf(b.works)} />
                  </g>
                )}
              </g>
            );
          })}
        </g>
        <line
          className="timeline-baseline"
          x1={MARGIN.left}
          x2={width - MARGIN.right}
          y1={BASELINE}
          y2={BASELINE}
        />
        {yearTicks(layout).map((y) => {
          const x = xOfYear(layout, y) + bw / 2;
          return (
            <g key={y} className="timeline-year-tick">
              <line x1={x} x2={x} y1={BASELINE} y2={BASELINE + 3} />
              <text x={x} y={BASELINE + 13} textAnchor="middle">
                {y}
              </text>
            </g>
          );
        })}
        {unknown > 0 && (
          <g className="timeline-unknown">
            <title>
              {`Works in view whose publication year is unknown have no bar. ${
                filterRange === null
                  ? 'A year range keeps or hides them as the filter “keep works with unknown year” says.'
                  : unknownHidden
                    ? 'The year range hides them (filter “keep works with unknown year” is off).'
                    : 'They stay in the network while the year range is set (filter “keep works with unknown year”).'
              }`}
            </title>
            <text x={MARGIN.left} y={MARGIN.top - 6} data-testid="timeline-unknown">
              {unknown} work{unknown === 1 ? '' : 's'} without a year
              {filterRange !== null && (unknownHidden ? ' (hidden)' : ' (shown)')}
            </text>
          </g>
        )}
        {reviewX !== null && (
          <g className="timeline-review" data-testid="timeline-review">
            <line x1={reviewX} x2={reviewX} y1={MARGIN.top - 4} y2={BASELINE} />
            <text x={reviewX - 4} y={MARGIN.top - 6} textAnchor="end">
              the review, Kirk et al. {review}
            </text>
          </g>
        )}
        {shown && (
          <rect
            className="timeline-brush"
            data-testid="timeline-brush"
            x={xOfYear(layout, shown.lo)}
            y={MARGIN.top - 2}
            width={(shown.hi - shown.lo + 1) * bw}
            height={BASELINE - MARGIN.top + 2}
          />
        )}
        <rect
          className="timeline-overlay"
          x={MARGIN.left}
          y={0}
          width={Math.max(0, width - MARGIN.left - MARGIN.right)}
          height={HEIGHT}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => setDrag(null)}
          onPointerLeave={() => setHover(null)}
        />
        <Handle
          edge="lo"
          layout={layout}
          years={handles}
          active={shown !== null}
          onKeyDown={onHandleKey('lo')}
          onPointerDown={onHandleDown('lo')}
        />
        <Handle
          edge="hi"
          layout={layout}
          years={handles}
          active={shown !== null}
          onKeyDown={onHandleKey('hi')}
          onPointerDown={onHandleDown('hi')}
        />
      </svg>
      {drag && (
        <div
          className="timeline-tooltip"
          style={{ left: clampTip(xOfYear(layout, (shown ?? handles).lo), width) }}
        >
          {shown && (shown.lo === shown.hi ? shown.lo : `${shown.lo}–${shown.hi}`)} · release to filter the
          network
        </div>
      )}
      {hovered && (
        <div
          className="timeline-tooltip"
          role="tooltip"
          data-testid="timeline-tooltip"
          style={{ left: clampTip(xOfYear(layout, hovered.year) + bw / 2, width) }}
        >
          <strong>{hovered.year}</strong> · {hovered.works} work{hovered.works === 1 ? '' : 's'}
          {hovered.year === review && ' (incl. the review)'}
          {hovered.total > 0 && (
            <ul>
              {hovered.values.map((v, i) =>
                v > 0 ? (
                  <li key={segments[i]!.key}>
                    <span className="swatch disc" style={{ background: segments[i]!.color }} />
                    {segments[i]!.label} <span className="count">{v}</span>
                  </li>
                ) : null,
              )}
            </ul>
          )}
          {isMentions && hovered.total > hovered.works && (
            <span className="timeline-tooltip-note">a work counts under each category it mentions</span>
          )}
        </div>
      )}
    </>
  );
}

/** One edge of the brush: draggable, and a keyboard slider. */
function Handle({
  edge,
  layout,
  years,
  active,
  onKeyDown,
  onPointerDown,
}: {
  edge: 'lo' | 'hi';
  layout: BandLayout;
  years: { lo: number; hi: number };
  active: boolean;
  onKeyDown: (e: KeyboardEvent<SVGRectElement>) => void;
  onPointerDown: (e: PointerEvent<SVGRectElement>) => void;
}) {
  const { domain } = layout;
  const year = edge === 'lo' ? years.lo : years.hi;
  const x = edge === 'lo' ? xOfYear(layout, years.lo) : xOfYear(layout, years.hi) + layout.bandWidth;
  return (
    <rect
      className={active ? 'timeline-handle' : 'timeline-handle idle'}
      data-testid={`timeline-handle-${edge}`}
      x={x - 4}
      y={MARGIN.top + PLOT_HEIGHT / 2 - 13}
      width={8}
      height={26}
      rx={3}
      tabIndex={0}
      role="slider"
      aria-orientation="horizontal"
      aria-label={edge === 'lo' ? 'First year of the range' : 'Last year of the range'}
      aria-valuemin={edge === 'lo' ? domain.min : years.lo}
      aria-valuemax={edge === 'lo' ? years.hi : domain.max}
      aria-valuenow={year}
      aria-valuetext={active ? String(year) : `${year} (no year filter)`}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
    />
  );
}

/** Keeps a tooltip's centre inside the chart. */
function clampTip(x: number, width: number): number {
  return Math.min(width - 90, Math.max(90, x));
}

/** Text for a year's bar (SVG title). */
function describeBin(b: Histogram['bins'][number], h: Histogram): string {
  const parts = b.values.flatMap((v, i) => (v > 0 ? [`${h.segments[i]!.label}: ${v}`] : []));
  const works = `${b.year}: ${b.works} work${b.works === 1 ? '' : 's'}`;
  return h.mode === 'category' ? `${works}; mentioning ${parts.join(', ')}` : `${works}; ${parts.join(', ')}`;
}
