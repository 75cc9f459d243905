/**
 * Guards for query parameters that crash Kuzu 0.11.3: an empty list passed as a parameter
 * (`w.id IN $ids` with `ids = []`) segfaults the process, and an empty list nested in a map or
 * list parameter does too or fails with an internal error. Top-level empty lists are inlined as
 * the literal `[]` (which the engine handles); nested ones are refused with a clear message.
 */
import { QueryError } from '../../model/errors';

function hasNestedEmptyList(v: unknown, depth: number): boolean {
  if (Array.isArray(v)) {
    if (v.length === 0) return depth > 0;
    return v.some((x) => hasNestedEmptyList(x, depth + 1));
  }
  if (typeof v === 'object' && v !== null && !(v instanceof Date)) {
    return Object.values(v).some((x) => hasNestedEmptyList(x, depth + 1));
  }
  return false;
}

/**
 * Replaces `$name` with `[]` for each name in `names`, outside string literals, backtick
 * identifiers and comments.
 */
export function inlineParams(cypher: string, names: ReadonlySet<string>): string {
  let out = '';
  let i = 0;
  const n = cypher.length;
  while (i < n) {
    const c = cypher[i]!;
    const next = cypher[i + 1];
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < n && cypher[j] !== c) j += cypher[j] === '\\' && c !== '`' ? 2 : 1;
      out += cypher.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && next === '/') {
      const j = cypher.indexOf('\n', i);
      const end = j === -1 ? n : j;
      out += cypher.slice(i, end);
      i = end;
    } else if (c === '/' && next === '*') {
      const j = cypher.indexOf('*/', i + 2);
      const end = j === -1 ? n : j + 2;
      out += cypher.slice(i, end);
      i = end;
    } else if (c === '$') {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(cypher.slice(i + 1));
      if (m && names.has(m[0])) {
        out += '[]';
        i += 1 + m[0].length;
      } else {
        out += c;
        i += 1;
      }
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

/**
 * Makes parameters safe for the embedded engine.
 * @throws QueryError (code QUERY) for an empty list nested inside a parameter.
 */
export function safeParams(
  cypher: string,
  params: Record<string, unknown>,
): { cypher: string; params: Record<string, unknown> } {
  const empty = new Set<string>();
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v) && v.length === 0) empty.add(k);
    else if (hasNestedEmptyList(v, 0)) {
      throw new QueryError(
        `Parameter $${k} contains an empty list inside a list or map, which the embedded engine (Kuzu) cannot handle. Leave the empty list out or pass it as its own parameter.`,
      );
    } else rest[k] = v;
  }
  if (empty.size === 0) return { cypher, params };
  return { cypher: inlineParams(cypher, empty), params: rest };
}
