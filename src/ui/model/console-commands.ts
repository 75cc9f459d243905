/**
 * Console input that is not Cypher: Neo4j Browser's `:param name => value` and `:params {…}`
 * commands, and the query history kept in localStorage. Pure parsing, tested without a browser.
 */
import { errorMessage } from '../../model/errors';

/** What a line of console input asks for. */
export type ConsoleInput =
  | { kind: 'cypher'; query: string }
  | { kind: 'param'; name: string; value: unknown }
  | { kind: 'params'; values: Record<string, unknown> }
  | { kind: 'error'; message: string };

function literal(raw: string): unknown {
  const text = raw.trim();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const quoted = /^'(.*)'$/s.exec(text);
    if (quoted) return quoted[1];
    return text;
  }
}

/** Classifies console input: a `:param` command or a Cypher query. */
export function parseConsoleInput(input: string): ConsoleInput {
  const text = input.trim();
  const param = /^:param\s+([A-Za-z_][A-Za-z0-9_]*)\s*=>\s*([\s\S]+)$/.exec(text);
  if (param) return { kind: 'param', name: param[1]!, value: literal(param[2]!) };
  const params = /^:params\s+([\s\S]+)$/.exec(text);
  if (params) {
    const value = literal(params[1]!);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { kind: 'error', message: ':params takes a JSON object, e.g. :params {"year": 2020}' };
    }
    return { kind: 'params', values: value as Record<string, unknown> };
  }
  if (text.startsWith(':')) {
    return {
      kind: 'error',
      message: `Unknown command ${text.split(/\s/)[0]}. Use :param name => value or :params {…}.`,
    };
  }
  return { kind: 'cypher', query: text };
}

/**
 * Parses the parameters box (a JSON object).
 * @returns the parameters, or an error message.
 */
export function parseParamsJson(text: string): { params: Record<string, unknown> } | { error: string } {
  if (text.trim() === '') return { params: {} };
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      return { error: 'Parameters must be a JSON object.' };
    return { params: v as Record<string, unknown> };
  } catch (e: unknown) {
    return { error: `Parameters are not valid JSON: ${errorMessage(e)}` };
  }
}

/** Most recent first, without duplicates, at most `max` entries. */
export function pushHistory(history: readonly string[], query: string, max = 30): string[] {
  return [query, ...history.filter((q) => q !== query)].slice(0, max);
}
