/**
 * The graph schema: the contract between ingest, every store backend, the API and the UI.
 * Both backends derive their DDL / constraints from these declarations, so a property added
 * here exists everywhere. See graph/README.md for the meaning of each field.
 */
import { EDGE_KINDS, REL_TYPES, type RelType } from './edge-kinds';
import { numberOf, textOf, textsOf, type Row } from './values';

/** Property value types a store must support. */
export type PropertyType = 'string' | 'int' | 'float' | 'boolean' | 'string[]';

/** Declared properties of one node label or relationship type, in column order. */
export type PropertySpec = Readonly<Record<string, PropertyType>>;

/** Node labels and their properties. Every label is keyed by a unique string `id`. */
export const NODE_SCHEMA = {
  Work: {
    id: 'string',
    doi: 'string',
    pmid: 'string',
    pmcid: 'string',
    title: 'string',
    year: 'int',
    journal: 'string',
    volume: 'string',
    issue: 'string',
    pages: 'string',
    type: 'string',
    authors: 'string[]',
    keywords: 'string[]',
    abstract: 'string',
    /** The API URL the abstract came from, for fetched abstracts; else null. */
    abstractSource: 'string',
    openalex: 'string',
    mesh: 'string[]',
    meshIds: 'string[]',
    sources: 'string[]',
    isReview: 'boolean',
    citedByCount: 'int',
    referenceCount: 'int',
    /** How many works OpenAlex lists as its references (`referenced_works_count`), once fetched; else null. */
    openalexReferenceCount: 'int',
    /** How many works OpenAlex counts as citing it (`cited_by_count`), once fetched; else null. */
    openalexCitedByCount: 'int',
    x: 'float',
    y: 'float',
    community: 'int',
  },
  Concept: {
    id: 'string',
    name: 'string',
    category: 'string',
    synonyms: 'string[]',
    abbreviations: 'string[]',
    description: 'string',
    sources: 'string[]',
    mentionCount: 'int',
    x: 'float',
    y: 'float',
    community: 'int',
  },
  Author: {
    id: 'string',
    name: 'string',
    surname: 'string',
    initials: 'string',
    isSurnameOnly: 'boolean',
    orcid: 'string',
    sources: 'string[]',
  },
  Journal: {
    id: 'string',
    name: 'string',
    sources: 'string[]',
  },
} as const satisfies Record<string, PropertySpec>;

/** Node label names. */
export type NodeLabel = keyof typeof NODE_SCHEMA;

/**
 * Relationship types: endpoints, properties and the rest of what the product knows about each,
 * from the one registry of src/model/edge-kinds.ts. Every relationship carries `sources`.
 */
export const REL_SCHEMA = EDGE_KINDS;

export { REL_TYPES, type RelType };

/**
 * Label of the nodes that hold the shared provenance of relationship types stored with
 * `provenance: 'sourceSet'` (edge-kinds.ts): one node per distinct `sources` list, keyed by an
 * integer `code` that such a relationship stores as `sourceSet`. Not a label of the graph: it is
 * not counted in {@link GraphCounts}, drawn or searched. Read a citation's sources with
 * `MATCH (a:Work)-[c:CITES]->(b:Work) MATCH (s:SourceSet) WHERE s.code = c.sourceSet RETURN s.sources`;
 * a returned relationship value carries `sources` already (both adapters resolve it).
 */
export const SOURCE_SET_LABEL = 'SourceSet';

/** Properties of a {@link SOURCE_SET_LABEL} node: its code (unique) and the list. */
export const SOURCE_SET_SCHEMA = { code: 'int', sources: 'string[]' } as const satisfies PropertySpec;

/** Relationship types whose `sources` the stores keep as source sets, in load order. */
export const SOURCE_SET_REL_TYPES: readonly RelType[] = REL_TYPES.filter(
  (t) => EDGE_KINDS[t].provenance === 'sourceSet',
);

/**
 * The properties a store keeps for relationship type `type`, in column order: the declared ones,
 * with `sources` replaced by the integer `sourceSet` for a type stored with source sets.
 */
export function storedRelProperties(type: RelType): PropertySpec {
  const declared: PropertySpec = EDGE_KINDS[type].properties;
  if (EDGE_KINDS[type].provenance !== 'sourceSet') return declared;
  return Object.fromEntries(
    Object.entries(declared).map(([k, t]): [string, PropertyType] =>
      k === 'sources' ? ['sourceSet', 'int'] : [k, t],
    ),
  );
}

/** All node labels, in load order. */
export const NODE_LABELS = Object.keys(NODE_SCHEMA) as NodeLabel[];

type TsType<T> = T extends 'string'
  ? string | null
  : T extends 'int' | 'float'
    ? number | null
    : T extends 'boolean'
      ? boolean
      : string[];

/** The plain object a node of `L` is stored as. */
export type NodeRecord<L extends NodeLabel> = {
  -readonly [K in keyof (typeof NODE_SCHEMA)[L]]: TsType<(typeof NODE_SCHEMA)[L][K]>;
} & { id: string };

/** The plain object a relationship of `T` is stored as: endpoint ids plus properties. */
export type RelRecord<T extends RelType> = { from: string; to: string } & {
  -readonly [K in keyof (typeof REL_SCHEMA)[T]['properties']]: TsType<
    (typeof REL_SCHEMA)[T]['properties'][K]
  >;
};

