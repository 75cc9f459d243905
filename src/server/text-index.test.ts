import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { MatchList, TextIndexBuilder, type TermOptions } from './text-index';

/** Made-up documents (not data of the graph): overlapping words, plurals, typos, prefixes, ties. */
const DOCS = [
  { title: 'Bone and muscle crosstalk', authors: 'Doe J ; Roe A', year: '2020' },
  { title: 'Muscle bones: a review of bone', authors: 'Roe A', year: '2021' },
  { title: 'Irisin in bone remodelling', authors: 'Poe B ; Doe J', year: '2020' },
  { title: 'Osteocalcin, irisin and fat', authors: 'Loe C', year: '2019' },
  { title: 'Bone and muscle crosstalk', authors: 'Doe J ; Roe A', year: '2020' },
  { title: 'Boneless? Adipose tissue and bone marrow', authors: 'Moe D', year: '2022' },
  { title: '', authors: '', year: '' },
];
const FIELDS = ['title', 'authors', 'year'] as const;
const BOOSTS = [3, 1.5, 1];
const singular = (t: string): string => {
  const x = t.toLowerCase();
  return x.length > 3 && x.endsWith('s') && !/(?:ss|us|is)$/.test(x) ? x.slice(0, -1) : x;
};
const OPTIONS: TermOptions = {
  prefix: (term, i, terms) => term.length >= 3 || (i === terms.length - 1 && term.length >= 2),
  fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
  maxFuzzy: 2,
};

describe('TextIndex', () => {
  const builder = new TextIndexBuilder(BOOSTS, singular);
  for (const d of DOCS) builder.add((f) => d[FIELDS[f]!]);
  const index = builder.build();
  const mini = new MiniSearch({
    fields: [...FIELDS],
    processTerm: singular,
    searchOptions: {
      boost: { title: 3, authors: 1.5, year: 1 },
      prefix: OPTIONS.prefix,
      fuzzy: OPTIONS.fuzzy,
      maxFuzzy: OPTIONS.maxFuzzy,
    },
  });
  mini.addAll(DOCS.map((d, id) => ({ id, ...d })));
  const list = (fill: (out: MatchList) => void): [number, number][] => {
    const out = new MatchList(DOCS.length);
    out.clear();
    fill(out);
    return Array.from(out.doc.subarray(0, out.length), (doc, i) => [doc, out.score[i]!]);
  };

  it.each(['bone', 'bones muscle', 'irisin bone', 'irisn', 'bo', 'muscle 2020', 'doe bone', 'zzz bone'])(
    'gives MiniSearch’s matches, scores and order for %j',
    (q) => {
      const m = index.search(q, OPTIONS);
      // MiniSearch sorts by score (stably); so does this, from the order the matches come in.
      const sorted = (x: [number, number][]): [number, number][] => [...x].sort((a, b) => b[1] - a[1]);
      const and = mini.search(q, { combineWith: 'AND' }).map((r) => [r.id as number, r.score]);
      const or = mini.search(q, { combineWith: 'OR' }).map((r) => [r.id as number, r.score]);
      expect(sorted(list((out) => m.all(out)))).toEqual(and);
      expect(sorted(list((out) => m.any(out)))).toEqual(or);
      expect(sorted(list((out) => m.anyOf(out, Int32Array.from([5, 2, 0]))))).toEqual(
        or.filter(([id]) => [0, 2, 5].includes(id!)),
      );
    },
  );
});

describe('TextIndex, a rare word beside common ones', () => {
  // Made-up titles: "bone" in most, "irisin" in every 13th, "sclerostin" in every 29th, so the
  // AND is found from the rarest word and put back into the last word's order.
  const WORDS = ['bone', 'muscle', 'fat', 'marrow', 'tissue', 'signal'];
  const docs = Array.from({ length: 240 }, (_, i) => ({
    title: [
      i % 5 === 0 ? '' : 'bone',
      WORDS[i % WORDS.length],
      WORDS[(i * 7) % WORDS.length],
      i % 13 === 0 ? 'irisin' : '',
      i % 29 === 0 ? 'sclerostin' : '',
      i % 3 === 0 ? 'bones' : '',
    ].join(' '),
    authors: i % 11 === 0 ? 'Doe J' : 'Roe A',
  }));
  const fields = ['title', 'authors'] as const;
  const builder = new TextIndexBuilder([3, 1.5], singular);
  for (const d of docs) builder.add((f) => d[fields[f]!]);
  const index = builder.build();
  const mini = new MiniSearch({
    fields: [...fields],
    processTerm: singular,
    searchOptions: {
      boost: { title: 3, authors: 1.5 },
      prefix: OPTIONS.prefix,
      fuzzy: OPTIONS.fuzzy,
      maxFuzzy: 2,
    },
  });
  mini.addAll(docs.map((d, id) => ({ id, ...d })));

  it.each([
    'irisin bone',
    'bone irisin',
    'sclerostin fat bone',
    'muscle irisin bo',
    'doe bone',
    'irisin sclerostin',
  ])('gives MiniSearch’s AND matches, scores and order for %j', (q) => {
    const out = new MatchList(docs.length);
    out.clear();
    index.search(q, OPTIONS).all(out);
    const got = Array.from(out.doc.subarray(0, out.length), (doc, i) => [doc, out.score[i]!]);
    const and = mini.search(q, { combineWith: 'AND' }).map((r) => [r.id as number, r.score]);
    expect(and.length).toBeGreaterThan(0);
    expect([...got].sort((a, b) => b[1]! - a[1]!)).toEqual(and);
  });
});
