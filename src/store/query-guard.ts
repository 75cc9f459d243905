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
 *
 * Over 400 lines on purpose: the lexer and the clause rules it feeds are one algorithm, read top to
 * bottom; the plan check (plan-guard.ts) is apart.
 */
import { QueryError } from '../model/errors';
import type { GraphStore } from './graph-store';
import { ALLOWED_PROCEDURES, checkPlan } from './plan-guard';

export { ALLOWED_PROCEDURES };

/** Longest query accepted, in characters. */
export const MAX_QUERY_LENGTH = 20_000;

/** Largest accepted JSON size of the parameters, in characters. */
export const MAX_PARAMS_LENGTH = 100_000;

/**
 * Deepest nesting of lists and maps in a parameter (`{a: [1]}` is 2 deep). Kuzu converts nested
 * parameters on the calling thread: a map 400 deep froze the server for 11 s, 1,000 deep for good.
 */
export const MAX_PARAMS_DEPTH = 8;

/** Most values (lists, maps, scalars: every element counts) in all parameters together. */
export const MAX_PARAMS_ELEMENTS = 10_000;

/** Longest string (or map key) in a parameter, in characters. */
export const MAX_PARAM_STRING_LENGTH = 10_000;

/** Longest parameter name, in characters. */
export const MAX_PARAM_NAME_LENGTH = 100;

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
  /** Set on a word that directly follows a number or a `$1` parameter, with no space between. */
  glued?: boolean;
}

/*
 * Character classes. A word is read as narrowly as both engines read a name (Kuzu: ID_Start/Pc then
 * ID_Continue/Sc; Neo4j: Java identifier characters), so the guard never joins into one word what
 * an engine reads as two tokens; where the engines read a longer name than the guard (a currency
 * sign inside a name, `‿LOAD`), the guard sees more words than the engine, which can only refuse
 * more. Whitespace is the union of both engines' whitespace (Kuzu also skips U+001C-U+001F, U+180E).
 */
const isWordStart = (c: string): boolean => /[\p{L}\p{Nl}_]/u.test(c);
const isWordPart = (c: string): boolean => /[\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}]/u.test(c);
const isSpace = (c: string): boolean =>
  /[\s\p{Zs}\u180e\u200b\ufeff]/u.test(c) || (c >= '\u001c' && c <= '\u001f');
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

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
 * The end of the number literal that starts at `i`: the longest form either engine reads as one
 * number, and never a letter beyond it. Decimal digits (Neo4j allows `_` between digits), a
 * fraction `.5`, an exponent `e`/`E` with an optional sign and digits (Kuzu: `-` only), Neo4j's hex
 * `0x1F` and octal `0o17`. Kuzu reads `1LOAD` as `1` then `LOAD`, so a number takes only its own
 * characters; what follows is the next token (a word there is marked `glued`).
 */
function numberEnd(q: string, start: number): number {
  let i = start;
  const digits = (ok: (c: string | undefined) => boolean): void => {
    while (ok(q[i]) || (q[i] === '_' && ok(q[i + 1]) && i > start && ok(q[i - 1]))) i++;
  };
  const isHex = (c: string | undefined): boolean => c !== undefined && /[0-9a-fA-F]/.test(c);
  const isOct = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '7';
  if (q[i] === '0' && (q[i + 1] === 'x' || q[i + 1] === 'X') && isHex(q[i + 2])) {
    i += 2;
    digits(isHex);
    return i;
  }
  if (q[i] === '0' && q[i + 1] === 'o' && isOct(q[i + 2])) {
    i += 2;
    digits(isOct);
    return i;
  }
  digits(isDigit);
  if (q[i] === '.' && isDigit(q[i + 1])) {
    i++;
    digits(isDigit);
  }
  if (q[i] === 'e' || q[i] === 'E') {
    const sign = q[i + 1] === '-' || q[i + 1] === '+' ? 1 : 0;
    if (isDigit(q[i + 1 + sign])) {
      i += 1 + sign;
      digits(isDigit);
    }
  }
  return i;
}

/**
 * Splits a query into tokens, dropping whitespace and comments. A number or a `$1` parameter takes
 * only its own characters, as Kuzu reads them: `1LOAD` is `1` then the word `LOAD` (marked
 * `glued`), `$1CALL` is `$1` then `CALL`.
 * @throws QueryError (REFUSED) for an unterminated string, name or comment.
 */
