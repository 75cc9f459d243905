/**
 * Colours. Categorical colours come from Paul Tol's colour-blind-safe "muted" scheme; edges are
 * greys; one accent (Tol "vibrant" orange) marks selection and paths. Colour always comes with
 * the legend.
 */
import type { ConceptCategory } from '../../model/graph-schema';

/** Works (the many) are a light, calm colour; the review stands out in indigo. */
export const WORK_COLOR = '#88CCEE';
export const REVIEW_COLOR = '#332288';

/** One colour per concept category. */
export const CATEGORY_COLORS: Record<ConceptCategory, string> = {
  tissue: '#CC6677',
  'factor-class': '#882255',
  factor: '#117733',
  cell: '#AA4499',
  condition: '#DDCC77',
  process: '#44AA99',
};

/** Human names of concept categories. */
export const CATEGORY_LABELS: Record<ConceptCategory, string> = {
  tissue: 'Tissues',
  'factor-class': 'Factor classes',
  factor: 'Factors',
  cell: 'Cells',
  condition: 'Conditions',
  process: 'Processes',
};

/** Selection, hover and path accent. */
export const ACCENT = '#EE7733';

/** Colours cycled over communities (largest first); the rest are grey. */
export const COMMUNITY_COLORS = [
  '#332288',
  '#88CCEE',
  '#44AA99',
  '#117733',
  '#999933',
  '#DDCC77',
  '#CC6677',
  '#882255',
  '#AA4499',
  '#6699CC',
];
export const OTHER_COMMUNITY_COLOR = '#BBBBBB';

/** Edge greys per theme, darker for citations than for concept mentions. */
export const EDGE_COLORS = {
  light: {
    CITES: '#9a9a9a',
    SIMILAR_TO: '#6f6f6f',
    MENTIONS: '#e4e4e4',
    IS_A: '#b0b0b0',
    SECRETED_BY: '#7a7a7a',
    ACTS_ON: '#7a7a7a',
  },
  dark: {
    CITES: '#707070',
    SIMILAR_TO: '#9a9a9a',
    MENTIONS: '#303030',
    IS_A: '#5a5a5a',
    SECRETED_BY: '#8a8a8a',
    ACTS_ON: '#8a8a8a',
  },
} as const;

/** Colour of nodes faded out around a hover or selection. */
export const FADED = { light: '#e6e6e6', dark: '#2e2e2e' } as const;
