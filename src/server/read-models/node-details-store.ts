/**
 * The details panel read from the store per request: five Cypher statements per node over
 * {@link GraphStore.query}. It answers while the in-memory details (node-details.ts) are being
 * built at server start (6–20 s at 100k works under load), so a node clicked then does not wait
 * for the build; and it is the reference the in-memory answers are compared with
 * (test/integration/node-details.test.ts). The reading of before node-details.ts (graph-reader.ts
 * at commit 94c0d59), with ties in the sorted lists broken by id (as node-details.ts does, where
 * the engine's row order decided), `totals` at the end of each answer, and the long lists cut to
 * a page after the whole list is read and sorted (the same order as the cache's).
 */
import type {
  AuthorDetail,
  ConceptDetail,
  ConceptRef,
  ConceptRelationView,
  JournalDetail,
  NodeDetail,
  NodeListName,
  NodeListPage,
  WorkDetail,
  WorkRef,
} from '../../model/api';
import { NODE_LISTS_OF_KIND, WORK_DETAIL_FIELDS } from '../../model/api';
import { CURATED_REL_TYPES, type CuratedRelType } from '../../model/edge-kinds';
import { decodeProperties, type ConceptCategory, type MentionField } from '../../model/graph-schema';
import { labelOfId } from '../../model/ids';
import { isNodeValue, isRelationshipValue, textOf, textsOf, type Row } from '../../model/values';
import { WORK_REF_FIELDS, toWorkRef } from './work-records';
import type { GraphStore } from '../../store/graph-store';

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function byYearDesc(a: WorkRef, b: WorkRef): number {
  return (
    (b.year ?? -Infinity) - (a.year ?? -Infinity) ||
    (a.title ?? '').localeCompare(b.title ?? '') ||
    byId(a, b)
  );
}

function toConceptRef(r: Row, prefix = ''): ConceptRef {
  return {
    id: textOf(r[`${prefix}id`]) ?? '',
    name: textOf(r[`${prefix}name`]) ?? '',
    category: (textOf(r[`${prefix}category`]) ?? 'factor') as ConceptCategory,
  };
}

/** One page of a list: its entries from `offset`, at most `limit` of them. */
interface Window {
  offset: number;
  limit: number;
}

/** Reads node details with Cypher, one statement per list. */
export class StoreDetails {
  constructor(private readonly store: GraphStore) {}

  /** As {@link whole}, each long list cut to its first `limit` entries (`totals` stay whole). */
  async node(id: string, limit = Infinity): Promise<NodeDetail | null> {
    const d = await this.whole(id);
    if (!d) return null;
    const cut: Record<string, unknown> = { ...d };
    const lists = d as unknown as Record<NodeListName, unknown[]>;
    for (const list of NODE_LISTS_OF_KIND[d.kind]) cut[list] = lists[list].slice(0, limit);
    return cut as unknown as NodeDetail;
  }

  /** One page of a node's long list: null when no node has this id, undefined when its kind has no such list. */
  async list(id: string, list: NodeListName, page: Window): Promise<NodeListPage | null | undefined> {
    const d = await this.whole(id);
    if (!d) return null;
    if (!(NODE_LISTS_OF_KIND[d.kind] as readonly NodeListName[]).includes(list)) return undefined;
    const all = (d as unknown as Record<NodeListName, NodeListPage['items']>)[list];
    const items = all.slice(page.offset, page.offset + page.limit);
    return { id, list, offset: page.offset, limit: page.limit, total: all.length, items };
  }

  private async rows(cypher: string, params: Record<string, unknown> = {}): Promise<Row[]> {
    return (await this.store.query(cypher, { params, timeoutMs: 60_000, maxRows: 5_000_000 })).rows;
  }

  /** Everything the detail panel shows about one node, whole lists, or null when no node has this id. */
  async whole(id: string): Promise<NodeDetail | null> {
    switch (labelOfId(id)) {
      case 'Work':
        return this.work(id);
      case 'Concept':
        return this.concept(id);
      case 'Author':
        return this.author(id);
      case 'Journal':
        return this.journal(id);
      default:
        return null;
    }
  }

  async work(id: string): Promise<WorkDetail | null> {
    const [row] = await this.rows('MATCH (w:Work {id: $id}) RETURN w', { id });
    const w = row?.w;
    if (!w || !isNodeValue(w)) return null;
    const p = w.properties;
    const refs = (q: string): Promise<WorkRef[]> =>
      this.rows(q, { id }).then((rs) => rs.map(toWorkRef).sort(byYearDesc));
    const references = await refs(
      `MATCH (:Work {id: $id})-[:CITES]->(r:Work) RETURN ${WORK_REF_FIELDS('r')}`,
    );
    const citedBy = await refs(`MATCH (:Work {id: $id})<-[:CITES]-(r:Work) RETURN ${WORK_REF_FIELDS('r')}`);
    const similar = await refs(
      `MATCH (:Work {id: $id})-[:SIMILAR_TO]-(r:Work) RETURN ${WORK_REF_FIELDS('r')}`,
    );
    const concepts = (
      await this.rows(
        `MATCH (:Work {id: $id})-[m:MENTIONS]->(c:Concept)
         RETURN c.id AS id, c.name AS name, c.category AS category, m.foundIn AS foundIn, m.matched AS matched`,
        { id },
      )
    )
      .map((r) => ({
        ...toConceptRef(r),
        foundIn: textsOf(r.foundIn) as MentionField[],
        matched: textsOf(r.matched),
      }))
      .sort((a, b) => a.category.localeCompare(b.category) || a.name.localeCompare(b.name) || byId(a, b));
    return {
      kind: 'work',
      ...decodeProperties('Work', p, WORK_DETAIL_FIELDS),
      id,
      references,
      citedBy,
      similar,
      concepts,
      totals: { references: references.length, citedBy: citedBy.length, similar: similar.length },
    };
  }

