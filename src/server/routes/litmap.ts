/**
 * The literature map's data: GET /api/litmap/<work id>?size=&threshold=&yearMin=&yearMax=&unknownYear=
 * and POST /api/litmap `{ids, size, threshold, yearMin, yearMax, unknownYear}` for a selection.
 * Works, similarity links, clusters and their labels come from src/model/litmap.ts (rules there),
 * over the network index, so both backends answer the same; titles and first authors come from
 * the same one read of every work as the related-works answers. The browser lays the map out.
 *
 * The year filters leave works out of the map (never the seeds), so a map keeps the main view's
 * filters. Bounds: at most {@link MAX_RELATED_SEEDS} ids and {@link MAX_MAP_SIZE} works; 400 for a
 * bad id, size or threshold, 404 when no id is a work of the graph. Registered by ./related.ts.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { labelOfId } from '../../model/ids';
import {
  DEFAULT_LINKS_PER_WORK,
  DEFAULT_MAP_SIZE,
  DEFAULT_MAP_THRESHOLD,
  LABEL_CONCEPTS,
  MAX_LABEL_CONCEPTS,
  MAX_MAP_SIZE,
  MAX_MAP_THRESHOLD,
  MIN_CLUSTER_SIZE,
  MIN_MAP_THRESHOLD,
  SHARED_FRACTION,
  literatureMap,
  mentionsFromIndex,
  type ConceptMentions,
  type LitMapPayload,
} from '../../model/litmap';
import type { GraphStore } from '../../store/graph-store';
import { sendApiError } from '../http-errors';
import type { LoadedNetwork } from '../read-models/graph-reader';
import { MAX_RELATED_SEEDS, citationGraph, resolveSeeds, workFacts, type RelatedRefusal } from './related';

const MAX_ID_LENGTH = 500;

/** A map request, validated by the route's schema. */
export interface LitMapQuery {
  ids: string[];
  size: number;
  threshold: number;
  yearMin: number | null;
  yearMax: number | null;
  /** Whether works without a year stay in the map. */
  unknownYear: boolean;
}

const METHOD =
  `Works: the works asked about and their best related works (co-citation strength + coupling strength + 0.1 for a direct citation). ` +
  `Links: pairs whose co-citation strength + coupling strength (works citing both / √(citations of each) + shared references / √(references of each)) reaches the threshold; the citations of the works asked about do not count. ` +
  `Drawn: each work's ${DEFAULT_LINKS_PER_WORK} strongest links (a link stays when it is among the strongest of either work). ` +
  `Clusters: Louvain communities of the drawn links (seeded), at least ${MIN_CLUSTER_SIZE} works. ` +
  `Labels: the ${LABEL_CONCEPTS} concepts shared by a cluster (mentioned by at least max(2, ${SHARED_FRACTION * 100}% of its works)) that most set it apart: highest lift, i.e. (share of the cluster's works mentioning it) ÷ (share of the works of all clusters mentioning it); ties: fewest works of the whole graph mentioning them first. ` +
  `Clusters that would get the same label add their next shared concept (up to ${MAX_LABEL_CONCEPTS}); those still alike list each other in \`alike\` (the explorer says "like N others").`;

