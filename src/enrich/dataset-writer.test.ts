import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { orderWorkFields, toJsonLine } from './dataset-writer';

const WORKS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../graph/works.jsonl');

describe('toJsonLine', () => {
  it('writes records exactly as the bundled files do', () => {
    const lines = readFileSync(WORKS, 'utf8').split('\n').filter(Boolean).slice(0, 50);
    for (const line of lines) expect(toJsonLine(JSON.parse(line))).toBe(line);
  });

  it('leaves undefined fields out', () => {
    expect(toJsonLine({ a: 1, b: undefined, c: [null, 'é'] })).toBe('{"a": 1, "c": [null, "é"]}');
  });
});

describe('orderWorkFields', () => {
  it('puts fields in the documented order, sources last', () => {
    const ordered = orderWorkFields({
      sources: ['s'],
      abstract: 'a',
      id: 'doi:10.1/x',
      openalex: 'W1',
      doi: '10.1/x',
    });
    expect(Object.keys(ordered)).toEqual(['id', 'doi', 'openalex', 'abstract', 'sources']);
  });
});
