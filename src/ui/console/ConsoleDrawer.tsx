/**
 * The Cypher console in a bottom drawer: examples and history, editor, parameters, results. It
 * opens at a height that leaves the network at least half the window (see ./console-height.ts),
 * collapses the timeline, and can be resized by dragging or with the arrow keys on its top edge.
 */
import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import type { CypherResponse } from '../../model/api';
import { isNodeValue, isPathValue, isRelationshipValue, type Value } from '../../model/values';
import { dataOf, errorOf, shownData } from '../state/async';
import { clearHighlight, runConsole, setParamsText, setQuery, toggleConsole } from '../state/console';
import { selectNode } from '../state/details';
import { showSubset } from '../state/subset';
import { addToCollection } from '../state/collection';
import { labelOfId } from '../../model/ids';
import { clampConsoleHeight, defaultConsoleHeight, CONSOLE_STEP_PX } from './console-height';
import { useAppStore } from '../state/store';
import { sortRows, type SortDirection } from '../model/result-rows';

const CypherEditorPane = lazy(() => import('./CypherEditorPane'));

type View = 'table' | 'json';

/** A compact rendering of one cell. */
function Cell({ value }: { value: unknown }) {
  const v = value as Value;
  if (v === null || v === undefined)
    return (
      <span className="null" title="null">
        —
      </span>
    );
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return <>{String(v)}</>;
  if (isNodeValue(v)) {
    const name = v.properties.title ?? v.properties.name ?? v.id;
    return (
      <button type="button" className="link-button" onClick={() => void selectNode(v.id)} title={v.id}>
        (:{v.label}) {typeof name === 'string' ? name : v.id}
      </button>
    );
  }
  if (isRelationshipValue(v)) return <>{`[:${v.type}] ${v.source} → ${v.target}`}</>;
  if (isPathValue(v)) return <>{v.nodes.map((n) => n.id).join(' → ')}</>;
  return <code>{JSON.stringify(v)}</code>;
}

