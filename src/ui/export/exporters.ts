/**
 * The export actions behind the Export menu: each reads the current view (graph, sigma, visible
 * set, store), builds a file and downloads it. Loaded lazily by the menu, so none of this (nor
 * graphology-gexf or @sigma/export-image) is in the main bundle. Each action throws an Error with
 * a message for the user when it cannot export.
 */
import type Sigma from 'sigma';
import { labelOfId } from '../../model/ids';
import type { UiGraph } from '../model/build-graph';
import { visibleNodes } from '../model/filters';
import { shownData } from '../state/async';
import { focusedIds } from '../state/filters';
import { getGraph, getSigma, getVisibleNodes } from '../state/graph-holder';
import { useAppStore } from '../state/store';
import { cypherResultCsv, nodesTableCsv } from './csv';
import { CITE_EXT, fetchCitationFile, type CiteFormat } from './cite-file';
import { downloadBlob, exportFilename } from './download';
import { api } from '../api/client';
import { legendEntries } from './figure-legend';
import { toGexf, type WorkMeta } from './gexf';
import { toGraphJson } from './json';
import { sceneFromSigma, sceneToSvg } from './svg';
import { baseNodeColors, visibleSubgraph } from './visible-subgraph';
import { errorMessage } from '../../model/errors';

/** Canvas background per theme (the page's --bg). */
export const BACKGROUNDS = { light: '#ffffff', dark: '#17181b' } as const;

/** Citation formats the server writes. */
export type { CiteFormat };

function today(): string {
  return exportFilename('x', 'x').slice('crosstalk-x-'.length, -2);
}

function requireGraph(): UiGraph {
  const g = getGraph();
  if (!g) throw new Error('The graph is not loaded yet.');
  return g;
}

/** The node ids the filters and focus leave (as the reducers computed them, or the same rule). */
function visibleIds(g: UiGraph): ReadonlySet<string> {
  const held = getVisibleNodes();
  if (held) return held;
  const { filters, focus } = useAppStore.getState();
  return visibleNodes(g, filters, focusedIds(focus));
}

/** What the view shows, for file names and titles: "network" or "focus-<node>". */
function viewName(g: UiGraph): { slug: string; text: string } {
  const { focus } = useAppStore.getState();
  if (focus?.nodes.status === 'ready' && g.hasNode(focus.center)) {
    const label = g.getNodeAttribute(focus.center, 'label');
    return { slug: 'neighbourhood', text: `${focus.hops}-hop neighbourhood of ${label}` };
  }
  return { slug: 'network', text: 'bone–muscle–fat crosstalk network' };
}

/** The visible subgraph of the loaded graph. */
export function currentSubgraph(): UiGraph {
  const g = requireGraph();
  return visibleSubgraph(g, visibleIds(g), useAppStore.getState().filters);
}

/** Options of a PNG export. */
export interface PngOptions {
  /** Pixels per CSS pixel of the view (1×, 2× or 4×). */
  scale: 1 | 2 | 4;
  /** A band below with one entry per colour in view. */
  legend: boolean;
  /** A band above with what the view shows, its counts and the date. */
  title: boolean;
}

/** The current view as PNG at 1×, 2× or 4×, with an optional title and legend (./figure.ts). */
export async function exportPng(
  options: PngOptions = { scale: 2, legend: true, title: true },
): Promise<void> {
  const sigma = getSigma();
  if (!sigma) throw new Error('The network is not drawn yet.');
  const g = requireGraph();
  const { drawFigure, canvasToPng } = await import('./figure');
  const { theme, colorMode, visibleNodes: count, visibleEdges } = useAppStore.getState();
  const dark = theme === 'dark';
  // @sigma/export-image is typed for sigma's default attribute types; it only reads the instance.
  const canvas = await drawFigure(sigma as unknown as Sigma, {
    scale: options.scale,
    title: options.title
      ? {
          text: `crosstalk-kg · ${viewName(g).text}`,
          subtitle: `${count} nodes, ${visibleEdges} edges · ${today()}`,
        }
      : null,
    legend: options.legend ? legendEntries(g, visibleIds(g), colorMode) : null,
    background: BACKGROUNDS[theme],
    textColor: dark ? '#e8e8e8' : '#1f2328',
    mutedColor: dark ? '#a0a6b0' : '#5d6470',
    font: sigma.getSettings().labelFont,
  });
  downloadBlob(await canvasToPng(canvas), exportFilename(viewName(g).slug, 'png'));
}

/** The current view as SVG: the nodes, edges and labels sigma shows, on the theme's background. */
export function exportSvg(): void {
  const sigma = getSigma();
  if (!sigma) throw new Error('The network is not drawn yet.');
  const g = requireGraph();
  const { theme, visibleNodes: count, visibleEdges } = useAppStore.getState();
  const s = sigma.getSettings();
  const scene = sceneFromSigma(sigma, {
    title: `crosstalk-kg · ${viewName(g).text}`,
    subtitle: `${count} nodes, ${visibleEdges} edges · ${today()}`,
    background: BACKGROUNDS[theme],
    labelColor: s.labelColor.color ?? (theme === 'dark' ? '#e8e8e8' : '#1f2328'),
    font: s.labelFont,
    labelSize: s.labelSize,
    labelWeight: s.labelWeight,
    minEdgeWidth: s.minEdgeThickness,
  });
  const svg = sceneToSvg(scene);
  downloadBlob(
    new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }),
    exportFilename(viewName(g).slug, 'svg'),
  );
}

