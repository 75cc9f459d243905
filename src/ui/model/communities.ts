/**
 * Communities of the network ranked by size, largest first (ties by id): the order the network
 * and the timeline colour them in. Pure.
 */
import type { UiGraph } from './build-graph';
import { COMMUNITY_COLORS, OTHER_COMMUNITY_COLOR } from './palette';

/** A community of the whole network, ranked by size as the network colours them. */
export interface CommunityInfo {
  community: number;
  /** 0 for the largest community. */
  rank: number;
  /** Nodes (works and concepts) in the community. */
  size: number;
  /** The community's most-mentioned concept, to give it a readable name (null: no concept in it). */
  topConcept: string | null;
}

/**
 * Communities of the whole network ranked as the network's community colouring ranks them (node
 * count, then id), each named after its concept mentioned by the most works.
 */
export function rankCommunities(g: UiGraph): CommunityInfo[] {
  const sizes = new Map<number, number>();
  const top = new Map<number, { label: string; weight: number }>();
  g.forEachNode((_id, a) => {
    sizes.set(a.community, (sizes.get(a.community) ?? 0) + 1);
    if (a.kind !== 'concept') return;
    const best = top.get(a.community);
    if (!best || a.weight > best.weight || (a.weight === best.weight && a.fullLabel < best.label)) {
      top.set(a.community, { label: a.fullLabel, weight: a.weight });
    }
  });
  return [...sizes.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .map(([community, size], rank) => ({
      community,
      rank,
      size,
      topConcept: top.get(community)?.label ?? null,
    }));
}

/** Community id → colour: the largest communities get the palette, the rest grey. */
export function communityColors(g: UiGraph | null): Map<number, string> {
  const ranked = g ? rankCommunities(g) : [];
  return new Map(ranked.map((c) => [c.community, COMMUNITY_COLORS[c.rank] ?? OTHER_COMMUNITY_COLOR]));
}
