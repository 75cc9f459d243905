/**
 * Colours. Categorical colours come from Paul Tol's colour-blind-safe "muted" scheme; edges are
 * greys; one accent (Tol "vibrant" orange) marks selection and paths. Colour always comes with
 * the legend.
 */
import { NETWORK_EDGE_KINDS, networkSpec, type EdgeKind, type EdgeStyle } from '../../model/edge-kinds';
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

/** The ring of a work in the collection (ui/state/collection.ts), by theme: the link blue. */
export const COLLECTION_RING = { light: '#0B5CAD', dark: '#7DB7FF' } as const;

/**
 * Colours of the ten largest communities (largest first); the rest are grey. None is a kind's
 * colour: each is at least ΔE 20 (CIELAB 1976) from every colour above and from the accent, and
 * ΔE 30 from each other (palette.test.ts checks), so colouring by community never makes a
 * community look like the review or a concept category. Drawn from Paul Tol's vibrant and light
 * schemes and Okabe–Ito, with dark teal, olive and brown added.
 */
export const COMMUNITY_COLORS = [
  '#0077BB',
  '#EE3377',
  '#BBCC33',
  '#E69F00',
  '#225555',
  '#FFAABB',
  '#666633',
  '#CC3311',
  '#BBEEBB',
  '#663333',
];
export const OTHER_COMMUNITY_COLOR = '#BBBBBB';

/** Edge greys per drawing style (see EdgeStyle in model/edge-kinds.ts) and theme, darker for citations than for concept mentions. */
const STYLE_COLORS: Record<'light' | 'dark', Record<EdgeStyle, string>> = {
  light: {
    citation: '#9a9a9a',
    similar: '#6f6f6f',
    mention: '#e4e4e4',
    hierarchy: '#b0b0b0',
    curated: '#7a7a7a',
  },
  dark: {
    citation: '#707070',
    similar: '#9a9a9a',
    mention: '#303030',
    hierarchy: '#5a5a5a',
    curated: '#8a8a8a',
  },
};

/** Drawn width of an edge per style: mentions thin, citations medium, the vocabulary's links bold. */
export const EDGE_WIDTHS: Record<EdgeStyle, number> = {
  citation: 1.2,
  similar: 1.6,
  mention: 0.6,
  hierarchy: 1.6,
  curated: 1.6,
};

const byKind = (colors: Record<EdgeStyle, string>): Record<EdgeKind, string> =>
  Object.fromEntries(NETWORK_EDGE_KINDS.map((k) => [k, colors[networkSpec(k).style]])) as Record<
    EdgeKind,
    string
  >;

/** Edge greys per theme and relationship kind, from each kind's style in the registry. */
export const EDGE_COLORS: Record<'light' | 'dark', Record<EdgeKind, string>> = {
  light: byKind(STYLE_COLORS.light),
  dark: byKind(STYLE_COLORS.dark),
};

/** Colour of nodes faded out around a hover or selection. */
export const FADED = { light: '#e6e6e6', dark: '#2e2e2e' } as const;
