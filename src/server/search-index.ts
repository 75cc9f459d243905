/**
 * In-memory search over works and concepts: titles, authors, journals, keywords, concept names,
 * synonyms and abbreviations, with prefix and fuzzy matching (MiniSearch's scoring, text-index.ts). A DOI, PMID or PMCID
 * pasted in (also as a doi.org or PubMed URL) finds its work directly.
 *
 * Any web page can send a search (a GET), so the work of one is bounded where the query becomes
 * index lookups (see {@link SEARCH_LIMITS}), and the server searches in a worker thread
 * ({@link SearchWorker}), so no search holds the event loop. Before, 66 copies of "a" took 0.8 s at
 * 10k works on the event loop, and eight such requests held every route for 7.7 s.
 *
 * Over 400 lines: the index, its limits and the worker that hosts it share one message protocol,
 * kept in one file so a limit and its refusal are read together.
 */
import { Worker } from 'node:worker_threads';
import type { SearchHit } from '../model/api';
import type { SearchRecord } from './read-models/graph-reader';
import { errorMessage } from '../model/errors';
import {
  MatchList,
  SPACE_OR_PUNCTUATION,
  TextIndexBuilder,
  type TermOptions,
  type TextIndex,
} from './text-index';

/** The indexed fields, in MiniSearch's order of old (the order scores are added in), and their boosts. */
const FIELDS = ['title', 'synonyms', 'authors', 'journal', 'keywords', 'year'] as const;
const FIELD_BOOSTS = [3, 3, 1.5, 0.5, 1, 1];
/** The fields a hit names as what it matched on, first found first (year alone is 'text'). */
const MATCHED_ON = ['title', 'synonyms', 'authors', 'keywords', 'journal'] as const;

/** The text of a record's field, as it was given to MiniSearch. */
function fieldText(r: SearchRecord, field: number): string {
  switch (FIELDS[field]) {
    case 'title':
      return r.title;
    case 'synonyms':
      return [...r.synonyms, ...r.abbreviations].join(' ; ');
    case 'authors':
      return r.authors.join(' ; ');
    case 'journal':
      return r.journal ?? '';
    case 'keywords':
      return r.keywords.join(' ; ');
    default:
      // The year of a work as text, so "Kirk 2025" finds Kirk's work of 2025 ('' for concepts).
      return r.year === null ? '' : String(r.year);
  }
}

/** What one search may cost. No researcher's query needs more; each bound caps a hostile one. */
export const SEARCH_LIMITS = {
  /** Distinct words searched; later words are left out (and the answer says so). */
  maxTerms: 8,
  /** Characters of a word that are searched; a longer word is cut and matched as a prefix. */
  maxTermLength: 40,
  /**
   * Shortest word matched as a prefix. A one- or two-letter prefix expands to a large part of the
   * vocabulary; the word being typed (the last one) is a prefix from two letters on.
   */
  minPrefixLength: 3,
  /** Shortest word matched with typos. */
  minFuzzyLength: 5,
  /** Most typos (edit distance) tolerated in one word: fuzzy cost grows steeply with it. */
  maxFuzzy: 2,
  /** Searches waiting for the worker; beyond this a search is refused (429) until the queue drains. */
  maxWaiting: 32,
  /** A search still running after this many milliseconds is stopped (the worker is replaced). */
  timeoutMs: 10_000,
} as const;

/** The words a query searches for, and what was left out of it. */
export interface SearchTerms {
  terms: string[];
  /** Distinct words beyond {@link SEARCH_LIMITS.maxTerms}, not searched. */
  dropped: string[];
  /** Words longer than {@link SEARCH_LIMITS.maxTermLength}, searched by their first characters. */
  cut: string[];
}

/** The words of a query: lower-cased, each once, at most {@link SEARCH_LIMITS.maxTerms}. */
export function searchTerms(query: string): SearchTerms {
  const seen = new Set<string>();
  const terms: string[] = [];
  const dropped: string[] = [];
  const cut: string[] = [];
  for (const raw of query.toLowerCase().split(SPACE_OR_PUNCTUATION)) {
    if (raw === '') continue;
    const term = [...raw].slice(0, SEARCH_LIMITS.maxTermLength).join('');
    if (seen.has(term)) continue;
    seen.add(term);
    if (terms.length >= SEARCH_LIMITS.maxTerms) {
      dropped.push(term);
      continue;
    }
    if (term !== raw) cut.push(raw);
    terms.push(term);
  }
  return { terms, dropped, cut };
}

