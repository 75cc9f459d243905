/**
 * The concept map view: bone, skeletal muscle and adipose tissue as anchors with their sub-tissues
 * and cells near them, factors between the tissues that secrete them and those they act on,
 * arrows by effect with a width by primary evidence, and conditions/processes on an optional
 * outer ring linked by co-mention strength (Jaccard over works). Positions come from the server
 * (model/concept-map.ts: computed and seeded, the same on every visit). Hover shows a relation's
 * evidence count; a click opens its graded evidence (the same list the matrix shows).
 *
 * Over 400 lines: the map's SVG, arrows, filters and year slider share one state and one layout;
 * the evidence list is GradedEvidence.tsx, the state state.ts.
 */
import { useMemo, useState } from 'react';
import type { Effect } from '../../model/crosstalk-rule';
import {
  visibleRelations,
  type ConceptMapPayload,
  type MapRelation,
  type PlacedConcept,
} from '../../model/concept-map';
import { CATEGORY_COLORS, CATEGORY_LABELS } from '../model/palette';
import { selectNode } from '../state/details';
import { GradedEvidence } from './GradedEvidence';
import { useConceptMap, useConceptMapStore } from './state';

/** Okabe–Ito colours of the effects (colour-blind safe; the legend names them). */
export const EFFECT_COLORS: Record<Effect, string> = {
  promotes: '#009E73',
  inhibits: '#D55E00',
  modulates: '#0072B2',
};
const SECRETION_COLOR = '#8a8a8a';
const EFFECTS: Effect[] = ['promotes', 'inhibits', 'modulates'];
const CORE_CATEGORIES = ['tissue', 'cell', 'factor', 'factor-class'] as const;

/** Arrow width in px for a relation's primary works: 1.2 with none, then 1.5 px more per work (at most 9). */
export const arrowWidth = (primary: number): number => Math.min(9, 1.2 + 1.5 * primary);

const relLabel = (r: MapRelation, name: (id: string) => string): string =>
  r.type === 'SECRETED_BY'
    ? `${name(r.from)} secreted by ${name(r.to)}`
    : `${name(r.from)} ${r.effect ?? 'acts on'} ${name(r.to)}`;

const count = (r: MapRelation): string =>
  `${r.evidence.length} work${r.evidence.length === 1 ? '' : 's'} (${r.grades.primary} primary, ${r.grades.review} review, ${r.grades.unknown} unknown)`;

function Arrow({
  r,
  from,
  to,
  selected,
  onPick,
  onHover,
  name,
}: {
  r: MapRelation;
  from: PlacedConcept;
  to: PlacedConcept;
  selected: boolean;
  onPick: () => void;
  onHover: (r: MapRelation | null) => void;
  name: (id: string) => string;
}) {
  // Secretion flows from the tissue to the factor; an effect from the factor to its target.
  const [a, b] = r.type === 'SECRETED_BY' ? [to, from] : [from, to];
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const d = Math.hypot(dx, dy) || 1;
  const x1 = a.x + (dx / d) * (a.r + 1);
  const y1 = a.y + (dy / d) * (a.r + 1);
  const x2 = b.x - (dx / d) * (b.r + 4);
  const y2 = b.y - (dy / d) * (b.r + 4);
  // A slight bend, to the left of the direction of travel, keeps opposite relations apart.
  const mx = (x1 + x2) / 2 - (dy / d) * Math.min(24, d * 0.12);
  const my = (y1 + y2) / 2 + (dx / d) * Math.min(24, d * 0.12);
  const path = `M${x1.toFixed(1)},${y1.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${x2.toFixed(1)},${y2.toFixed(1)}`;
  const color = r.type === 'SECRETED_BY' ? SECRETION_COLOR : EFFECT_COLORS[r.effect ?? 'modulates'];
  const label = `${relLabel(r, name)}: ${count(r)}`;
  return (
    <g
      className={`cm-arrow${selected ? ' on' : ''}`}
      data-relation={r.id}
      data-type={r.type}
      role="button"
      tabIndex={0}
      aria-label={label}
      aria-pressed={selected}
      onClick={onPick}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onPick();
        }
      }}
      onMouseEnter={() => onHover(r)}
      onMouseLeave={() => onHover(null)}
      onFocus={() => onHover(r)}
      onBlur={() => onHover(null)}
    >
      <title>{label}</title>
      <path d={path} className="cm-hit" stroke="transparent" strokeWidth={12} fill="none" />
      <path
        d={path}
        stroke={color}
        strokeWidth={r.type === 'SECRETED_BY' ? 1.2 : arrowWidth(r.grades.primary)}
        strokeDasharray={r.type === 'SECRETED_BY' ? '4 3' : undefined}
        fill="none"
        markerEnd={`url(#cm-head-${r.type === 'SECRETED_BY' ? 'secreted' : (r.effect ?? 'modulates')})`}
        opacity={selected ? 1 : 0.8}
      />
    </g>
  );
}

