/**
 * The query guard: refuses what a read-only engine does not stop, before a user's Cypher reaches
 * either backend. Both the HTTP API (POST /api/cypher) and `crosstalk query` call it.
 *
 * Writes themselves (CREATE, MERGE, SET, DELETE, REMOVE …) are left to the engine, which runs every
 * query read-only (Kuzu: a read-only Database; Neo4j: READ access mode). The guard refuses what a
 * read-only engine still allows: reading local files or URLs (`LOAD CSV`, Kuzu `LOAD FROM`, `COPY`),
 * extensions (`INSTALL`, `LOAD EXTENSION`), `EXPORT`/`IMPORT DATABASE`, `ATTACH`/`DETACH` of
 * databases, changing settings (Kuzu `CALL threads=…`), administration (`SHOW`, `USE`, `GRANT` …),
 * schema commands, procedures outside an allowlist, transaction control and multiple statements.
 *
 * It decides from tokens, never from a regular expression over the raw text: a small Cypher lexer
 * skips string literals, backtick-quoted names and comments, decodes `\uXXXX` escapes outside
 * strings, and keywords are only looked at where they can start a clause (not after `.`, `:` or
 * `AS`, and not before `:` or `.`). It is deliberately conservative: a variable named like a refused
 * keyword (e.g. `copy`) is refused too; quote it with backticks.
 */
import { QueryError } from '../model/errors';

/** Longest query accepted, in characters. */
export const MAX_QUERY_LENGTH = 20_000;

/** Largest accepted JSON size of the parameters, in characters. */
export const MAX_PARAMS_LENGTH = 100_000;

/**
 * Procedures a query may CALL, lower-case: read-only schema and search procedures of Kuzu
 * (`show_tables` …) and Neo4j (`db.labels` …). Everything else (dbms.*, apoc.*, settings) is refused.
 */
export const ALLOWED_PROCEDURES: ReadonlySet<string> = new Set([
  // Kuzu
  'show_tables',
  'table_info',
  'show_connection',
  'db_version',
  // Neo4j
  'db.labels',
  'db.relationshiptypes',
  'db.propertykeys',
  'db.schema.visualization',
  'db.schema.nodetypeproperties',
  'db.schema.reltypeproperties',
  'db.index.fulltext.querynodes',
  'db.index.fulltext.queryrelationships',
]);

/** Namespaces whose functions and procedures are never run (administration, plugins). */
const FORBIDDEN_NAMESPACES = new Set(['apoc', 'dbms', 'gds', 'genai']);

/** A token of a Cypher query. */
export interface CypherToken {
  /** `word`: keyword or name; `name`: backtick-quoted name; `param`: `$name`. */
  kind: 'word' | 'name' | 'string' | 'number' | 'param' | 'punct';
  /** The text: upper-case for words, decoded for names and strings, the character(s) for punctuation. */
  text: string;
  /** Offset of the token in the query. */
  offset: number;
}

const isWordStart = (c: string): boolean => /[\p{L}_]/u.test(c);
const isWordPart = (c: string): boolean => /[\p{L}\p{N}_]/u.test(c);
const isSpace = (c: string): boolean => /[\s\p{Zs}\u200b\ufeff]/u.test(c);

function refuse(what: string, why: string): QueryError {
  return new QueryError(`Refused: ${what}. ${why}`, { code: 'REFUSED' });
}

/** Reads `\uXXXX` (or `\UXXXXXXXX`) at `i`; null when there is no such escape. */
function unicodeEscape(q: string, i: number): { char: string; length: number } | null {
  if (q[i] !== '\\') return null;
  const m = /^\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))/.exec(q.slice(i, i + 10));
  if (!m) return null;
  const code = parseInt(m[1] ?? m[2] ?? '', 16);
  if (code > 0x10ffff) return null;
  return { char: String.fromCodePoint(code), length: m[0].length };
}

/**
 * Splits a query into tokens, dropping whitespace and comments.
 * @throws QueryError (REFUSED) for an unterminated string, name or comment.
 */
