// The package's exports hide its own type declarations (TS7016); these are the props we use.
declare module '@neo4j-cypher/react-codemirror' {
  import type { ComponentType } from 'react';
  import type { Extension } from '@codemirror/state';
  import type { EditorView } from '@codemirror/view';

  export interface CypherEditorProps {
    value?: string;
    theme?: 'light' | 'dark' | 'auto';
    schema?: {
      labels?: string[];
      relationshipTypes?: string[];
      propertyKeys?: string[];
      parameters?: string[];
    };
    lineNumbers?: boolean;
    lineWrapping?: boolean;
    autofocus?: boolean;
    placeholder?: string;
    className?: string;
    /** Extensions after the library's own; read at creation, reconfigured when the prop changes. */
    postExtensions?: Extension[];
    onValueChanged?: (value: string) => void;
    onKeyDown?: (event: KeyboardEvent) => void;
    /** Called once with the editor's API; `codemirror` is its CodeMirror 6 view. */
    onEditorCreated?: (editor: { codemirror: EditorView }) => void;
  }

  export const CypherEditor: ComponentType<CypherEditorProps>;
}