function Results({ result, view }: { result: CypherResponse; view: View }) {
  // Clicking a header sorts by it (again: the other way); nulls stay last. Engine order until then.
  const [sort, setSort] = useState<{ column: string; direction: SortDirection } | null>(null);
  if (view === 'json') return <pre className="json-view">{JSON.stringify(result.rows, null, 2)}</pre>;
  if (result.rows.length === 0) {
    return (
      <p className="empty">
        No rows. Check labels and property values (ids look like “concept:irisin”), or loosen the WHERE
        clause.
      </p>
    );
  }
  return (
    <table className="result-table" data-testid="result-table">
      <thead>
        <tr>
          {result.columns.map((c) => {
            const direction = sort?.column === c ? sort.direction : null;
            return (
              <th
                key={c}
                aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none'}
              >
                <button
                  type="button"
                  className="sort-button"
                  title="Sort by this column (empty values last)"
                  onClick={() => setSort({ column: c, direction: direction === 'asc' ? 'desc' : 'asc' })}
                >
                  {c}
                  {direction === 'asc' ? ' ▲' : direction === 'desc' ? ' ▼' : ''}
                </button>
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {(sort ? sortRows(result.rows, sort.column, sort.direction) : result.rows).map((row, i) => (
          <tr key={i}>
            {result.columns.map((c) => (
              <td key={c}>
                <Cell value={row[c]} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Where the header ends (the console's height is bounded by the room below it). */
function headerBottom(): number {
  return document.querySelector('.topbar')?.getBoundingClientRect().bottom ?? 0;
}

/** "· add N works to the collection" for a result holding works. */
function CollectResultWorks({ ids }: { ids: ReadonlySet<string> }) {
  const works = [...ids].filter((id) => labelOfId(id) === 'Work');
  const collection = useAppStore((s) => s.collection);
  if (works.length === 0) return null;
  const fresh = works.filter((id) => !collection.includes(id)).length;
  return (
    <>
      {' · '}
      {fresh === 0 ? (
        <span>its works are in the collection</span>
      ) : (
        <button
          type="button"
          className="link-button"
          data-testid="collect-result"
          title="Add the result's works to the collection, to see what relates to them all and map them"
          onClick={() => addToCollection(works)}
        >
          add {fresh} work{fresh === 1 ? '' : 's'} to the collection
        </button>
      )}
    </>
  );
}

export function ConsoleDrawer() {
  const query = useAppStore((s) => s.query);
  const paramsText = useAppStore((s) => s.paramsText);
  const cypher = useAppStore((s) => s.cypher);
  const examplesState = useAppStore((s) => s.examples);
  const status = cypher.status;
  const result = shownData(cypher);
  // A failed query, else examples that failed to load.
  const error = errorOf(cypher) ?? errorOf(examplesState);
  const problem = useAppStore((s) => s.cypherProblem);
  const examples = dataOf(examplesState) ?? [];
  const history = useAppStore((s) => s.history);
  const highlight = useAppStore((s) => s.highlight);
  const [view, setView] = useState<View>('table');
  const [showParams, setShowParams] = useState(paramsText.trim() !== '');
  const [height, setHeight] = useState(() => defaultConsoleHeight(window.innerHeight, headerBottom()));
  // Keep within bounds when the window changes size.
  useEffect(() => {
    const onResize = (): void => setHeight((h) => clampConsoleHeight(h, window.innerHeight, headerBottom()));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  const resizeTo = useCallback(
    (h: number) => setHeight(clampConsoleHeight(h, window.innerHeight, headerBottom())),
    [],
  );
  const onPointerDown = (e: PointerEvent<HTMLDivElement>): void => {
    e.preventDefault();
    const handle = e.currentTarget;
    handle.setPointerCapture(e.pointerId);
    const move = (ev: globalThis.PointerEvent): void => resizeTo(window.innerHeight - ev.clientY);
    const up = (): void => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  };
  const onHandleKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'ArrowUp') resizeTo(height + CONSOLE_STEP_PX);
    else if (e.key === 'ArrowDown') resizeTo(height - CONSOLE_STEP_PX);
    else return;
    e.preventDefault();
  };
  const max = clampConsoleHeight(Infinity, window.innerHeight, headerBottom());

  return (
    <section className="console" aria-label="Cypher console" data-testid="console" style={{ height }}>
      <div
        className="console-resize"
        role="separator"
        aria-orientation="horizontal"
        aria-label="Resize the console (arrow keys)"
        aria-valuenow={Math.round(height)}
        aria-valuemax={Math.round(max)}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onKeyDown={onHandleKey}
      />
      <aside className="console-side">
        <h2>Examples</h2>
        <ul>
          {examples.map((q) => (
            <li key={q.id}>
              <button
                type="button"
                className="link-button"
                title={q.purpose}
                onClick={() => setQuery(q.cypher)}
              >
                {q.title}
              </button>
            </li>
          ))}
        </ul>
        {history.length > 0 && (
          <>
            <h2>History</h2>
            <ul className="history">
              {history.map((q) => (
                <li key={q}>
                  <button type="button" className="link-button" title={q} onClick={() => setQuery(q)}>
                    {q.length > 60 ? `${q.slice(0, 59)}…` : q}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </aside>
      <div className="console-main">
        <div className="console-input">
          <Suspense fallback={<div className="editor loading">Loading the editor…</div>}>
            <CypherEditorPane value={query} onChange={setQuery} onRun={() => void runConsole()} />
          </Suspense>
          <div className="console-actions">
            <button
              type="button"
              className="run-button"
              onClick={() => void runConsole()}
              disabled={status === 'loading'}
            >
              {status === 'loading' ? 'Running…' : 'Run'} <kbd>Ctrl+Enter</kbd>
            </button>
            <button
              type="button"
              className="text-button"
              aria-pressed={showParams}
              onClick={() => setShowParams(!showParams)}
            >
              Parameters
            </button>
            <button type="button" className="text-button" onClick={() => void toggleConsole(false)}>
              Close
            </button>
          </div>
        </div>
        {showParams && (
          <textarea
            className="params"
            aria-label="Query parameters (JSON)"
            placeholder='{"id": "concept:irisin"}   — or type  :param id => "concept:irisin"  in the editor'
            value={paramsText}
            onChange={(e) => setParamsText(e.target.value)}
            spellCheck={false}
          />
        )}
        {error && (
          <div className="error-text console-error" role="alert" data-testid="console-error">
            <p>{error}</p>
            {problem?.engineText && problem.engineText !== error && (
              <pre className="engine-text" aria-label="The engine's own message">
                {problem.engineText}
              </pre>
            )}
          </div>
        )}
        {result && (
          <div className="console-results">
            <div className="results-bar">
              <span data-testid="cypher-summary">
                {result.summary.rowCount} row{result.summary.rowCount === 1 ? '' : 's'}
                {result.summary.truncated ? ' (truncated)' : ''} · {Math.round(result.summary.timeMs)} ms ·{' '}
                {result.summary.backend}
              </span>
              <div className="segmented" role="group" aria-label="Result view">
                <button type="button" aria-pressed={view === 'table'} onClick={() => setView('table')}>
                  Table
                </button>
                <button type="button" aria-pressed={view === 'json'} onClick={() => setView('json')}>
                  JSON
                </button>
              </div>
              <button
                type="button"
                className="text-button export-csv-button"
                data-testid="export-csv"
                onClick={() => void import('../export/exporters').then((m) => m.exportQueryCsv())}
              >
                Export CSV
              </button>
              {highlight ? (
                <span className="highlight-note">
                  {highlight.size} node{highlight.size === 1 ? '' : 's'} highlighted on the network{' '}
                  <button
                    type="button"
                    className="link-button"
                    title="Show the result's works and concepts as their own graph, laid out again and labelled"
                    onClick={() => void showSubset('Query result', highlight)}
                  >
                    show on their own
                  </button>{' '}
                  ·{' '}
                  <button type="button" className="link-button" onClick={clearHighlight}>
                    clear
                  </button>
                  <CollectResultWorks ids={highlight} />
                </span>
              ) : (
                <span className="highlight-note">no works or concepts in the result to highlight</span>
              )}
            </div>
            <Results result={result} view={view} />
          </div>
        )}
      </div>
    </section>
  );
}
