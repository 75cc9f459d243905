/**
 * The Cypher editor (@neo4j-cypher/react-codemirror): highlighting, and autocompletion from the
 * live schema. Loaded on demand so it does not weigh on the first paint.
 */
import { setDiagnostics } from '@codemirror/lint';
import type { EditorView } from '@codemirror/view';
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

/** Document offsets of an engine position, or null when the text no longer has that line/column. */
function rangeOf(view: EditorView, p: ErrorPosition): { from: number; to: number } | null {
  const doc = view.state.doc;
  if (p.line < 1 || p.line > doc.lines) return null;
  const line = doc.line(p.line);
  const from = line.from + p.column - 1;
  if (from > line.to) return null;
  return { from, to: Math.min(line.to, from + p.length) };
}

export default function CypherEditorPane({ value, onChange, onRun }: EditorPaneProps) {
  const theme = useAppStore((s) => s.theme);
  const stats = useAppStore((s) => s.stats);
  const paramsText = useAppStore((s) => s.paramsText);
  const parsed = parseParamsJson(paramsText);
  const parameters = 'params' in parsed ? Object.keys(parsed.params) : [];
  const problem = useAppStore((s) => s.cypherProblem);
  const [view, setView] = useState<EditorView | null>(null);
  // Marks where the engine says the error is (a red underline with the sentence on hover);
  // a new run clears the problem and with it the mark.
  useEffect(() => {
    if (!view) return;
    const range = problem?.position ? rangeOf(view, problem.position) : null;
    view.dispatch(
      setDiagnostics(
        view.state,
        range && problem ? [{ ...range, severity: 'error', message: problem.sentence }] : [],
      ),
    );
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
