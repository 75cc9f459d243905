import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS } from '../model/filters';
import { INITIAL_STATE } from './store';
import { parseUrlState, serializeUrlState, type ShareableState } from './url-state';

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
};

describe('shareable view state', () => {
  it('leaves defaults out of the link', () => {
    expect(serializeUrlState(base)).toBe('');
  });

  it('round-trips selection, filters, camera, colours, path, matrix cell and query', () => {
    const view: ShareableState = {
      ...base,
      selected: 'doi:10.1038/s41574-025-01088-x',
      colorMode: 'community',
      theme: 'dark',
      consoleOpen: true,
      query: 'MATCH (w:Work) RETURN count(w)',
      filters: {
        ...DEFAULT_FILTERS,
        yearMin: 2005,
        yearMax: null,
        includeUnknownYear: false,
        edgeKinds: ['CITES', 'MENTIONS'],
        categories: ['tissue', 'factor'],
        showWorks: true,
        showConcepts: true,
        linkedToReview: true,
      },
      pathOpen: true,
      path: {
        ...INITIAL_STATE.path,
        from: 'concept:irisin',
        to: 'concept:sclerostin',
        via: 'cites',
        directed: true,
      },
      matrixOpen: true,
      matrixCell: { source: 'concept:skeletal-muscle', target: 'concept:bone' },
      camera: { x: 0.512345678, y: 0.4, ratio: 0.25 },
    };
    const link = serializeUrlState(view);
    expect(link).toContain('cell=skeletal-muscle%3Ebone');
    const back = parseUrlState(`?${link}`);
    expect(back.notice).toBeNull();
    expect(back.selected).toBe(view.selected);
    expect(back.colorMode).toBe('community');
    expect(back.theme).toBe('dark');
    expect(back.query).toBe(view.query);
    expect(back.filters).toEqual(view.filters);
    expect(back.camera).toEqual({ x: 0.5123, y: 0.4, ratio: 0.25 });
    expect(back.path).toEqual({
      from: 'concept:irisin',
      to: 'concept:sclerostin',
      via: 'cites',
      directed: true,
      avoidHubs: false,
    });
    expect(back.matrixCell).toEqual(view.matrixCell);
  });

  it('carries the review-link filter and the path hub rule (issue 17 items 2, 3, 7)', () => {
    const view: ShareableState = {
      ...base,
      filters: {
        ...DEFAULT_FILTERS,
        keepReview: false,
        linkedToReview: true,
        reviewHops: 3,
        reviewViaConcepts: true,
      },
      pathOpen: true,
      path: { ...INITIAL_STATE.path, from: 'work:a', to: 'concept:irisin', avoidHubs: true },
    };
    const link = serializeUrlState(view);
    for (const part of ['review=0', 'linked=1', 'linkedHops=3', 'viaConcepts=1', 'avoidHubs=1']) {
      expect(link).toContain(part);
    }
    const back = parseUrlState(`?${link}`);
    expect(back.notice).toBeNull();
    expect(back.filters).toEqual(view.filters);
    expect(back.path).toEqual({
      from: 'work:a',
      to: 'concept:irisin',
      via: 'any',
      directed: false,
      avoidHubs: true,
    });
    // "any number of steps" is 0; more than the panel offers is refused with a notice.
    expect(parseUrlState('?linked=1&linkedHops=0').filters?.reviewHops).toBe(0);
    const bad = parseUrlState('?linkedHops=9&review=maybe');
    expect(bad.filters).toBeNull();
    expect(bad.notice).toContain('steps from the review');
    expect(bad.notice).toContain('review');
  });

  it('carries a neighbourhood focus and the timeline stacking (issue 17 item 7)', () => {
    const link = serializeUrlState({
      ...base,
      selected: 'concept:sclerostin',
      focus: { center: 'concept:sclerostin', hops: 2 },
      timelineStack: 'community',
    });
    expect(link).toBe('node=concept%3Asclerostin&focus=concept%3Asclerostin&hops=2&stack=community');
    const back = parseUrlState(`?${link}`);
    expect(back.focus).toEqual({ center: 'concept:sclerostin', hops: 2 });
    expect(back.timelineStack).toBe('community');
    expect(
      serializeUrlState({ ...base, focus: { center: 'concept:bone', hops: 1 }, timelineStack: 'category' }),
    ).toBe('focus=concept%3Abone');
    const bad = parseUrlState('?focus=concept%3Abone&hops=9&stack=tall');
    expect(bad.focus).toBeNull();
    expect(bad.timelineStack).toBeNull();
    expect(bad.notice).toContain('hop count');
    expect(bad.notice).toContain('timeline stacking');
  });

  it('does not carry a closed path, matrix or console', () => {
    const link = serializeUrlState({
      ...base,
      path: { ...INITIAL_STATE.path, from: 'concept:irisin', to: 'concept:bone' },
      matrixCell: { source: 'concept:bone', target: 'concept:bone' },
      query: 'MATCH (n) RETURN n',
    });
    expect(link).toBe('');
  });

  it('ignores each invalid part with a notice and keeps the valid ones', () => {
    const s = parseUrlState(
      '?node=concept%3Abone&years=2020-1990&kinds=CITES,FOO&cats=tissue&works=maybe&cam=1,2&from=concept%3Abone&to=concept%3Abone&cell=liver%3Ebone',
    );
    expect(s.selected).toBe('concept:bone');
    expect(s.filters).toEqual({ ...DEFAULT_FILTERS, categories: ['tissue'] });
    expect(s.camera).toBeNull();
    expect(s.path).toBeNull();
    expect(s.matrixCell).toBeNull();
    for (const part of ['year range', 'relationship kinds', 'works', 'camera', 'path ends', 'matrix cell']) {
      expect(s.notice).toContain(part);
    }
  });

  it('carries the collection as repeated pick= ids, in order, and refuses a bad one with a notice', () => {
    const ids = ['doi:10.1002/jbmr.1666', 'ref:a.b#3', 'pmid:123'];
    const link = serializeUrlState({ ...base, collection: ids });
    expect(link).toBe(ids.map((id) => `pick=${encodeURIComponent(id)}`).join('&'));
    expect(parseUrlState(`?${link}`).collection).toEqual(ids);
    expect(parseUrlState(`?${link}&pick=${encodeURIComponent(ids[0]!)}`).collection).toEqual(ids);
    expect(parseUrlState('?node=concept%3Abone').collection).toBeNull();
    const tooMany = parseUrlState(`?${Array.from({ length: 201 }, (_, i) => `pick=pmid%3A${i}`).join('&')}`);
    expect(tooMany.collection).toBeNull();
    expect(tooMany.notice).toContain('collection');
    const long = parseUrlState(`?pick=${'x'.repeat(501)}`);
    expect(long.collection).toBeNull();
    expect(long.notice).toContain('collection');
  });
});
