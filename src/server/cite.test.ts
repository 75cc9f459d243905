import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { describe, expect, it } from 'vitest';
import { worksToCsl, type WorkCitationRecord } from '../model/citation';
import { formatCitations } from './cite';

/** Records as graph/works.jsonl holds them (the review; a surname-only reference; a chapter). */
const WORKS: WorkCitationRecord[] = [
  {
    id: 'doi:10.1038/s41574-025-01088-x',
    doi: '10.1038/s41574-025-01088-x',
    pmid: '40011751',
    pmcid: null,
    title: 'Bone and muscle crosstalk in ageing and disease',
    year: 2025,
    journal: 'Nat Rev Endocrinol',
    volume: '21',
    issue: '6',
    pages: '375-390',
    authors: ['Ben Kirk', 'et al.'],
    type: 'journal-article',
  },
  {
    id: 'doi:10.1001/jama.2013.277669',
    doi: '10.1001/jama.2013.277669',
    pmid: null,
    pmcid: null,
    title:
      'Effects of intensive diet and exercise on knee joint loads, inflammation, and clinical outcomes among overweight and obese adults with knee osteoarthritis',
    year: null,
    journal: 'JAMA',
    volume: '310',
    issue: null,
    pages: '1263',
    authors: ['Messier'],
    type: null,
  },
  {
    id: 'doi:10.1007/978-3-030-01782-8_116-1',
    doi: '10.1007/978-3-030-01782-8_116-1',
    pmid: null,
    pmcid: 'PMC1234567',
    title: 'Sarcopenia',
    year: 2023,
    journal: 'Geriatric Medicine',
    volume: null,
    issue: null,
    pages: '1-21',
    authors: ['Matteo Tosato', 'Öllänen E', 'Sing, C.W.'],
    type: 'book-chapter',
  },
];

type Csl = Record<string, unknown> & { author?: { family?: string; given?: string }[] };

const parse = (text: string): Csl[] => new Cite(text).data;
const names = (c: Csl): string[] =>
  (c.author ?? []).map((a) => [a.family, a.given].filter(Boolean).join(', '));
const year = (c: Csl): unknown =>
  (c.issued as { 'date-parts'?: number[][] } | undefined)?.['date-parts']?.[0]?.[0];

describe('BibTeX', () => {
  it('parses back with the same DOI, PMID, authors, title and year, and nothing invented', async () => {
    const text = await formatCitations(worksToCsl(WORKS), 'bibtex');
    const [review, messier, chapter] = parse(text);
    expect(review).toMatchObject({
      DOI: '10.1038/s41574-025-01088-x',
      PMID: '40011751',
      title: 'Bone and muscle crosstalk in ageing and disease',
      'container-title': 'Nat Rev Endocrinol',
      volume: '21',
      issue: '6',
      page: '375-390',
      type: 'article-journal',
    });
    expect(year(review!)).toBe(2025);
    // "et al." is written as BibTeX's "and others".
    expect(text).toContain('author = {Kirk, Ben and others}');
    expect(names(review!)).toEqual(['Kirk, Ben', 'others']);

    expect(names(messier!)).toEqual(['Messier']);
    expect(messier!.issued).toBeUndefined();
    expect(messier!.PMID).toBeUndefined();
    expect(messier!.issue).toBeUndefined();
    expect(messier!.title).toBe(WORKS[1]!.title);

    expect(chapter).toMatchObject({
      type: 'chapter',
      'container-title': 'Geriatric Medicine',
      PMCID: 'PMC1234567',
    });
    expect(names(chapter!)).toEqual(['Tosato, Matteo', 'Öllänen, E', 'Sing, C.W.']);
  });

  it('writes one entry per work with unique keys and no year field for a work without a year', async () => {
    const text = await formatCitations(worksToCsl(WORKS), 'bibtex');
    expect(text.match(/^@\w+\{/gm)).toHaveLength(3);
    expect(text).toContain('@article{Kirk2025Bone,');
    expect(text).toContain('@incollection{Tosato2023Sarcopenia,');
    expect(text).toContain('\tpmid = {40011751},');
    const messier = text.slice(text.indexOf('@article{MessierEffects'), text.indexOf('@incollection'));
    expect(messier).not.toMatch(/\byear\b|\bnumber\b|\bpmid\b|\bmonth\b/);
  });
});

describe('RIS', () => {
  it('parses back with the same DOI, authors, title and year; PMID in AN; long titles on one line', async () => {
    const text = await formatCitations(worksToCsl(WORKS), 'ris');
    const [review, messier, chapter] = parse(text);
    expect(review).toMatchObject({
      DOI: '10.1038/s41574-025-01088-x',
      title: 'Bone and muscle crosstalk in ageing and disease',
      'container-title': 'Nat Rev Endocrinol',
      volume: '21',
      issue: '6',
    });
    expect(year(review!)).toBe(2025);
    // RIS has no "and others": the named author only.
    expect(names(review!)).toEqual(['Kirk, Ben']);
    // citation-js reads no PMID from RIS; the AN line carries it.
    expect(text.split('\r\n')).toContain('AN  - 40011751');
    expect(messier!.title).toBe(WORKS[1]!.title);
    expect(names(messier!)).toEqual(['Messier']);
    expect(messier!.issued).toBeUndefined();
    expect(chapter).toMatchObject({ type: 'chapter', title: 'Sarcopenia' });
    expect(text.match(/^TY {2}- /gm)).toHaveLength(3);
    expect(text.match(/^ER {2}- $/gm)).toHaveLength(3);
    expect(text.match(/^AN {2}- /gm)).toHaveLength(1);
    const messierBlock = text.split('ER  - ')[1]!;
    expect(messierBlock).not.toMatch(/^(PY|DA|AN|IS) /m);
    expect(messierBlock).toContain('ID  - MessierEffects');
  });
});

describe('CSL-JSON', () => {
  it('is the CSL items, without "et al." as an author', async () => {
    const items = JSON.parse(await formatCitations(worksToCsl(WORKS), 'csl-json')) as Csl[];
    expect(items).toHaveLength(3);
    expect(items[0]!.author).toEqual([{ given: 'Ben', family: 'Kirk' }]);
    expect(items[1]!.issued).toBeUndefined();
  });
});
