/**
 * Moving through the network by keyboard: from a node, the nearest node in the direction of an
 * arrow key, in screen coordinates (y grows downwards). Pure.
 *
 * Rule: a candidate must lie ahead (its offset along the direction is at least 1 px) and within a
 * cone of ±63° around the direction (sideways offset at most twice the forward one); the nearest by
 * forward distance plus twice the sideways offset wins, so a node straight ahead beats a closer one
 * off to the side. Ties go to the id that sorts first, so the walk is deterministic.
 */

/** An arrow key's direction. */
export type Direction = 'left' | 'right' | 'up' | 'down';

/** A node where the screen shows it. */
export interface ScreenPoint {
  id: string;
  x: number;
  y: number;
}

/** The arrow keys and their directions. */
export const ARROW_DIRECTIONS: Readonly<Record<string, Direction>> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};

/** The node to move to from `from` in direction `dir` (null: none that way). */
export function nextInDirection(
  from: { x: number; y: number },
  dir: Direction,
  points: readonly ScreenPoint[],
  exclude?: string,
): string | null {
  let best: { id: string; score: number } | null = null;
  for (const p of points) {
    if (p.id === exclude) continue;
    const dx = p.x - from.x;
    const dy = p.y - from.y;
    const ahead = dir === 'right' ? dx : dir === 'left' ? -dx : dir === 'down' ? dy : -dy;
    const side = Math.abs(dir === 'left' || dir === 'right' ? dy : dx);
    if (ahead < 1 || side > 2 * ahead) continue;
    const score = ahead + 2 * side;
    if (!best || score < best.score || (score === best.score && p.id < best.id)) best = { id: p.id, score };
  }
  return best?.id ?? null;
}

/** What a screen reader hears about a node the keyboard moved to. */
export function describeNode(a: {
  fullLabel: string;
  kind: 'work' | 'concept';
  isReview: boolean;
  year: number | null;
  weight: number;
  categoryLabel: string | null;
}): string {
  if (a.kind === 'concept')
    return `${a.fullLabel}. Concept${a.categoryLabel ? `, ${a.categoryLabel.toLowerCase()}` : ''}, mentioned by ${a.weight} work${a.weight === 1 ? '' : 's'}.`;
  return `${a.fullLabel}. ${a.isReview ? 'The review' : 'Work'}, ${a.year ?? 'year unknown'}, cited ${a.weight} time${a.weight === 1 ? '' : 's'} here.`;
}
