/**
 * Sorting the console's result table by a column. Nulls (and missing values) always go last,
 * whichever the direction: an empty cell at the top of a sorted column hides the values a reader
 * sorted for. Numbers sort as numbers, booleans false before true, everything else by its text
 * (case-insensitive, numeric-aware). Pure.
 */

/** Sort direction of a column. */
export type SortDirection = 'asc' | 'desc';

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function isNull(v: unknown): boolean {
  return v === null || v === undefined;
}

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const text = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
  return collator.compare(text(a), text(b));
}

/** The rows sorted by `column` (a new array; equal values keep their order); nulls last. */
export function sortRows<R extends Record<string, unknown>>(
  rows: readonly R[],
  column: string,
  direction: SortDirection,
): R[] {
  const sign = direction === 'asc' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i }))
    .sort((x, y) => {
      const a = x.row[column];
      const b = y.row[column];
      if (isNull(a) || isNull(b)) return isNull(a) === isNull(b) ? x.i - y.i : isNull(a) ? 1 : -1;
      return sign * compareValues(a, b) || x.i - y.i;
    })
    .map(({ row }) => row);
}
