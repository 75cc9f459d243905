/**
 * Related works, explained: GET /api/related/<work id>?kind=&limit= and POST /api/related
 * `{ids, kind, limit}` for a selection. Kinds (formulas in src/model/relatedness.ts):
 * - `related`: co-citation strength + coupling strength + a tenth for a direct citation, per seed, summed;
 * - `prior`: works most cited by the seeds' neighbourhood (seeds, references, citing works);
 * - `derivative`: works citing many of the seeds' neighbourhood;
 * - `review-finder`: works citing many of the selection (for one work: it and its references; for
 *   an empty id list, POST `{ids: []}`: every work of the graph);
 * - `not-cited`: for one work (a review), works its references cite or that are cited together with
 *   its references, which it does not cite; works published after it are left out.
 *
 * Everything is computed on the network index (the same whichever store is loaded); titles,
 * first authors and OpenAlex's global citation counts come from one read of every work per loaded
 * dataset. Each row names the works its evidence rests on; `message` says how much the answer
 * rests on, or why it is empty.
 *
 * Bounds: at most {@link MAX_RELATED_SEEDS} ids, {@link MAX_RELATED_LIMIT} rows and
 * {@link EVIDENCE_LIMIT} evidence works per measure; PageRank only over at most
 * {@link MAX_PAGERANK_NODES} works. 400 for a bad kind (naming the kinds), limit or id, or an empty
 * id list for another kind than `review-finder`; 404 when no id is in the graph.
 *
 * Over 400 lines: the related-works endpoint and the wording of its evidence; the measures
 * themselves are in model/relatedness.ts.
 */
import type { FastifyInstance, FastifyReply, FastifySchemaValidationError } from 'fastify';
import {
  RELATED_KINDS,
  type RelatedKind,
  type RelatedPayload,
  type RelatedRow,
  type RelatedWorkRef,
} from '../../model/api';
import { labelOfId } from '../../model/ids';
import {
  CitationGraph,
  DEFAULT_DAMPING,
  derivativeWorks,
  describeEvidence,
  neighbourhood,
  notCitedBy,
  pageRank,
  priorWorks,
  relatedWorks,
  reviewFinder,
  reviewFinderInGraph,
  type Ranking,
} from '../../model/relatedness';
import { numberOf, type Row } from '../../model/values';
import type { LoadedNetwork } from '../read-models/graph-reader';
import { WORK_REF_FIELDS, toWorkRef } from '../read-models/work-records';
import type { GraphStore } from '../../store/graph-store';
import { sendApiError } from '../http-errors';
import { MAX_ID_LENGTH } from './params';

/** Most works one request may name. */
export const MAX_RELATED_SEEDS = 200;
/** Most rows one answer lists. */
export const MAX_RELATED_LIMIT = 100;
/** Rows listed by default. */
export const DEFAULT_RELATED_LIMIT = 20;
/** Evidence works named per measure (the counts cover all). */
export const EVIDENCE_LIMIT = 10;
/** PageRank is computed only over at most this many works (the seeds' neighbourhood and the rows). */
export const MAX_PAGERANK_NODES = 5_000;

/** Time limit of the read of every work (it reads the whole table once). */
const READ_TIMEOUT_MS = 60_000;

/** What the routes need. */
export interface RelatedRouteDeps {
  store: GraphStore;
  /** The network index of the loaded dataset (shared with paths and neighbourhoods). */
  loaded: () => Promise<LoadedNetwork>;
}

/** A request, validated. No ids: the whole graph (`review-finder` only). */
export interface RelatedQuery {
  kind: RelatedKind;
  ids: string[];
  limit: number;
}

/** A refusal: HTTP status, code and message. */
export interface RelatedRefusal {
  status: 400 | 404;
  code: 'BAD_REQUEST' | 'NOT_FOUND';
  message: string;
}

