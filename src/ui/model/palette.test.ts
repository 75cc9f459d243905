import { describe, expect, it } from 'vitest';
import {
  ACCENT,
  CATEGORY_COLORS,
  COMMUNITY_COLORS,
  OTHER_COMMUNITY_COLOR,
  REVIEW_COLOR,
  WORK_COLOR,
} from './palette';

/** CIELAB (D65) of an sRGB colour #rrggbb. */
function lab(hex: string): [number, number, number] {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (v: number): number => (v > 0.008856 ? Math.cbrt(v) : 7.787 * v + 16 / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** ΔE 1976: distance in CIELAB. */
function deltaE(a: string, b: string): number {
  const [p, q] = [lab(a), lab(b)];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

describe('community colours (issue 17 item 11)', () => {
  const kinds = [WORK_COLOR, REVIEW_COLOR, ACCENT, OTHER_COMMUNITY_COLOR, ...Object.values(CATEGORY_COLORS)];

  it('reuse no kind colour: each is at least ΔE 20 from the works, the review, the categories and the accent', () => {
    for (const c of COMMUNITY_COLORS)
      for (const k of kinds) expect(deltaE(c, k), `${c} against ${k}`).toBeGreaterThanOrEqual(20);
  });

  it('are told apart from each other (ΔE ≥ 30)', () => {
    expect(new Set(COMMUNITY_COLORS).size).toBe(COMMUNITY_COLORS.length);
    COMMUNITY_COLORS.forEach((a, i) =>
      COMMUNITY_COLORS.slice(i + 1).forEach((b) =>
        expect(deltaE(a, b), `${a} against ${b}`).toBeGreaterThanOrEqual(30),
      ),
    );
  });
});
