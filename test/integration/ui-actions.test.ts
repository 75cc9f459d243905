/** UI actions (src/ui/state) against the real HTTP server over the real embedded store. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REVIEW_ID } from '../../src/model/ids';
import { setApiBase } from '../../src/ui/api/client';
import { dataOf, errorOf } from '../../src/ui/state/async';
import { selectNode } from '../../src/ui/state/details';
import {
  clearFocus,
  focusNeighborhood,
  resetFilters,
  setFilters,
  toggleEdgeKind,
} from '../../src/ui/state/filters';
import { getGraph } from '../../src/ui/state/graph-holder';
import { loadGraph } from '../../src/ui/state/load';
import { useAppStore } from '../../src/ui/state/store';
import { parseUrlState } from '../../src/ui/state/url-state';
import { startTestServer } from '../support/server';

let close: () => Promise<void>;

beforeAll(async () => {
  const server = await startTestServer();
  setApiBase(server.url);
  close = server.close;
});
afterAll(async () => {
  await close();
});

describe('UI actions', () => {
  it('loads the graph into the model and marks the store ready', async () => {
    await loadGraph();
    const s = useAppStore.getState();
    expect(s.network.status).toBe('ready');
    expect(dataOf(s.network)?.revision).toBe(1);
    expect(getGraph()?.order).toBe(594);
    // The database's counts follow the network (loadNetwork does not wait for them).
    await expect.poll(() => useAppStore.getState().stats?.counts.nodes.Work).toBe(460);
  });

  it('selects a node and loads its details; an unknown id becomes a readable error', async () => {
    await selectNode(REVIEW_ID);
    let s = useAppStore.getState();
    expect(s.selected).toBe(REVIEW_ID);
    expect(s.detail.status).toBe('ready');
    expect(dataOf(s.detail)?.kind).toBe('work');
    await selectNode('doi:10.9999/none');
    s = useAppStore.getState();
    expect(s.detail.status).toBe('error');
    expect(errorOf(s.detail)).toMatch(/Nothing in the graph has the id/);
    await selectNode(null);
    expect(dataOf(useAppStore.getState().detail)).toBeNull();
  });

  it('focuses a neighbourhood with the current relationship kinds', async () => {
    toggleEdgeKind('MENTIONS');
    expect(useAppStore.getState().filters.edgeKinds).not.toContain('MENTIONS');
    await focusNeighborhood(REVIEW_ID, 1);
    const focus = useAppStore.getState().focus;
    expect(focus?.nodes.status).toBe('ready');
    expect(focus && dataOf(focus.nodes)?.ids.size).toBe(6);
    clearFocus();
    expect(useAppStore.getState().focus).toBeNull();
  });

  it('keeps filter changes until reset', () => {
    setFilters({ yearMin: 2020 });
    expect(useAppStore.getState().filters.yearMin).toBe(2020);
    resetFilters();
    expect(useAppStore.getState().filters.yearMin).toBeNull();
    expect(useAppStore.getState().filters.edgeKinds).toContain('MENTIONS');
  });
});

describe('URL state', () => {
  it('reads a shared view and ignores invalid parts with a notice', () => {
    expect(parseUrlState('?node=concept%3Airisin&color=community&theme=dark')).toEqual({
      selected: 'concept:irisin',
      colorMode: 'community',
      theme: 'dark',
      query: null,
      filters: null,
      camera: null,
      path: null,
      matrixCell: null,
      focus: null,
      timelineStack: null,
      view: null,
      map: null,
      collection: null,
      notice: null,
    });
    const bad = parseUrlState('?color=rainbow&theme=sepia');
    expect(bad.colorMode).toBeNull();
    expect(bad.notice).toMatch(/colour mode “rainbow” and theme “sepia”/);
  });
});
