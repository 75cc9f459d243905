/**
 * The layout of a grown graph: after a fetch job re-ingests the user dataset, the works and
 * concepts the store had keep their position and community (no ForceAtlas2 over the grown graph,
 * so the open view and a reload agree), and every new work sits near its neighbours. Real server,
 * real embedded store, the stand-in serving the synthetic literature of
 * test/support/synthetic-literature.ts (test records, not real papers).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchJobPayload, NetworkPayload } from '../../src/model/api';
import { REVIEW_ID } from '../../src/model/ids';
import { startFetchServer, type FetchTestServer } from '../support/fetch-server';
import { type FixtureApi, startFixtureApi } from '../support/fixture-api';
import { CITING, SYNTHETIC_REFERENCES, syntheticLiterature } from '../support/synthetic-literature';

let api: FixtureApi;
let server: FetchTestServer;

beforeAll(async () => {
  api = await startFixtureApi({ synthetic: syntheticLiterature() });
  server = await startFetchServer(api, { pubmed: false });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await api?.close();
});

const graph = async (): Promise<NetworkPayload> =>
  (await (await fetch(new URL('/api/graph', server.base))).json()) as NetworkPayload;

describe('a grown graph keeps its layout', () => {
  it('keeps old positions and communities, and places new works near their neighbours', async () => {
    const before = await graph();
    const started = (await (
      await fetch(new URL('/api/fetch', server.base), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ work: REVIEW_ID }),
      })
    ).json()) as FetchJobPayload;
    let job = started;
    const deadline = Date.now() + 120_000;
    while (!['done', 'failed', 'cancelled'].includes(job.state) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await (await fetch(new URL(`/api/fetch/${started.id}`, server.base))).json()) as FetchJobPayload;
    }
    expect(job.state, job.error ?? '').toBe('done');
    const after = await graph();

    const old = new Map(before.nodes.map((n) => [n.id, n]));
    const grown = new Map(after.nodes.map((n) => [n.id, n]));
    for (const [id, n] of old) {
      expect(grown.get(id), id).toMatchObject({ x: n.x, y: n.y, community: n.community });
    }
    const added = after.nodes.filter((n) => !old.has(n.id));
    expect(added.length).toBe(SYNTHETIC_REFERENCES + CITING);

    const xs = before.nodes.map((n) => n.x);
    const ys = before.nodes.map((n) => n.y);
    const extent = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
    const neighbours = new Map<string, string[]>();
    for (const e of after.edges) {
      neighbours.set(e.source, [...(neighbours.get(e.source) ?? []), e.target]);
      neighbours.set(e.target, [...(neighbours.get(e.target) ?? []), e.source]);
    }
    const spots = new Set<string>();
    for (const n of added) {
      spots.add(`${n.x},${n.y}`);
      const placed = (neighbours.get(n.id) ?? []).filter((m) => old.has(m));
      if (placed.length === 0) continue;
      const cx = placed.reduce((t, m) => t + old.get(m)!.x, 0) / placed.length;
      const cy = placed.reduce((t, m) => t + old.get(m)!.y, 0) / placed.length;
      expect(Math.hypot(n.x - cx, n.y - cy), n.id).toBeLessThan(0.25 * extent);
      expect(n.community).not.toBeNull();
    }
    // Spread out, not piled on one spot.
    expect(spots.size).toBe(added.length);
  }, 180_000);
});
