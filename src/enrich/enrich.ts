/**
 * `crosstalk fetch`: expands a dataset around one work (a review) with OpenAlex — the work, its
 * references, the works citing it, optionally one step further — and PubMed (MeSH headings,
 * keywords, abstracts), then merges everything into the dataset folder (see merge.ts for the rules
 * and dataset-writer.ts for how the folder is kept safe).
 *
 * Over 400 lines: the fetch-and-merge pipeline in its order (plan, OpenAlex, PubMed, merge, write)
 * with its skip accounting; the clients, normalising and merging live in their own modules.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../model/errors';
import { DATASET_FILES, readDataset } from '../ingest/read-dataset';
import { ResponseCache } from './cache';
import { type FilePlan, orderWorkFields, toJsonLine, writeDataset } from './dataset-writer';
import { type HttpEvent, HttpClient } from './http-client';
import { DatasetMerger, type MergeStats } from './merge';
import {
  type NormalisedWork,
  type OpenAlexWork,
  type PubMedRecord,
  normaliseOpenAlexWork,
  openAlexWorkId,
  requireDoi,
  requirePmid,
} from './normalise';
import { OPENALEX_BATCH, OPENALEX_CITES_BATCH, OpenAlexClient } from './openalex';
import { PUBMED_BATCH, PUBMED_LINK_BATCH, type PubMedLinks, PubMedClient } from './pubmed';

/** What `crosstalk fetch` was asked to do. */
export interface FetchOptions {
  /** The seed work: exactly one of `doi` and `pmid`. */
  doi?: string;
  pmid?: string;
  refs: boolean;
  citedBy: boolean;
  depth: 1 | 2;
  /** Most works to fetch besides the seed. */
  max: number;
  pubmed: boolean;
  /** The dataset folder to merge into (must exist and be valid). */
  out: string;
  /** Response cache folder; null for none. */
  cacheDir: string | null;
  openalexUrl: string;
  pubmedUrl: string;
  mailto?: string;
  apiKey?: string;
  ncbiApiKey?: string;
  /** Time limit of one HTTP attempt (ms). */
  timeoutMs: number;
  /** Product token for User-Agent, e.g. `crosstalk-kg/0.1.0`. */
  product: string;
  /** Compute and report, but do not write the dataset. */
  dryRun?: boolean;
  onProgress?: (p: FetchProgress) => void;
  /**
   * Cancels the run: it stops at the next answer (network or cache) with the signal's reason, and
   * never after the dataset has started to be written; what was fetched so far stays cached.
   */
  signal?: AbortSignal;
}

/** Progress of a fetch: requests done out of those known so far. */
export interface FetchProgress {
  step: string;
  done: number;
  total: number;
}

/** One reason works or edges were skipped, with how many and a few examples. */
export interface SkipReport {
  reason: string;
  count: number;
  examples: string[];
}

/** What a fetch did. */
export interface FetchSummary {
  seed: { id: string; openalex: string; title: string | null };
  requests: {
    openalex: { network: number; cached: number };
    pubmed: { network: number; cached: number };
    retries: number;
  };
  /** Distinct works received from OpenAlex (the seed included). */
  fetchedWorks: number;
  pubmedRecords: number;
  merge: MergeStats;
  skipped: SkipReport[];
  notes: string[];
  written: boolean;
  out: string;
}

class Skips {
  private readonly map = new Map<string, SkipReport>();
  add(reason: string, example: string): void {
    const r = this.map.get(reason) ?? { reason, count: 0, examples: [] };
    r.count += 1;
    if (r.examples.length < 3) r.examples.push(example);
    this.map.set(reason, r);
  }
  list(): SkipReport[] {
    return [...this.map.values()];
  }
}

/** A request URL without the long `select=` list, for messages. */
const shortUrl = (url: string): string => {
  const u = new URL(url);
  u.searchParams.delete('select');
  return decodeURIComponent(u.toString());
};

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** A fetched work with where it came from. */
interface Fetched {
  work: NormalisedWork;
}

