/**
 * The visible graph as GEXF 1.2 (graphology-gexf), the format Gephi and Gephi Lite open.
 * Position, size and colour go in `viz:` elements; kind, year, category, community, weight and
 * isReview are node attributes, the relationship kind an edge attribute. Pure: no DOM needed.
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
}

/** Options of {@link toGexf}. */
export interface GexfOptions {
  /** Colour of each node; the model colour when missing. */
  colors?: ReadonlyMap<string, string>;
  /** Written as the GEXF `<description>`. */
  description?: string;
  /** ISO date (YYYY-MM-DD) of the export. */
  date?: string;
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
    version: '1.2',
    pretty: true,
    formatNode: (key, a) => ({
      label: a.fullLabel,
      viz: { x: a.x, y: a.y, size: a.size, color: options.colors?.get(key) ?? a.color },
      attributes: {
        kind: a.kind,
        year: a.year,
        category: a.category,
        community: a.community,
        weight: a.weight,
        isReview: a.isReview,
      } satisfies GexfNodeData,
    }),
    formatEdge: (_key, a) => ({
      viz: { color: edgeColors[a.kind], thickness: a.size },
      attributes: { kind: a.kind },
    }),
  });
}