export function tokenize(q: string): CypherToken[] {
  const tokens: CypherToken[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i] ?? '';
    const next = q[i + 1] ?? '';
    if (isSpace(c)) {
      i++;
    } else if (c === '/' && next === '/') {
      while (i < q.length && q[i] !== '\n' && q[i] !== '\r') i++;
    } else if (c === '/' && next === '*') {
      const end = q.indexOf('*/', i + 2);
      if (end < 0) throw refuse('an unterminated /* comment', 'Close it with */.');
      i = end + 2;
    } else if (c === "'" || c === '"') {
      const start = i;
      let text = '';
      i++;
      for (;;) {
        if (i >= q.length) throw refuse('an unterminated string', `Close the string started at ${start}.`);
        const ch = q[i] ?? '';
        if (ch === '\\') {
          text += q[i + 1] ?? '';
          i += 2;
        } else if (ch === c) {
          i++;
          break;
        } else {
          text += ch;
          i++;
        }
      }
      tokens.push({ kind: 'string', text, offset: start });
    } else if (c === '`') {
      const start = i;
      let text = '';
      i++;
      for (;;) {
        if (i >= q.length) throw refuse('an unterminated `name`', `Close the name started at ${start}.`);
        if (q[i] === '`' && q[i + 1] === '`') {
          text += '`';
          i += 2;
        } else if (q[i] === '`') {
          i++;
          break;
        } else {
          text += q[i] ?? '';
          i++;
        }
      }
      tokens.push({ kind: 'name', text, offset: start });
    } else if (isWordStart(c) || (unicodeEscape(q, i) !== null && isWordStart(unicodeEscape(q, i)!.char))) {
      const start = i;
      let text = '';
      for (;;) {
        const esc = unicodeEscape(q, i);
        if (esc && isWordPart(esc.char)) {
          text += esc.char;
          i += esc.length;
        } else if (i < q.length && isWordPart(q[i] ?? '')) {
          text += q[i];
          i++;
        } else break;
      }
      tokens.push({ kind: 'word', text: text.toUpperCase(), offset: start });
    } else if (c === '$') {
      const start = i;
      i++;
      let text = '';
      if (q[i] === '`') {
        const end = q.indexOf('`', i + 1);
        text = end < 0 ? q.slice(i + 1) : q.slice(i + 1, end);
        i = end < 0 ? q.length : end + 1;
      } else {
        while (i < q.length && isWordPart(q[i] ?? '')) text += q[i++];
      }
      tokens.push({ kind: 'param', text, offset: start });
    } else if (/[0-9]/.test(c)) {
      const start = i;
      while (i < q.length && /[0-9A-Za-z_.]/.test(q[i] ?? '')) {
        if (q[i] === '.' && !/[0-9]/.test(q[i + 1] ?? '')) break;
        i++;
      }
      tokens.push({ kind: 'number', text: q.slice(start, i), offset: start });
    } else {
      tokens.push({ kind: 'punct', text: c, offset: i });
      i++;
    }
  }
  return tokens;
}

/** Keywords refused wherever they can start a clause, with why. */
const REFUSED_KEYWORDS: ReadonlyMap<string, string> = new Map([
  ['LOAD', 'LOAD CSV / LOAD FROM / LOAD EXTENSION read files, URLs or extensions from the server.'],
  ['COPY', 'COPY reads or writes files on the server.'],
  ['INSTALL', 'Installing extensions is not allowed.'],
  ['UNINSTALL', 'Changing extensions is not allowed.'],
  ['EXPORT', 'EXPORT DATABASE writes files on the server.'],
  ['IMPORT', 'IMPORT DATABASE reads files on the server.'],
  ['ATTACH', 'Attaching other databases is not allowed.'],
  ['USE', 'Switching databases or graphs is not allowed.'],
  ['SHOW', 'Administration commands (SHOW …) are not allowed; use CALL db.labels() and the like.'],
  ['GRANT', 'Administration commands are not allowed.'],
  ['REVOKE', 'Administration commands are not allowed.'],
  ['DENY', 'Administration commands are not allowed.'],
  ['TERMINATE', 'Administration commands are not allowed.'],
  ['DROP', 'Schema and administration commands are not allowed.'],
  ['ALTER', 'Schema and administration commands are not allowed.'],
  ['RENAME', 'Schema and administration commands are not allowed.'],
  ['CHECKPOINT', 'Transaction control is not allowed.'],
  ['COMMIT', 'Transaction control is not allowed.'],
  ['ROLLBACK', 'Transaction control is not allowed.'],
]);

/**
 * True when the word at `i` is used as a name (property, label, alias, map key, a variable whose
 * property is read), not a keyword.
 */
function isNamePosition(tokens: readonly CypherToken[], i: number): boolean {
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  if (prev?.kind === 'punct' && (prev.text === '.' || prev.text === ':')) return true;
  if (prev?.kind === 'word' && prev.text === 'AS') return true;
  if (next?.kind === 'punct' && (next.text === ':' || next.text === '.')) return true;
  return false;
}