/**
 * Reads the named properties of a node of `label` from a query row (or a node value's
 * properties) by their declared types: text and numbers through the decoders of values.ts (an
 * empty string or a non-finite number is null), lists as their strings, a boolean as true only
 * when it is `true`. What a row lacks reads as null (or an empty list, or false).
 */
export function decodeProperties<L extends NodeLabel, F extends keyof NodeRecord<L> & string>(
  label: L,
  row: Row,
  fields: readonly F[],
): Pick<NodeRecord<L>, F> {
  const spec: PropertySpec = NODE_SCHEMA[label];
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = row[f];
    const t = spec[f];
    out[f] =
      t === 'string[]' ? textsOf(v) : t === 'boolean' ? v === true : t === 'string' ? textOf(v) : numberOf(v);
  }
  return out as Pick<NodeRecord<L>, F>;
}

/** A whole graph, ready to be loaded into a store. */
export interface GraphData {
  nodes: { [L in NodeLabel]: NodeRecord<L>[] };
  rels: { [T in RelType]: RelRecord<T>[] };
  /**
   * Relationships between works held only as columns so far (see {@link holdWorkLinks}): while
   * `workLinks[T]` is set, `rels[T]` makes its records from it on first read, then removes it. A
   * store may write the columns instead (the same relationships in the same order).
   */
  workLinks?: Partial<Record<WorkLinkType, WorkLinkColumns>>;
}

/** The relationship types between works that a graph may hold as columns. */
export const WORK_LINK_TYPES = ['CITES', 'SIMILAR_TO'] as const;

/** A relationship type of {@link WORK_LINK_TYPES}. */
export type WorkLinkType = (typeof WORK_LINK_TYPES)[number];

/**
 * Relationships between works as columns, one entry per relationship: at 4.5M citations an
 * object per relationship cost more in allocation and garbage collection than writing them.
 */
export interface WorkLinkColumns {
  /** Work ids by work number. */
  workIds: readonly string[];
  /** Source lists by number (shared by many relationships). */
  sourceLists: readonly (readonly string[])[];
  /** Two work numbers per relationship: its start, its end. */
  ends: Int32Array;
  /** The number of each relationship's list in `sourceLists`. */
  sources: Int32Array;
}

/** The records of some {@link WorkLinkColumns}, in order; `sources` are the shared lists themselves. */
export function workLinkRecords<T extends WorkLinkType>(cols: WorkLinkColumns): RelRecord<T>[] {
  const { workIds, sourceLists, ends, sources } = cols;
  const out = new Array<RelRecord<T>>(sources.length);
  for (let i = 0; i < sources.length; i++) {
    out[i] = {
      from: workIds[ends[2 * i]!]!,
      to: workIds[ends[2 * i + 1]!]!,
      sources: sourceLists[sources[i]!]! as string[],
    } as RelRecord<T>;
  }
  return out;
}

/** The columns `graph` still holds `type`'s relationships in, if any (see {@link GraphData.workLinks}). */
export function heldWorkLinks(graph: GraphData, type: RelType): WorkLinkColumns | undefined {
  return type === 'CITES' || type === 'SIMILAR_TO' ? graph.workLinks?.[type] : undefined;
}

/**
 * Makes `graph.rels[type]` the records of `cols`, made on first read (or replaced by an
 * assignment); until then `graph.workLinks[type]` holds the columns.
 */
export function holdWorkLinks(graph: GraphData, type: WorkLinkType, cols: WorkLinkColumns): void {
  const held = (graph.workLinks ??= {});
  held[type] = cols;
  let made: RelRecord<WorkLinkType>[] | undefined;
  Object.defineProperty(graph.rels, type, {
    enumerable: true,
    configurable: true,
    get(): RelRecord<WorkLinkType>[] {
      if (!made) {
        made = workLinkRecords(cols);
        delete held[type];
      }
      return made;
    },
    set(records: RelRecord<WorkLinkType>[]) {
      made = records;
      delete held[type];
    },
  });
}

/** Categories of concepts. */
export const CONCEPT_CATEGORIES = [
  'tissue',
  'factor-class',
  'factor',
  'cell',
  'condition',
  'process',
] as const;

/** A concept's category. */
export type ConceptCategory = (typeof CONCEPT_CATEGORIES)[number];

/**
 * Effects an `ACTS_ON` relation may state, judged relative to the target tissue or cell:
 * `promotes` its formation, mass or activity, `inhibits` it, or `modulates` it (mixed or unclear).
 */
export const EFFECTS = ['promotes', 'inhibits', 'modulates'] as const;

/** Where in a work's record a concept was found. */
export const MENTION_FIELDS = ['title', 'keywords', 'abstract'] as const;

/** A field a mention was found in. */
export type MentionField = (typeof MENTION_FIELDS)[number];

/** Counts of nodes per label and relationships per type. */
export interface GraphCounts {
  nodes: Record<NodeLabel, number>;
  rels: Record<RelType, number>;
}

/** Counts the nodes and relationships of a graph (without making the records {@link GraphData.workLinks} holds). */
export function countGraph(graph: GraphData): GraphCounts {
  const nodes = Object.fromEntries(NODE_LABELS.map((l) => [l, graph.nodes[l].length]));
  const rels = Object.fromEntries(
    REL_TYPES.map((t) => [t, heldWorkLinks(graph, t)?.sources.length ?? graph.rels[t].length]),
  );
  return { nodes, rels } as GraphCounts;
}
