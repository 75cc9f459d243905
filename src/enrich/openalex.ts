/**
 * OpenAlex (https://api.openalex.org): one work by DOI or PMID (a free singleton request), works
 * by OpenAlex id in batches (`filter=openalex:W1|W2|…`, up to 100 values, `per_page=100`), and the
 * works citing one (`filter=cites:W…`, cursor paging). Every request asks only for the fields this
 * project reads (`select=`), and sends `api_key` and `mailto` when given.
 */
import { z } from 'zod';
import { type BodyCheck, type HttpClient, isJson } from './http-client';
import type { OpenAlexWork } from './normalise';

/** The public base URL (endpoints.ts). */
export { OPENALEX_URL } from './endpoints';

/** Ids per `openalex:` filter and results per page (the documented maximum of both is 100). */
export const OPENALEX_BATCH = 100;

/** Works per `cites:A|B|…` lookup (OR-ed filter values, within the documented 100). */
export const OPENALEX_CITES_BATCH = 50;

/** The Work fields this project reads. */
export const WORK_FIELDS = [
  'id',
  'doi',
  'display_name',
  'publication_year',
  'type',
  'ids',
  'primary_location',
  'authorships',
  'biblio',
  'referenced_works',
  'referenced_works_count',
  'abstract_inverted_index',
  'cited_by_count',
] as const;

const nullableString = z.string().nullable().optional();

/** The documented Work shape, as far as this project reads it; other fields pass through. */
export const OpenAlexWorkSchema = z.looseObject({
  id: nullableString,
  doi: nullableString,
  display_name: nullableString,
  title: nullableString,
  publication_year: z.number().int().nullable().optional(),
  type: nullableString,
  ids: z
    .looseObject({
      openalex: nullableString,
      doi: nullableString,
      pmid: nullableString,
      pmcid: nullableString,
    })
    .nullable()
    .optional(),
  primary_location: z
    .looseObject({ source: z.looseObject({ display_name: nullableString }).nullable().optional() })
    .nullable()
    .optional(),
  authorships: z
    .array(
      z.looseObject({
        author: z
          .looseObject({ id: nullableString, display_name: nullableString, orcid: nullableString })
          .nullable()
          .optional(),
        raw_author_name: nullableString,
      }),
    )
    .nullable()
    .optional(),
  biblio: z
    .looseObject({
      volume: nullableString,
      issue: nullableString,
      first_page: nullableString,
      last_page: nullableString,
    })
    .nullable()
    .optional(),
  referenced_works: z.array(z.string()).nullable().optional(),
  referenced_works_count: z.number().int().nullable().optional(),
  abstract_inverted_index: z.record(z.string(), z.array(z.number().int())).nullable().optional(),
  cited_by_count: z.number().int().nullable().optional(),
});

/** The documented list envelope: `{meta: {count, per_page, next_cursor, …}, results: [Work…], group_by: []}`. */
export const OpenAlexListSchema = z.looseObject({
  meta: z.looseObject({
    count: z.number().int(),
    per_page: z.number().int().optional(),
    next_cursor: z.string().nullable().optional(),
  }),
  results: z.array(z.unknown()),
});

/** A list result: works that fit the Work shape, and what was wrong with the others. */
export interface WorkList {
  url: string;
  works: OpenAlexWork[];
  invalid: string[];
  count: number;
  nextCursor: string | null;
  fromCache: boolean;
}

const checkList: BodyCheck = (body, contentType) => {
  const problem = isJson(body, contentType);
  if (problem) return problem;
  const parsed = OpenAlexListSchema.safeParse(JSON.parse(body));
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    return `the answer is not an OpenAlex list (${i?.path.join('.') || 'body'}: ${i?.message ?? 'invalid'})`;
  }
  return null;
};

const checkWork: BodyCheck = (body, contentType) => {
  const problem = isJson(body, contentType);
  if (problem) return problem;
  const parsed = OpenAlexWorkSchema.safeParse(JSON.parse(body));
  return parsed.success ? null : 'the answer is not an OpenAlex Work object';
};

/** Identification sent with every OpenAlex request. */
export interface OpenAlexIdentity {
  apiKey?: string;
  mailto?: string;
}

/** An OpenAlex client over a polite HttpClient. */
export class OpenAlexClient {
  private readonly base: string;

  constructor(
    private readonly http: HttpClient,
    base: string,
    private readonly identity: OpenAlexIdentity,
  ) {
    this.base = base.replace(/\/$/, '');
  }

  /** The canonical API URL of a work, recorded in `sources`. */
  workUrl(openalexId: string): string {
    return `${this.base}/works/${openalexId}`;
  }

  /** The API URL listing the works that cite a work, recorded in the `sources` of those edges. */
  citedByUrl(openalexId: string): string {
    return `${this.base}/works?filter=cites:${openalexId}`;
  }

  private url(pathname: string, params: Record<string, string>): URL {
    const url = new URL(`${this.base}${pathname}`);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    url.searchParams.set('select', WORK_FIELDS.join(','));
    if (this.identity.mailto) url.searchParams.set('mailto', this.identity.mailto);
    if (this.identity.apiKey) url.searchParams.set('api_key', this.identity.apiKey);
    return url;
  }

  /**
   * One work by `doi:<doi>` or `pmid:<pmid>` (singleton request); null when OpenAlex has none (404).
   * @throws FetchError when OpenAlex fails for good.
   */
  async getWork(
    key: `doi:${string}` | `pmid:${string}`,
  ): Promise<{ work: OpenAlexWork; url: string } | null> {
    const res = await this.http.get(this.url(`/works/${key}`, {}), checkWork, true);
    if (res.body === null) return null;
    return { work: OpenAlexWorkSchema.parse(JSON.parse(res.body)), url: res.url };
  }

  private async list(url: URL): Promise<WorkList> {
    const res = await this.http.get(url, checkList);
    const list = OpenAlexListSchema.parse(JSON.parse(res.body ?? ''));
    const works: OpenAlexWork[] = [];
    const invalid: string[] = [];
    list.results.forEach((r, i) => {
      const parsed = OpenAlexWorkSchema.safeParse(r);
      if (parsed.success) works.push(parsed.data);
      else {
        const issue = parsed.error.issues[0];
        invalid.push(
          `result ${i + 1} does not fit the Work shape (${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'})`,
        );
      }
    });
    return {
      url: res.url,
      works,
      invalid,
      count: list.meta.count,
      nextCursor: list.meta.next_cursor ?? null,
      fromCache: res.fromCache,
    };
  }

  /**
   * Works by OpenAlex id, one request (at most OPENALEX_BATCH ids).
   * @throws FetchError when OpenAlex fails for good.
   */
  async getWorks(ids: readonly string[]): Promise<WorkList> {
    return this.list(
      this.url('/works', { filter: `openalex:${ids.join('|')}`, per_page: String(OPENALEX_BATCH) }),
    );
  }

  /**
   * One page of the works citing a work, or any of several (`cites:A|B`, at most
   * OPENALEX_CITES_BATCH); start with cursor `*` and pass `nextCursor` on until a page is empty.
   * @throws FetchError when OpenAlex fails for good.
   */
  async citingPage(openalexIds: string | readonly string[], cursor: string): Promise<WorkList> {
    const ids = typeof openalexIds === 'string' ? [openalexIds] : openalexIds;
    return this.list(
      this.url('/works', { filter: `cites:${ids.join('|')}`, per_page: String(OPENALEX_BATCH), cursor }),
    );
  }
}
