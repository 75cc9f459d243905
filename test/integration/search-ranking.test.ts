/**
 * Search ranking over the bundled graph (issue 17 item 11), through the real server and store: a
 * plural finds the concept ("myokines" → myokine), and an author with a year ranks that author's
 * work of that year first ("Kirk 2025" → the review, not Kirk's 2019 and 2020 works).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchPayload } from '../../src/model/api';
import { REVIEW_ID } from '../../src/model/ids';
import { startTestServer } from '../support/server';

let base = '';
let close: (() => Promise<void>) | undefined;

beforeAll(async () => {
  const server = await startTestServer();
  base = server.url;
  close = server.close;
});
afterAll(async () => {
  await close?.();
});

const search = async (q: string): Promise<string[]> => {
  const res = await fetch(`${base}api/search?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as SearchPayload).hits.map((h) => h.id);
};

describe('search ranking on the bundled graph', () => {
  it('finds a concept named in the plural, also beside another word', async () => {
    expect((await search('myokines'))[0]).toBe('concept:myokine');
    const hits = await search('myokines bone');
    expect(hits.slice(0, 5)).toContain('concept:myokine');
    expect(hits).toContain('concept:bone');
    // The works about both are still there.
    expect(hits.some((id) => !id.startsWith('concept:'))).toBe(true);
  });

  it('ranks an author’s work of the given year first', async () => {
    expect((await search('Kirk 2025'))[0]).toBe(REVIEW_ID);
    expect((await search('2025 Kirk'))[0]).toBe(REVIEW_ID);
  });
});
