/**
 * The relationship types of the graph and everything the product says or does about each of them,
 * in one registry: endpoints and properties (the schema both stores create), whether and how the
 * network draws it (legend label, the verbs a path is read with, arrow or line, palette style,
 * whether the layout at ingest uses it), whether it counts as a citation, whether it is a curated
 * concept relation of graph/concepts.yaml, and what identifies one when it is merged.
 *
 * Adding a relationship type is an entry here plus its data: the schema (graph-schema.ts), both
 * store adapters, the network index, the layout, the dataset's validation, the concept details,
 * the palette, the path wording and the exporters read it from here. Order matters: it is the
 * load order, and the network's kinds keep it (a path step between two nodes linked by several
 * kinds reports the first).
 */
import type { NodeLabel, PropertySpec } from './graph-schema';

/**
 * How the network draws a kind: a key of the UI palette (its greys per theme, its width and its
 * legend swatch), so a new kind that looks like an existing one needs no new colour.
 */
export type EdgeStyle = 'citation' | 'similar' | 'mention' | 'hierarchy' | 'curated';

/** How the network shows one relationship type. */
export interface NetworkEdgeSpec {
  /** The legend's and the filter's words, e.g. "similar article". */
  label: string;
  /** The verb of a path step along the stored direction: "<from> cites <to>". */
  forward: string;
  /** The verb of a step against it: "<to> is cited by <from>". */
  backward: string;
  /** Drawn with an arrow (the direction means something), else as a line. */
  directed: boolean;
  style: EdgeStyle;
  /** The ForceAtlas2 layout at ingest pulls its ends together. */
  inLayout: boolean;
}

/** One relationship type. */
export interface EdgeKindSpec {
  from: NodeLabel;
  to: NodeLabel;
  /** Declared properties, in column order; every relationship carries `sources`. */
  properties: PropertySpec;
  /**
   * How the stores keep `sources`: `inline`, as a list on every relationship; `sourceSet`, as the
   * integer code (`sourceSet`) of a shared `SourceSet` node holding the list once (`SOURCE_SET_LABEL`
   * of graph-schema.ts). The relationships read from works use source sets: at 100k works their
   * millions of rows share few lists, and a list per row made the embedded bulk load of CITES
   * ~3x the CPU of its rows alone. The concept vocabulary's relations (a few hundred) keep lists.
   * Both adapters hand `sources` back on returned relationships, so answers do not change.
   */
  provenance: 'inline' | 'sourceSet';
  /**
   * Properties that, with the endpoints, identify a relationship when it is merged (Neo4j's
   * `MERGE`). Without `position` an author listed twice on one work (three cases in the bundled
   * data) would collapse into one `AUTHORED` relationship.
   */
  keyProperties: readonly string[];
  /** How the network draws it; null when it is not part of the network (authors, journals). */
  network: NetworkEdgeSpec | null;
  /** It is a citation: `via=cites` of the paths follows it, and related-works rankings count it. */
  isCitation: boolean;
  /**
   * A curated relation between two concepts, listed under `relations:` in graph/concepts.yaml
   * with its evidence works (and an `effect` where the type has that property); shown in a
   * concept's details.
   */
  isCurated: boolean;
}