export function tokenize(q: string): CypherToken[] {
  const tokens: CypherToken[] = [];
  let i = 0;
  /** Where the last number or `$1` parameter ended: a word starting there is glued to it. */
  let gluedAt = -1;
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
      const word: CypherToken = { kind: 'word', text: text.toUpperCase(), offset: start };
      if (start === gluedAt) word.glued = true;
      tokens.push(word);
    } else if (c === '$') {
      const start = i;
      i++;
      let text = '';
      if (q[i] === '`') {
        const end = q.indexOf('`', i + 1);
        if (end < 0) throw refuse('an unterminated `name`', `Close the name started at ${i}.`);
        text = q.slice(i + 1, end);
        i = end + 1;
      } else if (isDigit(q[i])) {
        // `$1`: after `$` a digit starts a parameter named by digits only (Kuzu reads `$1LOAD` as
        // `$1` then `LOAD`), and a name glued to it is refused like one glued to a number.
        while (isDigit(q[i])) text += q[i++];
        gluedAt = i;
      } else {
        while (i < q.length && isWordPart(q[i] ?? '')) text += q[i++];
      }
      tokens.push({ kind: 'param', text, offset: start });
    } else if (isDigit(c) || (c === '.' && isDigit(next))) {
      const start = i;
      i = numberEnd(q, i);
      gluedAt = i;
      tokens.push({ kind: 'number', text: q.slice(start, i), offset: start });
    } else if (c === '.' && next === '.') {
      // `..` of a range or slice is one token: the word after it is not a property name.
      tokens.push({ kind: 'punct', text: '..', offset: i });
      i += 2;
    } else {
      tokens.push({ kind: 'punct', text: c, offset: i });
      i++;
    }
  }
  return tokens;
}

/** A lone UTF-16 surrogate (with the `u` flag a valid pair is one code point and does not match). */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** A parameter name as both engines accept it after `$`: a name, or digits only. */
const PARAM_NAME = /^(?:[\p{L}_][\p{L}\p{Nd}_]*|[0-9]+)$/u;

function badParams(message: string): QueryError {
  return new QueryError(`Bad parameters: ${message}`, { code: 'BAD_PARAMS' });
}

/** `$p`, `$p.key`, `$p[3]`: where a value stands in the parameters, for messages. */
function paramPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return /^[\p{L}_][\p{L}\p{Nd}_]*$/u.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/**
 * Checks query parameters before they reach an engine: JSON values only (null, booleans, finite
 * numbers, strings, lists, plain objects), names that can follow `$`, at most
 * {@link MAX_PARAMS_DEPTH} levels of lists and maps, {@link MAX_PARAMS_ELEMENTS} values,
 * {@link MAX_PARAM_STRING_LENGTH} characters per string or key and {@link MAX_PARAMS_LENGTH}
 * characters of JSON in all, and valid Unicode. The walk is iterative and stops at the first
 * problem, so its cost is bounded by the limits, never by the input.
 * @throws QueryError with code BAD_PARAMS naming the limit and the parameter path (`$p.a[3]`).
 */