/** What the answer says about words that were not searched as typed, or null. */
function noticeOf({ terms, dropped, cut }: SearchTerms): string | null {
  const parts: string[] = [];
  if (dropped.length > 0) {
    const shown = dropped.slice(0, 5).join(', ') + (dropped.length > 5 ? ', …' : '');
    parts.push(
      `Searched for the first ${terms.length} distinct words only; ${dropped.length} more were left out (${shown}).`,
    );
  }
  if (cut.length > 0) {
    parts.push(
      `${cut.length === 1 ? 'A word' : `${cut.length} words`} longer than ${SEARCH_LIMITS.maxTermLength} characters ${cut.length === 1 ? 'was' : 'were'} searched by ${cut.length === 1 ? 'its' : 'their'} first ${SEARCH_LIMITS.maxTermLength} characters.`,
    );
  }
  return parts.length > 0 ? parts.join(' ') : null;
}

/** A search answer: ranked hits, and a note when the query was trimmed. */
export interface SearchResult {
  hits: SearchHit[];
  /** Set when some of the query was not searched as typed (see {@link SEARCH_LIMITS}). */
  notice: string | null;
}

/** How much a concept's score is lifted over a work's. */
const CONCEPT_BOOST = 1.5;

const DOI_RE = /(?:doi\.org\/|doi:\s*)?(10\.\d{4,9}\/\S+)/i;
const PMID_RE = /^(?:pmid:?\s*|https?:\/\/pubmed\.ncbi\.nlm\.nih\.gov\/)?(\d{5,9})\/?$/i;
const PMCID_RE = /^(PMC\d+)$/i;

/**
 * English plurals to their singular, for indexing and searching alike, so "myokines" finds the
 * concept "myokine" and "bones" finds "bone". Deliberately light: "-ies" → "-y", else one final
 * "s" unless the word ends in "ss", "us" or "is" (mass, tumorigenesis, …) or is short (≤ 3 letters).
 */
export function singular(term: string): string {
  const t = term.toLowerCase();
  if (t.length > 4 && t.endsWith('ies')) return `${t.slice(0, -3)}y`;
  if (t.length > 3 && t.endsWith('s') && !/(?:ss|us|is)$/.test(t)) return t.slice(0, -1);
  return t;
}

/** How query words match: prefixes from a length on, typos in longer words (see SEARCH_LIMITS). */
const TERM_OPTIONS: TermOptions = {
  prefix: (term, i, terms) =>
    term.length >= SEARCH_LIMITS.minPrefixLength || (i === terms.length - 1 && term.length >= 2),
  fuzzy: (term) =>
    term.length >= SEARCH_LIMITS.minFuzzyLength && term.length < SEARCH_LIMITS.maxTermLength ? 0.2 : false,
  maxFuzzy: SEARCH_LIMITS.maxFuzzy,
};

/**
 * A built search index. Only what a hit shows is kept per record (id, kind, label, detail); the
 * text is in the {@link TextIndex}, whose scores are MiniSearch's (this index was MiniSearch's
 * until the 100k-works benchmark: 340 MB and 74 ms per search).
 */
export class SearchIndex {
  private builder: TextIndexBuilder | null = new TextIndexBuilder(FIELD_BOOSTS, singular);
  private text: TextIndex | null = null;
  private readonly ids: string[] = [];
  private readonly kinds: number[] = [];
  private isConcept = new Uint8Array(0);
  /** The documents that are concepts, in order. */
  private concepts = new Int32Array(0);
  private readonly labels: string[] = [];
  private readonly details: string[] = [];
  private readonly byId = new Map<string, number>();
  private readonly byDoi = new Map<string, number>();
  private readonly byPmid = new Map<string, number>();
  private readonly byPmcid = new Map<string, number>();
  /** The candidates of the current search (reused: a search runs alone in its thread). */
  private found = new MatchList(0);
  /** The candidates' scores with concepts lifted (reused like `found`). */
  private lifted = new Float64Array(0);

  /** The index of `records`; without them, an index to {@link add} to and then {@link finish}. */
  constructor(records?: readonly SearchRecord[]) {
    if (records) this.add(records).finish();
  }

