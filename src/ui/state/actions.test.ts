/** UI actions against the real HTTP server over the real embedded store. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REVIEW_ID } from '../../model/ids';
import { startTestServer } from '../../../test/support/server';
import { setApiBase } from '../api/client';
import {
  clearFocus,
  focusNeighborhood,
  loadGraph,
  resetFilters,
  selectNode,
  setFilters,
  toggleEdgeKind,
} from './actions';
import { getGraph } from './graph-holder';
import { useAppStore } from './store';
import { parseUrlState } from './url-state';

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
    expect(s.graphStatus).toBe('ready');
    expect(s.graphVersion).toBe(1);
    expect(getGraph()?.order).toBe(594);
    expect(s.stats?.counts.nodes.Work).toBe(460);
  });

  it('selects a node and loads its details; an unknown id becomes a readable error', async () => {
    await selectNode(REVIEW_ID);
    let s = useAppStore.getState();
    expect(s.selected).toBe(REVIEW_ID);
    expect(s.detailStatus).toBe('ready');
    expect(s.detail?.kind).toBe('work');
    await selectNode('doi:10.9999/none');
    s = useAppStore.getState();
    expect(s.detailStatus).toBe('error');
    expect(s.detailError).toMatch(/Nothing in the graph has the id/);
    await selectNode(null);
    expect(useAppStore.getState().detail).toBeNull();
  });

  it('focuses a neighbourhood with the current relationship kinds', async () => {
    toggleEdgeKind('MENTIONS');
    expect(useAppStore.getState().filters.edgeKinds).not.toContain('MENTIONS');
    await focusNeighborhood(REVIEW_ID, 1);
    const focus = useAppStore.getState().focus;
    expect(focus?.status).toBe('ready');
    expect(focus?.ids?.size).toBe(6);
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
      notice: null,
    });
    const bad = parseUrlState('?color=rainbow&theme=sepia');
    expect(bad.colorMode).toBeNull();
    expect(bad.notice).toMatch(/colour mode “rainbow” and theme “sepia”/);
  });
});