const isPunct = (t: CypherToken | undefined, text: string): boolean => t?.kind === 'punct' && t.text === text;
const isWord = (t: CypherToken | undefined, text?: string): boolean =>
  t?.kind === 'word' && (text === undefined || t.text === text);

/** Reads a dotted procedure name starting at `i`: its lower-case text and the index after it. */
function dottedName(tokens: readonly CypherToken[], i: number): { name: string; end: number } {
  const parts: string[] = [];
  let j = i;
  for (;;) {
    const t = tokens[j];
    if (!t || (t.kind !== 'word' && t.kind !== 'name')) break;
    parts.push(t.text.toLowerCase());
    j++;
    if (!isPunct(tokens[j], '.')) break;
    j++;
  }
  return { name: parts.join('.'), end: j };
}

/**
 * Refuses a query that a read-only engine would still let through (see the module comment).
 * Returns normally for a query that may run; the engine then enforces read-only.
 * @throws QueryError with code REFUSED, saying what was refused and why.
 */
export function checkReadQuery(cypher: string, params: Record<string, unknown> = {}): void {
  if (cypher.length > MAX_QUERY_LENGTH) {
    throw refuse(
      `a query of ${cypher.length} characters`,
      `Queries may have at most ${MAX_QUERY_LENGTH} characters.`,
    );
  }
  let paramsJson: string;
  try {
    paramsJson = JSON.stringify(params) ?? '';
  } catch {
    throw refuse('parameters that are not JSON values', 'Send parameters as a JSON object.');
  }
  if (paramsJson.length > MAX_PARAMS_LENGTH) {
    throw refuse(
      `parameters of ${paramsJson.length} characters`,
      `Parameters may have at most ${MAX_PARAMS_LENGTH} characters of JSON.`,
    );
  }
  const tokens = tokenize(cypher);
  if (tokens.length === 0) throw refuse('an empty query', 'Write one Cypher statement.');
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (isPunct(t, ';')) {
      if (i < tokens.length - 1) {
        throw refuse('multiple statements', 'Run one statement per query (a single trailing ; is fine).');
      }
      continue;
    }
    if (t.kind !== 'word') continue;
    const next = tokens[i + 1];
    if (
      FORBIDDEN_NAMESPACES.has(t.text.toLowerCase()) &&
      isPunct(next, '.') &&
      !isPunct(tokens[i - 1], '.')
    ) {
      throw refuse(
        `${t.text.toLowerCase()}.* procedures and functions`,
        'Administration and plugin procedures are not allowed.',
      );
    }
    if (isNamePosition(tokens, i)) continue;
    const why = REFUSED_KEYWORDS.get(t.text);
    if (why) throw refuse(t.text, why);
    switch (t.text) {
      case 'DETACH':
        // DETACH DELETE is a write the engine rejects; DETACH <database> is refused here.
        if (!isWord(next, 'DELETE')) throw refuse('DETACH', 'Detaching databases is not allowed.');
        break;
      case 'START':
      case 'STOP':
        if (isWord(next, 'DATABASE'))
          throw refuse(`${t.text} DATABASE`, 'Administration commands are not allowed.');
        break;
      case 'BEGIN':
        if (isWord(next, 'TRANSACTION'))
          throw refuse('BEGIN TRANSACTION', 'Transaction control is not allowed.');
        break;
      case 'CREATE': {
        // CREATE (…) is a write the engine rejects; CREATE <word> is schema or administration
        // (CREATE INDEX, CREATE NODE TABLE, CREATE USER, CREATE MACRO …), except a path `CREATE p = (…)`.
        if ((next?.kind === 'word' || next?.kind === 'name') && !isPunct(tokens[i + 2], '=')) {
          throw refuse(`CREATE ${next.text}`, 'Schema and administration commands are not allowed.');
        }
        break;
      }
      case 'CALL': {
        // CALL { … } and CALL (x) { … } are subqueries: their contents are checked like the rest.
        if (isPunct(next, '{') || isPunct(next, '(')) break;
        const { name, end } = dottedName(tokens, i + 1);
        if (isPunct(tokens[end], '=')) {
          throw refuse(`CALL ${name}=…`, 'Changing settings is not allowed.');
        }
        if (!ALLOWED_PROCEDURES.has(name)) {
          throw refuse(
            `CALL ${name || '(no procedure)'}`,
            `Only these procedures may be called: ${[...ALLOWED_PROCEDURES].join(', ')}.`,
          );
        }
        break;
      }
      default:
        break;
    }
  }
}
