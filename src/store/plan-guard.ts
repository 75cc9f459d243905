/**
 * The plan check: the engine, not only the query guard's lexer, decides what a query may touch.
 * Before a user's query runs, guardUserQuery (query-guard.ts) asks the engine for its plan (`EXPLAIN`, see
 * {@link GraphStore.explain}) and refuses any operator that reads or writes outside the graph, so a
 * clause the lexer does not know (or a token it reads differently from the engine) is still caught.
 *
 * Kuzu 0.11.3 (and LadybugDB, its fork) prints its physical plan as boxes, one per operator: the
 * operator's name with its id (`TABLE_FUNCTION_CALL[0]`), then its details, one per line
 * (`Function: READ_CSV_PARALLEL`, `Expressions: …`). The names come from
 * `PhysicalOperatorUtils::operatorTypeToString` (kuzu-source/src/processor/operator/
 * physical_operator.cpp). What reads outside the graph, as measured here:
 *
 * - `LOAD FROM '<file>'` and `COPY … FROM '<file>'` are `TABLE_FUNCTION_CALL` of a file reader:
 *   `READ_CSV_PARALLEL`, `READ_CSV_SERIAL`, `READ_PARQUET`, `READ_NPY`, `JSON_SCAN` (the json
 *   extension is built in); `COPY FROM` adds `BATCH_INSERT`.
 * - `COPY (…) TO '<file>'` is `COPY_TO`; `EXPORT DATABASE` is `EXPORT_DATABASE` (over `COPY_TO`s);
 *   `IMPORT DATABASE`, `ATTACH`/`DETACH`/`USE` of databases, `INSTALL`/`UNINSTALL`/`LOAD EXTENSION`
 *   have operators of those names.
 * - `CALL <table function>(…)` is `TABLE_FUNCTION_CALL` with `Function: <NAME>`: file and storage
 *   readers (`FILE_INFO`, `STORAGE_INFO`, `FSM_INFO`, `BM_INFO`, `STATS_INFO`), settings
 *   (`CURRENT_SETTING`: the server's home directory, …), extensions, graph algorithms, full-text and
 *   vector indexes. Only {@link KUZU_TABLE_FUNCTIONS} pass, and `READ_FTABLE`, Kuzu's own scan of
 *   an intermediate result inside the same query (subqueries, `CALL { }`, paths).
 * - `CALL threads=1` and standalone functions are `STANDALONE_CALL` (`Function: threads`).
 *
 * Every other operator must be a known read operator ({@link KUZU_READ_OPERATORS}) or a write the
 * read-only database rejects itself (`INSERT`, `SET_PROPERTY`, `DELETE`, `MERGE`: it already
 * rejects them at `EXPLAIN`); an operator this list does not know is refused, so a future clause is
 * refused until someone reads what it does.
 *
 * Neo4j 5 returns the plan as a tree in the result summary (`summary.plan`, operator types like
 * `NodeByLabelScan@neo4j`). What reads outside the graph is `LoadCSV` (also in READ access mode)
 * and procedures (`ProcedureCall`, whose details name the procedure): only
 * {@link ALLOWED_PROCEDURES} pass. Administration commands (`Show…`, `Terminate…`) are refused too.
 * Neo4j's other operators only read or write the graph, and writes fail in READ access mode.
 *
 * Note that planning binds the statement, and Kuzu's binder is not side-effect free: it opens a
 * `LOAD FROM` file to read its header, and creates the (empty) target folder of `EXPORT DATABASE`
 * even on a read-only database. So guardUserQuery runs the token check
 * (checkReadQuery) first, and the plan check is a second line, not the only one.
 */
import { QueryError, type QueryErrorCode } from '../model/errors';
import type { QueryPlan } from './graph-store';

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

