import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isPubMedXml, parsePubMedXml } from './pubmed';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/pubmed');
const xml = (pmid: string): string => readFileSync(path.join(FIXTURES, `efetch-${pmid}.xml`), 'utf8');
const url = (pmid: string): string =>
  `https://eutils.ncbi.nlm.nih.gov/entrez/eutils/efetch.fcgi?db=pubmed&id=${pmid}&retmode=xml`;

describe('parsePubMedXml', () => {
  it('reads MeSH headings, author keywords, the abstract and identifiers of a PubmedArticle', () => {
    const [r, ...rest] = parsePubMedXml(xml('23630111'), url);
    expect(rest).toEqual([]);
    expect(r).toEqual({
      pmid: '23630111',
      doi: '10.1002/jbmr.1969',
      pmcid: 'PMC4892934',
      title: 'Bone and skeletal muscle: neighbors with close ties.',
      // Inline markup stripped, entities decoded.
      abstract:
        'Fixture text, not the published abstract: muscle and bone are neighbours whose crosstalk involves myokines & mechanical loading; irisin is one candidate signal.',
      keywords: ['MUSCLE', 'BONE', 'INTERACTION', 'OSTEOPOROSIS', 'SARCOPENIA'],
      mesh: [
        { id: 'D006801', name: 'Humans', isMajor: false },
        { id: 'D055948', name: 'Sarcopenia', isMajor: false },
      ],
      // Our fixture lists no references (the real forms are tested in test/integration/real-api.test.ts).
      references: [],
      sourceUrl: url('23630111'),
    });
  });

  it('reads several articles from one set and a set with none', () => {
    const two = xml('40011751').replace(
      '</PubmedArticleSet>',
      `${/<PubmedArticle>[\s\S]*<\/PubmedArticle>/.exec(xml('29425508'))![0]}\n</PubmedArticleSet>`,
    );
    expect(parsePubMedXml(two, url).map((r) => [r.pmid, r.mesh.map((m) => m.name)])).toEqual([
      ['40011751', ['Humans', 'Aging']],
      ['29425508', ['Aging']],
    ]);
    expect(parsePubMedXml('<?xml version="1.0" ?><PubmedArticleSet></PubmedArticleSet>', url)).toEqual([]);
  });

  it("reports E-utilities' own error document", () => {
    expect(() =>
      parsePubMedXml('<eFetchResult><ERROR>Empty id list - nothing todo</ERROR></eFetchResult>', url),
    ).toThrow('E-utilities error: Empty id list - nothing todo');
  });
});

describe('isPubMedXml', () => {
  it('accepts a whole answer and refuses a cut one or an HTML page', () => {
    const whole = xml('29425508');
    expect(isPubMedXml(whole, 'text/xml')).toBeNull();
    expect(isPubMedXml(whole.slice(0, whole.length / 2), 'text/xml')).toMatch(/not well-formed XML/);
    expect(isPubMedXml('<!DOCTYPE html><html><title>Error</title></html>', 'text/html')).toMatch(/HTML page/);
  });
});
