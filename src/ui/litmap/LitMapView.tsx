/**
 * The literature map view: works around some seeds, linked by similarity (co-citation +
 * coupling), laid out for that set by a seeded ForceAtlas2 in a web worker (ui/layout/), or on a
 * timeline. Clusters are coloured and named by the shared concepts that set them apart; node size is
 * in-graph citations; colour by year on request. Labels are HTML placed without overlaps
 * (./label-placement.ts), so they stay readable and tests can read where they are. A click
 * selects the work in the details panel, as on the network.
 *
 * Over 400 lines: the view, its toolbar and the label placement over the canvas share the same
 * sigma instance and frame; the pure parts are in label-placement.ts and litmap-ui.ts.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import Graph from 'graphology';
import Sigma from 'sigma';
import type { EdgeDisplayData } from 'sigma/types';
import { EdgeRectangleProgram, NodeCircleProgram } from 'sigma/rendering';
import { REVIEW_ID } from '../../model/ids';
import type { LitMapPayload } from '../../model/litmap';
import { animatePositions, layoutSubset } from '../layout';
import { ACCENT } from '../model/palette';
import { shortWorkName } from '../model/work-name';
import { selectNode } from '../state/details';
import {
  defaultMapSeeds,
  loadLitMap,
  openLitMap,
  setMapColor,
  setMapLayout,
  setMapThreshold,
  setMapTimeY,
} from '../state/litmap';
import { shownData } from '../state/async';
import { useAppStore } from '../state/store';
import { ClusterLegend } from './ClusterLegend';
import { placeLabels, type Disc, type LabelCandidate, type PlacedLabel } from './label-placement';
import { drawPreview } from './preview';
import {
  MAP_LAYOUT_SEED,
  MAP_RADIUS,
  YEAR_STOPS,
  buildMapGraph,
  clusterCentroids,
  clusterColor,
  timeLayout,
  workColor,
  yearRange,
  yearTicks,
  type MapEdgeAttributes,
  type MapGraph,
  type MapNodeAttributes,
} from './map-model';

type MapSigma = Sigma<MapNodeAttributes, MapEdgeAttributes>;

const FONT = 'Inter, "Segoe UI", system-ui, -apple-system, sans-serif';
const LABEL_PX = 12;
const CLUSTER_PX = 13;

let measureContext: CanvasRenderingContext2D | null = null;
function textWidth(text: string, font: string): number {
  measureContext ??= document.createElement('canvas').getContext('2d');
  if (!measureContext) return text.length * 7;
  measureContext.font = font;
  return Math.ceil(measureContext.measureText(text).width);
}

const truncate = (t: string, n: number): string => (t.length > n ? `${t.slice(0, n - 1)}…` : t);

/** A placed label with what it shows. */
interface ShownLabel extends PlacedLabel {
  text: string;
  title: string;
  kind: 'cluster' | 'work' | 'hover';
  color?: string;
}

