/**
 * Merging fetched works and citations into a dataset (pure; no IO).
 *
 * Rules (graph/README.md, "Works fetched from OpenAlex and PubMed"):
 * - a fetched work is the same as an existing one when they share a DOI, else a PMID, else an
 *   OpenAlex id, else an identical normalised title (≥ 25 characters) with no conflicting DOI, PMID
 *   or year;
 * - fields are only filled, never overwritten: an existing value stays even when the API says
 *   otherwise; ids never change (edges and evidence refer to them); OpenAlex's reference and
 *   cited-by counts are the exception: they describe OpenAlex at the time of the fetch, so a later
 *   fetch replaces them;
 * - an identifier is not filled when another record already uses it (the dataset keeps DOIs and
 *   PMIDs unique);
 * - an author list that ends in "et al." is completed by a longer list whose first author has the
 *   same surname;
 * - a record that gained anything also gains the API URL it came from in `sources`;
 * - a citation already present gains the new source; a new one is added once.
 */
import { parseAuthorName, isEtAl } from '../model/authors';
import { WORK_FIELD_ORDER, type LinkRecord, type MeshHeading, type WorkRecord } from '../model/records';

/** Fields a merge may fill, in the order of a record on disk (all but the id and the sources). */
export const FILLABLE_FIELDS = WORK_FIELD_ORDER.filter(
  (f): f is Exclude<(typeof WORK_FIELD_ORDER)[number], 'id' | 'sources'> => f !== 'id' && f !== 'sources',
);

/** A field a merge may fill. */
export type FillableField = (typeof FILLABLE_FIELDS)[number];

/** What happened to one incoming work. */
export interface UpsertResult {
  /** The dataset id the work has now. */
  id: string;
  status: 'new' | 'filled' | 'unchanged';
  filled: FillableField[];
}

/** What a PubMed record may add to a work. */
export interface WorkPatch {
  pmcid?: string | null;
  abstract?: string | null;
  keywords?: string[];
  mesh?: MeshHeading[];
}

/** Counts of a merge. */
export interface MergeStats {
  newWorks: number;
  filledWorks: number;
  unchangedWorks: number;
  newCitations: number;
  citationSourcesAdded: number;
  existingCitations: number;
  filledFields: Partial<Record<FillableField, number>>;
}

/** Normalises a title for matching: NFKC, lower case, letters and digits only. */
export function titleKey(title: string | null | undefined): string | null {
  if (!title) return null;
  const key = title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
  return key.length >= 25 ? key : null;
}

const isEmpty = (v: unknown): boolean =>
  v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** True when `incoming` completes `existing`, an author list cut with "et al.". */
function completesAuthors(existing: readonly string[], incoming: readonly string[]): boolean {
  const last = existing.at(-1);
  if (!last || !isEtAl(last)) return false;
  const named = existing.filter((a) => !isEtAl(a));
  if (incoming.length <= named.length) return false;
  const a = named[0] ? parseAuthorName(named[0]) : null;
  const b = incoming[0] ? parseAuthorName(incoming[0]) : null;
  if (!b) return false;
  return a === null || a.surname.toLowerCase() === b.surname.toLowerCase();
}

/** A dataset being merged into. Records are copied, never mutated in place. */
export class DatasetMerger {
  private readonly works: WorkRecord[];
  private readonly byId = new Map<string, number>();
  private readonly byDoi = new Map<string, number>();
  private readonly byPmid = new Map<string, number>();
  private readonly byPmcid = new Map<string, number>();
  private readonly byOpenAlex = new Map<string, number>();
  private readonly byTitle = new Map<string, number[]>();
  private readonly citations: LinkRecord[];
  private readonly citationIndex = new Map<string, number>();
  /** Indexes (into works / citations) of records that changed or are new. */
  readonly changedWorks = new Set<number>();
  readonly changedCitations = new Set<number>();
  readonly existingWorkCount: number;
  readonly existingCitationCount: number;
  /** Existing works and citations a fetched record or edge matched. */
  private readonly matchedWorks = new Set<number>();
  private readonly matchedCitations = new Set<number>();
  private readonly filledFields: Partial<Record<FillableField, number>> = {};

