/**
 * The details panel (GET /api/nodes/<id>) answered from memory instead of five Cypher queries per
 * request (each ~1.5–2 ms of fixed engine cost, and at 100k works the neighbour lists scanned).
 *
 * Built once per loaded network (see {@link detailsOf}) from a few whole-table reads:
 * - every work's reference line (title, year, journal, first author) in columns by network
 *   position; the lists (references, cited by, similar, parents, children) come from the network
 *   index, so no relationship is held twice;
 * - the MENTIONS properties (where a concept was found, which words matched), interned, in
 *   compressed rows both ways;
 * - every concept and its curated relations (a few hundred rows);
 * - every journal and its works (a few hundred journals, one per work).
 * Whole records (a work's abstract, an author and their works) are held only while the
 * dataset has at most {@link RECORDS_IN_MEMORY_MAX_WORKS} works (the bundled graph: ~1 MB);
 * above that a request reads the one record by its primary key (one indexed lookup; the last
 * {@link RECENT_RECORDS} read are kept), so the server's memory does not grow with the abstracts.
 *
 * Lists are sorted as before (newest first, then by title; concepts by category and name), with
 * the node id as the last tie-break, so both backends give the same order where the engines'
 * own row orders differ. Every work's place in that order is ranked once at build, so a long list
 * (a work cited 10,000 times, a concept mentioned by half the dataset) is paged without sorting
 * reference lines: an answer carries the first page of each long list and its total.
 *
 * Over 400 lines: the one cache and the four answers (work, concept, author, journal) built from
 * it share its columns and interned tables; split, each part would export the cache's internals.
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
  WorkDetailField,
  WorkRef,
} from '../../model/api';
import { WORK_DETAIL_FIELDS } from '../../model/api';
import { isEtAl } from '../../model/authors';
import { CURATED_REL_TYPES, type CuratedRelType } from '../../model/edge-kinds';
import {
  REL_SCHEMA,
  decodeProperties,
  type ConceptCategory,
  type MentionField,
  type NodeRecord,
} from '../../model/graph-schema';
import { labelOfId } from '../../model/ids';
import type { NetworkIndex } from '../../model/network-index';
import { numberOf, textOf, textsOf, type Row } from '../../model/values';
import type { GraphStore } from '../../store/graph-store';
import type { LoadedNetwork } from './graph-reader';
import { StoreDetails } from './node-details-store';

/**
 * Up to this many works, every work, author and journal record is held in memory (measured: the
 * bundled 460 works and their 1,720 authors take ~1 MB); above it one primary-key read per request.
 */
export const RECORDS_IN_MEMORY_MAX_WORKS = 20_000;

/**
 * Records read by primary key that are kept, most recent first (works and authors each): a few
 * MB at ~2 kB a work record, a bounded cost whatever the dataset's size.
 */
export const RECENT_RECORDS = 1_000;

/** The `max` values used last (a Map keeps insertion order: the first key is the oldest). */
class Recent<T> {
  private readonly map = new Map<string, T>();
  constructor(private readonly max: number) {}
  get(key: string): T | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, v: T): void {
    this.map.delete(key);
    this.map.set(key, v);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }
}

/** Time limit of the whole-table reads of the build, and of one record's read. */
const READ_TIMEOUT_MS = 60_000;
/** Row cap of one record's read (an author's works). */
const READ_MAX_ROWS = 5_000_000;

/** `String.prototype.localeCompare` without its per-call set-up (same order). */
const collator = new Intl.Collator();
const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Works sorted at build, newest first, unknown years last, then by title, then by id, are taken
 * this many at a time between turns of the event loop (measured: ~2k collator comparisons a ms).
 */
const RANK_SLICE = 4_000;

/** Lists longer than this keep their sorted order among the {@link RECENT_ORDERS} used last. */
const CACHED_ORDER_MIN = 2_000;
const RECENT_ORDERS = 64;

/** Room for an index into one list beside its rank, in one float64 sort key (2^24 entries). */
const KEY_SPAN = 2 ** 24;

/** Lets other requests run between slices of the build. */
const breath = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** One page of a list: its entries from `offset`, at most `limit` of them. */
export interface ListWindow {
  offset: number;
  limit: number;
}

/** The unsorted entries of a long list: network positions, and for a concept's works each mention's props. */
interface ListEntries {
  positions: ArrayLike<number>;
  mentions?: ArrayLike<number>;
}

