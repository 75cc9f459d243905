/**
 * The Cypher editor (@neo4j-cypher/react-codemirror): highlighting, and autocompletion from the
 * live schema. Loaded on demand so it does not weigh on the first paint.
 */
import { linter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState, StateEffect, StateField, type Extension } from '@codemirror/state';
import { tooltips, type EditorView } from '@codemirror/view';
import { CypherEditor } from '@neo4j-cypher/react-codemirror';
import { useEffect, useState } from 'react';
import type { ErrorPosition } from '../model/cypher-errors';
import { NODE_SCHEMA, REL_SCHEMA } from '../../model/graph-schema';
import { useAppStore } from '../state/store';
import { parseParamsJson } from '../model/console-commands';

const PROPERTY_KEYS = [
  ...new Set([
    ...Object.values(NODE_SCHEMA).flatMap((p) => Object.keys(p)),
    ...Object.values(REL_SCHEMA).flatMap((r) => Object.keys(r.properties)),
  ]),
].sort();

export interface EditorPaneProps {
  value: string;
  onChange: (value: string) => void;
  onRun: () => void;
}

/**
 * Document offsets of an engine position, or null when the text no longer has that line/column.
 * The engine read the query trimmed (see parseConsoleInput), so lines and columns count from the
 * first non-blank character of the editor's text.
 */
function rangeOf(state: EditorState, p: ErrorPosition): { from: number; to: number } | null {
  const text = state.doc.toString();
  const lead = text.length - text.trimStart().length;
  const ran = EditorState.create({ doc: text.trim() }).doc;
  if (p.line < 1 || p.line > ran.lines) return null;
  const line = ran.line(p.line);
  const from = line.from + p.column - 1;
  if (p.column < 1 || from > line.to) return null;
  return { from: lead + from, to: lead + Math.min(line.to, from + p.length) };
}

/** Sets (or, with null, clears) the engine's error shown in the editor. */
const setProblem = StateEffect.define<Diagnostic | null>();

/**
 * The engine's error as part of the editor's own state. The red mark used to be set once with
 * setDiagnostics, and the editor's Cypher linter (which shows no errors of its own) replaced it
 * with an empty list whenever it ran: 750 ms after the editor was made or its text last changed.
 * Under CI's load the editor's code arrived late, after the query's error, and its first lint run
 * wiped the mark (it was blamed on /api/stats answering late; the editor's reconfigurations, e.g.
 * the theme, do not re-run the linter). A field the linter reads survives every run. Any edit
 * clears it: the engine's line and column were for the old text.
 */
const problemField = StateField.define<Diagnostic | null>({
  create: () => null,
  update(value, tr) {
    let next = tr.docChanged ? null : value;
    for (const e of tr.effects) if (e.is(setProblem)) next = e.value;
    return next;
  },
});

/**
 * The field, a lint source that reports it (so every run of the editor's linter keeps the mark
 * and its hover text), tooltips that the editor's box does not clip, and on the edit that clears
 * the field the removal of the mark at once instead of at the linter's next run. Passed once, at
 * the editor's creation (postExtensions).
 */
const PROBLEM_EXTENSIONS: Extension[] = [
  problemField,
  // Tooltips (the error's sentence on hover, the completion list) in the page's body: inside the
  // editor's scrolling box, one over a one-line query was cut to a sliver.
  tooltips({ parent: document.body }),
  // No refresh of its own when the field changes: the effect below sets the mark directly, and
  // a second setDiagnostics would close a hover tooltip the reader has just opened.
  linter((view) => {
    const problem = view.state.field(problemField, false);
    return problem ? [problem] : [];
  }),
  EditorState.transactionExtender.of((tr) =>
    tr.docChanged && tr.startState.field(problemField, false) && !tr.effects.some((e) => e.is(setProblem))
      ? setDiagnostics(tr.startState, [])
      : null,
  ),
];

export default function CypherEditorPane({ value, onChange, onRun }: EditorPaneProps) {
  const theme = useAppStore((s) => s.theme);
  const stats = useAppStore((s) => s.stats);
  const paramsText = useAppStore((s) => s.paramsText);
  const parsed = parseParamsJson(paramsText);
  const parameters = 'params' in parsed ? Object.keys(parsed.params) : [];
  const problem = useAppStore((s) => s.cypherProblem);
  const [view, setView] = useState<EditorView | null>(null);
  // Marks where the engine says the error is (a red underline with the sentence on hover); a new
  // run clears the problem and with it the mark. Only while the editor holds the query that
  // failed: runConsole puts the query it sends first in the history, and the user may have typed
  // while it ran (or edited and reopened the console) — then the position belongs to other text.
  useEffect(() => {
    if (!view) return;
    const ran = useAppStore.getState().history[0];
    const holdsRun = view.state.doc.toString().trim() === ran;
    const range = problem?.position && holdsRun ? rangeOf(view.state, problem.position) : null;
    const diagnostic: Diagnostic | null =
      range && problem ? { ...range, severity: 'error', message: problem.sentence } : null;
    view.dispatch({ effects: setProblem.of(diagnostic) });
    view.dispatch(setDiagnostics(view.state, diagnostic ? [diagnostic] : []));
  }, [view, problem]);
  return (
    <div className="editor" data-testid="cypher-editor">
      <CypherEditor
        value={value}
        theme={theme}
        lineNumbers
        lineWrapping
        autofocus
        placeholder="MATCH (w:Work)-[:MENTIONS]->(c:Concept {id: 'concept:irisin'}) RETURN w.title"
        schema={{
          labels: stats ? Object.keys(stats.counts.nodes) : Object.keys(NODE_SCHEMA),
          relationshipTypes: stats ? Object.keys(stats.counts.rels) : Object.keys(REL_SCHEMA),
          propertyKeys: PROPERTY_KEYS,
          parameters,
        }}
        postExtensions={PROBLEM_EXTENSIONS}
        onValueChanged={onChange}
        onEditorCreated={(editor) => setView(editor.codemirror)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            onRun();
          }
        }}
      />
    </div>
  );
}