function MapSvg({
  map,
  ring,
  relations,
  selected,
  onPick,
  onHover,
  categories,
}: {
  map: ConceptMapPayload;
  ring: boolean;
  relations: MapRelation[];
  selected: string | null;
  onPick: (id: string) => void;
  onHover: (r: MapRelation | null) => void;
  categories: ReadonlySet<string>;
}) {
  const placed = ring ? map.layout.withRing : map.layout.core;
  const at = useMemo(() => new Map(placed.map((p) => [p.id, p])), [placed]);
  const byId = useMemo(() => new Map(map.concepts.map((c) => [c.id, c])), [map]);
  const name = (id: string): string => byId.get(id)?.name ?? id;
  const active = new Set(relations.flatMap((r) => [r.from, r.to]));
  const shown = placed.filter((p) => {
    const c = byId.get(p.id);
    return c && (c.place === 'ring' ? ring : categories.has(c.category));
  });
  const shownIds = new Set(shown.map((p) => p.id));
  const ringLinks = ring
    ? map.coMentions.filter((l) => shownIds.has(l.context) && shownIds.has(l.concept))
    : [];
  const tissues = new Set(['concept:bone', 'concept:skeletal-muscle', 'concept:adipose-tissue']);
  return (
    <svg
      className="cm-svg"
      viewBox={`0 0 ${map.layout.width} ${map.layout.height}`}
      preserveAspectRatio="xMidYMid meet"
      role="img"
      aria-label="Concept map of the curated crosstalk"
      data-testid="concept-map-svg"
    >
      <defs>
        {[...EFFECTS.map((e) => [e, EFFECT_COLORS[e]] as const), ['secreted', SECRETION_COLOR] as const].map(
          ([id, color]) => (
            <marker
              key={id}
              id={`cm-head-${id}`}
              viewBox="0 0 10 10"
              refX="8"
              refY="5"
              markerWidth="5"
              markerHeight="5"
              orient="auto-start-reverse"
              markerUnits="strokeWidth"
            >
              <path d="M0,0 L10,5 L0,10 z" fill={color} />
            </marker>
          ),
        )}
      </defs>
      <g className="cm-ring-links">
        {ringLinks.map((l) => {
          const a = at.get(l.context)!;
          const b = at.get(l.concept)!;
          return (
            <line
              key={`${l.context}-${l.concept}`}
              x1={a.x}
              y1={a.y}
              x2={b.x}
              y2={b.y}
              strokeWidth={0.6 + 6 * l.jaccard}
              className="cm-ring-link"
            >
              <title>{`${name(l.context)} – ${name(l.concept)}: Jaccard ${l.jaccard.toFixed(2)} (${l.shared} shared works)`}</title>
            </line>
          );
        })}
      </g>
      <g className="cm-arrows">
        {relations.map((r) => {
          const a = at.get(r.from);
          const b = at.get(r.to);
          if (!a || !b || !shownIds.has(r.from) || !shownIds.has(r.to)) return null;
          return (
            <Arrow
              key={r.id}
              r={r}
              from={a}
              to={b}
              selected={selected === r.id}
              onPick={() => onPick(r.id)}
              onHover={onHover}
              name={name}
            />
          );
        })}
      </g>
      <g className="cm-nodes">
        {shown.map((p) => {
          const c = byId.get(p.id)!;
          const dim = c.place === 'core' && !tissues.has(c.id) && !active.has(c.id);
          return (
            <g
              key={p.id}
              className={`cm-node cm-${c.place}${dim ? ' dim' : ''}${tissues.has(c.id) ? ' anchor' : ''}`}
              data-concept={p.id}
              data-category={c.category}
              onClick={() => void selectNode(p.id)}
            >
              <title>{`${c.name} · ${CATEGORY_LABELS[c.category as keyof typeof CATEGORY_LABELS] ?? c.category} · mentioned by ${c.works} works`}</title>
              <circle
                cx={p.x}
                cy={p.y}
                r={p.r}
                fill={CATEGORY_COLORS[c.category as keyof typeof CATEGORY_COLORS] ?? '#999'}
              />
              <text
                className="cm-label"
                x={p.x}
                y={p.label.y + p.label.h - 4}
                textAnchor="middle"
                data-testid="cm-label"
              >
                {c.short}
              </text>
            </g>
          );
        })}
      </g>
    </svg>
  );
}

