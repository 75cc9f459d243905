/**
 * The Cypher editor (@neo4j-cypher/react-codemirror): highlighting, and autocompletion from the
 * live schema. Loaded on demand so it does not weigh on the first paint.
 */
import { CypherEditor } from '@neo4j-cypher/react-codemirror';
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

export default function CypherEditorPane({ value, onChange, onRun }: EditorPaneProps) {
  const theme = useAppStore((s) => s.theme);
  const stats = useAppStore((s) => s.stats);
  const paramsText = useAppStore((s) => s.paramsText);
  const parsed = parseParamsJson(paramsText);
  const parameters = 'params' in parsed ? Object.keys(parsed.params) : [];
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