export function validateParams(params: unknown): void {
  if (typeof params !== 'object' || params === null || Array.isArray(params) || !isPlainObject(params)) {
    throw badParams('parameters must be a JSON object mapping names to values.');
  }
  let elements = 0;
  let size = 2;
  const stack: { value: unknown; path: string; depth: number }[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (name.length > MAX_PARAM_NAME_LENGTH || !PARAM_NAME.test(name)) {
      throw badParams(
        `the name ${JSON.stringify(name.slice(0, MAX_PARAM_NAME_LENGTH))} cannot be a parameter name (letters, digits and _ up to ${MAX_PARAM_NAME_LENGTH} characters, not starting with a digit unless all digits).`,
      );
    }
    size += name.length + 4;
    stack.push({ value, path: `$${name}`, depth: 0 });
  }
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (++elements > MAX_PARAMS_ELEMENTS) {
      throw badParams(`more than ${MAX_PARAMS_ELEMENTS} values in all (at ${path}); pass fewer values.`);
    }
    if (value === null || typeof value === 'boolean') {
      size += 5;
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw badParams(`${path} is ${value}, which is not a JSON number.`);
      size += String(value).length + 1;
    } else if (typeof value === 'string') {
      if (value.length > MAX_PARAM_STRING_LENGTH) {
        throw badParams(
          `${path} is a string of ${value.length} characters; strings may have at most ${MAX_PARAM_STRING_LENGTH}.`,
        );
      }
      if (LONE_SURROGATE.test(value)) throw badParams(`${path} is not valid Unicode (a lone surrogate).`);
      size += value.length + 3;
    } else if (Array.isArray(value) || (typeof value === 'object' && isPlainObject(value))) {
      if (depth >= MAX_PARAMS_DEPTH) {
        throw badParams(
          `${path} nests lists and maps more than ${MAX_PARAMS_DEPTH} deep; flatten the value.`,
        );
      }
      size += 2;
      if (Array.isArray(value)) {
        // Holes and extra properties are not JSON; a sparse array would also hide its length.
        for (let i = value.length - 1; i >= 0; i--) {
          if (!(i in value)) throw badParams(`${paramPath(path, i)} is missing (a sparse list is not JSON).`);
          stack.push({ value: value[i] as unknown, path: paramPath(path, i), depth: depth + 1 });
          if (stack.length > MAX_PARAMS_ELEMENTS) break;
        }
      } else {
        for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
          const at = paramPath(path, key);
          if (key.length > MAX_PARAM_STRING_LENGTH) {
            throw badParams(
              `a key of ${path} has ${key.length} characters; keys may have at most ${MAX_PARAM_STRING_LENGTH}.`,
            );
          }
          if (key === '') throw badParams(`${path} has an empty key, which the engines cannot hold.`);
          if (LONE_SURROGATE.test(key))
            throw badParams(`a key of ${path} is not valid Unicode (a lone surrogate).`);
          size += key.length + 4;
          stack.push({ value: v, path: at, depth: depth + 1 });
          if (stack.length > MAX_PARAMS_ELEMENTS) break;
        }
      }
    } else {
      const kind =
        value === undefined
          ? 'undefined'
          : typeof value === 'object'
            ? (value.constructor?.name ?? 'an object')
            : typeof value;
      throw badParams(`${path} is ${kind}, which is not a JSON value.`);
    }
    if (size > MAX_PARAMS_LENGTH) {
      throw badParams(
        `more than ${MAX_PARAMS_LENGTH} characters of JSON in all (at ${path}); pass less data.`,
      );
    }
  }
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
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

/** The structure of a query, as {@link queryShape} measures it. */
export interface QueryShape {
  /** Number of tokens (comments and whitespace not counted). */
  tokens: number;
  /** Deepest nesting of `(`, `[` and `{` together. */
  depth: number;
  /** Deepest nesting of CASE expressions. */
  caseDepth: number;
}

/** Measures a tokenized query: token count, bracket nesting and CASE nesting. */
export function queryShape(tokens: readonly CypherToken[]): QueryShape {
  let depth = 0;
  let maxDepth = 0;
  let caseDepth = 0;
  let maxCaseDepth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'punct') {
      if (t.text === '(' || t.text === '[' || t.text === '{') maxDepth = Math.max(maxDepth, ++depth);
      else if (t.text === ')' || t.text === ']' || t.text === '}') depth = Math.max(0, depth - 1);
    } else if (t.kind === 'word' && !isNamePosition(tokens, i)) {
      if (t.text === 'CASE') maxCaseDepth = Math.max(maxCaseDepth, ++caseDepth);
      else if (t.text === 'END') caseDepth = Math.max(0, caseDepth - 1);
    }
  }
  return { tokens: tokens.length, depth: maxDepth, caseDepth: maxCaseDepth };
}

/**
 * Most tokens a query may have. The openCypher TCK's longest query has far fewer (see
 * query-guard.test.ts); Kuzu 0.11.3 takes ~0.5 s to parse a 2,000-token sum and ~3.5 s for 6,000.
 */
export const MAX_QUERY_TOKENS = 2_000;

/**
 * Deepest nesting of brackets (`(`, `[`, `{` together). Kuzu's parse time grows fast with it
 * (64-deep lists ~0.5 s, 128-deep maps ~2 s; ~850-deep lists crash it); the TCK needs far less.
 */
export const MAX_NESTING_DEPTH = 64;

/**
 * Deepest nesting of CASE expressions. Kuzu's parser time doubles with each level past ~12
 * (`CASE WHEN … THEN <CASE> ELSE …`: 12 levels 0.1 s, 16 levels 1.5 s, 18 levels 5 s, 20 levels 15 s).
 */
