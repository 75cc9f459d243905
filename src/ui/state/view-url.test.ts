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

describe('the active view in the link', () => {
  it('leaves the network (the default) out and carries the others', () => {
    expect(serializeUrlState({ ...base, activeView: 'network' })).toBe('');
    for (const view of ['litmap', 'conceptmap'] as const) {
      const link = serializeUrlState({ ...base, activeView: view, selected: 'doi:10.1/x' });
      expect(link).toContain(`view=${view}`);
      const back = parseUrlState(`?${link}`);
      expect(back.view).toBe(view);
      expect(back.selected).toBe('doi:10.1/x');
      expect(back.notice).toBeNull();
    }
  });

  it('ignores an unknown view with a notice', () => {
    const s = parseUrlState('?view=gallery&node=concept%3Abone');
    expect(s.view).toBeNull();
    expect(s.selected).toBe('concept:bone');
    expect(s.notice).toContain('view “gallery”');
  });
});

describe('the literature map in the link', () => {
  it('carries its works, layout, axis and colour while the map is shown', () => {
    const link = serializeUrlState({
      ...base,
      activeView: 'litmap',
      mapSeeds: ['doi:10.1/a', 'doi:10.1/b'],
      mapLayout: 'time',
      mapTimeY: 'citations',
      mapColor: 'year',
    });
    expect(parseUrlState(`?${link}`).map).toEqual({
      seeds: ['doi:10.1/a', 'doi:10.1/b'],
      layout: 'time',
      timeY: 'citations',
      color: 'year',
    });
    expect(
      serializeUrlState({ ...base, activeView: 'network', mapSeeds: ['doi:10.1/a'], mapLayout: 'time' }),
    ).toBe('');
  });

  it('ignores a bad map part with a notice', () => {
    const s = parseUrlState('?view=litmap&map=doi%3A10.1%2Fa&mapLayout=spiral');
    expect(s.map).toBeNull();
    expect(s.view).toBe('litmap');
    expect(s.notice).toContain('map layout “spiral”');
  });
});
