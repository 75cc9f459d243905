/** What a command writes: results on stdout, messages on stderr, paths as the user would type them. */
import { formatRows } from './format';
import path from 'node:path';
import { NODE_LABELS, REL_TYPES, type GraphCounts } from '../model/graph-schema';

/** Writes a line (a result) to stdout. */
export const out = (s: string): void => void process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);
/** Writes a line (a message) to stderr. */
export const err = (s: string): void => void process.stderr.write(s.endsWith('\n') ? s : `${s}\n`);

/** A path as the user would type it: relative inside the working directory; URIs as they are. */
export const rel = (p: string): string => {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p)) return p;
  const r = path.relative(process.cwd(), p);
  return r === '' ? '.' : r.startsWith('..') ? path.resolve(p) : r;
};

/** Counts per label and relationship type as a table (after ingest, in stats). */
export function countsTable(counts: GraphCounts): string {
  const rows = [
    ...NODE_LABELS.map((l) => ({ kind: 'node', name: l, count: counts.nodes[l] })),
    ...REL_TYPES.map((t) => ({ kind: 'relationship', name: t, count: counts.rels[t] })),
  ];
  return formatRows(['kind', 'name', 'count'], rows, 'table');
}
