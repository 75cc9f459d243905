// citation-js ships no type declarations; these are the parts src/server/cite.ts uses.
declare module '@citation-js/core' {
  /** A citation-js bibliography (CSL-JSON items inside). */
  export class Cite {
    constructor(data: unknown);
    /** CSL-JSON items. */
    data: Record<string, unknown>[];
    format(format: string, options?: Record<string, unknown>): unknown;
  }
}

declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
