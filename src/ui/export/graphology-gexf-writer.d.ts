// The writer alone: graphology-gexf/browser's index also loads its parser, which needs a DOM.
declare module 'graphology-gexf/browser/writer' {
  import type { write as writeGexf } from 'graphology-gexf/browser';

  const write: typeof writeGexf;
  export default write;
}
