/**
 * The literature map: which works it is drawn around (in links as `map=`), how it is laid out and
 * coloured, and its data from GET/POST /api/litmap. The map keeps the main view's year filters
 * (the server leaves filtered works out) and its selection (a click selects the work everywhere).
 */
import { REVIEW_ID, labelOfId } from '../../model/ids';
import {
  DEFAULT_MAP_THRESHOLD,
  MAX_MAP_SIZE,
  MAX_MAP_THRESHOLD,
  MIN_MAP_THRESHOLD,
  type LitMapPayload,
} from '../../model/litmap';
import { errorMessage } from '../../model/errors';
import { api } from '../api/client';
import { failed, loading, ready, shownData } from './async';
import { getState, setState, type LitMapColor, type LitMapLayout, type LitMapTimeY } from './store';
import { setActiveView } from './view';

/** Works a map holds: the server's most, so the view draws what `npm run bench` measures. */
export const MAP_SIZE = MAX_MAP_SIZE;
/** Most seeds a map is drawn around (the API's limit). */
export const MAX_MAP_SEEDS = 200;

let request: AbortController | null = null;

/** The seeds to use when none are chosen: the selected work, else the review. */
export function defaultMapSeeds(): string[] {
  const { selected } = getState();
  return selected && labelOfId(selected) === 'Work' ? [selected] : [REVIEW_ID];
}

/** The key of what a map answer must match: its seeds, link threshold and the year filters. */
function wantedKey(): string {
  const { mapSeeds, mapThreshold, filters } = getState();
  return JSON.stringify([
    mapSeeds,
    mapThreshold,
    filters.yearMin,
    filters.yearMax,
    filters.includeUnknownYear,
  ]);
}

let loadedKey: string | null = null;

/** Opens the literature map around `seeds` (works; the first {@link MAX_MAP_SEEDS}). */
export async function openLitMap(seeds: readonly string[]): Promise<void> {
  const works = [...new Set(seeds.filter((id) => labelOfId(id) === 'Work'))].slice(0, MAX_MAP_SEEDS);
  if (works.length === 0) {
    setState({ notice: 'A literature map is drawn around works: select a work first.' });
    return;
  }
  setState({ mapSeeds: works });
  setActiveView('litmap');
  await loadLitMap();
}

/** Loads the map for the current seeds and filters unless that answer is shown already; a newer call wins. */
export async function loadLitMap(force = false): Promise<void> {
  const s = getState();
  if (s.mapSeeds.length === 0) {
    setState({ mapSeeds: defaultMapSeeds() });
  }
  const key = wantedKey();
  if (!force && key === loadedKey && getState().litmap.status !== 'error') return;
  request?.abort();
  const controller = new AbortController();
  request = controller;
  loadedKey = key;
  const { mapSeeds, mapThreshold, filters } = getState();
  setState((st) => ({ litmap: loading(st.litmap) }));
  try {
    const answer: LitMapPayload = await api.litmap(
      {
        ids: [...mapSeeds],
        size: MAP_SIZE,
        threshold: mapThreshold,
        ...(filters.yearMin !== null ? { yearMin: filters.yearMin } : {}),
        ...(filters.yearMax !== null ? { yearMax: filters.yearMax } : {}),
        unknownYear: filters.includeUnknownYear,
      },
      controller.signal,
    );
    if (controller.signal.aborted) return;
    setState({ litmap: ready(answer) });
  } catch (e: unknown) {
    if (controller.signal.aborted) return;
    loadedKey = null;
    setState({ litmap: failed(errorMessage(e)) });
  }
}

/** The map's data on screen (ready, or kept while a reload runs). */
export function shownLitMap(): LitMapPayload | null {
  return shownData(getState().litmap);
}

/** Places works by similarity or on a timeline. */
export function setMapLayout(layout: LitMapLayout): void {
  setState({ mapLayout: layout });
}

/** The timeline's vertical axis. */
export function setMapTimeY(y: LitMapTimeY): void {
  setState({ mapTimeY: y });
}

/** Colours works by cluster or by year. */
export function setMapColor(color: LitMapColor): void {
  setState({ mapColor: color });
}

/**
 * Sets the link threshold (clamped to the API's {@link MIN_MAP_THRESHOLD}–{@link MAX_MAP_THRESHOLD});
 * the view reloads the map, whose links and clusters the server recomputes for it.
 */
export function setMapThreshold(threshold: number): void {
  if (!Number.isFinite(threshold)) return;
  setState({ mapThreshold: Math.min(MAX_MAP_THRESHOLD, Math.max(MIN_MAP_THRESHOLD, threshold)) });
}

/** Restores the map a link describes (seeds, layout, axis, colour, threshold); the view loads it when shown. */
export function restoreLitMap(map: {
  seeds: readonly string[];
  layout: LitMapLayout;
  timeY: LitMapTimeY;
  color: LitMapColor;
  threshold?: number;
}): void {
  setState({
    mapSeeds: map.seeds.filter((id) => labelOfId(id) === 'Work').slice(0, MAX_MAP_SEEDS),
    mapLayout: map.layout,
    mapTimeY: map.timeY,
    mapColor: map.color,
    mapThreshold: map.threshold ?? DEFAULT_MAP_THRESHOLD,
  });
}
