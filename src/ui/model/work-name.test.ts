import { describe, expect, it } from 'vitest';
import { evidenceLabel, shortWorkName, surnameOf } from './work-name';

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

  it('reads initials with dots or hyphens as initials, and keeps organisations whole (issue 17 item 11)', () => {
    // Names as they are in graph/works.jsonl; the matrix showed "A. 2000" and "JM 2009" for such.
    expect(['Dawson A.', 'Greco E.A.', 'Madel M-B', 'Tkacheva O.N.', 'Bazhenova D.S'].map(surnameOf)).toEqual(
      ['Dawson', 'Greco', 'Madel', 'Tkacheva', 'Bazhenova'],
    );
    expect(['M.P. Mattson', 'JR Beauchamp', 'P Lee', 'Sing, C.W.', 'Arpke Robert W'].map(surnameOf)).toEqual([
      'Mattson',
      'Beauchamp',
      'Lee',
      'Sing',
      'Arpke Robert',
    ]);
    expect(surnameOf('GBD 2019 Fracture Collaborators')).toBe('GBD 2019 Fracture Collaborators');
    expect(surnameOf('American College of Sports Medicine')).toBe('American College of Sports Medicine');
  });

  it('names evidence works by author, year and title, or by title and year without an author', () => {
    expect(evidenceLabel({ firstAuthor: 'Dawson A.', year: 2000, title: 'Bone loss' }, 'x')).toBe(
      'Dawson 2000 — Bone loss',
    );
    // The matrix wrote "work — …" for a work without author and year.
    expect(evidenceLabel({ firstAuthor: null, year: null, title: 'Myokines and bone' }, 'x')).toBe(
      'Myokines and bone (n.d.)',
    );
    expect(evidenceLabel({ firstAuthor: null, year: 2009, title: null }, 'ref:a#1')).toBe('ref:a#1 (2009)');
    expect(evidenceLabel(undefined, 'ref:a#1')).toBe('ref:a#1');
  });
});
