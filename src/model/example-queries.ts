/**
 * The example query library (graph/queries/*.cypher): each file starts with `// title:` and
 * `// purpose:` comment lines, then one Cypher statement. Pure parsing; reading files is IO
 * and happens in the server and the tests.
 */

/** One example query. */
export interface ExampleQuery {
  /** The file name without `.cypher`, e.g. `04-most-cited`. */
  id: string;
  title: string;
  purpose: string;
  cypher: string;
}

/**
 * Parses one example file.
 * @throws Error naming the file when the title, purpose or statement is missing.
 */
export function parseExampleQuery(id: string, text: string): ExampleQuery {
  const header: Record<string, string> = {};
  const body: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*\/\/\s*(title|purpose):\s*(.+?)\s*$/.exec(line);
    if (m && body.length === 0) header[m[1]!] = m[2]!;
    else if (line.trim() !== '' || body.length > 0) body.push(line);
  }
  const cypher = body.join('\n').trim().replace(/;\s*$/, '');
  const { title, purpose } = header;
  if (!title || !purpose || cypher === '') {
    throw new Error(
      `${id}.cypher: needs "// title:" and "// purpose:" lines followed by one Cypher statement`,
    );
  }
  return { id, title, purpose, cypher };
}
