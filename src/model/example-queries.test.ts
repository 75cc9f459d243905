import { describe, expect, it } from 'vitest';
import { parseExampleQuery } from './example-queries';

describe('example query files', () => {
  it('reads title, purpose and the statement', () => {
    const q = parseExampleQuery(
      '01-x',
      '// title: Most cited\n// purpose: Ranks works.\nMATCH (w:Work)\n// inline note\nRETURN w;\n',
    );
    expect(q).toEqual({
      id: '01-x',
      title: 'Most cited',
      purpose: 'Ranks works.',
      cypher: 'MATCH (w:Work)\n// inline note\nRETURN w',
    });
  });

  it('names the file when the header is missing', () => {
    expect(() => parseExampleQuery('02-y', 'MATCH (n) RETURN n')).toThrow(/02-y\.cypher/);
  });
});
