/**
 * PubMed through NCBI E-utilities: `efetch.fcgi?db=pubmed&retmode=xml&id=…` for MeSH headings,
 * author keywords, abstracts, identifiers and the PMIDs a work cites, and
 * `elink.fcgi?dbfrom=pubmed&db=pubmed&cmd=neighbor&id=…&id=…` for PubMed's "cited in" and
 * "references" link sets, in batches. Identifies itself with `tool` and `email`, and sends `api_key`
 * when given (3 requests/s without a key, 10 with one).
 * The XML follows NLM's PubMed DTD (PubmedArticleSet/PubmedArticle/MedlineCitation/…) and the
 * eLinkResult DTD; both were checked against responses recorded from the live service
 * (../shared/fixtures/real-api/pubmed, test/integration/real-api.test.ts).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { MeshHeading } from '../model/records';
import { type BodyCheck, type HttpClient, looksLikeHtml } from './http-client';
import { type PubMedRecord, cleanText, parseDoi, parsePmcid, parsePmid } from './normalise';

/** The public base URL (endpoints.ts). */
export { PUBMED_URL } from './endpoints';

/** PMIDs per efetch request (NCBI asks for POST above about 200). */
export const PUBMED_BATCH = 200;

/** PMIDs per elink request: one `id=` parameter each keeps the URL short of 2 kB. */
export const PUBMED_LINK_BATCH = 100;

