import { describe, expect, it } from 'vitest';
import { HOVER_COLOURS, createDrawNodeHover } from './node-hover';

/** WCAG relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The calls a 2D canvas receives that decide what a reader sees: the colour of each filled shape
 * and of each text. (Node has no canvas; this records the calls sigma's hover layer would get.)
 */
function recordingContext() {
  const fills: string[] = [];
  const texts: { text: string; colour: string }[] = [];
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    font: '',
    shadowOffsetX: 0,
    shadowOffsetY: 0,
    shadowBlur: 0,
    shadowColor: '',
    measureText: (t: string) => ({ width: t.length * 7 }),
    beginPath: () => undefined,
    moveTo: () => undefined,
    lineTo: () => undefined,
    arc: () => undefined,
    closePath: () => undefined,
    stroke: () => undefined,
    fill: () => fills.push(ctx.fillStyle),
    fillText: (text: string) => texts.push({ text, colour: ctx.fillStyle }),
  };
  return { ctx, fills, texts };
}

const SETTINGS = { labelSize: 12, labelWeight: '500', labelFont: 'sans-serif', labelColor: { color: '#e8e8e8' } };

describe('hover label of a node', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`is readable on its box in the ${theme} theme`, () => {
      const { ctx, fills, texts } = recordingContext();
      const draw = createDrawNodeHover(theme);
      // @ts-expect-error -- the recorder has only the members the renderer uses; settings likewise.
      draw(ctx, { x: 50, y: 50, size: 6, label: 'irisin', color: '#009e73' }, SETTINGS);
      expect(texts).toEqual([{ text: 'irisin', colour: HOVER_COLOURS[theme].text }]);
      const box = fills[0] ?? '';
      expect(box).toBe(HOVER_COLOURS[theme].box);
      // WCAG AA for normal text.
      expect(contrast(box, texts[0]?.colour ?? box)).toBeGreaterThanOrEqual(4.5);
    });
  }

  it('uses a dark box in the dark theme (sigma draws a white one whatever the theme)', () => {
    expect(luminance(HOVER_COLOURS.dark.box)).toBeLessThan(0.1);
  });
});
