/**
 * Communities sit together on the stored layout of the bundled graph (issue 17 item 11: they were
 * interleaved). Measure: the mean distance of a node to its community's centre, over the mean
 * distance of a node to the centre of the whole layout (communities of 5+ nodes). Interleaved
 * communities give about 1; the layout before this change gave 0.61; grouped ones give less.
 */
import { describe, expect, it } from 'vitest';
import { prepareGraph } from '../../src/ingest/ingest';
import { BUNDLED } from '../support/temp';

describe('layout of the bundled graph', () => {
  it('groups each community in one part of the map', async () => {
    const { graph } = await prepareGraph(BUNDLED);
    const nodes = [...graph.nodes.Work, ...graph.nodes.Concept].flatMap((n) =>
      n.x !== null && n.y !== null && n.community !== null ? [{ x: n.x, y: n.y, c: n.community }] : [],
    );
    const centre = (ns: readonly { x: number; y: number }[]) => ({
      x: ns.reduce((s, n) => s + n.x, 0) / ns.length,
      y: ns.reduce((s, n) => s + n.y, 0) / ns.length,
    });
    const all = centre(nodes);
    const spread = nodes.reduce((s, n) => s + Math.hypot(n.x - all.x, n.y - all.y), 0) / nodes.length;
    const byCommunity = new Map<number, { x: number; y: number }[]>();
    for (const n of nodes) byCommunity.set(n.c, [...(byCommunity.get(n.c) ?? []), n]);
    let within = 0;
    let counted = 0;
    for (const ns of byCommunity.values()) {
      if (ns.length < 5) continue;
      const m = centre(ns);
      for (const n of ns) within += Math.hypot(n.x - m.x, n.y - m.y);
      counted += ns.length;
    }
    expect(byCommunity.size).toBeGreaterThan(3);
    expect(within / counted / spread).toBeLessThan(0.5);
  }, 60_000);
});
