import { describe, expect, it } from 'vitest';
import { shortWorkName } from './work-name';

describe('short work names', () => {
  it('takes the surname however the source wrote the first author', () => {
    expect(shortWorkName({ firstAuthor: 'Messier, Stephen P', year: 2013, title: null }, 'x')).toBe(
      'Messier 2013',
    );
    expect(shortWorkName({ firstAuthor: 'Burge R', year: 2007, title: null }, 'x')).toBe('Burge 2007');
    expect(shortWorkName({ firstAuthor: 'Bonewald LF', year: 2013, title: null }, 'x')).toBe('Bonewald 2013');
    expect(shortWorkName({ firstAuthor: 'Ben Kirk', year: 2025, title: null }, 'x')).toBe('Kirk 2025');
    expect(shortWorkName({ firstAuthor: 'Frost', year: null, title: null }, 'x')).toBe('Frost n.d.');
  });

  it('falls back to the start of the title, then to the id', () => {
    expect(shortWorkName({ firstAuthor: null, year: 2000, title: 'Sarcopenia' }, 'x')).toBe('Sarcopenia');
    expect(
      shortWorkName(
        {
          firstAuthor: null,
          year: 2000,
          title: 'A pas de deux of osteoporosis and sarcopenia: osteosarcopenia',
        },
        'x',
      ),
    ).toBe('A pas de deux of osteoporosis and sarc…');
    expect(shortWorkName(undefined, 'doi:10.1/x')).toBe('doi:10.1/x');
  });
});
