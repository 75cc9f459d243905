import { describe, expect, it } from 'vitest';
import { compileTagger, normaliseText, termPattern, type TaggableConcept } from './tagger';

const concepts: TaggableConcept[] = [
  { id: 'concept:il-6', name: 'interleukin 6', synonyms: [], abbreviations: ['IL-6'] },
  { id: 'concept:opg', name: 'osteoprotegerin', synonyms: [], abbreviations: ['OPG'] },
  { id: 'concept:pth', name: 'parathyroid hormone', synonyms: [], abbreviations: ['PTH'] },
  { id: 'concept:bdnf', name: 'brain-derived neurotrophic factor', synonyms: [], abbreviations: ['BDNF'] },
  {
    id: 'concept:tgf-beta',
    name: 'transforming growth factor beta',
    synonyms: [],
    abbreviations: ['TGF-β', 'TGF-β1'],
  },
  { id: 'concept:ageing', name: 'ageing', synonyms: ['aging'], abbreviations: [] },
  { id: 'concept:osteoblast', name: 'osteoblast', synonyms: [], abbreviations: [] },
  { id: 'concept:msc', name: 'mesenchymal stem cell', synonyms: [], abbreviations: ['MSC'] },
  { id: 'concept:fap', name: 'fibro-adipogenic progenitor', synonyms: [], abbreviations: ['FAP'] },
  { id: 'concept:wnt', name: 'Wnt/β-catenin', synonyms: ['Wnt signalling'], abbreviations: [] },
  { id: 'concept:vitamin-d', name: 'vitamin D', synonyms: [], abbreviations: ['25(OH)D'] },
];
const tagger = compileTagger(concepts);
const ids = (text: string): string[] => [...tagger.matchText(text).keys()].sort();

describe('concept tagging', () => {
  it('matches IL-6 spelled IL-6, IL6, IL 6 and interleukin-6, but not IL-60 or IL-6R', () => {
    expect(ids('Serum IL-6 in older adults')).toEqual(['concept:il-6']);
    expect(ids('IL6 and muscle')).toEqual(['concept:il-6']);
    expect(ids('IL 6 signalling')).toEqual(['concept:il-6']);
    expect(ids('Interleukin-6 is a myokine')).toEqual(['concept:il-6']);
    expect(ids('interleukin 6')).toEqual(['concept:il-6']);
    expect(ids('IL-60 is not a cytokine we know')).toEqual([]);
    expect(ids('soluble IL-6R levels')).toEqual([]);
    expect(ids('IL-16 and IL-26')).toEqual([]);
  });

  it('matches short acronyms case-sensitively', () => {
    expect(ids('RANKL/OPG ratio')).toEqual(['concept:opg']);
    expect(ids('the opg gene is lower-case here')).toEqual([]);
    expect(ids('PTH treatment')).toEqual(['concept:pth']);
    expect(ids('depth of the pth')).toEqual([]);
    expect(ids('BDNF in muscle')).toEqual(['concept:bdnf']);
    expect(ids('Osteoprotegerin and bone')).toEqual(['concept:opg']);
  });

  it('treats Greek letters and their names as equal, with hyphen and space variants', () => {
    expect(ids('TGF-β signalling')).toEqual(['concept:tgf-beta']);
    expect(ids('TGF-beta in bone')).toEqual(['concept:tgf-beta']);
    expect(ids('TGFβ1 and muscle')).toEqual(['concept:tgf-beta']);
    expect(ids('Transforming growth factor-β in fibrosis')).toEqual(['concept:tgf-beta']);
    expect(ids('Wnt/beta-catenin pathway')).toEqual(['concept:wnt']);
    expect(ids('Wnt signaling')).toEqual([]);
    expect(ids('Wnt signalling and β‐catenin')).toEqual(['concept:wnt']);
  });

  it('tolerates plurals and en dashes but respects word boundaries', () => {
    expect(ids('Osteoblasts respond to load')).toEqual(['concept:osteoblast']);
    expect(ids('preosteoblast differentiation')).toEqual([]);
    expect(ids('MSCs from aged donors')).toEqual(['concept:msc']);
    expect(ids('Fibro–adipogenic progenitors in muscle')).toEqual(['concept:fap']);
    expect(ids('FAPs and satellite cells')).toEqual(['concept:fap']);
    expect(ids('Aging and ageing')).toEqual(['concept:ageing']);
    expect(ids('The imaging of bone')).toEqual([]);
  });

  it('keeps punctuation that is part of a term', () => {
    expect(ids('Serum 25(OH)D and falls')).toEqual(['concept:vitamin-d']);
    expect(ids('25OHD')).toEqual([]);
    expect(ids('Vitamin D and vitamin-D status')).toEqual(['concept:vitamin-d']);
  });

  it('reports where and what it matched in a work', () => {
    const mentions = tagger.tag({
      title: 'IL-6 and osteoblasts',
      keywords: ['Interleukin-6', 'Aging'],
      abstract: null,
    });
    expect(mentions).toEqual([
      { conceptId: 'concept:ageing', foundIn: ['keywords'], matched: ['Aging'] },
      { conceptId: 'concept:il-6', foundIn: ['title', 'keywords'], matched: ['IL-6', 'Interleukin-6'] },
      { conceptId: 'concept:osteoblast', foundIn: ['title'], matched: ['osteoblasts'] },
    ]);
  });

  it('normalises text and refuses empty terms', () => {
    expect(normaliseText('TGF‐β1 – α')).toBe('TGF-beta1 - alpha');
    expect(termPattern('---', false)).toBeNull();
    expect(() => compileTagger([{ id: 'concept:x', name: '--', synonyms: [], abbreviations: [] }])).toThrow(
      /no letters/,
    );
  });
});
