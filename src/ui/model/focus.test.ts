import { describe, expect, it } from 'vitest';
import type { NetworkEdge } from '../../model/api';
import { DEFAULT_HUB_SHARE, focusSubset, hubConcepts } from './focus';
import { pickLabels, type LabelCandidate } from './label-picking';

/**
 * A tiny literature: sclerostin is mentioned by works w1 and w2; w1 also mentions the hub
 * "bone", which 4 other works (h1..h4) mention too; w2 cites w3. Without the hub rule a 2-hop
 * focus on sclerostin pulls in every work through bone.
 */
const m = (work: string, concept: string): NetworkEdge => ({
  source: work,
  target: concept,
  kind: 'MENTIONS',
});
const edges: NetworkEdge[] = [
  m('w1', 'sclerostin'),
  m('w2', 'sclerostin'),
  m('w1', 'bone'),
  ...['h1', 'h2', 'h3', 'h4'].map((w) => m(w, 'bone')),
  { source: 'w2', target: 'w3', kind: 'CITES' },
  { source: 'sclerostin', target: 'bone', kind: 'ACTS_ON' },
];

describe('hubConcepts', () => {
  it('counts a concept mentioned by more than the share of works as a hub', () => {
    const concepts = [
      { id: 'bone', mentions: 5 },
      { id: 'sclerostin', mentions: 2 },
    ];
    expect([...hubConcepts(concepts, 7, 50)]).toEqual(['bone']);
    expect([...hubConcepts(concepts, 7, 20)].sort()).toEqual(['bone', 'sclerostin']);
    expect(hubConcepts(concepts, 7, 100).size).toBe(0);
    expect(DEFAULT_HUB_SHARE).toBe(10);
  });
});

describe('focusSubset', () => {
  it('without hubs walks through everything (the old behaviour: the hub pulls in h1..h4)', () => {
    const all = focusSubset('sclerostin', 2, edges, new Set(), false);
    expect(all.ids.sort()).toEqual(['bone', 'h1', 'h2', 'h3', 'h4', 'sclerostin', 'w1', 'w2', 'w3']);
  });

  it('shows a hub it reaches but does not walk through it', () => {
    const f = focusSubset('sclerostin', 2, edges, new Set(['bone']), false);
    expect(f.ids).toEqual(['sclerostin', 'w1', 'w2', 'bone', 'w3']);
    expect(f.hubs).toEqual(['bone']);
  });

  it('hides the hubs when asked', () => {
    const f = focusSubset('sclerostin', 2, edges, new Set(['bone']), true);
    expect(f.ids).toEqual(['sclerostin', 'w1', 'w2', 'w3']);
    expect(f.hubs).toEqual(['bone']);
  });

  it('walks from the centre even when the centre is a hub', () => {
    const f = focusSubset('bone', 1, edges, new Set(['bone']), false);
    expect(f.ids.sort()).toEqual(['bone', 'h1', 'h2', 'h3', 'h4', 'sclerostin', 'w1']);
  });
});

describe('pickLabels', () => {
  const c = (id: string, x: number, y: number, importance: number, text = id): LabelCandidate => ({
    id,
    x,
    y,
    size: 4,
    text,
    importance,
  });

  it('keeps the more important of two colliding labels and both of two apart', () => {
    // "sarcopenia" and "osteoporosis" 6 px apart vertically: their 14 px labels would overlap.
    const picked = pickLabels(
      [c('osteoporosis', 100, 106, 1), c('sarcopenia', 100, 100, 5), c('far', 400, 400, 0)],
      {
        fontSize: 14,
      },
    );
    expect([...picked].sort()).toEqual(['far', 'sarcopenia']);
  });

  it('does not draw a label over another node, but always labels the forced ones', () => {
    const nodes = [c('a', 100, 100, 1, 'a long label here'), c('b', 150, 100, 0, '')];
    expect(pickLabels(nodes, { fontSize: 14 }).has('a')).toBe(false);
    expect(pickLabels(nodes, { fontSize: 14, always: new Set(['a']) }).has('a')).toBe(true);
  });

  it('stops at the maximum', () => {
    const many = Array.from({ length: 10 }, (_, i) => c(`n${i}`, 0, i * 40, i));
    expect(pickLabels(many, { fontSize: 14, max: 3 })).toEqual(new Set(['n9', 'n8', 'n7']));
  });
});