const mentionsByIndex = new WeakMap<LoadedNetwork['index'], ConceptMentions>();

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The map for one request over a loaded network (exported for tests that compare backends). */
export async function answerLitMap(
  store: GraphStore,
  loaded: LoadedNetwork,
  q: LitMapQuery,
): Promise<LitMapPayload | RelatedRefusal> {
  const bad = q.ids.filter((id) => labelOfId(id) !== 'Work');
  if (bad.length > 0) {
    return {
      status: 400,
      code: 'BAD_REQUEST',
      message: `A literature map is drawn around works (ids starting doi:, pmid:, ref: or openalex:); not ${bad
        .slice(0, 3)
        .map((id) => JSON.stringify(id))
        .join(', ')}${bad.length > 3 ? ` and ${bad.length - 3} more` : ''}.`,
    };
  }
  if (q.yearMin !== null && q.yearMax !== null && q.yearMin > q.yearMax) {
    return {
      status: 400,
      code: 'BAD_REQUEST',
      message: `yearMin ${q.yearMin} is after yearMax ${q.yearMax}.`,
    };
  }
  const g = citationGraph(loaded);
  let mentions = mentionsByIndex.get(loaded.index);
  if (!mentions) mentionsByIndex.set(loaded.index, (mentions = mentionsFromIndex(loaded.index)));
  const resolved = resolveSeeds(g, q.ids);
  if ('status' in resolved) return resolved;
  const { seeds, unknown } = resolved;
  const yearOf = (u: number): number | null => loaded.nodes.get(g.ids[u]!)?.year ?? null;
  let filteredOut = 0;
  const filtered = q.yearMin !== null || q.yearMax !== null || !q.unknownYear;
  const isCandidate = (u: number): boolean => {
    const y = yearOf(u);
    const ok =
      y === null
        ? q.unknownYear
        : (q.yearMin === null || y >= q.yearMin) && (q.yearMax === null || y <= q.yearMax);
    if (!ok) filteredOut += 1;
    return ok;
  };
  const map = literatureMap(g, mentions, seeds, {
    size: q.size,
    threshold: q.threshold,
    linksPerWork: DEFAULT_LINKS_PER_WORK,
    ...(filtered ? { isCandidate } : {}),
  });
  const known = await workFacts(store, loaded);
  const isSeed = new Set(seeds);
  const works = map.works.map((u, i) => {
    const id = g.ids[u]!;
    const w = known.get(id);
    return {
      id,
      title: w?.title ?? loaded.nodes.get(id)?.label ?? null,
      year: w?.year ?? yearOf(u),
      journal: w?.journal ?? null,
      firstAuthor: w?.firstAuthor ?? null,
      citedBy: g.citedByCount(u),
      references: g.referenceCount(u),
      isSeed: isSeed.has(u),
      score: map.scores[i] ?? null,
      cluster: map.clusterOf[i] ?? null,
    };
  });
  const clusters = map.clusters.map((c) => {
    const nameOf = (u: number): string => {
      const id = g.ids[u]!;
      return loaded.nodes.get(id)?.label ?? id;
    };
    const concepts = c.shared.map((s) => ({
      id: g.ids[s.concept]!,
      label: nameOf(s.concept),
      documentFrequency: s.documentFrequency,
      inCluster: s.inCluster,
      inMap: s.inMap,
      lift: s.lift,
    }));
    const named = c.label.map(nameOf).join(' · ');
    return { id: c.id, size: c.works.length, label: named === '' ? null : named, alike: c.alike, concepts };
  });
  const one = seeds.length === 1;
  const it = one ? 'it' : `the ${seeds.length} works`;
  const related = map.works.length - seeds.length;
  // Thinned links say so: the count shown is the count drawn, with how many reach the threshold.
  const linkNote =
    map.links.length < map.linksAbove
      ? `${plural(map.links.length, 'link')} of similarity ≥ ${q.threshold} drawn (the ${DEFAULT_LINKS_PER_WORK} strongest of each work; ${map.linksAbove} in all)`
      : `${plural(map.links.length, 'link')} of similarity ≥ ${q.threshold}`;
  const filterNote =
    filtered && filteredOut > 0 ? ` The year filters left ${plural(filteredOut, 'work')} out.` : '';
  const message =
    related === 0
      ? `No work is cited together with ${it}, shares a reference with ${it}, cites ${it} or is cited by ${it}, so the map has nothing around ${it}.${filterNote} \`crosstalk fetch --doi <doi>\` adds a work’s references and citing works from OpenAlex.`
      : `${plural(map.works.length, 'work')}: ${one ? 'it' : `${seeds.length} asked about`} and the best ${related} of ${plural(map.candidates, 'related work')}; ${linkNote}; ${plural(map.clusters.length, 'cluster')}.${filterNote}`;
  return {
    seeds: seeds.map((u) => g.ids[u]!),
    unknown,
    size: q.size,
    threshold: q.threshold,
    linksPerWork: DEFAULT_LINKS_PER_WORK,
    linksAbove: map.linksAbove,
    candidates: map.candidates,
    works,
    links: map.links.map((l) => ({
      source: g.ids[l.a]!,
      target: g.ids[l.b]!,
      similarity: l.similarity,
      coCitations: l.coCitations,
      sharedReferences: l.sharedReferences,
    })),
    clusters,
    method: METHOD,
    message,
  };
}

function send(reply: FastifyReply, answer: LitMapPayload | RelatedRefusal): FastifyReply {
  if ('status' in answer) return sendApiError(reply, answer.code, answer.message);
  return reply.send(answer);
}

const OPTION_PROPERTIES = {
  size: { type: 'integer', minimum: 1, maximum: MAX_MAP_SIZE, default: DEFAULT_MAP_SIZE },
  threshold: {
    type: 'number',
    minimum: MIN_MAP_THRESHOLD,
    maximum: MAX_MAP_THRESHOLD,
    default: DEFAULT_MAP_THRESHOLD,
  },
  yearMin: { type: 'integer', minimum: 0, maximum: 9999 },
  yearMax: { type: 'integer', minimum: 0, maximum: 9999 },
  unknownYear: { type: 'boolean', default: true },
} as const;

type Options = Omit<LitMapQuery, 'ids' | 'yearMin' | 'yearMax'> & { yearMin?: number; yearMax?: number };

const queryOf = (ids: string[], o: Options): LitMapQuery => ({
  ids,
  size: o.size,
  threshold: o.threshold,
  yearMin: o.yearMin ?? null,
  yearMax: o.yearMax ?? null,
  unknownYear: o.unknownYear,
});

/** Registers GET /api/litmap/<id> and POST /api/litmap. */
export function register(
  app: FastifyInstance,
  deps: { store: GraphStore; loaded: () => Promise<LoadedNetwork> },
): void {
  app.get(
    '/api/litmap/*',
    {
      schema: { querystring: { type: 'object', additionalProperties: false, properties: OPTION_PROPERTIES } },
    },
    async (request, reply) => {
      const id = ((request.params as { '*'?: string })['*'] ?? '').trim();
      if (id === '' || id.length > MAX_ID_LENGTH) {
        return sendApiError(
          reply,
          'BAD_REQUEST',
          `A work id of 1–${MAX_ID_LENGTH} characters is required: /api/litmap/<id>?size=1–${MAX_MAP_SIZE}.`,
        );
      }
      const q = queryOf([id], request.query as Options);
      return send(reply, await answerLitMap(deps.store, await deps.loaded(), q));
    },
  );

  app.post(
    '/api/litmap',
    {
      schema: {
        body: {
          type: 'object',
          required: ['ids'],
          additionalProperties: false,
          properties: {
            ids: {
              type: 'array',
              minItems: 1,
              maxItems: MAX_RELATED_SEEDS,
              items: { type: 'string', minLength: 1, maxLength: MAX_ID_LENGTH },
            },
            ...OPTION_PROPERTIES,
          },
        },
      },
    },
    async (request, reply) => {
      const body = request.body as Options & { ids: string[] };
      const q = queryOf(
        body.ids.map((id) => id.trim()),
        body,
      );
      return send(reply, await answerLitMap(deps.store, await deps.loaded(), q));
    },
  );
}
