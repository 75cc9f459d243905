/**
 * GET /api/concept-map: the curated crosstalk as the concept map draws it, with every evidence
 * work graded (model/evidence-grade.ts), where each end was found, the outer ring's co-mention
 * links (Jaccard over works) and machine-found abstract sentences naming both ends of a relation.
 * Built by model/concept-map.ts from four reads, once per loaded dataset.
 */
import type { FastifyInstance } from 'fastify';
import { isEtAl } from '../../model/authors';
import {
  buildConceptMap,
  worksNeeded,
  type ConceptMapPayload,
  type ConceptRow,
  type MentionRow,
  type WorkRow,
} from '../../model/concept-map';
import type { MatrixRelation } from '../../model/crosstalk-rule';
import { numberOf, textOf, textsOf, type Row } from '../../model/values';
import type { LoadedNetwork } from '../read-models/graph-reader';
import type { GraphStore } from '../../store/graph-store';

/** What the route reads. */
export interface ConceptMapRouteDeps {
  store: GraphStore;
  /** The loaded dataset (the payload is rebuilt when it changes). */
  loaded: () => Promise<LoadedNetwork>;
}

/** Time limit of each read, in milliseconds (mentions are a whole table on a big graph). */
const READ_TIMEOUT_MS = 60_000;

const built = new WeakMap<LoadedNetwork['index'], Promise<ConceptMapPayload>>();

async function rows(store: GraphStore, cypher: string, params: Record<string, unknown> = {}): Promise<Row[]> {
  const out: Row[] = [];
  await store.stream(cypher, (batch: Row[]) => void out.push(...batch), {
    params,
    timeoutMs: READ_TIMEOUT_MS,
  });
  return out;
}

/** Reads and builds the payload (exported for tests that compare backends). */
export async function readConceptMap(store: GraphStore): Promise<ConceptMapPayload> {
  const concepts: ConceptRow[] = (
    await rows(
      store,
      `MATCH (c:Concept) OPTIONAL MATCH (c)-[:IS_A]->(p:Concept)
       RETURN c.id AS id, c.name AS name, c.category AS category, c.abbreviations AS abbreviations,
              collect(p.id) AS parents`,
    )
  ).map((r) => ({
    id: textOf(r.id) ?? '',
    name: textOf(r.name) ?? '',
    category: textOf(r.category) ?? '',
    parents: textsOf(r.parents).sort(),
    abbreviations: textsOf(r.abbreviations),
  }));
  const relations: MatrixRelation[] = [];
  for (const type of ['SECRETED_BY', 'ACTS_ON'] as const) {
    for (const r of await rows(
      store,
      `MATCH (a:Concept)-[r:${type}]->(b:Concept) RETURN a.id AS source, b.id AS target, r.evidence AS evidence${
        type === 'ACTS_ON' ? ', r.effect AS effect' : ''
      }`,
    )) {
      relations.push({
        type,
        from: textOf(r.source) ?? '',
        to: textOf(r.target) ?? '',
        effect: (textOf(r.effect) as MatrixRelation['effect']) ?? null,
        evidence: textsOf(r.evidence),
      });
    }
  }
  const mentions: MentionRow[] = (
    await rows(
      store,
      `MATCH (w:Work)-[m:MENTIONS]->(c:Concept)
       RETURN w.id AS work, c.id AS concept, m.foundIn AS foundIn, m.matched AS matched`,
    )
  ).map((r) => ({
    work: textOf(r.work) ?? '',
    concept: textOf(r.concept) ?? '',
    foundIn: textsOf(r.foundIn),
    matched: textsOf(r.matched),
  }));
  const ids = worksNeeded(relations, mentions);
  const works: WorkRow[] =
    ids.length === 0
      ? []
      : (
          await rows(
            store,
            `MATCH (w:Work) WHERE w.id IN $ids
             RETURN w.id AS id, w.title AS title, w.year AS year, w.journal AS journal, w.authors AS authors,
                    w.type AS type, w.openalex AS openalex, w.mesh AS mesh, w.abstract AS abstract`,
            { ids },
          )
        ).map((r) => ({
          id: textOf(r.id) ?? '',
          title: textOf(r.title),
          year: numberOf(r.year),
          journal: textOf(r.journal),
          firstAuthor: textsOf(r.authors).filter((a) => !isEtAl(a))[0] ?? null,
          type: textOf(r.type),
          openalex: textOf(r.openalex),
          mesh: textsOf(r.mesh),
          abstract: textOf(r.abstract),
        }));
  return buildConceptMap(concepts, relations, mentions, works);
}

/** Registers GET /api/concept-map. */
export function register(app: FastifyInstance, deps: ConceptMapRouteDeps): void {
  app.get('/api/concept-map', async (): Promise<ConceptMapPayload> => {
    const loaded = await deps.loaded();
    let p = built.get(loaded.index);
    if (!p) {
      p = readConceptMap(deps.store);
      built.set(loaded.index, p);
      // A failed read is forgotten, so the next request tries again.
      p.catch(() => built.delete(loaded.index));
    }
    return p;
  });
}
