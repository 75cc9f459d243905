/**
 * PubMed through NCBI E-utilities: `efetch.fcgi?db=pubmed&retmode=xml&id=…` for MeSH headings,
 * author keywords, abstracts and identifiers, in batches. Identifies itself with `tool` and
 * `email`, and sends `api_key` when given (3 requests/s without a key, 10 with one).
 * The XML follows NLM's PubMed DTD (PubmedArticleSet/PubmedArticle/MedlineCitation/…).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { MeshHeading } from '../model/records';
import { type BodyCheck, type HttpClient, looksLikeHtml } from './http-client';
import { type PubMedRecord, cleanText, parseDoi, parsePmcid, parsePmid } from './normalise';

/** The public E-utilities base URL. */
export const PUBMED_URL = 'https://eutils.ncbi.nlm.nih.gov/entrez/eutils';

/** PMIDs per efetch request (NCBI asks for POST above about 200). */
export const PUBMED_BATCH = 200;

const REPEATED = new Set([
  'PubmedArticle',
  'PubmedBookArticle',
  'MeshHeading',
  'QualifierName',
  'KeywordList',
  'Keyword',
  'AbstractText',
  'ArticleId',
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
    const ids = asArray(asNode(asNode(article?.PubmedData)?.ArticleIdList)?.ArticleId).map((a) => ({
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
      sourceUrl: sourceUrlFor(pmid),
    });
  }
  return out;
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

  /**
   * Fetches one batch of PMIDs (at most PUBMED_BATCH).
   * @throws FetchError when E-utilities fails for good; Error for an error document.
   */
  async fetchBatch(pmids: readonly string[]): Promise<{ records: PubMedRecord[]; fromCache: boolean }> {
    const res = await this.http.get(this.batchUrl(pmids), isPubMedXml);
    return { records: parsePubMedXml(res.body ?? '', (p) => this.sourceUrl(p)), fromCache: res.fromCache };
  }
}