/** Computes the labels of the current frame. */
function frameLabels(
  sigma: MapSigma,
  graph: MapGraph,
  payload: LitMapPayload,
  selected: string | null,
  hovered: string | null,
): ShownLabel[] {
  const { width, height } = sigma.getDimensions();
  const candidates: LabelCandidate[] = [];
  const discs: Disc[] = [];
  const texts = new Map<string, Omit<ShownLabel, keyof PlacedLabel>>();
  const labelFont = `500 ${LABEL_PX}px ${FONT}`;
  graph.forEachNode((id, a) => {
    const p = sigma.graphToViewport({ x: a.x, y: a.y });
    const radius = sigma.scaleSize(a.size);
    discs.push({ id, x: p.x, y: p.y, radius });
    const isHover = id === hovered;
    const text = isHover ? truncate(a.title, 90) : a.label;
    const font = isHover ? `600 ${LABEL_PX}px ${FONT}` : labelFont;
    candidates.push({
      id,
      x: p.x,
      y: p.y,
      width: textWidth(text, font) + 6,
      height: LABEL_PX + 6,
      radius,
      // The hovered work first, then cluster names (below), the selection, the seeds, the most cited.
      priority: isHover ? 3e6 : id === selected ? 1.5e6 : a.isSeed ? 1e6 : a.citedBy,
    });
    texts.set(id, { text, title: a.title, kind: isHover ? 'hover' : 'work' });
  });
  const centroids = clusterCentroids(graph);
  for (const c of payload.clusters) {
    const at = centroids.get(c.id);
    if (!c.label || !at) continue;
    // Clusters no shared concept tells apart are named once, on the largest of them (ids go by
    // size), saying so: at 100k synthetic works eight names "skeletal muscle · bone" covered the map.
    if (c.alike.some((other) => other < c.id)) continue;
    const p = sigma.graphToViewport({ x: at.x, y: at.y });
    const id = `cluster:${c.id}`;
    const text = truncate(
      c.alike.length > 0 ? `${c.label} (${c.alike.length + 1} clusters alike)` : c.label,
      48,
    );
    candidates.push({
      id,
      x: p.x,
      y: p.y,
      width: textWidth(text, `700 ${CLUSTER_PX}px ${FONT}`) + 10,
      height: CLUSTER_PX + 8,
      radius: 0,
      centered: true,
      overDiscs: true,
      priority: 2e6 + c.size,
    });
    texts.set(id, {
      text,
      title: `Cluster ${c.id + 1}: ${c.size} works sharing ${c.concepts.map((x) => x.label).join(', ')}${
        c.alike.length > 0
          ? `; no shared concept tells it apart from clusters ${c.alike.map((a) => a + 1).join(', ')}`
          : ''
      }`,
      kind: 'cluster',
      color: clusterColor(c.id),
    });
  }
  return placeLabels(candidates, discs, width, height).map((p) => ({ ...p, ...texts.get(p.id)! }));
}

/** Slider steps of the link threshold (the URL may carry any value the API accepts). */
const SLIDER = { min: 0.02, max: 1, step: 0.02 } as const;
/** Quiet time after the last slider move before the map is asked for again. */
const SLIDER_SETTLE_MS = 250;

/**
 * The link threshold: the similarity (co-citation + coupling strength) a pair of works needs to
 * be linked. Shows the value while it moves and asks for the map once it settles, since the
 * server recomputes the links and the clusters (which follow the links) for it.
 */