/** The concept map, as a view of its own beside the network. */
export function ConceptMapView() {
  const map = useConceptMap();
  const status = useConceptMapStore((s) => s.map);
  const [ring, setRing] = useState(true);
  const [categories, setCategories] = useState<ReadonlySet<string>>(new Set(CORE_CATEGORIES));
  const [effects, setEffects] = useState<ReadonlySet<Effect | 'none'>>(new Set([...EFFECTS, 'none']));
  const [secretion, setSecretion] = useState(true);
  const [minPrimary, setMinPrimary] = useState(0);
  const years = useMemo(() => {
    const ys = (map?.relations ?? []).flatMap((r) => (r.firstYear === null ? [] : [r.firstYear]));
    return ys.length > 0 ? { min: Math.min(...ys), max: Math.max(...ys) } : null;
  }, [map]);
  const [year, setYear] = useState<number | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [hovered, setHovered] = useState<MapRelation | null>(null);
  const relations = useMemo(
    () =>
      map
        ? visibleRelations(map, { categories, effects, minPrimary, year }).filter(
            (r) => secretion || r.type !== 'SECRETED_BY',
          )
        : [],
    [map, categories, effects, minPrimary, year, secretion],
  );
  if (!map) {
    return (
      <div className="concept-map">
        <p className="hint" role="status">
          {status.status === 'error'
            ? `The concept map could not be loaded: ${status.error}`
            : 'Loading the concept map…'}
        </p>
      </div>
    );
  }
  const name = (id: string): string => map.concepts.find((c) => c.id === id)?.name ?? id;
  const toggle = <T,>(set: ReadonlySet<T>, v: T): ReadonlySet<T> => {
    const next = new Set(set);
    if (next.has(v)) next.delete(v);
    else next.add(v);
    return next;
  };
  const chosen = selected ? map.relations.find((r) => r.id === selected) : undefined;
  const sliderMax = years ? years.max + 1 : 0;
  const sliderValue = year ?? sliderMax;
  return (
    <div className="concept-map" data-testid="concept-map">
      <div className="cm-toolbar" role="group" aria-label="Concept map filters">
        <fieldset>
          <legend>Show</legend>
          {CORE_CATEGORIES.map((c) => (
            <label key={c}>
              <input
                type="checkbox"
                checked={categories.has(c)}
                onChange={() => setCategories((s) => toggle(s, c))}
              />{' '}
              <span className="swatch disc" style={{ background: CATEGORY_COLORS[c] }} /> {CATEGORY_LABELS[c]}
            </label>
          ))}
          <label>
            <input type="checkbox" checked={ring} onChange={(e) => setRing(e.target.checked)} /> conditions
            &amp; processes (ring)
          </label>
        </fieldset>
        <fieldset>
          <legend>Effect</legend>
          {EFFECTS.map((e) => (
            <label key={e}>
              <input
                type="checkbox"
                checked={effects.has(e)}
                onChange={() => setEffects((s) => toggle(s, e))}
              />{' '}
              <span className="cm-key" style={{ background: EFFECT_COLORS[e] }} /> {e}
            </label>
          ))}
          <label>
            <input type="checkbox" checked={secretion} onChange={(e) => setSecretion(e.target.checked)} />{' '}
            <span className="cm-key dashed" /> secreted by
          </label>
        </fieldset>
        <fieldset>
          <legend>Evidence</legend>
          <label>
            at least{' '}
            <select
              value={minPrimary}
              onChange={(e) => setMinPrimary(Number(e.target.value))}
              aria-label="Minimum primary works"
            >
              {[0, 1, 2, 3].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>{' '}
            primary works
          </label>
        </fieldset>
        {years && (
          <fieldset className="cm-year">
            <legend>Year</legend>
            <input
              type="range"
              aria-label="Year"
              min={years.min}
              max={sliderMax}
              step={1}
              value={sliderValue}
              onChange={(e) => {
                const v = Number(e.target.value);
                setYear(v > years.max ? null : v);
              }}
            />
            <output data-testid="cm-year">
              {year === null ? 'all years, undated too' : `first evidence up to ${year}`}
            </output>
          </fieldset>
        )}
      </div>
      <p className="hint cm-status" role="status" data-testid="cm-status">
        {relations.length} relation{relations.length === 1 ? '' : 's'} drawn
        {hovered
          ? ` · ${relLabel(hovered, name)}: ${count(hovered)}`
          : ' · hover or focus an arrow for its evidence count, click it (or Enter) for the evidence'}
      </p>
      <div className="cm-body">
        <div className="cm-canvas">
          <MapSvg
            map={map}
            ring={ring}
            relations={relations}
            selected={selected}
            onPick={(id) => setSelected((s) => (s === id ? null : id))}
            onHover={setHovered}
            categories={categories}
          />
          <div className="cm-legend" aria-label="Legend">
            <span>
              <span className="cm-key" style={{ background: EFFECT_COLORS.promotes }} /> promotes
            </span>
            <span>
              <span className="cm-key" style={{ background: EFFECT_COLORS.inhibits }} /> inhibits
            </span>
            <span>
              <span className="cm-key" style={{ background: EFFECT_COLORS.modulates }} /> modulates
            </span>
            <span>
              <span className="cm-key dashed" /> secreted by
            </span>
            <span>arrow width: primary works (thin = none)</span>
            {ring && <span>{map.measure}</span>}
          </div>
        </div>
        {chosen && (
          <aside
            className="cm-evidence"
            aria-label="Evidence of the chosen relation"
            data-testid="cm-evidence"
          >
            <header className="cm-evidence-header">
              <h3>{relLabel(chosen, name)}</h3>
              <button
                type="button"
                className="close-button"
                aria-label="Close the evidence"
                onClick={() => setSelected(null)}
              >
                ×
              </button>
            </header>
            {chosen.type === 'ACTS_ON' && <p className="hint rule-line">Rule: {map.rule}</p>}
            <GradedEvidence map={map} relationId={chosen.id} />
          </aside>
        )}
      </div>
    </div>
  );
}