/** Works per request for the GEXF metadata: well under the guard's 10,000 parameter values. */
const META_BATCH = 2000;

/**
 * DOI, journal and authors of the given works, read from the store through the read-only
 * POST /api/cypher (the network payload carries only what the picture needs).
 */
async function workMeta(ids: readonly string[]): Promise<Map<string, WorkMeta>> {
  const meta = new Map<string, WorkMeta>();
  for (let i = 0; i < ids.length; i += META_BATCH) {
    const result = await api.cypher(
      'MATCH (w:Work) WHERE w.id IN $ids RETURN w.id AS id, w.doi AS doi, w.journal AS journal, w.authors AS authors',
      { ids: ids.slice(i, i + META_BATCH) },
    );
    for (const row of result.rows) {
      if (typeof row.id !== 'string') continue;
      meta.set(row.id, {
        doi: typeof row.doi === 'string' && row.doi !== '' ? row.doi : null,
        journal: typeof row.journal === 'string' && row.journal !== '' ? row.journal : null,
        authors: Array.isArray(row.authors)
          ? row.authors.filter((x): x is string => typeof x === 'string')
          : [],
      });
    }
  }
  return meta;
}

/**
 * The visible graph as GEXF 1.3 for Gephi / Gephi Lite, coloured as in the current colour mode,
 * with DOI, journal and authors of the works. @throws Error when the metadata cannot be read.
 */
export async function exportGexf(): Promise<void> {
  const g = requireGraph();
  const sub = currentSubgraph();
  const colors = baseNodeColors(g, useAppStore.getState().colorMode);
  const workIds = sub.filterNodes((_id, a) => a.kind === 'work');
  let works: Map<string, WorkMeta>;
  try {
    works = await workMeta(workIds);
  } catch (e: unknown) {
    throw new Error(
      `The DOI, journal and authors of the works could not be read, so no GEXF was written: ${errorMessage(e)}`,
      { cause: e },
    );
  }
  const xml = toGexf(sub, { colors, works, description: `crosstalk-kg: ${viewName(g).text}`, date: today() });
  downloadBlob(
    new Blob([xml], { type: 'application/xml;charset=utf-8' }),
    exportFilename(viewName(g).slug, 'gexf'),
  );
}

/** The visible graph in graphology's JSON serialisation. */
export function exportJson(): void {
  const g = requireGraph();
  const data = toGraphJson(currentSubgraph(), {
    description: `crosstalk-kg: ${viewName(g).text}`,
    date: today(),
  });
  downloadBlob(
    new Blob([JSON.stringify(data)], { type: 'application/json;charset=utf-8' }),
    exportFilename(viewName(g).slug, 'json'),
  );
}

/** The visible nodes as a CSV table. */
export function exportNodesCsv(): void {
  const csv = nodesTableCsv(currentSubgraph());
  downloadBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), exportFilename('nodes', 'csv'));
}

/** The Cypher console's last result as a CSV table. */
export function exportQueryCsv(): void {
  const result = shownData(useAppStore.getState().cypher);
  if (!result) throw new Error('Run a query first: there is no result to export.');
  downloadBlob(
    new Blob([cypherResultCsv(result)], { type: 'text/csv;charset=utf-8' }),
    exportFilename('query', 'csv'),
  );
}

/** Ids of the works to cite: the selected work, or every visible work. */
export function workIdsFor(scope: 'selected' | 'visible'): string[] {
  const g = requireGraph();
  if (scope === 'selected') {
    const { selected } = useAppStore.getState();
    if (!selected || labelOfId(selected) !== 'Work') {
      throw new Error('Select a work first.');
    }
    return [selected];
  }
  const ids = [...visibleIds(g)].filter((id) => g.hasNode(id) && g.getNodeAttribute(id, 'kind') === 'work');
  if (ids.length === 0) throw new Error('No works are visible: loosen the filters.');
  return ids;
}

/** The largest number of works one citation export may hold (the server's limit). */
export const MAX_CITE_WORKS = 5_000;

/** The selected or visible works as BibTeX or RIS, written by the server (POST /api/cite). */
export async function exportCitations(scope: 'selected' | 'visible', format: CiteFormat): Promise<void> {
  const ids = workIdsFor(scope);
  if (ids.length > MAX_CITE_WORKS) {
    throw new Error(
      `${ids.length} works are visible; at most ${MAX_CITE_WORKS} can be exported at once. Filter the view.`,
    );
  }
  const blob = await fetchCitationFile(ids, format);
  downloadBlob(blob, exportFilename(scope === 'selected' ? 'selected-work' : 'works', CITE_EXT[format]));
}