const byName = (a: ConceptRef, b: ConceptRef): number => collator.compare(a.name, b.name) || byId(a, b);

/** The properties of a concept its details show. */
interface ConceptRecord {
  name: string | null;
  category: string | null;
  synonyms: string[];
  abbreviations: string[];
  description: string | null;
  sources: string[];
}

/** A curated relation seen from one of its concepts (the other end by network position). */
interface RelationRecord {
  type: CuratedRelType;
  direction: 'out' | 'in';
  other: number;
  effect: string | null;
  evidence: string[];
}

/** An author or journal record with its works (network positions, one per relationship). */
interface OwnerRecord {
  name: string | null;
  isSurnameOnly: boolean;
  sources: string[];
  works: number[];
}

/** Where a concept was found in a work and which words matched (shared by equal mentions). */
interface MentionProps {
  foundIn: MentionField[];
  matched: string[];
}

/** Compressed rows: the entries of `u` are `[start[u], start[u+1])` of `other` and `props`. */
interface Rows {
  start: Int32Array;
  other: Int32Array;
  props: Int32Array;
}

/** Groups (from, to, props) triples by `from` into compressed rows. */
function toRows(n: number, from: Int32Array, to: Int32Array, props: Int32Array, m: number): Rows {
  const start = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) start[from[i]! + 1]! += 1;
  for (let u = 0; u < n; u++) start[u + 1]! += start[u]!;
  const fill = start.slice(0, n);
  const other = new Int32Array(m);
  const p = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const at = fill[from[i]!]!++;
    other[at] = to[i]!;
    p[at] = props[i]!;
  }
  return { start, other, props: p };
}

/** Growable Int32 triples. */
class Triples {
  a = new Int32Array(1024);
  b = new Int32Array(1024);
  c = new Int32Array(1024);
  n = 0;
  push(a: number, b: number, c: number): void {
    if (this.n === this.a.length) {
      for (const k of ['a', 'b', 'c'] as const) {
        const grown = new Int32Array(this.n * 2);
        grown.set(this[k]);
        this[k] = grown;
      }
    }
    this.a[this.n] = a;
    this.b[this.n] = b;
    this.c[this.n] = c;
    this.n += 1;
  }
}

const WORK_REF_COLUMNS = ['id', 'title', 'year', 'journal', 'authors'] as const;

/** Options of {@link NodeDetails.build}. */
export interface NodeDetailsOptions {
  /** Hold whole records in memory (default: when the dataset has at most RECORDS_IN_MEMORY_MAX_WORKS works). */
  recordsInMemory?: boolean;
}

/** The details of every node of one loaded dataset; see the module comment. */
export class NodeDetails {
  private readonly title: (string | null)[];
  private readonly year: Float64Array;
  private readonly journal: Int32Array;
  private readonly journals: string[] = [];
  private readonly firstAuthor: (string | null)[];
  private readonly isWork: Uint8Array;
  /** Each work's place in the order of every work list (newest first, then title, then id). */
  private readonly rank: Int32Array;
  /** Sorted orders of long lists read lately (paging through a work cited 10,000 times). */
  private readonly orders = new Recent<Int32Array>(RECENT_ORDERS);
  private readonly combos: MentionProps[] = [];
  private mentionsOfWork: Rows | null = null;
  private mentionsOfConcept: Rows | null = null;
  private readonly concepts = new Map<number, ConceptRecord>();
  private readonly relations = new Map<number, RelationRecord[]>();
  /** Whole records, when held in memory (null: read per request). */
  private workRecords: (Pick<NodeRecord<'Work'>, WorkDetailField> | undefined)[] | null = null;
  private authors: Map<string, OwnerRecord> | null = null;
  /** Records read by primary key lately (a panel reopened, Back and Forward), when not all are held. */
  private readonly recent = new Recent<Pick<NodeRecord<'Work'>, WorkDetailField>>(RECENT_RECORDS);
  private readonly recentAuthors = new Recent<OwnerRecord>(RECENT_RECORDS);
  private journalRecords: Map<string, OwnerRecord> | null = null;