const REPEATED = new Set([
  'PubmedArticle',
  'PubmedBookArticle',
  'MeshHeading',
  'QualifierName',
  'KeywordList',
  'Keyword',
  'AbstractText',
  'ArticleId',
  // References: the older form (MedlineCitation/CommentsCorrectionsList, RefType="Cites") and the
  // newer one (PubmedData/ReferenceList/Reference/ArticleIdList), which may nest.
  'CommentsCorrections',
  'ReferenceList',
  'Reference',
  // eLinkResult: one LinkSet per requested id, one LinkSetDb per link name.
  'LinkSet',
  'LinkSetDb',
  'Link',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  // Titles and abstracts hold inline markup (<i>, <sup>): read them as text, strip it after.
  stopNodes: ['*.AbstractText', '*.ArticleTitle'],
  isArray: (name) => REPEATED.has(name),
  processEntities: true,
});

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the XML entities left in stop-node text. */
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (m, e: string) => {
    if (e.startsWith('#x') || e.startsWith('#X')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

type Node = Record<string, unknown>;

const asNode = (v: unknown): Node | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : null;
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
/** The text of an element parsed with or without attributes. */
const textOf = (v: unknown): string | null => {
  if (typeof v === 'string') return v;
  const n = asNode(v);
  if (n && typeof n['#text'] === 'string') return n['#text'];
  return null;
};
const richText = (v: unknown): string | null => {
  const t = textOf(v);
  return t === null ? null : cleanText(decodeEntities(t.replace(/<[^>]+>/g, '')));
};

/** Checks an efetch answer before it is cached: XML, well formed, not an HTML error page. */
export const isPubMedXml: BodyCheck = (body, contentType) => {
  if (looksLikeHtml(body, contentType)) return 'E-utilities answered with an HTML page instead of XML';
  const valid = XMLValidator.validate(body);
  if (valid !== true) return `the answer is not well-formed XML, probably cut off (${valid.err.msg})`;
  return null;
};

/**
 * Reads an efetch PubmedArticleSet into records. `sourceUrlFor` names the URL recorded for a PMID.
 * @throws Error with E-utilities' own message when the answer is an error document.
 */
export function parsePubMedXml(xml: string, sourceUrlFor: (pmid: string) => string): PubMedRecord[] {
  const doc = asNode(parser.parse(xml)) ?? {};
  // An empty <PubmedArticleSet/> parses as an empty string.
  const set = 'PubmedArticleSet' in doc ? (asNode(doc.PubmedArticleSet) ?? {}) : null;
  if (!set) {
    const error = asNode(doc.eFetchResult)?.ERROR;
    throw new Error(
      error ? `E-utilities error: ${textOf(error) ?? 'unknown'}` : 'the answer is not a PubmedArticleSet',
    );
  }
  const out: PubMedRecord[] = [];
  for (const item of asArray(set.PubmedArticle)) {
    const article = asNode(item);
    const citation = asNode(article?.MedlineCitation);
    const pmid = parsePmid(textOf(citation?.PMID));
    if (!citation || !pmid) continue;
    const art = asNode(citation.Article);
    const abstractParts = asArray(asNode(art?.Abstract)?.AbstractText).map((a) => {
      const text = richText(a);
      const label = asNode(a)?.['@_Label'];
      return text && typeof label === 'string' && label.length > 0 ? `${label}: ${text}` : text;
    });
    const abstract = abstractParts.filter((p): p is string => !!p).join(' ') || null;
    const keywords = asArray(citation.KeywordList)
      .flatMap((list) => asArray(asNode(list)?.Keyword))
      .map((k) => richText(k))
      .filter((k): k is string => !!k);
    const mesh: MeshHeading[] = [];
    for (const h of asArray(asNode(citation.MeshHeadingList)?.MeshHeading)) {
      const d = asNode(asNode(h)?.DescriptorName);
      const ui = d?.['@_UI'];
      const name = richText(d);
      if (typeof ui === 'string' && /^D\d+$/.test(ui) && name) {
        mesh.push({ id: ui, name, isMajor: d?.['@_MajorTopicYN'] === 'Y' });
      }
    }
    const pubmedData = asNode(article?.PubmedData);
    const ids = asArray(asNode(pubmedData?.ArticleIdList)?.ArticleId).map((a) => ({
      type: asNode(a)?.['@_IdType'],
      value: textOf(a),
    }));
    out.push({
      pmid,
      doi: parseDoi(ids.find((i) => i.type === 'doi')?.value),
      pmcid: parsePmcid(ids.find((i) => i.type === 'pmc')?.value),
      title: richText(art?.ArticleTitle),
      abstract,
      keywords: [...new Set(keywords)],
      mesh,
      references: referencesOf(citation, pubmedData, pmid),
      sourceUrl: sourceUrlFor(pmid),
    });
  }
  return out;
}

/** The PubMed ids in a ReferenceList, nested lists included. */
function referenceListPmids(list: unknown): (string | null)[] {
  const node = asNode(list);
  const own = asArray(node?.Reference).map((r) => {
    const id = asArray(asNode(asNode(r)?.ArticleIdList)?.ArticleId).find(
      (a) => asNode(a)?.['@_IdType'] === 'pubmed',
    );
    return parsePmid(textOf(id));
  });
  return [...own, ...asArray(node?.ReferenceList).flatMap(referenceListPmids)];
}

/**
 * The PMIDs a PubMed record cites, in order, without repeats or itself: `CommentsCorrections` with
 * `RefType="Cites"` (other types — CommentIn, ErratumIn, … — are not citations by this work) and
 * every `Reference` of a `ReferenceList` that carries a PubMed id.
 */
function referencesOf(citation: Node, pubmedData: Node | null, self: string): string[] {
  const cites = asArray(asNode(citation.CommentsCorrectionsList)?.CommentsCorrections)
    .filter((c) => asNode(c)?.['@_RefType'] === 'Cites')
    .map((c) => parsePmid(textOf(asNode(c)?.PMID)));
  const listed = asArray(pubmedData?.ReferenceList).flatMap(referenceListPmids);
  return [...new Set([...cites, ...listed].filter((p): p is string => p !== null && p !== self))];
}

/** PubMed's links of one PMID: the works citing it and the works it cites. */
export interface PubMedLinks {
  pmid: string;
  /** PMIDs of works citing it (`pubmed_pubmed_citedin`). */
  citedIn: string[];
  /** PMIDs of works it cites (`pubmed_pubmed_refs`). */
  refs: string[];
  /** The API URL recorded in `sources` of the edges. */
  sourceUrl: string;
}

/** Checks an elink answer before it is cached: well-formed XML with an eLinkResult. */
export const isELinkXml: BodyCheck = (body, contentType) => {
  const problem = isPubMedXml(body, contentType);
  if (problem) return problem;
  return /<eLinkResult[\s>]/.test(body) ? null : 'the answer is not an ELink result (no eLinkResult)';
};

/**
 * Reads an eLinkResult into the cited-in and references links of each PMID. A LinkSet whose IdList
 * holds several ids (a request with `id=1,2` merges their links) cannot be attributed and is
 * reported in `unattributed`; link sets other than citedin and refs are ignored.
 * @throws Error with E-utilities' own message when the answer is an error document.
 */
export function parseELinkXml(
  xml: string,
  sourceUrlFor: (pmid: string) => string,
): { links: PubMedLinks[]; unattributed: string[] } {
  const doc = asNode(parser.parse(xml)) ?? {};
  const result = 'eLinkResult' in doc ? (asNode(doc.eLinkResult) ?? {}) : null;
  if (!result) throw new Error('the answer is not an eLinkResult');
  if (result.ERROR !== undefined && result.LinkSet === undefined) {
    throw new Error(`E-utilities error: ${textOf(result.ERROR) ?? 'unknown'}`);
  }
  const links: PubMedLinks[] = [];
  const unattributed: string[] = [];
  for (const item of asArray(result.LinkSet)) {
    const set = asNode(item);
    const ids = asArray(asNode(set?.IdList)?.Id)
      .map((i) => parsePmid(textOf(i)))
      .filter((i): i is string => i !== null);
    if (ids.length !== 1) {
      if (ids.length > 1) unattributed.push(ids.join(','));
      continue;
    }
    const pmid = ids[0]!;
    const named = (name: string): string[] => {
      const db = asArray(set?.LinkSetDb).find((d) => textOf(asNode(d)?.LinkName) === name);
      const out = asArray(asNode(db)?.Link).map((l) => parsePmid(textOf(asNode(l)?.Id)));
      return [...new Set(out.filter((p): p is string => p !== null && p !== pmid))];
    };
    links.push({
      pmid,
      citedIn: named('pubmed_pubmed_citedin'),
      refs: named('pubmed_pubmed_refs'),
      sourceUrl: sourceUrlFor(pmid),
    });
  }
  return { links, unattributed };
}

/** Identification sent with every E-utilities request. */
export interface PubMedIdentity {
  tool: string;
  email?: string;
  apiKey?: string;
}

/** A PubMed E-utilities client over a polite HttpClient. */
export class PubMedClient {
  constructor(
    private readonly http: HttpClient,
    private readonly base: string,
    private readonly identity: PubMedIdentity,
  ) {}

  /** The URL recorded in `sources` for one PMID (no credentials). */
  sourceUrl(pmid: string): string {
    return `${this.base.replace(/\/$/, '')}/efetch.fcgi?db=pubmed&id=${pmid}&retmode=xml`;
  }

  /** The efetch URL of a batch. */
  batchUrl(pmids: readonly string[]): URL {
    const url = new URL(`${this.base.replace(/\/$/, '')}/efetch.fcgi`);
    url.searchParams.set('db', 'pubmed');
    url.searchParams.set('id', pmids.join(','));
    url.searchParams.set('retmode', 'xml');
    url.searchParams.set('tool', this.identity.tool);
    if (this.identity.email) url.searchParams.set('email', this.identity.email);
    if (this.identity.apiKey) url.searchParams.set('api_key', this.identity.apiKey);
    return url;
  }

  /** The URL recorded in `sources` for PubMed's links of one PMID (no credentials). */
  linksUrl(pmid: string): string {
    return `${this.base.replace(/\/$/, '')}/elink.fcgi?dbfrom=pubmed&db=pubmed&cmd=neighbor&id=${pmid}`;
  }

  /** The elink URL of a batch: one `id` parameter per PMID, so that each gets its own LinkSet. */
  linksBatchUrl(pmids: readonly string[]): URL {
    const url = new URL(`${this.base.replace(/\/$/, '')}/elink.fcgi`);
    url.searchParams.set('dbfrom', 'pubmed');
    url.searchParams.set('db', 'pubmed');
    url.searchParams.set('cmd', 'neighbor');
    for (const p of pmids) url.searchParams.append('id', p);
    url.searchParams.set('tool', this.identity.tool);
    if (this.identity.email) url.searchParams.set('email', this.identity.email);
    if (this.identity.apiKey) url.searchParams.set('api_key', this.identity.apiKey);
    return url;
  }

  /**
   * PubMed's cited-in and references links of one batch of PMIDs (at most PUBMED_LINK_BATCH).
   * @throws FetchError when E-utilities fails for good; Error for an error document.
   */
  async fetchLinks(
    pmids: readonly string[],
  ): Promise<{ links: PubMedLinks[]; unattributed: string[]; fromCache: boolean }> {
    const res = await this.http.get(this.linksBatchUrl(pmids), isELinkXml);
    return { ...parseELinkXml(res.body ?? '', (p) => this.linksUrl(p)), fromCache: res.fromCache };
  }

  /**
   * Fetches one batch of PMIDs (at most PUBMED_BATCH).
   * @throws FetchError when E-utilities fails for good; Error for an error document.
   */
  async fetchBatch(pmids: readonly string[]): Promise<{ records: PubMedRecord[]; fromCache: boolean }> {
    const res = await this.http.get(this.batchUrl(pmids), isPubMedXml);
    return { records: parsePubMedXml(res.body ?? '', (p) => this.sourceUrl(p)), fromCache: res.fromCache };
  }
}
