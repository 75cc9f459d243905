// The package's exports hide its own type declarations (TS7016); these are the props we use.
declare module '@neo4j-cypher/react-codemirror' {
  import type { ComponentType } from 'react';

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
    onValueChanged?: (value: string) => void;
    onKeyDown?: (event: KeyboardEvent) => void;
  }

  export const CypherEditor: ComponentType<CypherEditorProps>;
}