  private constructor(
    private readonly store: GraphStore,
    private readonly index: NetworkIndex,
  ) {
    const n = index.order;
    this.title = new Array<string | null>(n).fill(null);
    this.year = new Float64Array(n).fill(NaN);
    this.journal = new Int32Array(n).fill(-1);
    this.firstAuthor = new Array<string | null>(n).fill(null);
    this.isWork = new Uint8Array(n);
    this.rank = new Int32Array(n);
  }

  /** Whether whole records are held in memory. */
  get recordsInMemory(): boolean {
    return this.workRecords !== null;
  }

  /**
   * Reads what the details need from `store` for the network `loaded` was built from.
   * @throws QueryError when the store fails.
   */
  static async build(
    store: GraphStore,
    loaded: LoadedNetwork,
    options: NodeDetailsOptions = {},
  ): Promise<NodeDetails> {
    const d = new NodeDetails(store, loaded.index);
    let works = 0;
    for (const ref of loaded.nodes.values()) if (ref.kind === 'work') works += 1;
    const inMemory = options.recordsInMemory ?? works <= RECORDS_IN_MEMORY_MAX_WORKS;
    await d.readWorks(loaded, inMemory);
    await d.rankWorks();
    await d.readMentions();
    await d.readConcepts();
    await d.readOwners(inMemory);
    return d;
  }

  private stream(cypher: string, onRow: (r: Row) => void): Promise<unknown> {
    return this.store.stream(cypher, (rows) => rows.forEach(onRow), { timeoutMs: READ_TIMEOUT_MS });
  }

  private async readWorks(loaded: LoadedNetwork, inMemory: boolean): Promise<void> {
    const columns = inMemory ? [...new Set([...WORK_REF_COLUMNS, ...WORK_DETAIL_FIELDS])] : WORK_REF_COLUMNS;
    const records: (Pick<NodeRecord<'Work'>, WorkDetailField> | undefined)[] | null = inMemory
      ? new Array<undefined>(this.index.order)
      : null;
    const journalIds = new Map<string, number>();
    await this.stream(`MATCH (w:Work) RETURN ${columns.map((f) => `w.${f} AS ${f}`).join(', ')}`, (r) => {
      const id = textOf(r.id);
      const u = id === null ? undefined : this.index.positionOf(id);
      if (id === null || u === undefined) return;
      this.isWork[u] = 1;
      // The network's label is the same title: keep one copy of the string.
      const label = loaded.nodes.get(id)?.label;
      const title = textOf(r.title);
      this.title[u] = title !== null && title === label ? label : title;
      this.year[u] = numberOf(r.year) ?? NaN;
      const journal = textOf(r.journal);
      if (journal !== null) {
        let j = journalIds.get(journal);
        if (j === undefined) {
          j = this.journals.length;
          journalIds.set(journal, j);
          this.journals.push(journal);
        }
        this.journal[u] = j;
      }
      this.firstAuthor[u] = textsOf(r.authors).find((a) => !isEtAl(a)) ?? null;
      if (records) records[u] = decodeProperties('Work', r, WORK_DETAIL_FIELDS);
    });
    this.workRecords = records;
  }

  /**
   * Ranks every work in the lists' order once, so a list is sorted by numbers per request (a
   * concept mentioned by 50,000 works) and a page needs no reference lines but its own. Sorted by
   * year first, then each year's works by title in slices, so the build does not hold the event
   * loop for the whole collation.
   */
  private async rankWorks(): Promise<void> {
    const works: number[] = [];
    const year = new Float64Array(this.index.order);
    for (let u = 0; u < this.index.order; u++) {
      if (this.isWork[u] !== 1) continue;
      works.push(u);
      const y = this.year[u]!;
      year[u] = Number.isNaN(y) ? -Infinity : y;
    }
    works.sort((a, b) => (year[a] === year[b] ? 0 : year[b]! > year[a]! ? 1 : -1));
    const ids = this.index.ids;
    const byTitle = (a: number, b: number): number =>
      collator.compare(this.title[a] ?? '', this.title[b] ?? '') ||
      (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0);
    let sinceBreath = 0;
    for (let from = 0; from < works.length;) {
      let to = from + 1;
      while (to < works.length && year[works[to]!] === year[works[from]!]) to += 1;
      const group = works.slice(from, to).sort(byTitle);
      for (let i = 0; i < group.length; i++) this.rank[group[i]!] = from + i;
      sinceBreath += to - from;
      if (sinceBreath >= RANK_SLICE) {
        sinceBreath = 0;
        await breath();
      }
      from = to;
    }
  }

