/**
 * The visible graph as GEXF 1.3 (graphology-gexf), the format Gephi and Gephi Lite open.
 * (graphology-gexf's 1.2 output declares the viz namespace as `http:///www.gexf.net/1.1draft/viz`,
 * which strict readers reject; its 1.3 output uses `http://gexf.net/1.3/viz`.)
 * Position, size and colour go in `viz:` elements; kind, year, category, community, weight and
 * isReview are node attributes, and for works the DOI, journal and authors a paper needs; the
 * relationship kind is an edge attribute. Pure: no DOM needed.
 */
import Graph from 'graphology';
import write from 'graphology-gexf/browser/writer';
import type { EdgeAttributes, NodeAttributes, UiGraph } from '../model/build-graph';
import { EDGE_COLORS } from '../model/palette';

/** Node attributes written as GEXF attvalues. */
export interface GexfNodeData {
  kind: string;
  year: number | null;
  category: string | null;
  community: number;
  weight: number;
  isReview: boolean;
  /** Works: DOI (without https://doi.org/), when known. */
  doi?: string;
  /** Works: journal name, when known. */
  journal?: string;
  /** Works: authors as the source wrote them, separated by "; ". */
  authors?: string;
}

/** What a work's node carries beyond the network: from the store (see exporters.ts). */
export interface WorkMeta {
  doi: string | null;
  journal: string | null;
  authors: readonly string[];
}

/** Options of {@link toGexf}. */
export interface GexfOptions {
  /** Colour of each node; the model colour when missing. */
  colors?: ReadonlyMap<string, string>;
  /** Written as the GEXF `<description>`. */
  description?: string;
  /** ISO date (YYYY-MM-DD) of the export. */
  date?: string;
  /** DOI, journal and authors of works, by node id; a work missing here gets its DOI from a `doi:` id. */
  works?: ReadonlyMap<string, WorkMeta>;
}

/** The DOI of a work: the store's, else the one its id is made of. */
function doiOf(key: string, meta: WorkMeta | undefined): string | undefined {
  if (meta?.doi) return meta.doi;
  return key.startsWith('doi:') ? key.slice('doi:'.length) : undefined;
}

/** Serialises `g` (usually the visible subgraph) as a GEXF document. */
export function toGexf(g: UiGraph, options: GexfOptions = {}): string {
  // Graph attributes become GEXF <meta>: creator, description and the date.
  const meta = new Graph<NodeAttributes, EdgeAttributes>({ type: 'directed', multi: true });
  meta.import(g);
  meta.replaceAttributes({
    creator: 'crosstalk-kg',
    description: options.description ?? 'Works and concepts of the bone–muscle–fat crosstalk literature',
    ...(options.date ? { lastModifiedDate: options.date } : {}),
  });
  // Edges are drawn on a light canvas in Gephi: use the light theme's greys.
  const edgeColors = EDGE_COLORS.light;
  return write<NodeAttributes, EdgeAttributes>(meta, {
    version: '1.3',
    pretty: true,
    formatNode: (key, a) => {
      const meta = options.works?.get(key);
      const doi = a.kind === 'work' ? doiOf(key, meta) : undefined;
      const attributes: GexfNodeData = {
        kind: a.kind,
        year: a.year,
        category: a.category,
        community: a.community,
        weight: a.weight,
        isReview: a.isReview,
        ...(doi ? { doi } : {}),
        ...(meta?.journal ? { journal: meta.journal } : {}),
        ...(meta && meta.authors.length > 0 ? { authors: meta.authors.join('; ') } : {}),
      };
      return {
        label: a.fullLabel,
        viz: { x: a.x, y: a.y, size: a.size, color: options.colors?.get(key) ?? a.color },
        attributes,
      };
    },
    formatEdge: (_key, a) => ({
      viz: { color: edgeColors[a.kind], thickness: a.size },
      attributes: { kind: a.kind },
    }),
  });
}
