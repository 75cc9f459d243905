import { describe, expect, it } from 'vitest';
import { nextInDirection, type ScreenPoint } from './keyboard-nav';

// A plus sign around the origin, plus one node far off to the upper right.
const points: ScreenPoint[] = [
  { id: 'o', x: 0, y: 0 },
  { id: 'r', x: 10, y: 0 },
  { id: 'l', x: -10, y: 0 },
  { id: 'u', x: 0, y: -10 },
  { id: 'd', x: 0, y: 10 },
  { id: 'far', x: 30, y: -25 },
];

describe('keyboard navigation of the network', () => {
  it('moves to the node straight ahead in each direction (y grows downwards)', () => {
    expect(nextInDirection({ x: 0, y: 0 }, 'right', points, 'o')).toBe('r');
    expect(nextInDirection({ x: 0, y: 0 }, 'left', points, 'o')).toBe('l');
    expect(nextInDirection({ x: 0, y: 0 }, 'up', points, 'o')).toBe('u');
    expect(nextInDirection({ x: 0, y: 0 }, 'down', points, 'o')).toBe('d');
  });

  it('prefers a node ahead over a closer one off to the side, and ignores what is behind', () => {
    const pts: ScreenPoint[] = [
      { id: 'side', x: 4, y: 6 },
      { id: 'ahead', x: 12, y: 1 },
      { id: 'behind', x: -1, y: 0 },
    ];
    // side: 4 + 2·6 = 16; ahead: 12 + 2·1 = 14.
    expect(nextInDirection({ x: 0, y: 0 }, 'right', pts)).toBe('ahead');
  });

  it('says there is nothing further in a direction', () => {
    expect(nextInDirection({ x: 10, y: 0 }, 'right', points, 'r')).toBe('far');
    expect(nextInDirection({ x: 30, y: -25 }, 'right', points, 'far')).toBeNull();
    expect(nextInDirection({ x: 0, y: 0 }, 'up', [])).toBeNull();
  });
});