  /**
   * Indices into `positions` of its works (others left out), newest first. One numeric sort of
   * `rank * 2^24 + index` keys: no comparator call per comparison.
   */
  private orderOf(positions: ArrayLike<number>): Int32Array {
    const keys = new Float64Array(positions.length);
    let k = 0;
    for (let j = 0; j < positions.length; j++) {
      const u = positions[j]!;
      if (this.isWork[u] === 1) keys[k++] = this.rank[u]! * KEY_SPAN + j;
    }
    const sorted = keys.subarray(0, k);
    if (positions.length < KEY_SPAN) sorted.sort();
    else sorted.sort((a, b) => this.rank[positions[a % KEY_SPAN]!]! - this.rank[positions[b % KEY_SPAN]!]!);
    const out = new Int32Array(k);
    for (let i = 0; i < k; i++) out[i] = sorted[i]! % KEY_SPAN;
    return out;
  }

  /** One page of a list in the lists' order, and the list's length (works only). */
  private pageOf(
    key: string,
    entries: ListEntries,
    { offset, limit }: ListWindow,
  ): { items: (WorkRef & { foundIn?: MentionField[] })[]; total: number } {
    const long = entries.positions.length > CACHED_ORDER_MIN;
    let order = long ? this.orders.get(key) : undefined;
    if (!order) {
      order = this.orderOf(entries.positions);
      if (long) this.orders.set(key, order);
    }
    const end = Math.min(order.length, offset + limit);
    const items: (WorkRef & { foundIn?: MentionField[] })[] = [];
    for (let i = offset; i < end; i++) {
      const j = order[i]!;
      const ref = this.workRef(entries.positions[j]!);
      items.push(entries.mentions ? { ...ref, foundIn: this.combos[entries.mentions[j]!]!.foundIn } : ref);
    }
    return { items, total: order.length };
  }

  private async readMentions(): Promise<void> {
    const found = new Triples();
    const comboIds = new Map<string, number>();
    await this.stream(
      'MATCH (w:Work)-[m:MENTIONS]->(c:Concept) RETURN w.id AS w, c.id AS c, m.foundIn AS foundIn, m.matched AS matched',
      (r) => {
        const w = this.index.positionOf(textOf(r.w) ?? '');
        const c = this.index.positionOf(textOf(r.c) ?? '');
        if (w === undefined || c === undefined) return;
        const foundIn = textsOf(r.foundIn) as MentionField[];
        const matched = textsOf(r.matched);
        const key = JSON.stringify([foundIn, matched]);
        let k = comboIds.get(key);
        if (k === undefined) {
          k = this.combos.length;
          comboIds.set(key, k);
          this.combos.push({ foundIn, matched });
        }
        found.push(w, c, k);
      },
    );
    const n = this.index.order;
    this.mentionsOfWork = toRows(n, found.a, found.b, found.c, found.n);
    this.mentionsOfConcept = toRows(n, found.b, found.a, found.c, found.n);
  }

  private async readConcepts(): Promise<void> {
    await this.stream(
      `MATCH (c:Concept) RETURN c.id AS id, c.name AS name, c.category AS category, c.synonyms AS synonyms,
         c.abbreviations AS abbreviations, c.description AS description, c.sources AS sources`,
      (r) => {
        const u = this.index.positionOf(textOf(r.id) ?? '');
        if (u === undefined) return;
        this.concepts.set(u, {
          name: textOf(r.name),
          category: textOf(r.category),
          synonyms: textsOf(r.synonyms),
          abbreviations: textsOf(r.abbreviations),
          description: textOf(r.description),
          sources: textsOf(r.sources),
        });
      },
    );
    for (const type of CURATED_REL_TYPES) {
      const hasEffect = 'effect' in REL_SCHEMA[type].properties;
      await this.stream(
        `MATCH (a:Concept)-[r:${type}]->(b:Concept)
         RETURN a.id AS s, b.id AS t, r.evidence AS evidence${hasEffect ? ', r.effect AS effect' : ''}`,
        (r) => {
          const s = this.index.positionOf(textOf(r.s) ?? '');
          const t = this.index.positionOf(textOf(r.t) ?? '');
          if (s === undefined || t === undefined) return;
          const effect = textOf(r.effect);
          const evidence = textsOf(r.evidence);
          const add = (u: number, rel: RelationRecord): void => {
            const list = this.relations.get(u);
            if (list) list.push(rel);
            else this.relations.set(u, [rel]);
          };
          add(s, { type, direction: 'out', other: t, effect, evidence });
          add(t, { type, direction: 'in', other: s, effect, evidence });
        },
      );
    }
  }