/** Kuzu's physical operators that only read the graph or the query's own intermediate results. */
export const KUZU_READ_OPERATORS: ReadonlySet<string> = new Set([
  'AGGREGATE',
  'AGGREGATE_FINALIZE',
  'AGGREGATE_SCAN',
  'CROSS_PRODUCT',
  'DUMMY_SINK',
  'DUMMY_SIMPLE_SINK',
  'EMPTY_RESULT',
  'FILTER',
  'FLATTEN',
  'HASH_JOIN_BUILD',
  'HASH_JOIN_PROBE',
  'INDEX_LOOKUP',
  'INTERSECT',
  'INTERSECT_BUILD',
  'LIMIT',
  'MULTIPLICITY_REDUCER',
  'ORDER_BY',
  'ORDER_BY_MERGE',
  'ORDER_BY_SCAN',
  'PARTITIONER',
  'PATH_PROPERTY_PROBE',
  'PRIMARY_KEY_SCAN_NODE_TABLE',
  'PROJECTION',
  'RECURSIVE_EXTEND',
  'RESULT_COLLECTOR',
  'SCAN_NODE_TABLE',
  'SCAN_REL_TABLE',
  'SEMI_MASKER',
  'SKIP',
  'TABLE_FUNCTION_CALL', // its function is checked against KUZU_TABLE_FUNCTIONS
  'TOP_K',
  'TOP_K_SCAN',
  'UNION_ALL_SCAN',
  'UNWIND',
]);

/** Kuzu's write operators: left to the read-only database, which rejects them (even at EXPLAIN). */
export const KUZU_WRITE_OPERATORS: ReadonlySet<string> = new Set([
  'INSERT',
  'SET_PROPERTY',
  'DELETE',
  'MERGE',
]);

/** Kuzu operators refused with a reason: they reach files, other databases, extensions or settings. */
const KUZU_REFUSED_OPERATORS: ReadonlyMap<string, string> = new Map([
  ['COPY_TO', 'COPY … TO writes a file on the server.'],
  ['BATCH_INSERT', 'COPY … FROM reads a file on the server.'],
  ['EXPORT_DATABASE', 'EXPORT DATABASE writes files on the server.'],
  ['IMPORT_DATABASE', 'IMPORT DATABASE reads files on the server.'],
  ['ATTACH_DATABASE', 'Attaching other databases is not allowed.'],
  ['DETACH_DATABASE', 'Detaching databases is not allowed.'],
  ['USE_DATABASE', 'Switching databases is not allowed.'],
  ['INSTALL_EXTENSION', 'Installing extensions is not allowed.'],
  ['UNINSTALL_EXTENSION', 'Changing extensions is not allowed.'],
  ['LOAD_EXTENSION', 'Loading extensions is not allowed.'],
  ['STANDALONE_CALL', 'Changing settings and standalone functions are not allowed.'],
  ['TRANSACTION', 'Transaction control is not allowed.'],
  ['CREATE_MACRO', 'Schema commands are not allowed.'],
  ['CREATE_TABLE', 'Schema commands are not allowed.'],
  ['CREATE_SEQUENCE', 'Schema commands are not allowed.'],
  ['CREATE_TYPE', 'Schema commands are not allowed.'],
  ['ALTER', 'Schema commands are not allowed.'],
  ['DROP', 'Schema commands are not allowed.'],
  ['PROFILE', 'Run the query itself; the console shows its time.'],
]);

/**
 * Kuzu table functions a plan may call, upper-case: the read-only schema functions of
 * {@link ALLOWED_PROCEDURES}, and `READ_FTABLE` (Kuzu's scan of the query's own intermediate
 * result). File readers (`READ_CSV_*`, `READ_PARQUET`, `READ_NPY`, `JSON_SCAN`) and every other
 * table function are refused.
 */
export const KUZU_TABLE_FUNCTIONS: ReadonlySet<string> = new Set([
  'SHOW_TABLES',
  'TABLE_INFO',
  'SHOW_CONNECTION',
  'DB_VERSION',
  'READ_FTABLE',
]);

/** Neo4j administration operators (a command, not a query): refused. */
const NEO4J_COMMAND_OPERATOR = /^(Show|Terminate|Create(Database|User|Role|Index|Constraint)|Drop|Alter)/;

function refusePlan(what: string, why: string): QueryError {
  return new QueryError(`Refused: ${what} (in the engine's plan). ${why}`, { code: 'REFUSED' });
}

