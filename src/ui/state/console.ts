/**
 * The Cypher console: the query and its parameters, running it against POST /api/cypher, the
 * example queries and the query history (kept in localStorage).
 */
import { errorMessage } from '../../model/errors';
import { NODE_SCHEMA, REL_SCHEMA } from '../../model/graph-schema';
import { ApiRequestError, api } from '../api/client';
import { parseConsoleInput, parseParamsJson, pushHistory } from '../model/console-commands';
import { engineName, explainCypherError, type SchemaNames } from '../model/cypher-errors';
import { IDLE, failed, loading, ready } from './async';
import { isInNetwork } from './graph';
import { getState, setState } from './store';

const HISTORY_KEY = 'crosstalk-kg:query-history';

function loadHistory(): string[] {
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(HISTORY_KEY);
    const v = raw ? (JSON.parse(raw) as unknown) : [];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function saveHistory(history: string[]): void {
  try {
    if (typeof localStorage !== 'undefined') localStorage.setItem(HISTORY_KEY, JSON.stringify(history));
  } catch {
    // storage full or disabled: history stays in memory only
  }
}

/** Opens or closes the Cypher console; loads the examples and history until the examples are there. */
export async function toggleConsole(open?: boolean): Promise<void> {
  const next = open ?? !getState().consoleOpen;
  setState({ consoleOpen: next });
  const { examples } = getState();
  if (!next || examples.status === 'loading' || (examples.status === 'ready' && examples.data.length > 0))
    return;
  setState({ history: loadHistory(), examples: { status: 'loading' } });
  try {
    setState({ examples: ready(await api.queries()) });
  } catch (e: unknown) {
    setState({ examples: failed(`The example queries could not be loaded: ${errorMessage(e)}`) });
  }
}

/** Opens the console with a query (from a shared link). */
export async function openConsoleWith(query: string): Promise<void> {
  setState({ query });
  await toggleConsole(true);
}

/** Replaces the console's query text. */
export function setQuery(query: string): void {
  setState({ query });
}

/** Replaces the console's parameters (JSON text). */
export function setParamsText(paramsText: string): void {
  setState({ paramsText });
}

let cypherRequest: AbortController | null = null;

/** Property keys of the schema (the same on every backend: src/model/graph-schema.ts). */
const PROPERTY_KEYS = [
  ...new Set([
    ...Object.values(NODE_SCHEMA).flatMap((p) => Object.keys(p)),
    ...Object.values(REL_SCHEMA).flatMap((r) => Object.keys(r.properties)),
  ]),
].sort();

/** The names a query can use: the live labels and types of GET /api/stats, else the schema's. */
export function schemaNames(): SchemaNames {
  const { stats } = getState();
  return {
    labels: stats ? Object.keys(stats.counts.nodes) : Object.keys(NODE_SCHEMA),
    relationshipTypes: stats ? Object.keys(stats.counts.rels) : Object.keys(REL_SCHEMA),
    propertyKeys: PROPERTY_KEYS,
  };
}

/**
 * Runs the console input: a `:param` command updates the parameters; Cypher is sent to
 * POST /api/cypher and the returned works and concepts are highlighted on the network.
 */
export async function runConsole(): Promise<void> {
  // Running replaces the message of examples that failed to load; the next opening tries again.
  if (getState().examples.status === 'error') setState({ examples: IDLE });
  // A new run forgets the last error's explanation (and its mark in the editor).
  setState({ cypherProblem: null });
  const input = parseConsoleInput(getState().query);
  if (input.kind === 'error') {
    setState({ cypher: failed(input.message) });
    return;
  }
  const parsed = parseParamsJson(getState().paramsText);
  if ('error' in parsed) {
    setState({ cypher: failed(parsed.error) });
    return;
  }
  if (input.kind === 'param' || input.kind === 'params') {
    const params =
      input.kind === 'param'
        ? { ...parsed.params, [input.name]: input.value }
        : { ...parsed.params, ...input.values };
    // A command clears an error; a result on show stays.
    setState((s) => ({
      paramsText: JSON.stringify(params, null, 2),
      query: '',
      ...(s.cypher.status === 'error' ? { cypher: IDLE } : {}),
    }));
    return;
  }
  if (input.query === '') {
    setState({ cypher: failed('Type a Cypher query, or pick an example.') });
    return;
  }
  cypherRequest?.abort();
  const controller = new AbortController();
  cypherRequest = controller;
  const history = pushHistory(getState().history, input.query);
  saveHistory(history);
  setState((s) => ({ cypher: loading(s.cypher), history }));
  try {
    const result = await api.cypher(input.query, parsed.params, controller.signal);
    if (controller.signal.aborted) return;
    // Nodes in the result, and node ids returned as plain values (e.g. RETURN w.id).
    const ids = new Set(result.graph.nodes.map((n) => n.id).filter((id) => isInNetwork(id)));
    for (const row of result.rows) {
      for (const v of Object.values(row)) if (typeof v === 'string' && isInNetwork(v)) ids.add(v);
    }
    setState({ cypher: ready(result), cypherProblem: null, highlight: ids.size > 0 ? ids : null });
  } catch (e: unknown) {
    if (controller.signal.aborted) return;
    const problem = explainCypherError(
      {
        code: e instanceof ApiRequestError ? e.code : 'INTERNAL',
        message: errorMessage(e),
        retryAfterSeconds: e instanceof ApiRequestError ? e.retryAfterSeconds : null,
        engine: engineName(getState().stats),
      },
      schemaNames(),
    );
    setState({ cypher: failed(problem.sentence), cypherProblem: problem, highlight: null });
  }
}

/** Removes the query highlight from the network. */
export function clearHighlight(): void {
  setState({ highlight: null });
}
