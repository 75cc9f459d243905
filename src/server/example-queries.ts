/** Reads the example query library (graph/queries/*.cypher) for the console. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseExampleQuery, type ExampleQuery } from '../model/example-queries';

/**
 * Reads every `*.cypher` file of a folder, in file-name order. A missing folder gives an empty list.
 * @throws Error naming a file whose header is malformed.
 */
export async function readExampleQueries(dir: string): Promise<ExampleQuery[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.cypher')).sort();
  } catch {
    return [];
  }
  return Promise.all(
    names.map(async (n) =>
      parseExampleQuery(n.replace(/\.cypher$/, ''), await readFile(path.join(dir, n), 'utf8')),
    ),
  );
}