function ThresholdSlider({ value }: { value: number }) {
  const [moving, setMoving] = useState<number | null>(null);
  useEffect(() => {
    if (moving === null) return;
    const timer = setTimeout(() => {
      setMapThreshold(moving);
      setMoving(null);
    }, SLIDER_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [moving]);
  const shown = moving ?? value;
  return (
    <label
      className="litmap-threshold"
      title="Similarity a pair of works needs to be linked: works citing both / √(citations of each) + shared references / √(references of each)"
    >
      Links ≥
      <input
        type="range"
        data-testid="litmap-threshold"
        min={SLIDER.min}
        max={SLIDER.max}
        step={SLIDER.step}
        value={Math.min(SLIDER.max, Math.max(SLIDER.min, shown))}
        aria-valuetext={`similarity ${shown.toFixed(2)}`}
        onChange={(e) => setMoving(Number(e.currentTarget.value))}
      />
      <output data-testid="litmap-threshold-value">{shown.toFixed(2)}</output>
    </label>
  );
}

/** Whether a map is drawn around exactly these works. */
const sameSeeds = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((id) => b.includes(id));

/** The view (registered in ui/app/views.tsx). */
export function LitMapView() {
  const mapSeeds = useAppStore((s) => s.mapSeeds);
  const state = useAppStore((s) => s.litmap);
  const layout = useAppStore((s) => s.mapLayout);
  const timeY = useAppStore((s) => s.mapTimeY);
  const color = useAppStore((s) => s.mapColor);
  const threshold = useAppStore((s) => s.mapThreshold);
  const selected = useAppStore((s) => s.selected);
  const collection = useAppStore((s) => s.collection);
  const yearMin = useAppStore((s) => s.filters.yearMin);
  const yearMax = useAppStore((s) => s.filters.yearMax);
  const unknownYear = useAppStore((s) => s.filters.includeUnknownYear);
  const theme = useAppStore((s) => s.theme);
  const payload = shownData(state);

  const container = useRef<HTMLDivElement>(null);
  const [sigma, setSigma] = useState<MapSigma | null>(null);
  // The same instance for the layout's callback (which must not re-run when sigma is created).
  const sigmaRef = useRef<MapSigma | null>(null);
  // The graph sigma last drew a frame of.
  const [drawn, setDrawn] = useState<MapGraph | null>(null);
  // The 2D first frame (./preview.ts), shown until sigma has drawn the graph.
  const previewCanvas = useRef<HTMLCanvasElement>(null);
  const marked = useRef(new WeakSet<MapGraph>());
  const [labels, setLabels] = useState<ShownLabel[]>([]);
  const [ticks, setTicks] = useState<{ year: number; x: number }[]>([]);
  const hovered = useRef<string | null>(null);
  const selectedRef = useRef(selected);

  // The map follows its seeds, its link threshold and the main view's year filters.
  useEffect(() => {
    void loadLitMap();
  }, [mapSeeds, threshold, yearMin, yearMax, unknownYear]);

  const graph = useMemo(() => (payload ? buildMapGraph(payload, 'cluster') : null), [payload]);
  const forcePositions = useRef<WeakMap<MapGraph, Map<string, { x: number; y: number }>>>(new WeakMap());
  // What the last layout run gave, for which graph and layout (a new key means "not laid out yet").
  const layoutKey = useMemo(() => ({ graph, layout, timeY }), [graph, layout, timeY]);
  const [laid, setLaid] = useState<
    { key: object; mode: 'force' | 'time' } | { key: object; error: string } | null
  >(null);
  const current = laid?.key === layoutKey ? laid : null;
  const laidOut = current && 'mode' in current ? current.mode : null;
  const layoutError = current && 'error' in current ? current.error : null;
  // The timeline's graph is handed to sigma once its positions are in (a frame later); a
  // similarity map's at once, at its seeded start positions (clusters on a circle), and
  // ForceAtlas2's positions move the nodes when the worker is done. Waiting for the layout put
  // 0.6–0.9 s of worker time (and the page's frames behind it) before the map's first frame.
  const hasPositions =
    layout === 'force' ||
    (laid !== null && 'mode' in laid && (laid.key as { graph: MapGraph | null }).graph === graph);

  // Positions: ForceAtlas2 in a worker (once per answer), or the timeline.
  useEffect(() => {
    if (!graph || !payload) return;
    const controller = new AbortController();
    const apply = (positions: Map<string, { x: number; y: number }>, mode: 'force' | 'time'): void => {
      if (controller.signal.aborted) return;
      const done = (): void => {
        if (controller.signal.aborted) return;
        if (mode === 'force') performance.mark('crosstalk:litmap-laid-out');
        setLaid({ key: layoutKey, mode });
      };
      // On screen already (at its start positions): the nodes glide to their places.
      if (mode === 'force' && sigmaRef.current?.getGraph() === graph) {
        void animatePositions(graph, positions, { duration: 400, signal: controller.signal }).then(done);
        return;
      }
      for (const [id, p] of positions) if (graph.hasNode(id)) graph.mergeNodeAttributes(id, p);
      done();
    };
    const known =
      layout === 'time' ? timeLayout(payload, timeY).positions : forcePositions.current.get(graph);
    if (known) {
      // Positions known already (the timeline, or a layout run before): applied on the next frame.
      const frame = requestAnimationFrame(() => apply(known, layout));
      return () => {
        controller.abort();
        cancelAnimationFrame(frame);
      };
    }
    // ForceAtlas2 starts once the map is on screen: on two cores its worker took CPU from the
    // first frame (and Chromium's software GL) that the seeded positions let it wait for.
    if (sigmaRef.current && drawn !== graph) return;
    layoutSubset(graph, graph.nodes(), {
      seed: MAP_LAYOUT_SEED,
      radius: MAP_RADIUS,
      center: { x: 0, y: 0 },
      signal: controller.signal,
      edgeWeight: (a) => (a as MapEdgeAttributes).similarity,
    }).then(
      (positions) => {
        if (controller.signal.aborted) return;
        forcePositions.current.set(graph, positions);
        apply(positions, 'force');
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setLaid({ key: layoutKey, error: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => controller.abort();
  }, [graph, payload, layout, timeY, layoutKey, drawn]);

  // Colours follow the colour mode.
  useEffect(() => {
    if (!graph || !payload) return;
    const years = yearRange(payload.works);
    for (const w of payload.works)
      if (graph.hasNode(w.id)) graph.setNodeAttribute(w.id, 'color', workColor(w, color, years));
  }, [graph, payload, color]);

  // One sigma per view, created on an empty graph once the first answer is in and its 2D first
  // frame painted (./preview.ts): creating its WebGL context and programs took 0.4 s to seconds in
  // headless Chromium (software GL, synchronous calls into a busy GPU process), and created at
  // mount it held the main thread while a 30 ms answer waited to be drawn. Each answer's graph
  // is handed over at once (see below).
  const wantSigma = graph !== null;
  useEffect(() => {
    const element = container.current;
    if (!element || !wantSigma) return;
    let instance: MapSigma | null = null;
    const ensure = (): void => {
      if (instance) {
        instance.resize();
        instance.refresh();
        return;
      }
      if (element.clientWidth === 0 || element.clientHeight === 0) return;
      const empty: MapGraph = new Graph({ type: 'directed', multi: false, allowSelfLoops: false });
      const created: MapSigma = new Sigma<MapNodeAttributes, MapEdgeAttributes>(empty, element, {
        nodeProgramClasses: { circle: NodeCircleProgram },
        edgeProgramClasses: { line: EdgeRectangleProgram },
        defaultNodeType: 'circle',
        defaultEdgeType: 'line',
        renderLabels: false,
        renderEdgeLabels: false,
        stagePadding: 60,
        zIndex: true,
        minCameraRatio: 0.05,
        maxCameraRatio: 4,
        allowInvalidContainer: true,
        nodeReducer: (id, a) => {
          const isSelected = id === selectedRef.current;
          return {
            ...a,
            zIndex: isSelected ? 2 : a.isSeed ? 1 : 0,
            // Not `highlighted`: sigma would draw its own label box over the HTML label.
            ...(isSelected ? { color: ACCENT, size: a.size + 3 } : {}),
            ...(id === hovered.current && !isSelected ? { size: a.size + 2 } : {}),
          };
        },
        edgeReducer: (id, a): Partial<EdgeDisplayData> => {
          const s = selectedRef.current;
          if (!s) return a;
          const [from, to]: string[] = created.getGraph().extremities(id);
          return from === s || to === s ? { ...a, color: ACCENT, zIndex: 1 } : a;
        },
      });
      instance = created;
      sigmaRef.current = created;
      created.on('clickNode', ({ node }) => void selectNode(node));
      created.on('enterNode', ({ node }) => {
        hovered.current = node;
        element.style.cursor = 'pointer';
        created.refresh({ skipIndexation: true });
      });
      created.on('leaveNode', () => {
        hovered.current = null;
        element.style.cursor = '';
        created.refresh({ skipIndexation: true });
      });
      setSigma(created);
    };
    const observer = new ResizeObserver(ensure);
    observer.observe(element);
    // After the next paint (the preview's), not in the task that drew it.
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(ensure, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      observer.disconnect();
      setSigma(null);
      sigmaRef.current = null;
      instance?.kill();
    };
  }, [wantSigma]);

  // An answer's graph is drawn once its first positions are in (until then the previous map stays).
  useEffect(() => {
    if (!sigma || !graph || !hasPositions || sigma.getGraph() === graph) return;
    sigma.once('afterRender', () => {
      if (!marked.current.has(graph)) performance.mark('crosstalk:litmap-first-frame');
      marked.current.add(graph);
      setDrawn(graph);
    });
    sigma.setGraph(graph);
    sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
    sigma.refresh();
  }, [sigma, graph, hasPositions]);

  // Until sigma has drawn a new similarity map, its start positions on a 2D canvas (./preview.ts).
  useEffect(() => {
    const canvas = previewCanvas.current;
    if (!canvas) return;
    if (!graph || drawn === graph || layout !== 'force') {
      canvas.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
      return;
    }
    if (drawPreview(canvas, graph) && !marked.current.has(graph)) {
      marked.current.add(graph);
      performance.mark('crosstalk:litmap-first-frame');
    }
  }, [graph, drawn, layout]);

  // Labels and the year axis, recomputed after every frame (camera moves, new positions, hover).
  useEffect(() => {
    // Until a new answer's graph is handed to sigma (after its layout), the labels stay those of
    // the map on screen.
    if (!sigma || !graph || !payload || sigma.getGraph() !== graph) return;
    let frame = 0;
    const update = (): void => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        setLabels(frameLabels(sigma, graph, payload, selectedRef.current, hovered.current));
        if (layout === 'time') {
          const t = timeLayout(payload, timeY);
          const years = t.years;
          setTicks(
            years
              ? yearTicks(years.min, years.max).map((year) => ({
                  year,
                  x: sigma.graphToViewport({ x: t.xOfYear(year), y: 0 }).x,
                }))
              : [],
          );
        } else setTicks([]);
      });
    };
    sigma.on('afterRender', update);
    sigma.refresh();
    update();
    return () => {
      cancelAnimationFrame(frame);
      sigma.off('afterRender', update);
    };
  }, [sigma, graph, payload, layout, timeY, laidOut, color]);

  // The selection is drawn in the accent colour.
  useEffect(() => {
    selectedRef.current = selected;
    sigma?.refresh({ skipIndexation: true });
  }, [sigma, selected, color, theme]);

  const seedsShown = payload?.seeds ?? mapSeeds;
  const nameOf = (id: string): string => {
    const w = payload?.works.find((x) => x.id === id);
    return w ? shortWorkName(w, id) : id;
  };
  const selectedIsOtherWork =
    selected !== null &&
    selected.startsWith('concept:') === false &&
    !(seedsShown.length === 1 && seedsShown[0] === selected);
  const years = payload ? yearRange(payload.works) : null;

  return (
    <div className="litmap" data-testid="litmap" data-layout={laidOut ?? 'none'}>
      <div className="litmap-toolbar">
        <span className="litmap-around" data-testid="litmap-around">
          Around{' '}
          {seedsShown.length <= 3
            ? seedsShown.map((id, i) => (
                <span key={id}>
                  {i > 0 && ', '}
                  <button
                    type="button"
                    className="link-button"
                    title={id}
                    onClick={() => void selectNode(id)}
                  >
                    {nameOf(id)}
                  </button>
                </span>
              ))
            : `${seedsShown.length} works`}
        </span>
        {selectedIsOtherWork && (
          <button type="button" className="chip" onClick={() => void openLitMap([selected])}>
            Map around the selection
          </button>
        )}
        {collection.length > 0 && !sameSeeds(collection, mapSeeds) && (
          <button
            type="button"
            className="chip"
            data-testid="map-collection"
            onClick={() => void openLitMap(collection)}
          >
            Map around the collection ({collection.length})
          </button>
        )}
        {!(seedsShown.length === 1 && seedsShown[0] === REVIEW_ID) && (
          <button type="button" className="chip" onClick={() => void openLitMap([REVIEW_ID])}>
            Map around the review
          </button>
        )}
        <div className="segmented" role="group" aria-label="Place works">
          <button type="button" aria-pressed={layout === 'force'} onClick={() => setMapLayout('force')}>
            Similarity
          </button>
          <button type="button" aria-pressed={layout === 'time'} onClick={() => setMapLayout('time')}>
            Over time
          </button>
        </div>
        {layout === 'time' && (
          <div className="segmented" role="group" aria-label="Vertical axis">
            <button type="button" aria-pressed={timeY === 'cluster'} onClick={() => setMapTimeY('cluster')}>
              y: cluster
            </button>
            <button
              type="button"
              aria-pressed={timeY === 'citations'}
              onClick={() => setMapTimeY('citations')}
            >
              y: citations
            </button>
          </div>
        )}
        <ThresholdSlider value={threshold} />
        <div className="segmented" role="group" aria-label="Colour works by">
          <button type="button" aria-pressed={color === 'cluster'} onClick={() => setMapColor('cluster')}>
            Cluster
          </button>
          <button type="button" aria-pressed={color === 'year'} onClick={() => setMapColor('year')}>
            Year
          </button>
        </div>
      </div>
      {payload && (
        <div className="hint litmap-message">
          <span data-testid="litmap-message">{payload.message}</span>{' '}
          <details className="litmap-method">
            <summary>How is this drawn?</summary>
            {payload.method} Node size: citations inside the graph. Layout: ForceAtlas2 over the links (weight
            = similarity), seeded; or the timeline (x = year).
          </details>
        </div>
      )}
      <div className="litmap-stage">
        <div
          ref={container}
          className="litmap-canvas"
          data-testid="litmap-canvas"
          role="img"
          aria-label="Literature map"
        />
        <canvas
          ref={previewCanvas}
          className="litmap-canvas litmap-preview"
          data-testid="litmap-preview"
          aria-hidden="true"
          hidden={!graph || drawn === graph || layout !== 'force'}
        />
        <div className="litmap-labels" data-testid="litmap-labels">
          {labels.map((l) => (
            <div
              key={l.id}
              className={`litmap-label ${l.kind}`}
              data-label-id={l.id}
              title={l.title}
              style={{
                left: l.left,
                top: l.top,
                width: l.width,
                height: l.height,
                ...(l.color ? { borderColor: l.color } : {}),
              }}
              onClick={l.kind === 'cluster' ? undefined : () => void selectNode(l.id)}
            >
              {l.text}
            </div>
          ))}
        </div>
        {ticks.length > 0 && (
          <div className="litmap-axis" aria-label="Publication year">
            {ticks.map((t) => (
              <span key={t.year} style={{ left: t.x }}>
                {t.year}
              </span>
            ))}
          </div>
        )}
        {state.status === 'loading' && !payload && (
          <div className="overlay" role="status">
            Drawing the literature map…
          </div>
        )}
        {payload && laidOut === null && !layoutError && (
          // Over the map drawn at its start positions (by sigma or ./preview.ts), a corner note.
          <div className={drawn === graph || layout === 'force' ? 'litmap-status' : 'overlay'} role="status">
            Laying out {payload.works.length} works…
          </div>
        )}
        {(state.status === 'error' || layoutError) && (
          <div className="overlay error" role="alert">
            <p>
              The literature map could not be drawn: {state.status === 'error' ? state.error : layoutError}
            </p>
            <button type="button" onClick={() => void loadLitMap(true)}>
              Try again
            </button>
            <button type="button" onClick={() => void openLitMap(defaultMapSeeds())}>
              Map around the selection or the review
            </button>
          </div>
        )}
      </div>
      {payload && (
        <div className="litmap-legend" data-testid="litmap-legend">
          {color === 'year' && years ? (
            <span className="legend-years">
              {years.min}
              <span
                className="legend-gradient"
                style={{ background: `linear-gradient(to right, ${YEAR_STOPS.join(', ')})` }}
              />
              {years.max}
            </span>
          ) : (
            <ClusterLegend payload={payload} />
          )}
          <span className="hint litmap-legend-hint">
            Size: citations in the graph · lines: similarity ≥ {payload.threshold}
            {payload.links.length < payload.linksAbove &&
              `, each work’s ${payload.linksPerWork} strongest (${payload.links.length} of ${payload.linksAbove})`}
          </span>
        </div>
      )}
    </div>
  );
}