  async concept(id: string): Promise<ConceptDetail | null> {
    const [row] = await this.rows('MATCH (c:Concept {id: $id}) RETURN c', { id });
    const c = row?.c;
    if (!c || !isNodeValue(c)) return null;
    const p = c.properties;
    const refs = async (q: string): Promise<ConceptRef[]> =>
      (await this.rows(q, { id }))
        .map((r) => toConceptRef(r))
        .sort((a, b) => a.name.localeCompare(b.name) || byId(a, b));
    const parents = await refs(
      'MATCH (:Concept {id: $id})-[:IS_A]->(o:Concept) RETURN o.id AS id, o.name AS name, o.category AS category',
    );
    const children = await refs(
      'MATCH (:Concept {id: $id})<-[:IS_A]-(o:Concept) RETURN o.id AS id, o.name AS name, o.category AS category',
    );
    const relRows = [
      ...(
        await this.rows(
          `MATCH (:Concept {id: $id})-[r:${CURATED_REL_TYPES.join('|')}]->(o:Concept)
           RETURN r, o.id AS id, o.name AS name, o.category AS category`,
          { id },
        )
      ).map((r) => ({ r, direction: 'out' as const })),
      ...(
        await this.rows(
          `MATCH (:Concept {id: $id})<-[r:${CURATED_REL_TYPES.join('|')}]-(o:Concept)
           RETURN r, o.id AS id, o.name AS name, o.category AS category`,
          { id },
        )
      ).map((r) => ({ r, direction: 'in' as const })),
    ];
    const evidenceIds = new Set<string>();
    for (const { r } of relRows) {
      if (isRelationshipValue(r.r ?? null))
        for (const e of textsOf((r.r as { properties: Row }).properties.evidence)) evidenceIds.add(e);
    }
    const evidence = new Map(
      (
        await this.rows(`MATCH (w:Work) WHERE w.id IN $ids RETURN ${WORK_REF_FIELDS('w')}`, {
          ids: [...evidenceIds],
        })
      ).map((r) => [textOf(r.id) ?? '', toWorkRef(r)]),
    );
    const relations: ConceptRelationView[] = relRows.flatMap(({ r, direction }) => {
      const rel = r.r ?? null;
      if (!isRelationshipValue(rel)) return [];
      return [
        {
          type: rel.type as CuratedRelType,
          direction,
          other: toConceptRef(r),
          effect: textOf(rel.properties.effect),
          evidence: textsOf(rel.properties.evidence)
            .map((e) => evidence.get(e))
            .filter((x): x is WorkRef => x !== undefined)
            .sort(byYearDesc),
        },
      ];
    });
    relations.sort(
      (a, b) =>
        a.direction.localeCompare(b.direction) ||
        a.type.localeCompare(b.type) ||
        a.other.name.localeCompare(b.other.name) ||
        byId(a.other, b.other) ||
        (a.effect ?? '').localeCompare(b.effect ?? ''),
    );
    const works = (
      await this.rows(
        `MATCH (w:Work)-[m:MENTIONS]->(:Concept {id: $id}) RETURN ${WORK_REF_FIELDS('w')}, m.foundIn AS foundIn`,
        { id },
      )
    )
      .map((r) => ({ ...toWorkRef(r), foundIn: textsOf(r.foundIn) as MentionField[] }))
      .sort(byYearDesc);
    return {
      kind: 'concept',
      id,
      name: textOf(p.name) ?? id,
      category: (textOf(p.category) ?? 'factor') as ConceptCategory,
      synonyms: textsOf(p.synonyms),
      abbreviations: textsOf(p.abbreviations),
      description: textOf(p.description),
      sources: textsOf(p.sources),
      parents,
      children,
      relations,
      works,
      totals: { works: works.length },
    };
  }

  async author(id: string): Promise<AuthorDetail | null> {
    const [row] = await this.rows(
      'MATCH (a:Author {id: $id}) RETURN a.name AS name, a.isSurnameOnly AS s, a.sources AS sources',
      { id },
    );
    if (!row) return null;
    const works = (
      await this.rows(`MATCH (:Author {id: $id})-[:AUTHORED]->(w:Work) RETURN ${WORK_REF_FIELDS('w')}`, {
        id,
      })
    )
      .map(toWorkRef)
      .sort(byYearDesc);
    return {
      kind: 'author',
      id,
      name: textOf(row.name) ?? id,
      isSurnameOnly: row.s === true,
      sources: textsOf(row.sources),
      works,
      totals: { works: works.length },
    };
  }

  async journal(id: string): Promise<JournalDetail | null> {
    const [row] = await this.rows('MATCH (j:Journal {id: $id}) RETURN j.name AS name, j.sources AS sources', {
      id,
    });
    if (!row) return null;
    const works = (
      await this.rows(`MATCH (w:Work)-[:PUBLISHED_IN]->(:Journal {id: $id}) RETURN ${WORK_REF_FIELDS('w')}`, {
        id,
      })
    )
      .map(toWorkRef)
      .sort(byYearDesc);
    return {
      kind: 'journal',
      id,
      name: textOf(row.name) ?? id,
      sources: textsOf(row.sources),
      works,
      totals: { works: works.length },
    };
  }
}