/**
 * Adds PubMed's citations to a merge, by PMID, where both works are in the dataset: each efetch
 * record's reference list (`CommentsCorrectionsList` / `ReferenceList`) and each elink link set
 * (`pubmed_pubmed_refs`: it cites; `pubmed_pubmed_citedin`: cited by). Every edge names the efetch
 * or elink URL that states it. Links to works outside the dataset are reported to `skip`.
 */
export function addPubMedCitations(
  merger: DatasetMerger,
  records: readonly PubMedRecord[],
  links: readonly PubMedLinks[],
  skip: (reason: string, example: string) => void,
): void {
  const add = (fromPmid: string, toPmid: string, source: string): void => {
    const from = merger.idOfPmid(fromPmid);
    const to = merger.idOfPmid(toPmid);
    if (!from || !to) {
      skip('PubMed citation of a work not in the dataset (not fetched)', `pmid:${fromPmid} → pmid:${toPmid}`);
      return;
    }
    if (merger.addCitation(from, to, source) === 'self') {
      skip('citation of a work by itself (two PubMed records merged into one)', `pmid:${fromPmid}`);
    }
  };
  for (const p of records) for (const ref of p.references) add(p.pmid, ref, p.sourceUrl);
  for (const l of links) {
    for (const ref of l.refs) add(l.pmid, ref, l.sourceUrl);
    for (const citing of l.citedIn) add(citing, l.pmid, l.sourceUrl);
  }
}

/**
 * Runs a fetch and merges the result into `options.out`.
 * @throws UsageError for a malformed or unknown DOI/PMID or a bad option; ValidationError when the
 *   dataset folder is invalid (before any request) or the merge would make it invalid (nothing is
 *   written); FetchError when an API fails for good (nothing is written; responses so far stay cached).
 */
