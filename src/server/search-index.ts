/**
 * In-memory search over works and concepts: titles, authors, journals, keywords, concept names,
 * synonyms and abbreviations, with prefix and fuzzy matching (MiniSearch). A DOI, PMID or PMCID
 * pasted in (also as a doi.org or PubMed URL) finds its work directly.
 */
import MiniSearch from 'minisearch';
import type { SearchHit } from '../model/api';
import type { SearchRecord } from '../store/graph-reader';

interface IndexedDoc {
  id: string;
  kind: 'work' | 'concept';
  title: string;
  authors: string;
  journal: string;
  keywords: string;
  synonyms: string;
}

const DOI_RE = /(?:doi\.org\/|doi:\s*)?(10\.\d{4,9}\/\S+)/i;
const PMID_RE = /^(?:pmid:?\s*|https?:\/\/pubmed\.ncbi\.nlm\.nih\.gov\/)?(\d{5,9})\/?$/i;
const PMCID_RE = /^(PMC\d+)$/i;

/** A built search index. */
export class SearchIndex {
  private readonly mini: MiniSearch<IndexedDoc>;
  private readonly records = new Map<string, SearchRecord>();
  private readonly byDoi = new Map<string, string>();
  private readonly byPmid = new Map<string, string>();
  private readonly byPmcid = new Map<string, string>();

  constructor(records: readonly SearchRecord[]) {
    this.mini = new MiniSearch<IndexedDoc>({
      fields: ['title', 'synonyms', 'authors', 'journal', 'keywords'],
      storeFields: ['id'],
      searchOptions: {
        boost: { title: 3, synonyms: 3, authors: 1.5, keywords: 1, journal: 0.5 },
        prefix: true,
        fuzzy: (term) => (term.length > 4 ? 0.2 : false),
        combineWith: 'AND',
      },
    });
    const docs: IndexedDoc[] = [];
    for (const r of records) {
      this.records.set(r.id, r);
      if (r.doi) this.byDoi.set(r.doi.toLowerCase(), r.id);
      if (r.pmid) this.byPmid.set(r.pmid, r.id);
      if (r.pmcid) this.byPmcid.set(r.pmcid.toUpperCase(), r.id);
      docs.push({
        id: r.id,
        kind: r.kind,
        title: r.title,
        authors: r.authors.join(' ; '),
        journal: r.journal ?? '',
        keywords: r.keywords.join(' ; '),
        synonyms: [...r.synonyms, ...r.abbreviations].join(' ; '),
      });
    }
    this.mini.addAll(docs);
  }

  /** Number of indexed records. */
  get size(): number {
    return this.records.size;
  }

  private hit(id: string, score: number, matchedOn: string): SearchHit | null {
    const r = this.records.get(id);
    if (!r) return null;
    const detail =
      r.kind === 'concept'
        ? (r.category ?? 'concept')
        : [r.authors[0], r.year, r.journal]
            .filter((x) => x !== undefined && x !== null && x !== '')
            .join(' · ');
    return { id, kind: r.kind, label: r.title || id, detail, score, matchedOn };
  }

  /** Ranked hits for a query; identifiers first, then concepts and works by relevance. */
  search(query: string, limit: number): SearchHit[] {
    const q = query.trim();
    if (q === '') return [];
    const exact: SearchHit[] = [];
    const doi = DOI_RE.exec(q)?.[1]
      ?.toLowerCase()
      .replace(/[.,;]+$/, '');
    const doiId = doi ? this.byDoi.get(doi) : undefined;
    if (doiId) exact.push(this.hit(doiId, Number.MAX_SAFE_INTEGER, 'DOI')!);
    const pmid = PMID_RE.exec(q)?.[1];
    const pmidId = pmid ? this.byPmid.get(pmid) : undefined;
    if (pmidId) exact.push(this.hit(pmidId, Number.MAX_SAFE_INTEGER, 'PMID')!);
    const pmcid = PMCID_RE.exec(q)?.[1]?.toUpperCase();
    const pmcId = pmcid ? this.byPmcid.get(pmcid) : undefined;
    if (pmcId) exact.push(this.hit(pmcId, Number.MAX_SAFE_INTEGER, 'PMCID')!);
    if (this.records.has(q)) exact.push(this.hit(q, Number.MAX_SAFE_INTEGER, 'id')!);

    // A pasted identifier names one work: do not pad the answer with fuzzy text matches.
    if (exact.length > 0) return exact.slice(0, limit);
    let results = this.mini.search(q);
    if (results.length === 0) results = this.mini.search(q, { combineWith: 'OR' });
    const seen = new Set(exact.map((h) => h.id));
    const hits = [...exact];
    for (const r of results) {
      if (seen.has(r.id as string)) continue;
      seen.add(r.id as string);
      const fields = new Set(Object.values(r.match).flat());
      const matchedOn =
        ['title', 'synonyms', 'authors', 'keywords', 'journal'].find((f) => fields.has(f)) ?? 'text';
      // Concepts are few and central: lift them above works of similar relevance.
      const score = r.score * (this.records.get(r.id as string)?.kind === 'concept' ? 1.5 : 1);
      const h = this.hit(
        r.id as string,
        score,
        matchedOn === 'title' && this.records.get(r.id as string)?.kind === 'concept' ? 'name' : matchedOn,
      );
      if (h) hits.push(h);
    }
    const tail = hits.slice(exact.length).sort((a, b) => b.score - a.score);
    return [...hits.slice(0, exact.length), ...tail].slice(0, limit);
  }
}
