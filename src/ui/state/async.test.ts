import { describe, expect, it } from 'vitest';
import { IDLE, dataOf, errorOf, failed, loading, ready, shownData } from './async';

describe('AsyncState', () => {
  it('keeps what was shown while it reloads, and drops it on failure', () => {
    const first = ready({ id: 'concept:irisin' });
    const again = loading(first);
    expect(again.status).toBe('loading');
    expect(dataOf(again)).toBeNull();
    expect(shownData(again)).toEqual({ id: 'concept:irisin' });
    // A second reload before the first answered still shows the same data.
    expect(shownData(loading(again))).toEqual({ id: 'concept:irisin' });
    const broken = failed('Nothing in the graph has the id “x”.');
    expect(shownData(broken)).toBeNull();
    expect(errorOf(broken)).toBe('Nothing in the graph has the id “x”.');
    expect(shownData(loading(broken))).toBeNull();
  });

  it('has neither data nor error when idle', () => {
    expect(dataOf(IDLE)).toBeNull();
    expect(errorOf(IDLE)).toBeNull();
    expect(loading(IDLE)).toEqual({ status: 'loading' });
  });
});