  constructor(works: readonly WorkRecord[], citations: readonly LinkRecord[]) {
    this.works = works.map((w) => ({ ...w }));
    this.works.forEach((w, i) => this.index(w, i));
    this.citations = citations.map((c) => ({ ...c, sources: [...c.sources] }));
    this.citations.forEach((c, i) => this.citationIndex.set(`${c.from}\0${c.to}`, i));
    this.existingWorkCount = works.length;
    this.existingCitationCount = citations.length;
  }

  private index(w: WorkRecord, i: number): void {
    this.byId.set(w.id, i);
    if (w.doi) this.byDoi.set(w.doi, i);
    if (w.pmid) this.byPmid.set(w.pmid, i);
    if (w.pmcid) this.byPmcid.set(w.pmcid, i);
    if (w.openalex) this.byOpenAlex.set(w.openalex, i);
    const t = titleKey(w.title);
    if (t) this.byTitle.set(t, [...(this.byTitle.get(t) ?? []), i]);
  }

  /** Counts of what the merge did so far. */
  get stats(): MergeStats {
    const existingChanged = [...this.changedWorks].filter((i) => i < this.existingWorkCount).length;
    const citationsChanged = [...this.changedCitations].filter((i) => i < this.existingCitationCount).length;
    return {
      newWorks: this.works.length - this.existingWorkCount,
      filledWorks: existingChanged,
      unchangedWorks: [...this.matchedWorks].filter((i) => !this.changedWorks.has(i)).length,
      newCitations: this.citations.length - this.existingCitationCount,
      citationSourcesAdded: citationsChanged,
      existingCitations: [...this.matchedCitations].filter((i) => !this.changedCitations.has(i)).length,
      filledFields: { ...this.filledFields },
    };
  }

  /** All works, existing ones first (in their order), then new ones. */
  allWorks(): readonly WorkRecord[] {
    return this.works;
  }

  /** All citations, existing ones first, then new ones. */
  allCitations(): readonly LinkRecord[] {
    return this.citations;
  }

  /** The id of the work with an OpenAlex id, if the dataset has one. */
  idOfOpenAlex(openalex: string): string | undefined {
    const i = this.byOpenAlex.get(openalex);
    return i === undefined ? undefined : this.works[i]?.id;
  }

  /** The id of the work with a PMID, if the dataset has one. */
  idOfPmid(pmid: string): string | undefined {
    const i = this.byPmid.get(pmid);
    return i === undefined ? undefined : this.works[i]?.id;
  }

  /** True when a work id exists in the merged dataset. */
  hasWork(id: string): boolean {
    return this.byId.has(id);
  }

  /** The index of the existing work `w` is the same as, or undefined. */
  private match(w: WorkRecord): number | undefined {
    const direct =
      (w.doi ? this.byDoi.get(w.doi) : undefined) ??
      (w.pmid ? this.byPmid.get(w.pmid) : undefined) ??
      (w.openalex ? this.byOpenAlex.get(w.openalex) : undefined);
    if (direct !== undefined) return direct;
    const t = titleKey(w.title);
    if (!t) return undefined;
    const candidates = (this.byTitle.get(t) ?? []).filter((i) => {
      const e = this.works[i]!;
      if (e.doi && w.doi && e.doi !== w.doi) return false;
      if (e.pmid && w.pmid && e.pmid !== w.pmid) return false;
      if (e.openalex && w.openalex && e.openalex !== w.openalex) return false;
      if (e.year !== null && w.year !== null && e.year !== w.year) return false;
      return true;
    });
    // Two existing records with the same title: too ambiguous to pick one.
    return candidates.length === 1 ? candidates[0] : undefined;
  }

  /** True when `value` of identifier `field` is free (or already on record `i`). */
  private identifierFree(field: 'doi' | 'pmid' | 'pmcid' | 'openalex', value: string, i: number): boolean {
    const map = { doi: this.byDoi, pmid: this.byPmid, pmcid: this.byPmcid, openalex: this.byOpenAlex }[field];
    const owner = map.get(value);
    return owner === undefined || owner === i;
  }

