/**
 * The legend of an exported figure: one entry per colour the visible nodes carry, in the current
 * colour mode, with how many visible nodes have it. Pure (the drawing is in ./figure.ts).
 */
import type { UiGraph } from '../model/build-graph';
import { communityColors, rankCommunities } from '../model/communities';
import {
  CATEGORY_COLORS,
  CATEGORY_LABELS,
  OTHER_COMMUNITY_COLOR,
  REVIEW_COLOR,
  WORK_COLOR,
} from '../model/palette';
import type { ConceptCategory } from '../../model/graph-schema';

/** One legend entry. */
export interface LegendEntry {
  color: string;
  label: string;
  /** Visible nodes with this colour. */
  count: number;
  /** Concepts are drawn as ringed discs. */
  ringed: boolean;
}

/**
 * Entries for the visible nodes: by kind (works, the review, each concept category in the
 * palette's order), or by community (largest first, named after their most-mentioned concept, the
 * small ones pooled as "other communities"). Colours no visible node carries are left out.
 */
export function legendEntries(
  g: UiGraph,
  visible: ReadonlySet<string>,
  mode: 'kind' | 'community',
): LegendEntry[] {
  if (mode === 'kind') {
    let works = 0;
    let review = 0;
    const categories = new Map<ConceptCategory, number>();
    for (const id of visible) {
      if (!g.hasNode(id)) continue;
      const a = g.getNodeAttributes(id);
      if (a.kind === 'work') {
        if (a.isReview) review += 1;
        else works += 1;
      } else if (a.category) categories.set(a.category, (categories.get(a.category) ?? 0) + 1);
    }
    const entries: LegendEntry[] = [];
    if (works > 0) entries.push({ color: WORK_COLOR, label: 'Works', count: works, ringed: false });
    if (review > 0) entries.push({ color: REVIEW_COLOR, label: 'The review', count: review, ringed: false });
    for (const c of Object.keys(CATEGORY_COLORS) as ConceptCategory[]) {
      const n = categories.get(c) ?? 0;
      if (n > 0)
        entries.push({
          color: CATEGORY_COLORS[c],
          label: `Concepts: ${CATEGORY_LABELS[c].toLowerCase()}`,
          count: n,
          ringed: true,
        });
    }
    return entries;
  }
  const colours = communityColors(g);
  const counts = new Map<number, number>();
  for (const id of visible) {
    if (g.hasNode(id)) {
      const c = g.getNodeAttribute(id, 'community');
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
  }
  const entries: LegendEntry[] = [];
  let other = 0;
  for (const c of rankCommunities(g)) {
    const n = counts.get(c.community) ?? 0;
    if (n === 0) continue;
    const color = colours.get(c.community) ?? OTHER_COMMUNITY_COLOR;
    if (color === OTHER_COMMUNITY_COLOR) other += n;
    else
      entries.push({
        color,
        label: `Community ${c.rank + 1}${c.topConcept ? ` (${c.topConcept})` : ''}`,
        count: n,
        ringed: false,
      });
  }
  if (other > 0)
    entries.push({ color: OTHER_COMMUNITY_COLOR, label: 'Other communities', count: other, ringed: false });
  return entries;
}
