import { describe, expect, it } from 'vitest';
import { pathAsText, stepVerb } from './path-steps';

describe('path steps', () => {
  it('reads a relationship forwards or backwards', () => {
    expect(stepVerb('a', { source: 'a', target: 'b', kind: 'CITES' })).toBe('cites');
    expect(stepVerb('b', { source: 'a', target: 'b', kind: 'CITES' })).toBe('is cited by');
    expect(
      stepVerb('concept:irisin', { source: 'concept:irisin', target: 'concept:bone', kind: 'ACTS_ON' }),
    ).toBe('acts on');
    expect(stepVerb('concept:bone', { source: 'w', target: 'concept:bone', kind: 'MENTIONS' })).toBe(
      'is mentioned by',
    );
  });

  it('writes a path as text, one node per line', () => {
    const text = pathAsText(
      ['w1', 'concept:bone', 'concept:irisin'],
      [
        { source: 'w1', target: 'concept:bone', kind: 'MENTIONS' },
        { source: 'concept:irisin', target: 'concept:bone', kind: 'ACTS_ON' },
      ],
      (id) => id.toUpperCase(),
    );
    expect(text).toBe('W1\n  mentions CONCEPT:BONE\n  is acted on by CONCEPT:IRISIN');
  });
});
