import { describe, expect, it } from 'vitest';
import { authorId, isEtAl, parseAuthorName } from './authors';

describe('author names', () => {
  it('reads given-first, surname-first and comma forms to the same identity', () => {
    const forms = ['Ben Kirk', 'Kirk B', 'Kirk, B.', 'Kirk, Ben'];
    const ids = forms.map((f) => authorId(parseAuthorName(f)!, 'doi:10.1/x'));
    expect(new Set(ids)).toEqual(new Set(['author:kirk-b']));
  });

  it('keeps all initials and drops generational suffixes', () => {
    expect(parseAuthorName('L Joseph Melton III')).toMatchObject({ surname: 'Melton', initials: 'LJ' });
    expect(parseAuthorName('Melton LJ')).toMatchObject({ surname: 'Melton', initials: 'LJ' });
    expect(parseAuthorName('M. K. Robinson')).toMatchObject({ surname: 'Robinson', initials: 'MK' });
    expect(parseAuthorName('von Haehling S')).toMatchObject({ surname: 'von Haehling', initials: 'S' });
    expect(parseAuthorName('Sing, C.W.')).toMatchObject({ surname: 'Sing', initials: 'CW' });
  });

  it('reads trailing initials written with dots or a hyphen as initials, not as the surname', () => {
    // As PubMed-derived lists in the bundled data write them ("Dawson A.", "Greco E.A.", "Madel M-B").
    expect(parseAuthorName('Dawson A.')).toMatchObject({ surname: 'Dawson', initials: 'A' });
    expect(parseAuthorName('Greco E.A.')).toMatchObject({ surname: 'Greco', initials: 'EA' });
    expect(parseAuthorName('Madel M-B')).toMatchObject({ surname: 'Madel', initials: 'MB' });
    expect(parseAuthorName('Shilina A.A')).toMatchObject({ surname: 'Shilina', initials: 'AA' });
    const ids = ['REGINSTER J.Y.', 'Reginster JY', 'Reginster, J.-Y.'].map((f) =>
      authorId(parseAuthorName(f)!, 'doi:10.1/x'),
    );
    expect(new Set(ids)).toEqual(new Set(['author:reginster-jy']));
  });

  it('never merges a bare surname across works', () => {
    const silva = parseAuthorName('Silva')!;
    expect(silva.isSurnameOnly).toBe(true);
    expect(authorId(silva, 'doi:10.1/a')).not.toBe(authorId(silva, 'doi:10.1/b'));
    expect(authorId(silva, 'doi:10.1/a')).not.toBe(authorId(parseAuthorName('Silva A')!, 'doi:10.1/a'));
  });

  it('skips "et al." markers', () => {
    expect(isEtAl('et al.')).toBe(true);
    expect(parseAuthorName('et al.')).toBeNull();
    expect(parseAuthorName('  ')).toBeNull();
  });

  it('folds diacritics in ids', () => {
    expect(authorId(parseAuthorName('Ignacio Ramírez-Pardo')!, 'w')).toBe('author:ramirez-pardo-i');
  });
});
