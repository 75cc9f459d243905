import { describe, expect, it } from 'vitest';
import { clampConsoleHeight, defaultConsoleHeight, maxConsoleHeight, MIN_CONSOLE_PX } from './console-height';

describe('console height', () => {
  it('leaves the network at least half the window', () => {
    // 1440x900 with a 53 px header and the 34 px timeline bar: the console at most 900-53-34-450 px.
    expect(maxConsoleHeight(900, 53)).toBe(363);
    expect(defaultConsoleHeight(900, 53)).toBe(360);
    expect(clampConsoleHeight(800, 900, 53)).toBe(363);
    expect(900 - 53 - 34 - clampConsoleHeight(10_000, 900, 53)).toBeGreaterThanOrEqual(450);
  });

  it('keeps the console usable on a short window', () => {
    expect(clampConsoleHeight(20, 900, 53)).toBe(MIN_CONSOLE_PX);
    expect(defaultConsoleHeight(400, 53)).toBe(MIN_CONSOLE_PX);
  });
});
