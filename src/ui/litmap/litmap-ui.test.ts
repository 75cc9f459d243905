import { describe, expect, it } from 'vitest';
import { DEFAULT_MAP_THRESHOLD, type LitMapPayload, type LitMapWork } from '../../model/litmap';
import { DEFAULT_FILTERS } from '../model/filters';
import { INITIAL_STATE } from '../state/store';
import { parseUrlState, serializeUrlState, type ShareableState } from '../state/url-state';
import { legendEntries } from './ClusterLegend';
import { placeLabels, type LabelCandidate } from './label-placement';
import { YEAR_STOPS, startPositions, timeLayout, yearColor, yearTicks } from './map-model';

const work = (id: string, year: number | null, cluster: number | null, citedBy = 0): LitMapWork => ({
  id,
  title: id,
  year,
  journal: null,
  firstAuthor: null,
  citedBy,
  references: 0,
  isSeed: false,
  score: 1,
  cluster,
});

const map: Pick<LitMapPayload, 'works' | 'clusters'> = {
  works: [work('a', 2000, 0, 5), work('b', 2000, 0, 1), work('c', 2010, 1), work('d', null, null)],
  clusters: [
    { id: 0, size: 2, label: 'x', alike: [], concepts: [] },
    { id: 1, size: 1, label: null, alike: [], concepts: [] },
  ],
};

const overlap = (a: { left: number; top: number; width: number; height: number }, b: typeof a): boolean =>
  a.left < b.left + b.width &&
  b.left < a.left + a.width &&
  a.top < b.top + b.height &&
  b.top < a.top + a.height;

describe('label placement', () => {
  it('never overlaps two labels, keeps them in the view and places the higher priority first', () => {
    // 40 labels crowded around one point: most cannot be placed, none may overlap.
    const candidates: LabelCandidate[] = Array.from({ length: 40 }, (_, i) => ({
      id: `n${i}`,
      x: 200 + (i % 5) * 6,
      y: 100 + Math.floor(i / 5) * 4,
      width: 60,
      height: 16,
      radius: 3,
      priority: i,
    }));
    const placed = placeLabels(candidates, [], 400, 200);
    expect(placed.length).toBeGreaterThan(1);
    expect(placed.length).toBeLessThan(40);
    expect(placed[0]!.id).toBe('n39');
    for (let i = 0; i < placed.length; i++) {
      const p = placed[i]!;
      expect(p.left).toBeGreaterThanOrEqual(0);
      expect(p.top).toBeGreaterThanOrEqual(0);
      expect(p.left + p.width).toBeLessThanOrEqual(400);
      for (let j = i + 1; j < placed.length; j++) expect(overlap(p, placed[j]!)).toBe(false);
    }
  });

  it('moves a label to the other side of its node rather than over another node', () => {
    const placed = placeLabels(
      [{ id: 'a', x: 100, y: 50, width: 40, height: 14, radius: 4, priority: 1 }],
      [
        { id: 'a', x: 100, y: 50, radius: 4 },
        { id: 'b', x: 125, y: 50, radius: 6 },
      ],
      300,
      100,
    );
    // Right of a would cover b: it goes left.
    expect(placed).toEqual([{ id: 'a', left: 100 - 4 - 3 - 40, top: 43, width: 40, height: 14 }]);
  });
});

describe('map geometry', () => {
  it('starts from the same positions every time', () => {
    expect(startPositions(map)).toEqual(startPositions(map));
  });

  it('puts works on a timeline: x by year, one band per cluster, the unclustered last', () => {
    const t = timeLayout(map, 'cluster');
    const p = (id: string) => t.positions.get(id)!;
    expect(p('a').x).toBe(p('b').x);
    expect(p('c').x).toBeGreaterThan(p('a').x);
    // Without a year: left of the oldest.
    expect(p('d').x).toBeLessThan(p('a').x);
    expect(t.bands.map((b) => b.cluster)).toEqual([0, 1, null]);
    // Cluster 0 is the top band; its most cited work sits in the middle of it.
    expect(p('a').y).toBe(t.bands[0]!.y);
    expect(p('b').y).not.toBe(p('a').y);
    expect(p('c').y).toBe(t.bands[1]!.y);
    const byCitations = timeLayout(map, 'citations');
    expect(byCitations.positions.get('a')!.y).toBeGreaterThan(byCitations.positions.get('b')!.y);
  });

  it('colours by year from the oldest to the newest, and grey without a year', () => {
    expect(yearColor(1990, 1990, 2020)).toBe(YEAR_STOPS[0]);
    expect(yearColor(2020, 1990, 2020)).toBe(YEAR_STOPS[YEAR_STOPS.length - 1]);
    expect(yearColor(null, 1990, 2020)).toBe('#BBBBBB');
    expect(yearTicks(1988, 2023)).toEqual([1990, 1995, 2000, 2005, 2010, 2015, 2020]);
  });
});