  /**
   * Indexes the next records (the index keeps only what a hit shows, so the caller may drop them).
   * @throws Error once finished.
   */
  add(records: readonly SearchRecord[]): this {
    const builder = this.builder;
    if (!builder) throw new Error('The search index is finished: no records can be added.');
    for (const r of records) {
      const i = this.ids.length;
      this.ids.push(r.id);
      this.kinds.push(r.kind === 'concept' ? 1 : 0);
      this.labels.push(r.title || r.id);
      this.details.push(
        r.kind === 'concept'
          ? (r.category ?? 'concept')
          : [r.authors[0], r.year, r.journal]
              .filter((x) => x !== undefined && x !== null && x !== '')
              .join(' · '),
      );
      if (!this.byId.has(r.id)) this.byId.set(r.id, i);
      if (r.doi) this.byDoi.set(r.doi.toLowerCase(), i);
      if (r.pmid) this.byPmid.set(r.pmid, i);
      if (r.pmcid) this.byPmcid.set(r.pmcid.toUpperCase(), i);
      builder.add((f) => fieldText(r, f));
    }
    return this;
  }

  /** Builds the index of the records added; searches may run from now on. */
  finish(): this {
    if (!this.builder) return this;
    this.text = this.builder.build();
    this.builder = null;
    const n = this.ids.length;
    this.isConcept = Uint8Array.from(this.kinds);
    this.kinds.length = 0;
    this.concepts = Int32Array.from(this.ids.flatMap((_, i) => (this.isConcept[i] ? [i] : [])));
    this.found = new MatchList(n);
    this.lifted = new Float64Array(n);
    return this;
  }

  /** Number of indexed records. */
  get size(): number {
    return this.ids.length;
  }

  private hit(doc: number, score: number, matchedOn: string): SearchHit {
    return {
      id: this.ids[doc]!,
      kind: this.isConcept[doc] ? 'concept' : 'work',
      label: this.labels[doc]!,
      detail: this.details[doc]!,
      score,
      matchedOn,
    };
  }

  /** Ranked hits for a query; identifiers first, then concepts and works by relevance. */
  search(query: string, limit: number): SearchResult {
    const q = query.trim();
    if (q === '') return { hits: [], notice: null };
    const exact: SearchHit[] = [];
    const doi = DOI_RE.exec(q)?.[1]
      ?.toLowerCase()
      .replace(/[.,;]+$/, '');
    const doiDoc = doi ? this.byDoi.get(doi) : undefined;
    if (doiDoc !== undefined) exact.push(this.hit(doiDoc, Number.MAX_SAFE_INTEGER, 'DOI'));
    const pmid = PMID_RE.exec(q)?.[1];
    const pmidDoc = pmid ? this.byPmid.get(pmid) : undefined;
    if (pmidDoc !== undefined) exact.push(this.hit(pmidDoc, Number.MAX_SAFE_INTEGER, 'PMID'));
    const pmcid = PMCID_RE.exec(q)?.[1]?.toUpperCase();
    const pmcDoc = pmcid ? this.byPmcid.get(pmcid) : undefined;
    if (pmcDoc !== undefined) exact.push(this.hit(pmcDoc, Number.MAX_SAFE_INTEGER, 'PMCID'));
    const idDoc = this.byId.get(q);
    if (idDoc !== undefined) exact.push(this.hit(idDoc, Number.MAX_SAFE_INTEGER, 'id'));

    // A pasted identifier names one work: do not pad the answer with fuzzy text matches.
    if (exact.length > 0) return { hits: exact.slice(0, limit), notice: null };
    const words = searchTerms(q);
    if (words.terms.length === 0) return { hits: [], notice: null };
    if (!this.text) throw new Error('The search index is not finished yet.');
    const matches = this.text.search(words.terms.join(' '), TERM_OPTIONS);
    // The candidates in MiniSearch's result order (ties keep it: the sort below breaks them by it).
    const found = this.found;
    found.clear();
    matches.all(found);
    // All words together found nothing: any of them.
    if (found.length === 0) matches.any(found);
    else if (words.terms.length > 1) {
      // Several words: the concepts named by any of them too ("myokines bone" is about the concepts
      // myokine and bone, which no single record names both of).
      matches.anyOf(found, this.concepts);
    }
    // Concepts are few and central: lift them above works of similar relevance. The answer is
    // the first `limit` by lifted score, then score, then MiniSearch's order (as sorting all by
    // score, then stably by lifted score, gave); only candidates that can be among them are sorted.
    const n = found.length;
    const { lifted, isConcept } = this;
    const { score: scores, doc: docs } = found;
    for (let i = 0; i < n; i++) lifted[i] = isConcept[docs[i]!] ? scores[i]! * CONCEPT_BOOST : scores[i]!;
    const floor = n > limit ? kthLargest(lifted, n, limit) : -Infinity;
    const ranked: number[] = [];
    for (let i = 0; i < n; i++) if (lifted[i]! >= floor) ranked.push(i);
    ranked.sort((a, b) => lifted[b]! - lifted[a]! || scores[b]! - scores[a]! || a - b);
    const hits = ranked.slice(0, limit).map((i) => {
      const doc = found.doc[i]!;
      const fields = found.fields[i]!;
      const matched = MATCHED_ON.find((f) => fields & (1 << FIELDS.indexOf(f))) ?? 'text';
      return this.hit(doc, lifted[i]!, matched === 'title' && this.isConcept[doc] ? 'name' : matched);
    });
    return { hits, notice: noticeOf(words) };
  }
}

