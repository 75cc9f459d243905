/**
 * Cypher console errors in plain sentences. The engine's text stays available (shown below the
 * sentence), but the first thing a researcher reads says what went wrong in words, what to try,
 * and — for a misspelt label, relationship type or property key — the closest name of the live
 * schema. Pure: no DOM, no IO; the console state calls it with the error code and message of the
 * HTTP answer (see src/server/http-errors.ts for the codes).
 */

/** The names a query can use, from the live schema (GET /api/stats and src/model/graph-schema.ts). */
export interface SchemaNames {
  readonly labels: readonly string[];
  readonly relationshipTypes: readonly string[];
  readonly propertyKeys: readonly string[];
}

/** Where the engine says the error is: 1-based line and column, and the length of the marked text. */
export interface ErrorPosition {
  readonly line: number;
  readonly column: number;
  readonly length: number;
}

/** A console error rewritten for a reader. */
export interface ReadableCypherError {
  /** One or two plain sentences: what went wrong and what to try. */
  readonly sentence: string;
  /** The engine's (or guard's) own text, shown below the sentence; null when it adds nothing. */
  readonly engineText: string | null;
  /** Where the error is in the query, when the engine says so. */
  readonly position: ErrorPosition | null;
}

/** What the console knows about a failed request. */
export interface CypherFailure {
  /** The error code of the answer (QUERY, READ_ONLY, QUERY_TIMEOUT …, NETWORK, HTTP). */
  readonly code: string;
  readonly message: string;
  /** Seconds from the answer's Retry-After header (TOO_MANY_QUERIES). */
  readonly retryAfterSeconds?: number | null;
  /** Name of the engine that answered, for the sentences ("Kuzu", "Neo4j"). */
  readonly engine: string;
}

/**
 * Edit distance with swaps of neighbouring letters counted as one edit (optimal string alignment),
 * case-insensitive (Kuzu's table names are): typos are mostly one letter off or two swapped.
 */
function distance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) =>
    Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => d[i]?.[j] ?? 0;
  for (let i = 1; i <= s.length; i++) {
    const row = d[i] ?? [];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        v = Math.min(v, at(i - 2, j - 2) + 1);
      row[j] = v;
    }
  }
  return at(s.length, t.length);
}

/**
 * The name of `candidates` closest to `name`, when it is close enough to be a typo (at most a third
 * of the name's letters differ, and at least one letter for short names); null otherwise.
 */
export function closestName(name: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(name, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const allowed = Math.max(1, Math.floor(name.length / 3));
  return best !== null && bestDistance <= allowed && bestDistance > 0 ? best : null;
}

/** Strips an engine prefix such as "Binder exception: " for matching. */
function body(message: string): string {
  return message.replace(/^[A-Za-z ]+exception:\s*/, '');
}

/**
 * Position of a parser error. Kuzu: `(line: 1, offset: 14)` where the offset is the column (0-based)
 * in that line, followed by the quoted line and carets under the offending text. Neo4j:
 * `(line 1, column 15 (offset: 14))`, 1-based column.
 */
function parsePosition(message: string): { position: ErrorPosition; near: string | null } | null {
  const kuzu = /\(line: (\d+), offset: (\d+)\)/.exec(message);
  const neo = /\(line (\d+), column (\d+) \(offset: \d+\)\)/.exec(message);
  if (!kuzu && !neo) return null;
  const line = Number((kuzu ?? neo)?.[1]);
  const column = kuzu ? Number(kuzu[2]) + 1 : Number(neo?.[2]);
  // The quoted line and the carets under it (both engines print them).
  const lines = message.split('\n');
  const caretIndex = lines.findIndex((l) => /^\s*\^+\s*$/.test(l));
  // The offending token when the engine names it, else the text under the carets.
  const named = /(?:Invalid|mismatched) input '([^']*)'/.exec(message)?.[1] ?? null;
  let near: string | null = named || null;
  let length = near?.length ?? 1;
  if (near === null && caretIndex > 0) {
    const caretLine = lines[caretIndex] ?? '';
    const quoted = lines[caretIndex - 1] ?? '';
    const start = caretLine.indexOf('^');
    length = caretLine.trim().length;
    near = quoted.slice(start, start + length).trim() || null;
  }
  return { position: { line, column, length: Math.max(1, length) }, near };
}

/** Keywords the parser expected, from Kuzu's `expecting {A, B, …}` or Neo4j's `expected 'A', 'B'`. */
function expectedKeywords(message: string): string[] {
  const kuzu = /expecting \{([^}]*)\}/.exec(message);
  if (kuzu?.[1]) return kuzu[1].split(',').map((k) => k.trim().replace(/^'|'$/g, ''));
  const neo = /expected ([^\n(]*)/.exec(message);
  if (neo?.[1]) return [...neo[1].matchAll(/'([A-Za-z]+)'/g)].map((m) => m[1] ?? '');
  return [];
}