export async function fetchAndMerge(options: FetchOptions): Promise<FetchSummary> {
  if (Boolean(options.doi) === Boolean(options.pmid)) {
    throw new UsageError('give exactly one of --doi and --pmid');
  }
  const seedKey = options.doi
    ? (`doi:${requireDoi(options.doi)}` as const)
    : (`pmid:${requirePmid(options.pmid ?? '')}` as const);
  if (!Number.isInteger(options.max) || options.max < 0)
    throw new UsageError('--max must be a whole number ≥ 0');

  // The dataset must be valid before anything is fetched.
  const dataset = await readDataset(options.out);
  const originals = new Map<string, string>();
  for (const name of [DATASET_FILES.works, DATASET_FILES.citations]) {
    originals.set(name, await readFile(path.join(options.out, name), 'utf8'));
  }

  const cache = options.cacheDir ? new ResponseCache(options.cacheDir) : null;
  let done = 0;
  let total = 0;
  const plan = (n: number): void => {
    total += n;
  };
  const report = (step: string): void =>
    options.onProgress?.({ step, done, total: Math.max(total, done + 1) });
  const onEvent = (source: string) => (e: HttpEvent) => {
    // Thrown inside the HTTP client, which passes every error but its own retryable ones on.
    options.signal?.throwIfAborted();
    if (e.type === 'response') {
      // Listeners count steps done before this one (as ingest's do).
      options.onProgress?.({
        step: `${source}${e.fromCache ? ' (cached)' : ''}`,
        done,
        total: Math.max(total, done + 1),
      });
      done += 1;
    } else {
      report(`${source}: retry ${e.attempt} in ${(e.delayMs / 1000).toFixed(1)} s (${e.reason})`);
    }
  };
  const contact = options.mailto ? ` (mailto:${options.mailto})` : '';
  const openalexHttp = new HttpClient({
    name: 'OpenAlex',
    userAgent: `${options.product}${contact}`,
    cache,
    // The documented ceiling is 100 requests/s; stay far below it.
    ratePerSecond: 10,
    concurrency: 4,
    timeoutMs: options.timeoutMs,
    privateParams: ['api_key', 'mailto'],
    onEvent: onEvent('OpenAlex'),
  });
  const pubmedHttp = new HttpClient({
    name: 'PubMed E-utilities',
    userAgent: `${options.product}${contact}`,
    cache,
    // NCBI: at most 3 requests/s without an API key, 10 with one.
    ratePerSecond: options.ncbiApiKey ? 9 : 2.5,
    concurrency: 2,
    timeoutMs: options.timeoutMs,
    privateParams: ['api_key', 'email', 'tool'],
    onEvent: onEvent('PubMed'),
  });
  const openalex = new OpenAlexClient(openalexHttp, options.openalexUrl, {
    apiKey: options.apiKey,
    mailto: options.mailto,
  });
  const pubmed = new PubMedClient(pubmedHttp, options.pubmedUrl, {
    tool: options.product.split('/')[0] ?? 'crosstalk-kg',
    email: options.mailto,
    apiKey: options.ncbiApiKey,
  });

  const skips = new Skips();
  const notes: string[] = [];
  const fetched = new Map<string, Fetched>();
  /** Citation edges by OpenAlex id, each with the API URL that states it. */
  const edges: { from: string; to: string; source: string }[] = [];

  const accept = (raw: OpenAlexWork, url: string): NormalisedWork | null => {
    const oid = openAlexWorkId(raw.id ?? raw.ids?.openalex);
    const known = oid ? fetched.get(oid) : undefined;
    if (known) return known.work;
    // Record the canonical URL of the work itself, not of the batch it arrived in.
    const result = normaliseOpenAlexWork(raw, oid ? openalex.workUrl(oid) : url);
    if (!result.ok) {
      skips.add(result.reason, url);
      return null;
    }
    fetched.set(result.work.openalex, { work: result.work });
    notes.push(...result.work.notes);
    return result.work;
  };

  // 1. The seed (a free singleton request).
  plan(1);
  const seedResponse = await openalex.getWork(seedKey);
  if (!seedResponse) {
    const [kind, value] = [seedKey.slice(0, seedKey.indexOf(':')), seedKey.slice(seedKey.indexOf(':') + 1)];
    throw new UsageError(
      kind === 'doi'
        ? `OpenAlex has no work with DOI ${value}. Check it at https://doi.org/${value}; very recent works can take a few days to appear.`
        : `OpenAlex has no work with PMID ${value}. Check it at https://pubmed.ncbi.nlm.nih.gov/${value}/.`,
    );
  }
  const seed = accept(seedResponse.work, seedResponse.url);
  if (!seed)
    throw new UsageError(
      `OpenAlex's record for ${seedKey} cannot be used: ${skips.list()[0]?.reason ?? 'invalid'}`,
    );

  let budget = options.max;
  let frontier: NormalisedWork[] = [seed];
  for (let level = 1; level <= options.depth && frontier.length > 0; level += 1) {
    const before = new Set(fetched.keys());
    if (options.refs) {
      const wanted = [...new Set(frontier.flatMap((w) => w.references))];
      const missing = wanted.filter((id) => !fetched.has(id));
      const take = missing.slice(0, budget);
      for (const id of missing.slice(budget)) skips.add(`reference left out by --max ${options.max}`, id);
      budget -= take.length;
      const batches = chunks(take, OPENALEX_BATCH);
      plan(batches.length);
      const lists = await Promise.all(batches.map((b) => openalex.getWorks(b)));
      for (const list of lists) {
        for (const problem of list.invalid)
          skips.add('record that does not fit the OpenAlex Work shape', `${list.url}: ${problem}`);
        for (const raw of list.works) accept(raw, list.url);
      }
      for (const id of take) {
        if (!fetched.has(id)) skips.add('reference OpenAlex did not return (merged or withdrawn record)', id);
      }
    }
    if (options.citedBy) {
      // One `cites:A|B|…` lookup per batch of targets (the seed alone at level 1).
      await Promise.all(
        chunks(frontier, OPENALEX_CITES_BATCH).map(async (targets) => {
          const ids = targets.map((t) => t.openalex);
          let cursor: string | null = '*';
          plan(1);
          while (cursor !== null) {
            if (budget <= 0) {
              for (const id of ids) skips.add(`citing works left out by --max ${options.max}`, id);
              break;
            }
            const page = await openalex.citingPage(ids, cursor);
            for (const problem of page.invalid)
              skips.add('record that does not fit the OpenAlex Work shape', `${page.url}: ${problem}`);
            for (const raw of page.works) {
              const oid = openAlexWorkId(raw.id ?? raw.ids?.openalex);
              const isKnown = oid !== null && fetched.has(oid);
              if (!isKnown && budget <= 0) {
                skips.add(`citing works left out by --max ${options.max}`, raw.id ?? '(no id)');
                continue;
              }
              const w = accept(raw, shortUrl(page.url));
              if (!w) continue;
              if (!isKnown) budget -= 1;
              // With one target the answer itself says whom the work cites; with several, its own
              // reference list says which of them.
              const cited = ids.length === 1 ? ids : ids.filter((id) => w.references.includes(id));
              if (cited.length === 0) {
                skips.add('citing work whose reference list names none of the works asked about', w.openalex);
              }
              for (const to of cited) edges.push({ from: w.openalex, to, source: openalex.citedByUrl(to) });
            }
            // OpenAlex hands out a next_cursor even on a last page that holds every result; only the
            // page after it is empty (recorded in ../shared/fixtures/real-api/openalex).
            cursor = page.nextCursor && page.works.length + page.invalid.length > 0 ? page.nextCursor : null;
            if (cursor !== null) plan(1);
          }
        }),
      );
    }
    frontier = [...fetched.values()].map((f) => f.work).filter((w) => !before.has(w.openalex));
  }

  // 2. PubMed for every fetched work with a PMID: efetch (MeSH, keywords, abstract, the PMIDs it
  // cites) and elink (PubMed's cited-in and references link sets, which know citations OpenAlex
  // may lack).
  const pubmedRecords: PubMedRecord[] = [];
  const pubmedLinks: PubMedLinks[] = [];
  if (options.pubmed) {
    const pmids = [
      ...new Set([...fetched.values()].map((f) => f.work.record.pmid).filter((p): p is string => !!p)),
    ];
    const batches = chunks(pmids, PUBMED_BATCH);
    const linkBatches = chunks(pmids, PUBMED_LINK_BATCH);
    plan(batches.length + linkBatches.length);
    const [results, linkResults] = await Promise.all([
      Promise.all(batches.map((b) => pubmed.fetchBatch(b))),
      Promise.all(linkBatches.map((b) => pubmed.fetchLinks(b))),
    ]);
    for (const [i, r] of results.entries()) {
      pubmedRecords.push(...r.records);
      const got = new Set(r.records.map((p) => p.pmid));
      for (const p of batches[i] ?? []) if (!got.has(p)) skips.add('PMID PubMed did not return', p);
    }
    for (const r of linkResults) {
      pubmedLinks.push(...r.links);
      for (const ids of r.unattributed) skips.add('PubMed link set shared by several PMIDs', ids);
    }

    // PubMed may know references and citing works of the seed that OpenAlex's lists lack: look each
    // up in OpenAlex by PMID (a free singleton request), within --max, and ask PubMed about them too.
    const seedLinks = pubmedLinks.find((l) => l.pmid === seed.record.pmid);
    if (seedLinks) {
      const known = new Set(
        [
          ...dataset.works.map((w) => w.value.pmid),
          ...[...fetched.values()].map((f) => f.work.record.pmid),
        ].filter((p): p is string => !!p),
      );
      const linked = [...(options.refs ? seedLinks.refs : []), ...(options.citedBy ? seedLinks.citedIn : [])];
      const missing = [...new Set(linked)].filter((p) => !known.has(p));
      const take = missing.slice(0, Math.max(0, budget));
      for (const p of missing.slice(take.length))
        skips.add(`PubMed-linked work left out by --max ${options.max}`, p);
      budget -= take.length;
      plan(take.length);
      const found = await Promise.all(
        take.map(async (p) => ({ p, res: await openalex.getWork(`pmid:${p}`) })),
      );
      const added: string[] = [];
      for (const { p, res } of found) {
        if (!res) {
          skips.add('PubMed-linked PMID OpenAlex does not know', p);
          continue;
        }
        const w = accept(res.work, res.url);
        if (w?.record.pmid) added.push(w.record.pmid);
      }
      const more = chunks(added, PUBMED_BATCH);
      plan(more.length);
      for (const r of await Promise.all(more.map((b) => pubmed.fetchBatch(b))))
        pubmedRecords.push(...r.records);
    }
  }

  // 3. Merge.
  const merger = new DatasetMerger(
    dataset.works.map((w) => w.value),
    dataset.citations.map((c) => c.value),
  );
  const idOf = new Map<string, string>();
  for (const { work } of fetched.values()) idOf.set(work.openalex, merger.upsertWork(work.record).id);
  for (const p of pubmedRecords) {
    merger.patchByPmid(
      p.pmid,
      {
        pmcid: p.pmcid,
        abstract: p.abstract,
        keywords: p.keywords.length > 0 ? p.keywords : p.mesh.map((m) => m.name),
        mesh: p.mesh,
      },
      p.sourceUrl,
    );
  }
  // Every fetched work's reference list is known: keep each reference to a work in the dataset,
  // not only those of the seed.
  for (const { work } of fetched.values()) {
    for (const to of work.references)
      edges.push({ from: work.openalex, to, source: openalex.workUrl(work.openalex) });
  }
  for (const e of edges) {
    const from = idOf.get(e.from) ?? merger.idOfOpenAlex(e.from);
    const to = idOf.get(e.to) ?? merger.idOfOpenAlex(e.to);
    if (!from || !to) continue;
    if (merger.addCitation(from, to, e.source) === 'self') {
      skips.add('citation of a work by itself (two OpenAlex records merged into one)', `${e.from} → ${e.to}`);
    }
  }
  addPubMedCitations(merger, pubmedRecords, pubmedLinks, (reason, example) => skips.add(reason, example));

  // 4. Write, keeping unchanged lines as they were.
  const changed = merger.changedWorks.size > 0 || merger.changedCitations.size > 0;
  options.signal?.throwIfAborted(); // the last moment a cancel leaves the dataset as it was
  if (changed && !options.dryRun) {
    const workLines: (number | string)[] = dataset.works.map((w) => w.line);
    const citationLines: (number | string)[] = dataset.citations.map((c) => c.line);
    merger.allWorks().forEach((w, i) => {
      if (!merger.changedWorks.has(i)) return;
      const line = toJsonLine(orderWorkFields(w));
      if (i < workLines.length) workLines[i] = line;
      else workLines.push(line);
    });
    merger.allCitations().forEach((c, i) => {
      if (!merger.changedCitations.has(i)) return;
      if (i < citationLines.length) citationLines[i] = toJsonLine(c);
      else citationLines.push(toJsonLine(c));
    });
    const plans: FilePlan[] = [
      { name: DATASET_FILES.works, lines: workLines },
      { name: DATASET_FILES.citations, lines: citationLines },
    ];
    await writeDataset(options.out, plans, originals);
  }

  return {
    seed: {
      id: idOf.get(seed.openalex) ?? seed.record.id,
      openalex: seed.openalex,
      title: seed.record.title,
    },
    requests: {
      openalex: { network: openalexHttp.stats.network, cached: openalexHttp.stats.cached },
      pubmed: { network: pubmedHttp.stats.network, cached: pubmedHttp.stats.cached },
      retries: openalexHttp.stats.retries + pubmedHttp.stats.retries,
    },
    fetchedWorks: fetched.size,
    pubmedRecords: pubmedRecords.length,
    merge: merger.stats,
    skipped: skips.list(),
    notes,
    written: changed && !options.dryRun,
    out: options.out,
  };
}
