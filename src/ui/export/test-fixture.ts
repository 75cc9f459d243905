/**
 * A tiny network for the exporter tests (not a test file itself): the review cites two works, one
 * of them mentions a concept, a fourth work is hidden by the filters below. Titles carry the
 * characters that need escaping in XML and CSV.
 */
import type { NetworkPayload } from '../../model/api';
import { buildUiGraph, type UiGraph } from '../model/build-graph';
import { DEFAULT_FILTERS, type Filters } from '../model/filters';

export const PAYLOAD: NetworkPayload = {
  nodes: [
    {
      id: 'doi:r',
      kind: 'work',
      label: 'Bone & muscle <crosstalk> "review"',
      x: 0,
      y: 0,
      community: 0,
      year: 2025,
      category: null,
      weight: 2,
      isReview: true,
    },
    {
      id: 'doi:a',
      kind: 'work',
      label: 'Irisin, bone, and "muscle"',
      x: 10,
      y: 0,
      community: 0,
      year: 2010,
      category: null,
      weight: 1,
      isReview: false,
    },
    {
      id: 'doi:b',
      kind: 'work',
      label: 'Line one\nline two',
      x: 0,
      y: 10,
      community: 1,
      year: null,
      category: null,
      weight: 1,
      isReview: false,
    },
    {
      id: 'doi:c',
      kind: 'work',
      label: 'Old work',
      x: 50,
      y: 50,
      community: 2,
      year: 1999,
      category: null,
      weight: 0,
      isReview: false,
    },
    {
      id: 'concept:bone',
      kind: 'concept',
      label: 'bone',
      x: 20,
      y: 20,
      community: 1,
      year: null,
      category: 'tissue',
      weight: 1,
      isReview: false,
    },
  ],
  edges: [
    { source: 'doi:r', target: 'doi:a', kind: 'CITES' },
    { source: 'doi:r', target: 'doi:b', kind: 'CITES' },
    { source: 'doi:b', target: 'concept:bone', kind: 'MENTIONS' },
    { source: 'doi:c', target: 'concept:bone', kind: 'MENTIONS' },
    { source: 'doi:r', target: 'doi:c', kind: 'CITES' },
  ],
  overview: {
    isOverview: false,
    shownNodes: 5,
    totalNodes: 5,
    maxNodes: 100,
    shownEdges: 0,
    totalEdges: 0,
    maxEdges: 1000,
  },
};

/** Works from 2000 on (and those without a year): doi:c is hidden, with its two edges. */
export const FILTERS: Filters = { ...DEFAULT_FILTERS, yearMin: 2000 };

export const VISIBLE: ReadonlySet<string> = new Set(['doi:r', 'doi:a', 'doi:b', 'concept:bone']);

export function fixtureGraph(): UiGraph {
  return buildUiGraph(PAYLOAD);
}