const METHODS: Record<RelatedKind, string> = {
  related:
    'Score = co-citation strength (works citing both / √(citations of each)) + coupling strength (shared references / √(references of each)) + 0.1 for a direct citation, summed over the works asked about. Citations only.',
  prior:
    'Score = how many of the works around it (itself, its references, the works citing it) cite the work.',
  derivative:
    'Score = how many of the works around it (itself, its references, the works citing it) the work cites.',
  'review-finder':
    'Score = how many of the works asked about the work cites (for one work: it and its references; itself left out).',
  'not-cited':
    'Score = references of the review citing the work + times the work is cited together with one of its references (by other works). Works it cites, and works published after it, are left out.',
};

/** The method of `review-finder` over the whole graph (an empty id list). */
const WHOLE_GRAPH_METHOD =
  'Whole graph: score = how many works of the graph the work cites (its references known to the graph); ties go to more citations in the graph. Citations only.';

/** One citation graph per loaded index (built in one pass over the index's arrays). */
const graphs = new WeakMap<LoadedNetwork['index'], CitationGraph>();

/**
 * The seeds' positions in the citation graph and the ids that are not works in it; a 404 refusal
 * when none is. Shared by the related-works and literature-map routes.
 */
export function resolveSeeds(
  g: CitationGraph,
  ids: readonly string[],
): { seeds: number[]; unknown: string[] } | RelatedRefusal {
  const unique = [...new Set(ids)];
  const unknown = unique.filter((id) => g.positionOf(id) === undefined);
  const seeds = unique.map((id) => g.positionOf(id)).filter((u): u is number => u !== undefined);
  if (seeds.length > 0) return { seeds, unknown };
  return {
    status: 404,
    code: 'NOT_FOUND',
    message:
      unique.length === 1
        ? `No work with id "${unique[0]}".`
        : `None of the ${unique.length} ids is a work in the graph.`,
  };
}