  /** Journals always (a few hundred, one per work); authors (one per name and work) when records are held. */
  private async readOwners(withAuthors: boolean): Promise<void> {
    const owners = async (label: 'Author' | 'Journal', link: string): Promise<Map<string, OwnerRecord>> => {
      const out = new Map<string, OwnerRecord>();
      const surname = label === 'Author' ? ', a.isSurnameOnly AS s' : '';
      await this.stream(
        `MATCH (a:${label}) RETURN a.id AS id, a.name AS name${surname}, a.sources AS sources`,
        (r) => {
          const id = textOf(r.id);
          if (id !== null)
            out.set(id, {
              name: textOf(r.name),
              isSurnameOnly: r.s === true,
              sources: textsOf(r.sources),
              works: [],
            });
        },
      );
      await this.stream(link, (r) => {
        const w = this.index.positionOf(textOf(r.w) ?? '');
        const owner = out.get(textOf(r.a) ?? '');
        if (w !== undefined && owner) owner.works.push(w);
      });
      return out;
    };
    if (withAuthors)
      this.authors = await owners(
        'Author',
        'MATCH (a:Author)-[:AUTHORED]->(w:Work) RETURN a.id AS a, w.id AS w',
      );
    this.journalRecords = await owners(
      'Journal',
      'MATCH (w:Work)-[:PUBLISHED_IN]->(a:Journal) RETURN a.id AS a, w.id AS w',
    );
  }

  /** The reference line of the work at position `u`. */
  private workRef(u: number): WorkRef {
    const year = this.year[u]!;
    const j = this.journal[u]!;
    return {
      id: this.index.ids[u]!,
      title: this.title[u] ?? null,
      year: Number.isNaN(year) ? null : year,
      journal: j < 0 ? null : this.journals[j]!,
      firstAuthor: this.firstAuthor[u] ?? null,
    };
  }

  /** The reference lines of the works at these positions (non-works are left out), newest first. */
  private workRefs(positions: readonly number[]): WorkRef[] {
    return Array.from(this.orderOf(positions), (j) => this.workRef(positions[j]!));
  }

  private conceptRef(u: number): ConceptRef {
    const c = this.concepts.get(u);
    return {
      id: this.index.ids[u]!,
      name: c?.name ?? '',
      category: (c?.category ?? 'factor') as ConceptCategory,
    };
  }

  /**
   * Everything the details panel shows about one node, or null when no node has this id. The long
   * lists ({@link NODE_LISTS}) hold their first `limit` entries (all by default) and `totals` their
   * lengths; {@link list} gives the other pages.
   */
  async node(id: string, limit = Infinity): Promise<NodeDetail | null> {
    const page: ListWindow = { offset: 0, limit };
    switch (labelOfId(id)) {
      case 'Work':
        return this.work(id, page);
      case 'Concept':
        return this.concept(id, page);
      case 'Author':
        return this.owner('Author', id, page);
      case 'Journal':
        return this.owner('Journal', id, page);
      default:
        return null;
    }
  }

  /**
   * One page of one of a node's long lists, in the details' order: null when no node has this id,
   * `undefined` when its kind has no such list (a work has no `works`, a concept no `citedBy`).
   */
  async list(id: string, list: NodeListName, page: ListWindow): Promise<NodeListPage | null | undefined> {
    const entries = await this.entriesOf(id, list);
    if (!entries) return entries;
    const { items, total } = this.pageOf(`${list}\u0000${id}`, entries, page);
    return { id, list, offset: page.offset, limit: page.limit, total, items };
  }

