/**
 * The tagger's single pass (model/tagger.ts: word starts, a trie of first chunks, sticky patterns)
 * finds exactly what its definition finds: every term's full pattern (`termPattern`, global) over
 * the normalised text. Checked on every title, keyword list and abstract of graph/, and on the
 * titles with characters that make the fast path step aside (a lower-case form of another
 * length, U+0345 which the `i` flag counts as a letter).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readDataset, type Dataset } from '../../src/ingest/read-dataset';
import { compileTagger, normaliseText, termPattern, type TaggableConcept } from '../../src/model/tagger';
import { BUNDLED } from '../support/temp';

/** Concept id → matched strings, in the order of the vocabulary's terms and of the text. */
function definition(concepts: readonly TaggableConcept[]): (raw: string) => [string, string[]][] {
  const patterns: [string, RegExp][] = concepts.flatMap((c) => [
    ...[...new Set([c.name, ...c.synonyms])].map((w): [string, RegExp] => [c.id, termPattern(w, false)!]),
    ...[...new Set(c.abbreviations)].map((a): [string, RegExp] => [c.id, termPattern(a, true)!]),
  ]);
  return (raw) => {
    const text = normaliseText(raw);
    const found = new Map<string, Set<string>>();
    for (const [id, pattern] of patterns) {
      for (const m of text.matchAll(pattern)) found.set(id, (found.get(id) ?? new Set()).add(m[0]));
    }
    return [...found].map(([id, set]) => [id, [...set]]);
  };
}

let ds: Dataset;
beforeAll(async () => {
  ds = await readDataset(BUNDLED);
});

describe('tagger over the bundled dataset', () => {
  it('matches what every term pattern matches, in every text of every work', () => {
    const concepts = ds.concepts.map((c) => c.value);
    const tagger = compileTagger(concepts);
    const byDefinition = definition(concepts);
    let texts = 0;
    let mentions = 0;
    for (const { value: w } of ds.works) {
      for (const text of [w.title, w.keywords.join(' ; '), w.abstract ?? '']) {
        if (!text) continue;
        texts += 1;
        const fast = [...tagger.matchText(text)].map(([id, set]) => [id, [...set]]);
        expect(fast, `${w.id}: ${text.slice(0, 60)}`).toEqual(byDefinition(text));
        mentions += fast.length;
      }
    }
    expect(texts).toBeGreaterThan(450);
    expect(mentions).toBeGreaterThan(1000);
  });

  it('matches the definition where the fast path steps aside or text is unusual', () => {
    const concepts = ds.concepts.map((c) => c.value);
    const tagger = compileTagger(concepts);
    const byDefinition = definition(concepts);
    const odd = ['\u0130', '\u0345', 'ß', 'ﬁ', 'Σ', 'ς', '\u212a', '𝐀', '–', '/', '-', ' '];
    let checked = 0;
    for (const [i, { value: w }] of ds.works.entries()) {
      const title = w.title ?? '';
      if (!title) continue;
      // Each title with two odd characters put in (one replacing a character), spread over the text.
      const at = (title.length * 0.37) | 0;
      const end = (title.length * 0.81) | 0;
      const text =
        title.slice(0, at) +
        odd[i % odd.length]! +
        title.slice(at, end) +
        odd[(i + 5) % odd.length]! +
        title.slice(end + 1);
      const fast = [...tagger.matchText(text)].map(([id, set]) => [id, [...set]]);
      expect(fast, text).toEqual(byDefinition(text));
      checked += 1;
    }
    expect(checked).toBeGreaterThan(400);
    // Ends of words next to U+0345 (a letter to the patterns' `i` flag): no match of "bone" here.
    expect([...tagger.matchText('bone\u0345 loss').keys()]).not.toContain('concept:bone');
  });
});