/**
 * Reads operator names and called functions out of Kuzu's printed plan (`EXPLAIN` output). Only
 * whole box lines count: an operator line is exactly `NAME[id]`, a call line `Function: NAME`. Text
 * of the query inside the plan (a string literal in `Expressions: …`) can add entries but never hide
 * one, since every operator has its own name line; an added entry can only make the check refuse.
 */
export function parseKuzuPlan(text: string): { operators: string[]; calls: string[] } {
  const operators: string[] = [];
  const calls: string[] = [];
  for (const line of text.split('\n')) {
    for (const cell of line.split('│')) {
      const t = cell.trim();
      const op = /^([A-Z][A-Z0-9_]*)\[\d+\]$/.exec(t);
      if (op) operators.push(op[1]!);
      const call = /^Function: (\S+)$/.exec(t);
      if (call) calls.push(call[1]!);
    }
  }
  return { operators, calls };
}

/**
 * The engine's error about `EXPLAIN <cypher>`, told about `cypher` itself: without the `EXPLAIN `
 * the adapter put in front, and with positions (Kuzu `offset: N`, Neo4j `column N (offset: M)`) and
 * the caret line moved back by its length, so the user sees the same message running the query
 * would give.
 */
export function withoutExplainPrefix(e: QueryError): QueryError {
  const shift = 'EXPLAIN '.length;
  const lines = e.message.split('\n');
  const quoted = lines.findIndex((l) => l.startsWith('"EXPLAIN '));
  if (quoted < 0) return e;
  lines[quoted] = `"${lines[quoted]!.slice(1 + shift)}`;
  const caret = lines[quoted + 1];
  if (caret !== undefined && /^ +\^/.test(caret) && caret.startsWith(' '.repeat(shift))) {
    lines[quoted + 1] = caret.slice(shift);
  }
  const back = (n: string): string => String(Math.max(0, Number(n) - shift));
  const message = lines
    .join('\n')
    .replace(/\(line: 1, offset: (\d+)\)/, (_m, n: string) => `(line: 1, offset: ${back(n)})`)
    .replace(
      /\(line 1, column (\d+) \(offset: (\d+)\)\)/,
      (_m, c: string, o: string) => `(line 1, column ${back(c)} (offset: ${back(o)}))`,
    );
  return new QueryError(message, { code: e.code as QueryErrorCode, cause: e.cause });
}

/**
 * Refuses a plan that reads or writes outside the graph (see the module comment). Pure: it looks
 * only at `plan`.
 * @throws QueryError with code REFUSED naming the operator or function and why.
 */
export function checkPlan(plan: QueryPlan): void {
  if (plan.backend === 'embedded') {
    for (const op of plan.operators) {
      const why = KUZU_REFUSED_OPERATORS.get(op);
      if (why) throw refusePlan(op, why);
      if (!KUZU_READ_OPERATORS.has(op) && !KUZU_WRITE_OPERATORS.has(op)) {
        throw refusePlan(`the operator ${op}`, 'This server runs only operators known to read the graph.');
      }
    }
    for (const call of plan.calls) {
      if (!KUZU_TABLE_FUNCTIONS.has(call.toUpperCase())) {
        throw refusePlan(
          `the table function ${call}`,
          `It reads files, settings or other data outside the graph; only these may be called: ${[...ALLOWED_PROCEDURES].filter((p) => !p.includes('.')).join(', ')}.`,
        );
      }
    }
    return;
  }
  for (const op of plan.operators) {
    if (op === 'LoadCSV') throw refusePlan('LoadCSV', 'LOAD CSV reads files or URLs from the server.');
    if (NEO4J_COMMAND_OPERATOR.test(op)) throw refusePlan(op, 'Administration commands are not allowed.');
  }
  for (const call of plan.calls) {
    if (!ALLOWED_PROCEDURES.has(call.toLowerCase())) {
      throw refusePlan(
        `the procedure ${call}`,
        `Only these procedures may be called: ${[...ALLOWED_PROCEDURES].filter((p) => p.includes('.')).join(', ')}.`,
      );
    }
  }
}