/** The k-th largest of the first `n` `scores` (k ≤ n), by a min-heap of k scores. */
function kthLargest(scores: Float64Array, n: number, k: number): number {
  const heap = new Float64Array(k);
  for (let size = 0; size < k; size++) {
    let i = size;
    const v = scores[size]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heap[p]! <= v) break;
      heap[i] = heap[p]!;
      i = p;
    }
    heap[i] = v;
  }
  for (let j = k; j < n; j++) {
    const v = scores[j]!;
    if (v <= heap[0]!) continue;
    // Replace the least, then sift it down.
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= k) break;
      const c = l + 1 < k && heap[l + 1]! < heap[l]! ? l + 1 : l;
      if (heap[c]! >= v) break;
      heap[i] = heap[c]!;
      i = c;
    }
    heap[i] = v;
  }
  return heap[0]!;
}

/** Messages to the search worker (search.worker.ts): a search. */
export type SearchWorkerRequest = { id: number; query: string; limit: number };

/** Messages to the search worker while it builds: the next records, then the end of them. */
export type SearchWorkerBuild = { batch: readonly SearchRecord[] } | { finish: true };

/** Messages from the search worker. */
export type SearchWorkerReply =
  | { ready: number }
  | { failed: string }
  | { id: number; result: SearchResult }
  | { id: number; error: string };

/**
 * Starts the worker thread with the project's TypeScript loader in it (bin/ts-hooks.js): the
 * worker is TypeScript, and neither `node bin/crosstalk.js` nor vitest pass a loader to threads.
 */