  /** The unsorted entries of one of a node's long lists; null: no node, undefined: no such list. */
  private async entriesOf(id: string, list: NodeListName): Promise<ListEntries | null | undefined> {
    const label = labelOfId(id);
    if (label === 'Author' || label === 'Journal') {
      const record = await this.ownerRecord(label, id);
      if (!record) return null;
      return list === 'works' ? { positions: record.works } : undefined;
    }
    // Works and concepts are in the network; authors and journals are not.
    const u = this.index.positionOf(id);
    if (label === 'Work' && u !== undefined && this.isWork[u] === 1)
      return list === 'works' ? undefined : { positions: this.workLists(u)[list] };
    if (label === 'Concept' && u !== undefined && this.concepts.has(u)) {
      if (list !== 'works') return undefined;
      const rows = this.mentionsOfConcept!;
      const [from, to] = [rows.start[u]!, rows.start[u + 1]!];
      return { positions: rows.other.subarray(from, to), mentions: rows.props.subarray(from, to) };
    }
    return null;
  }

  /** A work's references, citing works and similar works (unsorted network positions). */
  private workLists(u: number): Record<'references' | 'citedBy' | 'similar', number[]> {
    const index = this.index;
    return {
      references: index.neighboursOf(u, 'CITES', 'out'),
      citedBy: index.neighboursOf(u, 'CITES', 'in'),
      similar: [...index.neighboursOf(u, 'SIMILAR_TO', 'out'), ...index.neighboursOf(u, 'SIMILAR_TO', 'in')],
    };
  }

  private async work(id: string, page: ListWindow): Promise<WorkDetail | null> {
    const u = this.index.positionOf(id);
    if (u === undefined || this.isWork[u] !== 1) return null;
    let record = this.workRecords?.[u] ?? this.recent.get(id);
    if (!this.workRecords && !record) {
      const [row] = (
        await this.store.query(
          `MATCH (w:Work {id: $id}) RETURN ${WORK_DETAIL_FIELDS.map((f) => `w.${f} AS ${f}`).join(', ')}`,
          { params: { id }, timeoutMs: READ_TIMEOUT_MS, maxRows: 1 },
        )
      ).rows;
      record = row && decodeProperties('Work', row, WORK_DETAIL_FIELDS);
      if (record) this.recent.set(id, record);
    }
    if (!record) return null;
    const rows = this.mentionsOfWork!;
    const concepts: WorkDetail['concepts'] = [];
    for (let i = rows.start[u]!; i < rows.start[u + 1]!; i++) {
      const { foundIn, matched } = this.combos[rows.props[i]!]!;
      concepts.push({ ...this.conceptRef(rows.other[i]!), foundIn, matched });
    }
    concepts.sort((a, b) => collator.compare(a.category, b.category) || byName(a, b));
    const lists = this.workLists(u);
    const references = this.pageOf(`references\u0000${id}`, { positions: lists.references }, page);
    const citedBy = this.pageOf(`citedBy\u0000${id}`, { positions: lists.citedBy }, page);
    const similar = this.pageOf(`similar\u0000${id}`, { positions: lists.similar }, page);
    return {
      kind: 'work',
      ...record,
      id,
      references: references.items,
      citedBy: citedBy.items,
      similar: similar.items,
      concepts,
      totals: { references: references.total, citedBy: citedBy.total, similar: similar.total },
    };
  }

  private concept(id: string, page: ListWindow): ConceptDetail | null {
    const u = this.index.positionOf(id);
    const c = u === undefined ? undefined : this.concepts.get(u);
    if (u === undefined || !c) return null;
    const conceptRefs = (positions: number[]): ConceptRef[] =>
      positions
        .filter((v) => this.concepts.has(v))
        .map((v) => this.conceptRef(v))
        .sort(byName);
    const relations: ConceptRelationView[] = (this.relations.get(u) ?? []).map((r) => ({
      type: r.type,
      direction: r.direction,
      other: this.conceptRef(r.other),
      effect: r.effect,
      evidence: this.workRefs(
        r.evidence.map((e) => this.index.positionOf(e)).filter((v): v is number => v !== undefined),
      ),
    }));
    relations.sort(
      (a, b) =>
        a.direction.localeCompare(b.direction) ||
        a.type.localeCompare(b.type) ||
        byName(a.other, b.other) ||
        (a.effect ?? '').localeCompare(b.effect ?? ''),
    );
    const rows = this.mentionsOfConcept!;
    const [from, to] = [rows.start[u]!, rows.start[u + 1]!];
    const works = this.pageOf(
      `works\u0000${id}`,
      { positions: rows.other.subarray(from, to), mentions: rows.props.subarray(from, to) },
      page,
    );
    return {
      kind: 'concept',
      id,
      name: c.name ?? id,
      category: (c.category ?? 'factor') as ConceptCategory,
      synonyms: c.synonyms,
      abbreviations: c.abbreviations,
      description: c.description,
      sources: c.sources,
      parents: conceptRefs(this.index.neighboursOf(u, 'IS_A', 'out')),
      children: conceptRefs(this.index.neighboursOf(u, 'IS_A', 'in')),
      relations,
      works: works.items as ConceptDetail['works'],
      totals: { works: works.total },
    };
  }

