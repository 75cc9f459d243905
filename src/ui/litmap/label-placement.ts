/**
 * Labels that never overlap: a greedy placement in priority order (cluster names, then the seeds,
 * then the most cited works). Each label tries a few spots around its anchor (right of the node,
 * left, above, below; centred for a cluster name) and takes the first that overlaps no label
 * placed before it, no node disc it does not belong to (unless it may cover nodes: a cluster's
 * name, since a dense map has no free spot near a cluster's centre), and stays inside the view; a label that
 * finds no spot is not shown (it appears when zooming in spreads the nodes). Pure: the view
 * measures text and passes pixel sizes.
 */

/** A label to place, in pixels of the view. */
export interface LabelCandidate {
  id: string;
  /** The anchor: a node's centre, or a cluster's centroid. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Radius of the node the label belongs to (0 for a cluster name). */
  radius: number;
  /** Higher first. */
  priority: number;
  /** A cluster name: centred on its anchor. */
  centered?: boolean;
  /**
   * May cover node discs (not other labels) when no spot is free of them. For cluster names:
   * inside a 300-work map at 100k works every cluster's centre lies on some work's disc, and no
   * cluster was named on the map.
   */
  overDiscs?: boolean;
}

/** A placed label: its box, top-left corner. */
export interface PlacedLabel {
  id: string;
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A disc the labels must not cover (a node). */
export interface Disc {
  id: string;
  x: number;
  y: number;
  radius: number;
}

/** Space between a node and its label, and between two labels (px). */
export const LABEL_GAP = 3;

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const overlaps = (a: Box, b: Box): boolean =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

function coversDisc(b: Box, d: Disc): boolean {
  const cx = Math.max(b.left, Math.min(d.x, b.right));
  const cy = Math.max(b.top, Math.min(d.y, b.bottom));
  return (cx - d.x) ** 2 + (cy - d.y) ** 2 < d.radius ** 2;
}

function spots(c: LabelCandidate): { left: number; top: number }[] {
  const g = LABEL_GAP;
  if (c.centered) {
    const left = c.x - c.width / 2;
    const top = c.y - c.height / 2;
    return [
      { left, top },
      { left, top: top - c.height - g },
      { left, top: top + c.height + g },
      { left: left - c.width / 2, top },
      { left: left + c.width / 2, top },
    ];
  }
  const r = c.radius + g;
  return [
    { left: c.x + r, top: c.y - c.height / 2 },
    { left: c.x - r - c.width, top: c.y - c.height / 2 },
    { left: c.x - c.width / 2, top: c.y - r - c.height },
    { left: c.x - c.width / 2, top: c.y + r },
  ];
}

/**
 * Places labels without overlaps inside a `width` × `height` view. Candidates are taken by
 * priority (then id); the result keeps that order. `discs` are the nodes on screen.
 */
export function placeLabels(
  candidates: readonly LabelCandidate[],
  discs: readonly Disc[],
  width: number,
  height: number,
): PlacedLabel[] {
  const order = [...candidates].sort(
    (a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const placed: PlacedLabel[] = [];
  // A coarse grid of the placed boxes, so each test looks at its neighbours only.
  const CELL = 64;
  const grid = new Map<string, Box[]>();
  const cellsOf = (b: Box): string[] => {
    const keys: string[] = [];
    for (let i = Math.floor(b.left / CELL); i <= Math.floor(b.right / CELL); i++)
      for (let j = Math.floor(b.top / CELL); j <= Math.floor(b.bottom / CELL); j++) keys.push(`${i},${j}`);
    return keys;
  };
  const discGrid = new Map<string, Disc[]>();
  for (const d of discs) {
    for (const k of cellsOf({
      left: d.x - d.radius,
      right: d.x + d.radius,
      top: d.y - d.radius,
      bottom: d.y + d.radius,
    })) {
      const list = discGrid.get(k) ?? [];
      list.push(d);
      discGrid.set(k, list);
    }
  }
  for (const c of order) {
    // A label that may cover discs takes a free spot when there is one, else the first spot clear of labels.
    const tries = spots(c).map((s) => ({ s, avoidDiscs: true }));
    if (c.overDiscs) tries.push(...spots(c).map((s) => ({ s, avoidDiscs: false })));
    for (const { s, avoidDiscs } of tries) {
      const box: Box = {
        left: s.left - LABEL_GAP / 2,
        top: s.top,
        right: s.left + c.width + LABEL_GAP / 2,
        bottom: s.top + c.height,
      };
      if (box.left < 0 || box.top < 0 || box.right > width || box.bottom > height) continue;
      const keys = cellsOf(box);
      const hitsLabel = keys.some((k) => grid.get(k)?.some((p) => overlaps(p, box)));
      if (hitsLabel) continue;
      const hitsDisc =
        avoidDiscs && keys.some((k) => discGrid.get(k)?.some((d) => d.id !== c.id && coversDisc(box, d)));
      if (hitsDisc) continue;
      placed.push({ id: c.id, left: s.left, top: s.top, width: c.width, height: c.height });
      for (const k of keys) {
        const list = grid.get(k) ?? [];
        list.push(box);
        grid.set(k, list);
      }
      break;
    }
  }
  return placed;
}