describe('the link threshold in the link', () => {
  const base: ShareableState = {
    selected: null,
    colorMode: 'kind',
    theme: 'light',
    consoleOpen: false,
    query: '',
    filters: DEFAULT_FILTERS,
    path: INITIAL_STATE.path,
    pathOpen: false,
    matrixOpen: false,
    matrixCell: null,
    activeView: 'litmap',
    mapSeeds: ['doi:10.1/a'],
  };

  it('carries a threshold other than the default and reads it back', () => {
    const link = serializeUrlState({ ...base, mapThreshold: 0.34 });
    expect(link).toContain('mapThreshold=0.34');
    expect(parseUrlState(`?${link}`).map?.threshold).toBe(0.34);
    expect(serializeUrlState({ ...base, mapThreshold: DEFAULT_MAP_THRESHOLD })).not.toContain('mapThreshold');
  });

  it('ignores a threshold the API would refuse, with a notice', () => {
    for (const bad of ['0', '2.5', 'abc', '']) {
      const s = parseUrlState(`?view=litmap&map=doi%3A10.1%2Fa&mapThreshold=${bad}`);
      expect(s.map).toBeNull();
      expect(s.notice).toContain('map link threshold');
    }
  });
});

describe('cluster names over the works', () => {
  it('puts a cluster’s name over node discs only when it may cover them', () => {
    const name: LabelCandidate = {
      id: 'cluster:0',
      x: 100,
      y: 50,
      width: 80,
      height: 20,
      radius: 0,
      centered: true,
      priority: 2,
    };
    // Discs under every one of its five spots (centre, above, below, left, right).
    const discs = [
      { id: 'a', x: 100, y: 50, radius: 6 },
      { id: 'b', x: 100, y: 27, radius: 6 },
      { id: 'c', x: 100, y: 73, radius: 6 },
      { id: 'd', x: 60, y: 50, radius: 6 },
      { id: 'e', x: 140, y: 50, radius: 6 },
    ];
    expect(placeLabels([name], discs, 400, 200)).toEqual([]);
    // A free spot (here below, once the disc under it is gone) still wins over covering nodes.
    expect(
      placeLabels(
        [{ ...name, overDiscs: true }],
        discs.filter((d) => d.id !== 'c'),
        400,
        200,
      ),
    ).toEqual([{ id: 'cluster:0', left: 60, top: 63, width: 80, height: 20 }]);
    expect(placeLabels([{ ...name, overDiscs: true }], discs, 400, 200)).toEqual([
      { id: 'cluster:0', left: 60, top: 40, width: 80, height: 20 },
    ]);
  });
});

describe('the cluster legend', () => {
  const cluster = (id: number, size: number, label: string | null, alike: number[] = []) => ({
    id,
    size,
    label,
    alike,
    concepts: [],
  });
  it('merges clusters alike into the entry of the largest, and lists the unclustered works last', () => {
    const entries = legendEntries({
      works: map.works,
      clusters: [
        cluster(0, 9, 'bone · muscle', [2]),
        cluster(1, 5, 'irisin'),
        cluster(2, 4, 'muscle · bone', [0]),
        cluster(3, 3, null),
      ],
    });
    expect(entries.map((e) => [e.clusters, e.text])).toEqual([
      [[0, 2], 'bone · muscle: 2 clusters alike (9, 4)'],
      [[1], 'irisin (5)'],
      [[3], 'no shared concept (3)'],
      [[null], 'not in a cluster'],
    ]);
  });
});