export const MAX_CASE_DEPTH = 8;

/**
 * Refuses a query that a read-only engine would still let through (see the module comment), or
 * whose structure no real query needs (over {@link MAX_QUERY_TOKENS} tokens, brackets nested over
 * {@link MAX_NESTING_DEPTH} deep, CASE over {@link MAX_CASE_DEPTH} deep: parse bombs), and checks
 * the parameters with {@link validateParams}.
 * Returns normally for a query that may run; the engine then enforces read-only.
 * @throws QueryError with code REFUSED, saying what was refused and why, or BAD_PARAMS for
 *   parameters over a limit (see {@link validateParams}).
 */
export function checkReadQuery(cypher: string, params: Record<string, unknown> = {}): void {
  if (cypher.length > MAX_QUERY_LENGTH) {
    throw refuse(
      `a query of ${cypher.length} characters`,
      `Queries may have at most ${MAX_QUERY_LENGTH} characters.`,
    );
  }
  if (LONE_SURROGATE.test(cypher)) {
    throw refuse('a query that is not valid Unicode (a lone surrogate)', 'Send the query as valid UTF-8.');
  }
  validateParams(params);
  const tokens = tokenize(cypher);
  if (tokens.length === 0) throw refuse('an empty query', 'Write one Cypher statement.');
  const shape = queryShape(tokens);
  if (shape.tokens > MAX_QUERY_TOKENS) {
    throw refuse(
      `a query of ${shape.tokens} tokens`,
      `Queries may have at most ${MAX_QUERY_TOKENS} tokens (names, literals, operators); pass long lists as a parameter.`,
    );
  }
  if (shape.depth > MAX_NESTING_DEPTH) {
    throw refuse(
      `brackets nested ${shape.depth} deep`,
      `Brackets ( [ { may nest at most ${MAX_NESTING_DEPTH} deep; pass deep values as a parameter.`,
    );
  }
  if (shape.caseDepth > MAX_CASE_DEPTH) {
    throw refuse(
      `CASE nested ${shape.caseDepth} deep`,
      `CASE expressions may nest at most ${MAX_CASE_DEPTH} deep; use one CASE with more WHEN branches.`,
    );
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (isPunct(t, ';')) {
      if (i < tokens.length - 1) {
        throw refuse('multiple statements', 'Run one statement per query (a single trailing ; is fine).');
      }
      continue;
    }
    if (t.kind !== 'word') continue;
    if (t.glued) {
      const prev = tokens[i - 1]!;
      throw refuse(
        `a word glued to a number (${prev.kind === 'param' ? '$' : ''}${prev.text}${t.text})`,
        'The engines disagree on where such a token ends; put a space between the number and the word.',
      );
    }
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
        // `MERGE … ON CREATE SET` is a write, too.
        if (isWord(tokens[i - 1], 'ON')) break;
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

/**
 * The statement whose plan to ask for: `cypher` without a leading `EXPLAIN` or `PROFILE`
 * (`EXPLAIN EXPLAIN …` is a syntax error; `PROFILE …` runs the query, so its plan is what counts).
 * @throws QueryError (REFUSED) when the query cannot be tokenized.
 */
export function planTarget(cypher: string): string {
  const tokens = tokenize(cypher);
  const first = tokens[0];
  if (first?.kind === 'word' && (first.text === 'EXPLAIN' || first.text === 'PROFILE')) {
    const second = tokens[1];
    return second ? cypher.slice(second.offset) : '';
  }
  return cypher;
}

/**
 * Everything a user's query goes through before it runs: the token check and structural limits
 * ({@link checkReadQuery}), the parameter limits ({@link validateParams}), then the engine's plan
 * ({@link GraphStore.explain}) and {@link checkPlan}. Resolves when the query may run.
 * Planning runs in the engine: on Kuzu a hostile query can crash or stall even `EXPLAIN`, so call
 * this where the query will run, inside the query worker process.
 * @throws QueryError: REFUSED (token, structure or plan check), BAD_PARAMS (parameters), or the
 *   engine's own error for a query it cannot plan (QUERY, READ_ONLY …).
 */
export async function guardUserQuery(
  store: GraphStore,
  cypher: string,
  params: Record<string, unknown>,
): Promise<void> {
  checkReadQuery(cypher, params);
  const plan = await store.explain(cypher, params);
  checkPlan(plan);
}
