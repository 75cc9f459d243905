import { describe, expect, it } from 'vitest';
import { citedByCoverage, percent, referencesCoverage, referencesLookIncomplete } from './coverage';

describe('coverage lines', () => {
  it('says how many references are known, and of how many when OpenAlex was asked', () => {
    expect(referencesCoverage(5, null)).toBe('5 references known here');
    expect(referencesCoverage(5, 212)).toBe('5 references known here, of 212 listed by OpenAlex');
    expect(referencesCoverage(1, null)).toBe('1 reference known here');
    expect(referencesCoverage(0, null)).toBe('No references known here');
  });
  it('never says a bare 0 for citing works', () => {
    expect(citedByCoverage(0, null)).toBe('cited by: none known here');
    expect(citedByCoverage(0, 57)).toBe('cited by: none known here, of 57 counted by OpenAlex');
    expect(citedByCoverage(3, 57)).toBe('cited by 3 known here, of 57 counted by OpenAlex');
  });
  it('calls references incomplete when OpenAlex lists more, or was not asked and few are known', () => {
    expect(referencesLookIncomplete(5, null)).toBe(true);
    expect(referencesLookIncomplete(30, null)).toBe(false);
    expect(referencesLookIncomplete(5, 212)).toBe(true);
    expect(referencesLookIncomplete(212, 212)).toBe(false);
  });
  it('rounds shares to whole percents', () => {
    expect(percent(181, 460)).toBe('39 %');
    expect(percent(0, 0)).toBe('–');
  });
});
