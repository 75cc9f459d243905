/**
 * Labels by importance without collisions, for views of a few dozen to a few hundred nodes (a
 * focus, a path, a query result). Greedy: candidates are taken from the most important down, and a
 * label is kept only when its box (to the right of its node, as sigma draws it) overlaps no kept
 * label and no other node's disc. Pure: screen positions in, the ids to label out.
 */

/** A node that may get a label, in screen pixels. */
export interface LabelCandidate {
  id: string;
  x: number;
  y: number;
  /** Radius of the node's disc on screen. */
  size: number;
  text: string;
  /** Higher first; ties go to the larger node, then the id. */
  importance: number;
}

/** Options of {@link pickLabels}. */
export interface LabelPickOptions {
  /** Label font size in pixels (sigma's `labelSize`). */
  fontSize: number;
  /** Average glyph width as a share of the font size (0.55 suits a sans-serif). */
  glyphWidth?: number;
  /** Free space kept around each label, in pixels. */
  margin?: number;
  /** Most labels to keep. */
  max?: number;
  /** Ids always labelled (the selection, the ends of a path), placed first. */
  always?: ReadonlySet<string>;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const overlaps = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** The screen box of a candidate's label (sigma draws it right of the node, vertically centred). */
export function labelBox(c: LabelCandidate, o: LabelPickOptions): Box {
  const m = o.margin ?? 2;
  const w = c.text.length * o.fontSize * (o.glyphWidth ?? 0.55);
  const x0 = c.x + c.size + 3;
  return { x0: x0 - m, y0: c.y - o.fontSize / 2 - m, x1: x0 + w + m, y1: c.y + o.fontSize / 2 + m };
}

/** The ids to label: the most important candidates whose labels collide with nothing kept. */
export function pickLabels(candidates: readonly LabelCandidate[], o: LabelPickOptions): Set<string> {
  const always = o.always ?? new Set<string>();
  const order = [...candidates].sort(
    (a, b) =>
      Number(always.has(b.id)) - Number(always.has(a.id)) ||
      b.importance - a.importance ||
      b.size - a.size ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const discs: (Box & { id: string })[] = candidates.map((c) => ({
    id: c.id,
    x0: c.x - c.size,
    y0: c.y - c.size,
    x1: c.x + c.size,
    y1: c.y + c.size,
  }));
  const kept: Box[] = [];
  const out = new Set<string>();
  const max = o.max ?? Infinity;
  for (const c of order) {
    if (out.size >= max) break;
    if (c.text.length === 0) continue;
    const box = labelBox(c, o);
    const forced = always.has(c.id);
    if (!forced) {
      if (kept.some((k) => overlaps(k, box))) continue;
      if (discs.some((d) => d.id !== c.id && overlaps(d, box))) continue;
    }
    kept.push(box);
    out.add(c.id);
  }
  return out;
}