  /**
   * One author's record and works by primary key. Not `OPTIONAL MATCH`: Kuzu plans that as a scan
   * (95–210 ms at 100k works against 2–4 ms); an author without works takes a second read.
   */
  private async readAuthor(id: string): Promise<OwnerRecord | undefined> {
    const read = async (cypher: string): Promise<Row[]> =>
      (await this.store.query(cypher, { params: { id }, timeoutMs: READ_TIMEOUT_MS, maxRows: READ_MAX_ROWS }))
        .rows;
    const fields = 'a.name AS name, a.isSurnameOnly AS s, a.sources AS sources';
    let rows = await read(`MATCH (a:Author {id: $id})-[:AUTHORED]->(w:Work) RETURN ${fields}, w.id AS work`);
    if (rows.length === 0) rows = await read(`MATCH (a:Author {id: $id}) RETURN ${fields}`);
    const first = rows[0];
    return (
      first && {
        name: textOf(first.name),
        isSurnameOnly: first.s === true,
        sources: textsOf(first.sources),
        works: rows
          .map((r) => this.index.positionOf(textOf(r.work) ?? ''))
          .filter((v): v is number => v !== undefined),
      }
    );
  }

  /** An author's or a journal's record: from memory, or one primary-key read. */
  private async ownerRecord(label: 'Author' | 'Journal', id: string): Promise<OwnerRecord | undefined> {
    const held = label === 'Author' ? this.authors : this.journalRecords;
    let record = held?.get(id);
    if (!held) {
      record = this.recentAuthors.get(id) ?? (await this.readAuthor(id));
      if (record) this.recentAuthors.set(id, record);
    }
    return record;
  }

  /** An author's or a journal's details: its record and works. */
  private async owner(label: 'Author', id: string, page: ListWindow): Promise<AuthorDetail | null>;
  private async owner(label: 'Journal', id: string, page: ListWindow): Promise<JournalDetail | null>;
  private async owner(
    label: 'Author' | 'Journal',
    id: string,
    page: ListWindow,
  ): Promise<AuthorDetail | JournalDetail | null> {
    const record = await this.ownerRecord(label, id);
    if (!record) return null;
    const name = record.name ?? id;
    const { items: works, total } = this.pageOf(`works\u0000${id}`, { positions: record.works }, page);
    const totals = { works: total };
    // Keys in the order the answers always had.
    return label === 'Author'
      ? {
          kind: 'author',
          id,
          name,
          isSurnameOnly: record.isSurnameOnly,
          sources: record.sources,
          works,
          totals,
        }
      : { kind: 'journal', id, name, sources: record.sources, works, totals };
  }
}

const built = new WeakMap<LoadedNetwork, Promise<NodeDetails>>();
const ready = new WeakMap<LoadedNetwork, NodeDetails>();

/**
 * The details of the dataset `loaded` was read from, built on first use and shared by concurrent
 * requests; forgotten with `loaded` (the dataset cache drops it when another dataset is loaded)
 * or when the build fails.
 */
export function detailsOf(store: GraphStore, loaded: LoadedNetwork): Promise<NodeDetails> {
  let d = built.get(loaded);
  if (!d) {
    d = NodeDetails.build(store, loaded);
    built.set(loaded, d);
    d.then(
      (done) => ready.set(loaded, done),
      () => built.delete(loaded),
    );
  }
  return d;
}

/**
 * What answers a details request now: the in-memory details once built; until then (the build
 * takes 6–20 s at 100k works under load) the store's per-request reading, which gives the same
 * answers (test/integration/node-details.test.ts), while the build goes on (started if need be).
 */
export function detailsNow(store: GraphStore, loaded: LoadedNetwork): NodeDetails | StoreDetails {
  const done = ready.get(loaded);
  if (done) return done;
  detailsOf(store, loaded).catch(() => undefined);
  return new StoreDetails(store);
}