  /** Fills the empty fields of record `i` from `patch`; returns the fields filled. */
  private fill(i: number, patch: Partial<WorkRecord>, source: string): FillableField[] {
    const current = this.works[i]!;
    const next: WorkRecord = { ...current };
    const filled: FillableField[] = [];
    for (const field of FILLABLE_FIELDS) {
      const value = patch[field];
      if (isEmpty(value)) continue;
      if (field === 'authors') {
        const incoming = value as string[];
        if (isEmpty(current.authors) || completesAuthors(current.authors, incoming)) {
          next.authors = [...incoming];
          // ORCIDs belong to the list they came with.
          if (patch.orcids && patch.orcids.length === incoming.length) next.orcids = [...patch.orcids];
          else delete next.orcids;
          filled.push('authors');
        }
        continue;
      }
      if (field === 'orcids') {
        const same =
          current.authors.length === (patch.authors?.length ?? -1) &&
          current.authors.every((a, k) => a === patch.authors?.[k]);
        if (isEmpty(current.orcids) && !filled.includes('authors') && same) {
          next.orcids = [...(value as (string | null)[])];
          filled.push('orcids');
        }
        continue;
      }
      if (field === 'openalexReferenceCount' || field === 'openalexCitedByCount') {
        if (current[field] !== value) {
          next[field] = value as number;
          filled.push(field);
        }
        continue;
      }
      // Says where the abstract filled here came from: set with it below, never on its own.
      if (field === 'abstractSource') continue;
      if (!isEmpty(current[field])) continue;
      if (
        (field === 'doi' || field === 'pmid' || field === 'pmcid' || field === 'openalex') &&
        !this.identifierFree(field, value as string, i)
      ) {
        continue;
      }
      (next as Record<string, unknown>)[field] = Array.isArray(value) ? [...(value as unknown[])] : value;
      filled.push(field);
    }
    if (filled.length === 0) return filled;
    if (filled.includes('abstract')) next.abstractSource = source;
    if (!next.sources.includes(source)) next.sources = [...next.sources, source];
    this.works[i] = next;
    this.index(next, i);
    this.changedWorks.add(i);
    for (const f of filled) this.filledFields[f] = (this.filledFields[f] ?? 0) + 1;
    return filled;
  }

  /**
   * Adds a fetched work, or fills the existing record it matches.
   * `record.sources[0]` is the API URL it came from.
   */
  upsertWork(record: WorkRecord): UpsertResult {
    const source = record.sources[0] ?? '';
    const i = this.match(record);
    if (i !== undefined) {
      const filled = this.fill(i, record, source);
      const id = this.works[i]!.id;
      if (i >= this.existingWorkCount) return { id, status: 'new', filled };
      this.matchedWorks.add(i);
      return { id, status: filled.length > 0 ? 'filled' : 'unchanged', filled };
    }
    // A new record: drop identifiers another record already holds (cannot happen for DOI and
    // PMID, which matched above, but can for a PMCID).
    const copy: WorkRecord = { ...record, sources: [...record.sources] };
    if (copy.pmcid && this.byPmcid.has(copy.pmcid)) copy.pmcid = null;
    let id = copy.id;
    if (this.byId.has(id)) id = `openalex:${copy.openalex}`;
    copy.id = id;
    const index = this.works.length;
    this.works.push(copy);
    this.index(copy, index);
    this.changedWorks.add(index);
    return { id, status: 'new', filled: [] };
  }

  /** Fills a work from a PubMed record (found by PMID); null when no work has that PMID. */
  patchByPmid(pmid: string, patch: WorkPatch, source: string): UpsertResult | null {
    const i = this.byPmid.get(pmid);
    if (i === undefined) return null;
    const isNew = i >= this.existingWorkCount;
    const filled = this.fill(i, patch, source);
    if (!isNew) this.matchedWorks.add(i);
    return { id: this.works[i]!.id, status: isNew ? 'new' : filled.length ? 'filled' : 'unchanged', filled };
  }

  /**
   * Records that `from` cites `to` according to `source`.
   * @returns 'new', 'source-added' (the edge was known, from other pages), 'exists' or 'self'.
   */
  addCitation(from: string, to: string, source: string): 'new' | 'source-added' | 'exists' | 'self' {
    if (from === to) return 'self';
    const key = `${from}\0${to}`;
    const i = this.citationIndex.get(key);
    if (i !== undefined) {
      const c = this.citations[i]!;
      if (i < this.existingCitationCount) this.matchedCitations.add(i);
      if (c.sources.includes(source)) return 'exists';
      this.citations[i] = { ...c, sources: [...c.sources, source] };
      this.changedCitations.add(i);
      return i < this.existingCitationCount ? 'source-added' : 'exists';
    }
    const index = this.citations.length;
    this.citations.push({ from, to, kind: 'cites', sources: [source] });
    this.citationIndex.set(key, index);
    this.changedCitations.add(index);
    return 'new';
  }
}