function didYouMean(name: string | null): string {
  return name === null ? '' : ` Did you mean ${name}?`;
}

/** Rewrites a console error into a plain sentence, keeping the engine's text below it. */
export function explainCypherError(failure: CypherFailure, schema: SchemaNames): ReadableCypherError {
  const { code, message, engine } = failure;
  const text = message.trim();
  switch (code) {
    case 'READ_ONLY':
      return {
        sentence:
          'This console is read-only: it can read the graph but not change it (CREATE, MERGE, SET, DELETE and REMOVE are not run). To change the data, edit the dataset and run `npm run ingest`.',
        engineText: text,
        position: null,
      };
    case 'QUERY_TIMEOUT':
      return {
        sentence:
          'The query ran out of time and was stopped. Start from one node (e.g. {id: "concept:irisin"}), bound variable-length paths (e.g. *1..3) and add a LIMIT.',
        engineText: text,
        position: null,
      };
    case 'QUERY_MEMORY':
      return {
        sentence:
          'The query needs more memory than a console query may use, so it was stopped. Return fewer rows or columns (add a LIMIT), avoid collect() over large matches, and bound variable-length paths.',
        engineText: text,
        position: null,
      };
    case 'QUERY_CRASHED':
      return {
        sentence:
          'The database engine crashed on this query; the server is fine and started a fresh engine. Running it again will crash again: rewrite it (a simpler pattern, fewer paths, a LIMIT).',
        engineText: text,
        position: null,
      };
    case 'TOO_MANY_QUERIES': {
      const wait =
        failure.retryAfterSeconds != null && failure.retryAfterSeconds > 0
          ? `in ${failure.retryAfterSeconds} s`
          : 'in a few seconds';
      return {
        sentence: `Too many queries are running or waiting right now. Try again ${wait}.`,
        engineText: text,
        position: null,
      };
    }
    case 'REFUSED':
      return {
        sentence:
          'The console refused this query before running it: it uses something that could read files, change settings or the data, or is not one whole statement. The reason is below.',
        engineText: text,
        position: null,
      };
    case 'BAD_PARAMS':
      return {
        sentence:
          'The query parameters were not accepted. Check the Parameters box: a JSON object of names to values, e.g. {"id": "concept:irisin"}, within the limits below.',
        engineText: text,
        position: null,
      };
    case 'NETWORK':
      return { sentence: text, engineText: null, position: null };
    default:
      break;
  }

  const b = body(text);
  const table = /^Table (\S+) does not exist/.exec(b);
  if (table?.[1]) {
    const name = table[1];
    const suggestion = closestName(name, [...schema.relationshipTypes, ...schema.labels]);
    return {
      sentence: `The graph has no label or relationship type ${name}.${didYouMean(suggestion)} Labels: ${schema.labels.join(', ')}; relationship types: ${schema.relationshipTypes.join(', ')}.`,
      engineText: text,
      position: null,
    };
  }
  const property = /^Cannot find property (\S+) for (\S+?)\.?$/.exec(b);
  if (property?.[1] && property[2]) {
    const suggestion = closestName(property[1], schema.propertyKeys);
    return {
      sentence: `${property[2]} has no property ${property[1]}.${didYouMean(suggestion)}`,
      engineText: text,
      position: null,
    };
  }
  const fn = /^function (\S+) does not exist/i.exec(b);
  if (fn?.[1]) {
    return {
      sentence: `${engine} has no function ${fn[1]}. Check its spelling, or see the ${engine} manual for the functions it offers.`,
      engineText: text,
      position: null,
    };
  }
  const parsed = parsePosition(text);
  if (parsed) {
    const { position, near } = parsed;
    const where = `line ${position.line}, column ${position.column}`;
    const keyword =
      near !== null && /^[A-Za-z]+$/.test(near) ? closestName(near, expectedKeywords(text)) : null;
    return {
      sentence: `${engine} could not read the query near ${near !== null ? `'${near}'` : 'the mark'} (${where}).${
        keyword !== null ? didYouMean(keyword) : ' Check the keywords, brackets and commas just before it.'
      }`,
      engineText: text,
      position,
    };
  }
  return {
    sentence: `${engine} could not run the query. Its own words are below.`,
    engineText: text,
    position: null,
  };
}

/**
 * The engine's name as its makers write it, from GET /api/stats: `engineVersion` starts with the
 * embedded engine ("kuzu 0.11.3", "ladybug 0.20.4"); the Neo4j backend is Neo4j whatever its version.
 */
export function engineName(stats: { backend: string; engineVersion: string } | null): string {
  if (stats === null) return 'The database';
  if (stats.backend === 'neo4j') return 'Neo4j';
  const first = stats.engineVersion.split(' ')[0]?.toLowerCase() ?? '';
  if (first === 'kuzu') return 'Kuzu';
  if (first === 'ladybug') return 'LadybugDB';
  return first === '' ? 'The database' : first;
}
