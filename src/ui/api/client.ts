/** Typed access to the HTTP API. Every failure becomes an ApiRequestError with the server's message. */
import type {
  ApiError,
  CrosstalkPayload,
  CypherResponse,
  DatasetPayload,
  FetchCredentialsSet,
  FetchJobPayload,
  FetchStatusPayload,
  NeighborhoodPayload,
  NetworkNodesPayload,
  NetworkPayload,
  NodeDetail,
  NodeListName,
  NodeListPage,
  PathsPayload,
  RelatedKind,
  RelatedPayload,
  SearchPayload,
  StatsPayload,
} from '../../model/api';
import type { EdgeKind } from '../../model/api';
import type { ExampleQuery } from '../../model/example-queries';
import type { LitMapPayload } from '../../model/litmap';
import type { ConceptMapPayload } from '../../model/concept-map';

/** A failed API request. */
export class ApiRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    /** Seconds from the answer's Retry-After header (429), else null. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

/** Base URL of the API; the same origin in the browser, configurable for tests in Node. */
let base = '';

/** Sets the API origin (tests running outside a browser). */
export function setApiBase(url: string): void {
  base = url.replace(/\/$/, '');
}

async function get<T>(path: string, signal?: AbortSignal, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, {
      signal,
      ...init,
      headers: { accept: 'application/json', ...init.headers },
    });
  } catch (e: unknown) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiRequestError('The server cannot be reached. Is `npm start` still running?', 0, 'NETWORK');
  }
  if (!res.ok) {
    let message = `${res.status} ${res.statusText}`;
    let code = 'HTTP';
    try {
      const body = (await res.json()) as ApiError;
      message = body.error.message;
      code = body.error.code;
    } catch {
      // not a JSON error body
    }
    const retryAfter = Number(res.headers.get('retry-after') ?? NaN);
    throw new ApiRequestError(message, res.status, code, Number.isFinite(retryAfter) ? retryAfter : null);
  }
  return (await res.json()) as T;
}

const enc = encodeURIComponent;

/** The API's calls. */
export const api = {
  graph: (signal?: AbortSignal) => get<NetworkPayload>('/api/graph', signal),
  stats: () => get<StatsPayload>('/api/stats'),
  node: (id: string, signal?: AbortSignal) => get<NodeDetail>(`/api/nodes/${enc(id)}`, signal),
  /** One page of a node's long list (the details hold the first page of each). */
  nodeList: (id: string, list: NodeListName, offset: number, limit: number, signal?: AbortSignal) =>
    get<NodeListPage>(`/api/nodes/${enc(id)}?list=${list}&offset=${offset}&limit=${limit}`, signal),
  search: (q: string, limit = 12, signal?: AbortSignal) =>
    get<SearchPayload>(`/api/search?q=${enc(q)}&limit=${limit}`, signal),
  queries: () => get<ExampleQuery[]>('/api/queries'),
  cypher: (query: string, params: Record<string, unknown>, signal?: AbortSignal) =>
    get<CypherResponse>('/api/cypher', signal, {
      method: 'POST',
      body: JSON.stringify({ query, params }),
      headers: { 'content-type': 'application/json' },
    }),
  paths: (from: string, to: string, via: 'cites' | 'any', directed: boolean, signal?: AbortSignal) =>
    get<PathsPayload>(
      `/api/paths?from=${enc(from)}&to=${enc(to)}&via=${via}&directed=${directed}&limit=20`,
      signal,
    ),
  crosstalk: () => get<CrosstalkPayload>('/api/crosstalk'),
  conceptMap: () => get<ConceptMapPayload>('/api/concept-map'),
  networkNodes: (ids: readonly string[], signal?: AbortSignal) =>
    get<NetworkNodesPayload>('/api/network/nodes', signal, {
      method: 'POST',
      body: JSON.stringify({ ids }),
      headers: { 'content-type': 'application/json' },
    }),
  litmap: (
    body: {
      ids: string[];
      size: number;
      threshold?: number;
      yearMin?: number;
      yearMax?: number;
      unknownYear: boolean;
    },
    signal?: AbortSignal,
  ) =>
    get<LitMapPayload>('/api/litmap', signal, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    }),
  related: (id: string, kind: RelatedKind, limit: number, signal?: AbortSignal) =>
    get<RelatedPayload>(`/api/related/${enc(id)}?kind=${kind}&limit=${limit}`, signal),
  relatedOf: (ids: readonly string[], kind: RelatedKind, limit: number, signal?: AbortSignal) =>
    get<RelatedPayload>('/api/related', signal, {
      method: 'POST',
      body: JSON.stringify({ ids, kind, limit }),
      headers: { 'content-type': 'application/json' },
    }),
  dataset: () => get<DatasetPayload>('/api/dataset'),
  fetchStatus: () => get<FetchStatusPayload>('/api/fetch'),
  fetchJob: (id: string) => get<FetchJobPayload>(`/api/fetch/${enc(id)}`),
  startFetch: (work: string) =>
    get<FetchJobPayload>('/api/fetch', undefined, {
      method: 'POST',
      body: JSON.stringify({ work }),
      headers: { 'content-type': 'application/json' },
    }),
  fetchSettings: (settings: { mailto?: string; apiKey?: string; ncbiApiKey?: string }) =>
    get<FetchCredentialsSet>('/api/fetch/settings', undefined, {
      method: 'PUT',
      body: JSON.stringify(settings),
      headers: { 'content-type': 'application/json' },
    }),
  cancelFetch: (id: string) => get<FetchJobPayload>(`/api/fetch/${enc(id)}`, undefined, { method: 'DELETE' }),
  neighborhood: (id: string, hops: number, kinds?: readonly EdgeKind[]) =>
    get<NeighborhoodPayload>(
      `/api/neighborhood/${enc(id)}?hops=${hops}${kinds && kinds.length > 0 ? `&kinds=${kinds.join(',')}` : ''}`,
    ),
};
