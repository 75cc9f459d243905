/** The example query library of graph/queries, read synchronously for test registration. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseExampleQuery, type ExampleQuery } from '../../src/model/example-queries';
import { BUNDLED } from './temp';

/** Every example in graph/queries, in file order. */
export function exampleQueries(dir = path.join(BUNDLED, 'queries')): ExampleQuery[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.cypher'))
    .sort()
    .map((n) => parseExampleQuery(n.replace(/\.cypher$/, ''), readFileSync(path.join(dir, n), 'utf8')));
}
