import { describe, expect, it } from 'vitest';
import type { RelatedPayload } from '../../model/api';
import { RELATED_CSV_COLUMNS, evidenceText, relatedCsv } from './related';

/** An answer shaped as GET /api/related sends it (ids and titles from the bundled graph). */
const ANSWER: RelatedPayload = {
  kind: 'not-cited',
  seeds: ['doi:10.1038/s41574-025-01088-x'],
  unknown: [],
  rows: [
    {
      id: 'doi:10.1073/pnas.97.4.1566',
      rank: 1,
      score: 1,
      citedBy: 1,
      references: 0,
      pageRank: 0.2255073774661965,
      evidence: [
        {
          kind: 'cited-by-references',
          text: 'cited by 1 of its 5 references',
          count: 1,
          strength: null,
          adamicAdar: null,
          works: ['doi:10.1007/s11914-024-00890-2'],
          worksTotal: 1,
          by: [],
          byTotal: 0,
        },
      ],
    },
  ],
  total: 1,
  limit: 25,
  basis: { seeds: 1, references: 5, citedBy: 0, neighbourhood: 6 },
  method: '…',
  message: '…',
  works: {
    'doi:10.1073/pnas.97.4.1566': {
      id: 'doi:10.1073/pnas.97.4.1566',
      title: 'Title, with "quotes"',
      year: 2000,
      journal: null,
      firstAuthor: null,
      globalCitedBy: null,
    },
  },
};

describe('related-works CSV', () => {
  it('writes one row per ranked work with its evidence and the ids it rests on', () => {
    const lines = relatedCsv(ANSWER).split('\r\n');
    expect(lines[0]).toBe(RELATED_CSV_COLUMNS.join(','));
    expect(lines[1]).toBe(
      '1,doi:10.1073/pnas.97.4.1566,"Title, with ""quotes""",2000,,,1,1,0,,0.225507,' +
        'cited by 1 of its 5 references (doi:10.1007/s11914-024-00890-2)',
    );
    expect(lines).toHaveLength(3); // header, one row, and the final CRLF
  });

  it('says "by" for co-citations and how many evidence works are not listed', () => {
    expect(
      evidenceText({
        kind: 'cited-together',
        text: 'cited together 12 times',
        count: 12,
        strength: 0.5,
        adamicAdar: null,
        works: ['doi:a', 'doi:b'],
        worksTotal: 12,
        by: [],
        byTotal: 0,
      }),
    ).toBe('cited together 12 times (by doi:a; doi:b; and 10 more)');
  });
});
