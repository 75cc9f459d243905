/**
 * Source sets: the shared provenance of relationship types stored with `provenance: 'sourceSet'`
 * (src/model/edge-kinds.ts). At load, every distinct `sources` list becomes one `SourceSet` node
 * with an integer `code`, and each such relationship stores only that code as `sourceSet`. When a
 * query returns one of these relationships, both adapters replace `sourceSet` by the `sources`
 * list it stands for ({@link resolveSourceSets}), so answers are the same as with a list per row.
 */
import { EDGE_KINDS } from '../model/edge-kinds';
import { SOURCE_SET_LABEL, type RelType } from '../model/graph-schema';
import {
  isNodeValue,
  isPathValue,
  isRelationshipValue,
  type RelationshipValue,
  type Row,
  type Value,
} from '../model/values';

/** One source set as stored: its code and its list. */
export interface SourceSetRecord {
  code: number;
  sources: string[];
}

/**
 * Gives every distinct `sources` list a code, in order of first sight (0, 1, …). The lists of a
 * graph are mostly shared arrays (ingest interns them), so a list already seen is found by
 * identity before its text is joined.
 */
export class SourceSetInterner {
  private readonly byList = new Map<readonly string[], number>();
  private readonly byText = new Map<string, number>();
  private readonly lists: string[][] = [];

  /** The code of `sources` (a new one for a list not seen before). */
  code(sources: readonly string[]): number {
    const known = this.byList.get(sources);
    if (known !== undefined) return known;
    // JSON text keeps element boundaries whatever the elements hold.
    const text = JSON.stringify(sources);
    let code = this.byText.get(text);
    if (code === undefined) {
      code = this.lists.length;
      this.lists.push([...sources]);
      this.byText.set(text, code);
    }
    this.byList.set(sources, code);
    return code;
  }

  /** Every source set seen so far, by code. */
  records(): SourceSetRecord[] {
    return this.lists.map((sources, code) => ({ code, sources }));
  }
}

/**
 * Rows of relationship type `type` as the stores keep them: for a type stored with source sets,
 * each record with `sources` replaced by `sourceSet` (its code in `interner`); other types as given.
 */
export function* storedRels<R extends { sources: readonly string[] }>(
  type: RelType,
  records: Iterable<R>,
  interner: SourceSetInterner,
): Iterable<object> {
  if (EDGE_KINDS[type].provenance !== 'sourceSet') {
    yield* records;
    return;
  }
  for (const r of records) {
    const { sources, ...rest } = r;
    yield { ...rest, sourceSet: interner.code(sources) };
  }
}

const usesSourceSets = (type: string): boolean =>
  Object.hasOwn(EDGE_KINDS, type) && EDGE_KINDS[type as RelType].provenance === 'sourceSet';

/** Every relationship value in `v` (in lists, maps and paths) whose type is stored with source sets. */
function visitRels(v: Value, found: RelationshipValue[]): void {
  if (Array.isArray(v)) {
    for (const x of v) visitRels(x, found);
    return;
  }
  if (typeof v !== 'object' || v === null) return;
  if (isRelationshipValue(v)) {
    if (usesSourceSets(v.type) && typeof v.properties.sourceSet === 'number') found.push(v);
    return;
  }
  if (isPathValue(v)) {
    for (const r of v.relationships) visitRels(r, found);
    return;
  }
  if (isNodeValue(v)) return;
  for (const x of Object.values(v as Record<string, Value>)) visitRels(x, found);
}

/** Looks up the lists of some source-set codes (one query to the store). */
export type SourceSetLookup = (codes: number[]) => Promise<Map<number, string[]>>;

/** The statement a {@link SourceSetLookup} runs, with `$codes`: columns `code` and `sources`. */
export const SOURCE_SET_QUERY = `MATCH (s:${SOURCE_SET_LABEL}) WHERE s.code IN $codes RETURN s.code AS code, s.sources AS sources`;

/**
 * Replaces, in place, the `sourceSet` code of every returned relationship stored with source sets
 * by its `sources` list: at the position of `sources` when the adapter already listed it (Neo4j's
 * mapper fills declared properties with null), else at the code's. Relationships of a database
 * loaded before source sets existed carry `sources` already and are left as they are.
 */
export async function resolveSourceSets(rows: Row[], lookup: SourceSetLookup): Promise<void> {
  const rels: RelationshipValue[] = [];
  for (const row of rows) for (const v of Object.values(row)) visitRels(v, rels);
  if (rels.length === 0) return;
  const codes = [...new Set(rels.map((r) => r.properties.sourceSet as number))];
  const lists = await lookup(codes);
  for (const rel of rels) {
    const props: Record<string, Value> = {};
    for (const [k, x] of Object.entries(rel.properties)) {
      if (k === 'sourceSet') props.sources = lists.get(x as number) ?? [];
      else props[k] = x;
    }
    rel.properties = props;
  }
}
