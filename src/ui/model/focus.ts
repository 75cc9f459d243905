/**
 * Which nodes a neighbourhood focus shows, and which concepts count as hubs. Pure: tests call it
 * on a tiny graph.
 *
 * The hub rule: a concept mentioned by more than `hubShare` % of the works (default
 * {@link DEFAULT_HUB_SHARE} %) is a hub. Through a hub every work is two steps from every other
 * (a 2-hop focus on sclerostin reached a third of the graph through *bone* and *skeletal
 * muscle*), so a focus does not walk through hubs: it shows a hub it reaches (collapsed: its
 * other links are not followed), or hides it when asked. The centre itself is always walked
 * from, hub or not.
 */
import type { NetworkEdge } from '../../model/api';

/** Default hub threshold: share of the works mentioning a concept, in percent. */
export const DEFAULT_HUB_SHARE = 10;

/** How a focus treats hubs. */
export interface HubRule {
  /** Percent of works: a concept mentioned by more is a hub. 100 turns the rule off. */
  hubShare: number;
  /** Leave hubs out of the focus (instead of showing them without walking through them). */
  hideHubs: boolean;
}

/**
 * The hubs among some concepts: those whose number of mentioning works exceeds `hubShare` % of
 * `workCount`. `mentions` gives each concept's number of mentioning works.
 */
export function hubConcepts(
  concepts: Iterable<{ id: string; mentions: number }>,
  workCount: number,
  hubShare: number,
): Set<string> {
  const hubs = new Set<string>();
  if (workCount <= 0 || hubShare >= 100) return hubs;
  const limit = (hubShare / 100) * workCount;
  for (const c of concepts) if (c.mentions > limit) hubs.add(c.id);
  return hubs;
}

/** What a focus shows. */
export interface FocusSubset {
  /** The centre first, then nodes in the order they were reached. */
  ids: string[];
  /** Hubs the walk reached and did not go through (shown collapsed, or hidden with `hideHubs`). */
  hubs: string[];
}

/**
 * The nodes within `hops` steps of `center` over `edges` (either direction), not walking through
 * `hubs` (see the module comment). With `hideHubs`, the hubs reached are left out.
 */
export function focusSubset(
  center: string,
  hops: number,
  edges: readonly NetworkEdge[],
  hubs: ReadonlySet<string>,
  hideHubs: boolean,
): FocusSubset {
  const adjacent = new Map<string, string[]>();
  const link = (a: string, b: string): void => {
    const list = adjacent.get(a);
    if (list) list.push(b);
    else adjacent.set(a, [b]);
  };
  for (const e of edges) {
    if (e.source === e.target) continue;
    link(e.source, e.target);
    link(e.target, e.source);
  }
  const seen = new Set<string>([center]);
  const ids = [center];
  const reachedHubs: string[] = [];
  let frontier = [center];
  for (let depth = 0; depth < hops && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const node of frontier) {
      for (const other of adjacent.get(node) ?? []) {
        if (seen.has(other)) continue;
        seen.add(other);
        if (hubs.has(other)) {
          reachedHubs.push(other);
          if (!hideHubs) ids.push(other);
          continue; // collapsed: reached, not walked through
        }
        ids.push(other);
        next.push(other);
      }
    }
    frontier = next;
  }
  return { ids, hubs: reachedHubs };
}