/** The registry: every relationship type, in load order. */
export const EDGE_KINDS = {
  CITES: {
    from: 'Work',
    to: 'Work',
    properties: { sources: 'string[]' },
    keyProperties: [],
    provenance: 'sourceSet',
    network: {
      label: 'cites',
      forward: 'cites',
      backward: 'is cited by',
      directed: true,
      style: 'citation',
      inLayout: true,
    },
    isCitation: true,
    isCurated: false,
  },
  SIMILAR_TO: {
    from: 'Work',
    to: 'Work',
    properties: { sources: 'string[]' },
    keyProperties: [],
    provenance: 'sourceSet',
    network: {
      label: 'similar article',
      forward: 'is similar to',
      backward: 'is similar to',
      directed: false,
      style: 'similar',
      inLayout: true,
    },
    isCitation: false,
    isCurated: false,
  },
  MENTIONS: {
    from: 'Work',
    to: 'Concept',
    properties: { foundIn: 'string[]', matched: 'string[]', sources: 'string[]' },
    keyProperties: [],
    provenance: 'sourceSet',
    network: {
      label: 'mentions concept',
      forward: 'mentions',
      backward: 'is mentioned by',
      directed: false,
      style: 'mention',
      inLayout: true,
    },
    isCitation: false,
    isCurated: false,
  },
  AUTHORED: {
    from: 'Author',
    to: 'Work',
    properties: { position: 'int', nameAsShown: 'string', orcid: 'string', sources: 'string[]' },
    keyProperties: ['position'],
    provenance: 'sourceSet',
    network: null,
    isCitation: false,
    isCurated: false,
  },
  PUBLISHED_IN: {
    from: 'Work',
    to: 'Journal',
    properties: { sources: 'string[]' },
    keyProperties: [],
    provenance: 'sourceSet',
    network: null,
    isCitation: false,
    isCurated: false,
  },
  IS_A: {
    from: 'Concept',
    to: 'Concept',
    properties: { sources: 'string[]' },
    keyProperties: [],
    provenance: 'inline',
    network: {
      label: 'is a',
      forward: 'is a kind of',
      backward: 'includes',
      directed: false,
      style: 'hierarchy',
      inLayout: true,
    },
    isCitation: false,
    isCurated: false,
  },
  SECRETED_BY: {
    from: 'Concept',
    to: 'Concept',
    properties: { evidence: 'string[]', sources: 'string[]' },
    keyProperties: [],
    provenance: 'inline',
    network: {
      label: 'secreted by',
      forward: 'is secreted by',
      backward: 'secretes',
      directed: true,
      style: 'curated',
      inLayout: true,
    },
    isCitation: false,
    isCurated: true,
  },
  ACTS_ON: {
    from: 'Concept',
    to: 'Concept',
    properties: { effect: 'string', evidence: 'string[]', sources: 'string[]' },
    keyProperties: [],
    provenance: 'inline',
    network: {
      label: 'acts on',
      forward: 'acts on',
      backward: 'is acted on by',
      directed: true,
      style: 'curated',
      inLayout: true,
    },
    isCitation: false,
    isCurated: true,
  },
} as const satisfies Record<string, EdgeKindSpec>;

/** A relationship type name. */
export type RelType = keyof typeof EDGE_KINDS;

/** All relationship types, in load order. */
export const REL_TYPES = Object.keys(EDGE_KINDS) as RelType[];

/** A relationship type drawn in the network. */
export type EdgeKind = {
  [K in RelType]: (typeof EDGE_KINDS)[K]['network'] extends null ? never : K;
}[RelType];

/** A curated concept relation type (see {@link EdgeKindSpec.isCurated}). */
export type CuratedRelType = {
  [K in RelType]: (typeof EDGE_KINDS)[K]['isCurated'] extends true ? K : never;
}[RelType];

/** The network's relationship types, in registry order. */
export const NETWORK_EDGE_KINDS: readonly EdgeKind[] = REL_TYPES.filter(
  (t): t is EdgeKind => EDGE_KINDS[t].network !== null,
);

/** How the network shows a kind. */
export const networkSpec = (kind: EdgeKind): NetworkEdgeSpec => EDGE_KINDS[kind].network;

/** The network kinds the layout at ingest uses. */
export const LAYOUT_EDGE_KINDS: readonly EdgeKind[] = NETWORK_EDGE_KINDS.filter(
  (k) => networkSpec(k).inLayout,
);

/** The network kinds that are citations (what `via=cites` follows). */
export const CITATION_KINDS: readonly EdgeKind[] = NETWORK_EDGE_KINDS.filter((k) => EDGE_KINDS[k].isCitation);

/** The curated concept relation types, in registry order. */
export const CURATED_REL_TYPES: readonly CuratedRelType[] = REL_TYPES.filter(
  (t): t is CuratedRelType => EDGE_KINDS[t].isCurated,
);

/**
 * True for a kind between two concepts: the vocabulary's own structure (hierarchy and curated
 * relations), which an overview of a large graph keeps first.
 */
export const isConceptRelation = (kind: RelType): boolean =>
  EDGE_KINDS[kind].from === 'Concept' && EDGE_KINDS[kind].to === 'Concept';