function startThread(): Worker {
  const loader = new URL('../../bin/ts-hooks.js', import.meta.url).href;
  const file = new URL('./search.worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(loader)}).then(() => import(${JSON.stringify(file)}))`;
  return new Worker(boot, { eval: true, name: 'crosstalk-search' });
}

/** A search the worker did not answer, and why; `retryAfterSeconds` for the `Retry-After` header. */
export interface SearchRefusal {
  refused: 'TOO_MANY_SEARCHES' | 'SEARCH_TIMEOUT' | 'SEARCH_UNAVAILABLE';
  message: string;
  retryAfterSeconds: number;
}

/**
 * The records to index, or how to read them (again, when a worker is replaced): a function that
 * hands them over in batches, each sent to the worker as it comes.
 */
export type SearchRecordSource =
  readonly SearchRecord[] | ((onBatch: (records: readonly SearchRecord[]) => void) => Promise<void>);

interface Pending {
  resolve: (r: SearchResult | SearchRefusal) => void;
}

/**
 * A {@link SearchIndex} in a worker thread. Searches queue in the worker (one at a time, at most
 * {@link SEARCH_LIMITS.maxWaiting} waiting) while the server's event loop stays free. A search that
 * runs longer than {@link SEARCH_LIMITS.timeoutMs} is refused (SEARCH_TIMEOUT) and the worker is
 * replaced, rebuilt from the records (read again from their source); so is a worker that dies.
 */
export class SearchWorker {
  private thread: Worker | null = null;
  private ready: Promise<boolean> = Promise.resolve(false);
  /** Searches sent to the worker, in the order it answers them. */
  private readonly pending = new Map<number, Pending>();
  /** Fires when the search the worker is on (the first pending) runs out of time. */
  private watchdog: NodeJS.Timeout | null = null;
  private waiting = 0;
  private nextId = 1;
  /** Records in the index (known once a worker built it). */
  private count = 0;
  private closed = false;

  private constructor(
    private readonly source: SearchRecordSource,
    private readonly timeoutMs: number,
  ) {}

  /**
   * Starts a worker and builds the index of the records in it; resolves when it can search.
   * `source` is the records, or reads them: then the server's thread keeps no copy of them (at
   * 100k works ~130 MB); a replaced worker reads them again.
   * @throws Error when the index cannot be built.
   */
  static async start(
    source: SearchRecordSource,
    options: { timeoutMs?: number } = {},
  ): Promise<SearchWorker> {
    const w = new SearchWorker(source, options.timeoutMs ?? SEARCH_LIMITS.timeoutMs);
    w.boot();
    if (!(await w.ready)) {
      await w.close();
      throw new Error('The search index could not be built (the search worker stopped).');
    }
    return w;
  }

  /** Number of indexed records. */
  get size(): number {
    return this.count;
  }

  private boot(): void {
    const thread = startThread();
    thread.unref(); // an idle search worker must not keep the process alive
    this.thread = thread;
    let built = false;
    this.ready = new Promise<boolean>((resolve) => {
      thread.on('message', (m: SearchWorkerReply) => {
        if ('ready' in m) {
          built = true;
          this.count = m.ready;
          return resolve(true);
        }
        if ('failed' in m) {
          resolve(false);
          return this.lost(thread, `building the search index failed: ${m.failed}`, false);
        }
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        this.arm();
        p.resolve(
          'result' in m
            ? m.result
            : {
                refused: 'SEARCH_UNAVAILABLE',
                message: `The search failed: ${m.error}`,
                retryAfterSeconds: 1,
              },
        );
      });
      thread.once('error', (e: Error) => {
        resolve(false);
        this.lost(thread, `the search worker failed: ${e.message}`, built);
      });
      thread.once('exit', (code) => {
        resolve(false);
        this.lost(thread, `the search worker stopped (exit ${code})`, built);
      });
    });
    const source = this.source;
    const send = (records: readonly SearchRecord[]): void => {
      if (this.thread === thread) thread.postMessage({ batch: records } satisfies SearchWorkerBuild);
    };
    (typeof source === 'function' ? source(send) : Promise.resolve(send(source))).then(
      () => {
        if (this.thread === thread) thread.postMessage({ finish: true } satisfies SearchWorkerBuild);
      },
      (e: unknown) => this.lost(thread, `reading the search records failed: ${errorMessage(e)}`, false),
    );
  }

  /** Starts the clock of the search the worker is on now, if any. */
  private arm(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = null;
    const thread = this.thread;
    const first = this.pending.entries().next();
    if (!thread || first.done) return;
    const [id] = first.value;
    this.watchdog = setTimeout(() => {
      const p = this.pending.get(id);
      if (!p) return;
      this.pending.delete(id);
      p.resolve({
        refused: 'SEARCH_TIMEOUT',
        message: `The search took longer than ${this.timeoutMs} ms and was stopped; try fewer or longer words.`,
        retryAfterSeconds: 1,
      });
      void thread.terminate();
      this.lost(thread, 'a search ran out of time');
    }, this.timeoutMs);
    this.watchdog.unref();
  }

  /**
   * The worker `thread` is gone: refuse what it was doing, and start another unless closed or it
   * never built the index (building again would fail again).
   */
  private lost(thread: Worker, why: string, respawn = true): void {
    if (this.thread !== thread) return;
    this.thread = null;
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = null;
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.resolve({
        refused: 'SEARCH_UNAVAILABLE',
        message: `The search was not finished: ${why}. The search index is being rebuilt; try again.`,
        retryAfterSeconds: 2,
      });
    }
    void thread.terminate();
    if (!this.closed && respawn) this.boot();
  }

  /**
   * Ranked hits for a query (see {@link SearchIndex.search}), or why there are none: too many
   * searches waiting (TOO_MANY_SEARCHES), out of time (SEARCH_TIMEOUT), no worker (SEARCH_UNAVAILABLE).
   */
  async run(query: string, limit: number): Promise<SearchResult | SearchRefusal> {
    if (this.waiting + this.pending.size >= SEARCH_LIMITS.maxWaiting) {
      return {
        refused: 'TOO_MANY_SEARCHES',
        message: `${SEARCH_LIMITS.maxWaiting} searches are already waiting; try again in a second.`,
        retryAfterSeconds: 1,
      };
    }
    this.waiting += 1;
    const ready = await this.ready.finally(() => (this.waiting -= 1));
    const thread = this.thread;
    if (this.closed || !ready || !thread) {
      return {
        refused: 'SEARCH_UNAVAILABLE',
        message: 'The search index is not available right now (it is being rebuilt); try again.',
        retryAfterSeconds: 2,
      };
    }
    const id = this.nextId++;
    const answer = new Promise<SearchResult | SearchRefusal>((resolve) => this.pending.set(id, { resolve }));
    thread.postMessage({ id, query, limit } satisfies SearchWorkerRequest);
    if (this.pending.size === 1) this.arm();
    return answer;
  }

  /** Stops the worker; searches not answered yet are refused. */
  async close(): Promise<void> {
    this.closed = true;
    const thread = this.thread;
    if (thread) {
      this.lost(thread, 'the search index was closed');
      await thread.terminate();
    }
  }
}