/** The citation graph of a loaded index, built once (shared with the literature map). */
export function citationGraph(loaded: LoadedNetwork): CitationGraph {
  let g = graphs.get(loaded.index);
  if (!g) graphs.set(loaded.index, (g = CitationGraph.fromIndex(loaded.index)));
  return g;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const FETCH_HINT =
  'The graph holds only the citations its sources list; `crosstalk fetch --doi <doi>` adds a work’s references and citing works from OpenAlex.';

/** The sentence saying what the answer rests on, or why it is empty. */
function messageOf(
  q: RelatedQuery,
  r: Ranking,
  extra: { later: number; refsWithRefs: number; refsCited: number; citations: number },
): string {
  const b = r.basis;
  if (q.ids.length === 0) {
    const rests = `Rests on the whole graph: ${plural(b.seeds, 'work')} and ${plural(extra.citations, 'citation')} among them (${plural(b.citedBy, 'work')} citing, ${plural(b.references, 'work')} cited).`;
    return r.rows.length > 0
      ? rests
      : `No work in the graph cites another work of the graph. ${rests} ${FETCH_HINT}`;
  }
  const one = q.ids.length === 1;
  const it = one ? 'it' : `the ${b.seeds} works`;
  const its = one ? 'its' : 'their';
  let rests: string;
  let empty: string;
  switch (q.kind) {
    case 'related':
      rests = `Rests on ${plural(b.citedBy, 'work')} citing ${it} and ${plural(b.references, 'reference')} of ${its} known to the graph.`;
      empty = `No work is cited together with ${it}, shares a reference with ${it}, cites ${it} or is cited by ${it}.`;
      break;
    case 'prior':
    case 'derivative':
      rests = `Rests on the ${plural(b.neighbourhood, 'work')} around ${it}: ${one ? 'itself' : 'themselves'}, ${plural(b.references, 'reference')} and ${plural(b.citedBy, 'citing work')}.`;
      empty =
        q.kind === 'prior'
          ? 'None of the works around it cites another work.'
          : 'No work cites any of the works around it.';
      break;
    case 'review-finder':
      rests = one
        ? `Rests on the work and its ${plural(b.seeds - 1, 'reference')} known to the graph.`
        : `Rests on the ${plural(b.seeds, 'work')} asked about.`;
      empty = 'No work in the graph cites any of them.';
      break;
    case 'not-cited':
      rests = `Rests on its ${plural(b.references, 'reference')} known to the graph: ${extra.refsWithRefs} of them ${extra.refsWithRefs === 1 ? 'lists' : 'list'} references of ${extra.refsWithRefs === 1 ? 'its' : 'their'} own, ${extra.refsCited} ${extra.refsCited === 1 ? 'is' : 'are'} cited by other works.`;
      empty =
        b.references === 0
          ? 'The graph knows none of its references, so there is nothing to audit.'
          : 'Its references cite nothing else it left out, and no other work cites them together with a work it left out.';
      if (extra.later > 0)
        rests += ` ${plural(extra.later, 'work')} published after it ${extra.later === 1 ? 'is' : 'are'} left out.`;
      break;
  }
  if (r.rows.length > 0) return rests;
  return `${empty} ${rests} ${FETCH_HINT}`;
}

/** Short descriptions of every work of a loaded dataset, by id. */
export type WorkFacts = Map<string, RelatedWorkRef>;

/** One read of every work per loaded index (a lookup by id list scans the table: 3 s at 100k works on a busy machine). */
const facts = new WeakMap<LoadedNetwork['index'], Promise<WorkFacts>>();

/** Titles, years, journals, first authors and OpenAlex counts of all works, read once per loaded dataset. */
export function workFacts(store: GraphStore, loaded: LoadedNetwork): Promise<WorkFacts> {
  let known = facts.get(loaded.index);
  if (!known) {
    known = readWorkFacts(store);
    facts.set(loaded.index, known);
    // A failed read is forgotten, so the next request tries again.
    known.catch(() => facts.delete(loaded.index));
  }
  return known;
}

async function readWorkFacts(store: GraphStore): Promise<WorkFacts> {
  const out: WorkFacts = new Map();
  await store.stream(
    `MATCH (w:Work) RETURN ${WORK_REF_FIELDS('w')}, w.openalexCitedByCount AS globalCitedBy`,
    (rows: Row[]) => {
      for (const r of rows) {
        const ref = toWorkRef(r);
        if (!ref.id) continue;
        out.set(ref.id, {
          ...ref,
          globalCitedBy: numberOf(r.globalCitedBy),
        });
      }
    },
    { timeoutMs: READ_TIMEOUT_MS },
  );
  return out;
}

/**
 * The answer to one request over a loaded network (exported for tests that compare backends).
 * Ids that are not works are refused; ids the graph does not know are listed in `unknown`.
 */
export async function answerRelated(
  store: GraphStore,
  loaded: LoadedNetwork,
  q: RelatedQuery,
): Promise<RelatedPayload | RelatedRefusal> {
  const bad = q.ids.filter((id) => labelOfId(id) !== 'Work');
  if (bad.length > 0) {
    return {
      status: 400,
      code: 'BAD_REQUEST',
      message: `Only works have citations (ids starting doi:, pmid:, ref: or openalex:); not ${bad
        .slice(0, 3)
        .map((id) => JSON.stringify(id))
        .join(', ')}${bad.length > 3 ? ` and ${bad.length - 3} more` : ''}.`,
    };
  }
  if (q.ids.length === 0 && q.kind !== 'review-finder') {
    return {
      status: 400,
      code: 'BAD_REQUEST',
      message: `An empty id list means the whole graph, which only "review-finder" ranks; "${q.kind}" needs at least one work id.`,
    };
  }
  if (q.kind === 'not-cited' && q.ids.length !== 1) {
    return {
      status: 400,
      code: 'BAD_REQUEST',
      message: '"not-cited" audits one work at a time: send one id.',
    };
  }
  const g = citationGraph(loaded);
  const wholeGraph = q.ids.length === 0;
  const resolved = wholeGraph ? { seeds: [], unknown: [] } : resolveSeeds(g, q.ids);
  if ('status' in resolved) return resolved;
  const { seeds, unknown } = resolved;
  const options = { limit: q.limit, evidenceLimit: EVIDENCE_LIMIT };
  const extra = { later: 0, refsWithRefs: 0, refsCited: 0, citations: 0 };
  let ranking: Ranking;
  switch (q.kind) {
    case 'related':
      ranking = relatedWorks(g, seeds, options);
      break;
    case 'prior':
      ranking = priorWorks(g, seeds, options);
      break;
    case 'derivative':
      ranking = derivativeWorks(g, seeds, options);
      break;
    case 'review-finder':
      // No ids: the whole graph. For one work: the works citing much of what it cites (itself left out).
      if (wholeGraph) {
        ranking = reviewFinderInGraph(g, { ...options, isWork: (u) => labelOfId(g.ids[u]!) === 'Work' });
        for (let u = 0; u < g.order; u++) extra.citations += g.referenceCount(u);
        break;
      }
      ranking =
        seeds.length === 1
          ? reviewFinder(g, [seeds[0]!, ...g.references(seeds[0]!)], {
              ...options,
              isCandidate: (u) => u !== seeds[0],
            })
          : reviewFinder(g, seeds, options);
      break;
    case 'not-cited': {
      const review = seeds[0]!;
      const yearOf = (u: number): number | null => loaded.nodes.get(g.ids[u]!)?.year ?? null;
      const reviewYear = yearOf(review);
      const later = new Set<number>();
      ranking = notCitedBy(g, review, {
        ...options,
        isCandidate: (u) => {
          const y = yearOf(u);
          if (reviewYear === null || y === null || y <= reviewYear) return true;
          later.add(u);
          return false;
        },
      });
      extra.later = later.size;
      for (const r of g.references(review)) {
        if (g.referenceCount(r) > 0) extra.refsWithRefs += 1;
        if (g.citedByCount(r) > 1) extra.refsCited += 1;
      }
      break;
    }
  }
  // Local PageRank: among the works around the seeds and the ranked ones (the whole graph: its works).
  const around = wholeGraph
    ? g.ids.flatMap((id, u) => (labelOfId(id) === 'Work' ? [u] : []))
    : neighbourhood(g, seeds);
  const local = [...new Set([...around, ...ranking.rows.map((r) => r.work)])];
  const pr = local.length <= MAX_PAGERANK_NODES ? pageRank(g, local, { damping: DEFAULT_DAMPING }) : null;
  const prOf = new Map<number, number>(pr ? local.map((u, i) => [u, pr.scores[i]!]) : []);
  const context = {
    seeds: q.kind === 'review-finder' ? ranking.basis.seeds : seeds.length,
    around: ranking.basis.neighbourhood,
    references: ranking.basis.references,
    wholeGraph,
    asked: seeds.length,
  };
  const known = await workFacts(store, loaded);
  const named = new Set<number>(seeds);
  const rows: RelatedRow[] = ranking.rows.map((row, i) => {
    named.add(row.work);
    return {
      id: g.ids[row.work]!,
      rank: i + 1,
      score: row.score,
      citedBy: g.citedByCount(row.work),
      references: g.referenceCount(row.work),
      pageRank: prOf.get(row.work) ?? null,
      evidence: row.evidence.map((e) => {
        for (const w of [...e.works, ...e.by]) named.add(w);
        return {
          kind: e.kind,
          text: describeEvidence(e, context),
          count: e.count,
          strength: e.strength,
          adamicAdar: e.adamicAdar,
          works: e.works.map((w) => g.ids[w]!),
          worksTotal: e.worksTotal,
          by: e.by.map((w) => g.ids[w]!),
          byTotal: e.byTotal,
        };
      }),
    };
  });
  return {
    kind: q.kind,
    seeds: seeds.map((u) => g.ids[u]!),
    unknown,
    rows,
    total: ranking.total,
    limit: q.limit,
    basis: ranking.basis,
    method: wholeGraph ? WHOLE_GRAPH_METHOD : METHODS[q.kind],
    message: messageOf(q, ranking, extra),
    works: Object.fromEntries(
      [...named]
        .sort((a, b) => a - b)
        .flatMap((u) => {
          const w = known.get(g.ids[u]!);
          return w ? [[w.id, w] as const] : [];
        }),
    ),
  };
}

function send(reply: FastifyReply, answer: RelatedPayload | RelatedRefusal): FastifyReply {
  if ('status' in answer) {
    return sendApiError(reply, answer.code, answer.message);
  }
  return reply.send(answer);
}

const KIND_SCHEMA = { type: 'string', enum: [...RELATED_KINDS], default: 'related' } as const;
const LIMIT_SCHEMA = {
  type: 'integer',
  minimum: 1,
  maximum: MAX_RELATED_LIMIT,
  default: DEFAULT_RELATED_LIMIT,
} as const;

/**
 * Validation messages as fastify words them ("querystring/limit must be <= 100"), except that a
 * value outside a list names the list: "querystring/kind must be one of related, prior, …"
 * rather than ajv's "must be equal to one of the allowed values". The server's error handler
 * sends it as a BAD_REQUEST.
 */
export function relatedSchemaError(errors: FastifySchemaValidationError[], dataVar: string): Error {
  return new Error(
    errors
      .map((e) => {
        const allowed = e.keyword === 'enum' ? e.params.allowedValues : undefined;
        const what = Array.isArray(allowed) ? `must be one of ${allowed.join(', ')}` : e.message;
        return `${dataVar}${e.instancePath} ${what}`;
      })
      .join(', '),
  );
}

/** Registers GET /api/related/<id> and POST /api/related. */
export function register(app: FastifyInstance, deps: RelatedRouteDeps): void {
  app.get(
    '/api/related/*',
    {
      schemaErrorFormatter: relatedSchemaError,
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { kind: KIND_SCHEMA, limit: LIMIT_SCHEMA },
        },
      },
    },
    async (request, reply) => {
      const id = ((request.params as { '*'?: string })['*'] ?? '').trim();
      const { kind, limit } = request.query as { kind: RelatedKind; limit: number };
      if (id === '' || id.length > MAX_ID_LENGTH) {
        return send(reply, {
          status: 400,
          code: 'BAD_REQUEST',
          message: `A work id of 1–${MAX_ID_LENGTH} characters is required: /api/related/<id>?kind=${RELATED_KINDS.join('|')}.`,
        });
      }
      return send(reply, await answerRelated(deps.store, await deps.loaded(), { kind, ids: [id], limit }));
    },
  );

  app.post(
    '/api/related',
    {
      schemaErrorFormatter: relatedSchemaError,
      schema: {
        body: {
          type: 'object',
          required: ['ids'],
          additionalProperties: false,
          properties: {
            // No ids: the whole graph, for review-finder (answerRelated refuses other kinds).
            ids: {
              type: 'array',
              maxItems: MAX_RELATED_SEEDS,
              items: { type: 'string', minLength: 1, maxLength: MAX_ID_LENGTH },
            },
            kind: KIND_SCHEMA,
            limit: LIMIT_SCHEMA,
          },
        },
      },
    },
    async (request, reply) => {
      const { ids, kind, limit } = request.body as { ids: string[]; kind: RelatedKind; limit: number };
      const q = { kind, limit, ids: ids.map((id) => id.trim()) };
      return send(reply, await answerRelated(deps.store, await deps.loaded(), q));
    },
  );
}
