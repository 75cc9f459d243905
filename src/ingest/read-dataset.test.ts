import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../model/errors';
import {
  type LinkRecord,
  CitationRecordSchema,
  RelatedRecordSchema,
  WorkRecordSchema,
} from '../model/records';
import { fastWork, linkInterner, readDataset, scanLinkLine } from './read-dataset';

const IDS = ['doi:10.1/a', 'doi:10.1/b', 'pmid:3'];

/** What the slow path makes of a line: JSON.parse and the zod schema (null when either fails). */
function slowPath(line: string, kind: 'cites' | 'similar'): unknown {
  try {
    const parsed = (kind === 'cites' ? CitationRecordSchema : RelatedRecordSchema).safeParse(
      JSON.parse(line),
    );
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** scanLinkLine over the UTF-8 bytes of a whole line. */
function scan(line: string, interner = linkInterner(IDS), ends?: { from: number; to: number }): unknown {
  const bytes = Buffer.from(line);
  return scanLinkLine(bytes, 0, bytes.length, 'cites', interner, ends);
}

describe('scanLinkLine', () => {
  const canonical = [
    '{"from":"doi:10.1/a","to":"doi:10.1/b","kind":"cites","sources":["https://x.org/1"]}',
    '{"from": "doi:10.1/a", "to": "pmid:3", "kind": "cites", "sources": ["a", "b c", "d"]}',
    '{"from":"pmid:3","to":"unknown:1","kind":"cites","sources":["s"]}',
    '{"from":"doi:10.1/a","to":"doi:10.1/a","kind":"cites","sources":["s","s"]}',
  ];
  const other = [
    '{"from":" doi:10.1/a","to":"doi:10.1/b","kind":"cites","sources":["s"]}',
    '{"from":"doi:10.1/a ","to":"doi:10.1/b","kind":"cites","sources":["s"]}',
    '{"from":"doi:10.1/a","to":"doi:10.1/b","kind":"cites","sources":["s\\u0041"]}',
    '{"from":"doi:10.1\\/a","to":"doi:10.1/b","kind":"cites","sources":["s"]}',
    '{"from":"doi:10.1/a","to":"doi:10.1/b","kind":"cites","sources":["é"]}',
    '{"from":"doi:10.1/a","to":"doi:10.1/b","kind":"cites","sources":[" s"]}',
    '{"from":"doi:10.1/a","to":"doi:10.1/b","kind":"cites","sources":[""]}',
    '{"from":"doi:10.1/a","to":"doi:10.1/b","kind":"cites","sources":[]}',
    '{"from":"doi:10.1/a","to":"doi:10.1/b","kind":"cites","sources":["s"],"x":1}',
    '{"from":"doi:10.1/a","to":"doi:10.1/b","kind":"similar","sources":["s"]}',
    '{"from":"doi:10.1/a","from":"doi:10.1/b","kind":"cites","sources":["s"]}',
    '{"to":"doi:10.1/b","from":"doi:10.1/a","kind":"cites","sources":["s"]}',
    '{"from":"doi:10.1/a","to":"doi:10.1/b","kind":"cites","sources":["s"]}\r',
    '{"from":"doi:10.1/a","to":"doi:10.1/b","kind":"cites","sources":["s"]} ',
    '{"from":"doi:10.1/a","to":"doi:10.1/b","kind":"cites","sources":["s"]}}',
    '{"from":"doi:10.1/a","to":"doi:10.1/b","kind":"cites","sources":["s",]}',
    '{"from":"doi:10.1/a","to":"doi:10.1/b","kind":"cites","sources":[ "s"]}',
    '{"from":"doi:10.1/a","to":"doi:10.1/b","kind":"cites","sources":["s"',
    '{"from":"doi:10.1/a","to":"doi:10.1/b","kind":"cites","sources":"s"}',
    '{"from":"doi:10.1/a","to":"doi:10.1/b","kind":"cites","sources":["a\tb"]}',
    '{"from":"doi:10.1/a",  "to":"doi:10.1/b","kind":"cites","sources":["s"]}',
    '{"from":"","to":"doi:10.1/b","kind":"cites","sources":["s"]}',
    '',
  ];

  it('reads the lines dataset writers produce exactly as JSON.parse and the schema do', () => {
    for (const line of canonical) {
      const scanned = scan(line);
      expect(scanned, line).not.toBeNull();
      expect(scanned, line).toEqual(slowPath(line, 'cites'));
    }
  });

  it('leaves every other line to the slow path', () => {
    for (const line of other) {
      expect(scan(line), line).toBeNull();
    }
  });

  it('reads a line inside a longer text, and never past its end', () => {
    const line = canonical[0]!;
    const text = Buffer.from(`xx${line}\n${line}`);
    expect(scanLinkLine(text, 2, 2 + line.length, 'cites', linkInterner(IDS))).toEqual(
      slowPath(line, 'cites'),
    );
    expect(scanLinkLine(text, 2, 2 + line.length - 2, 'cites', linkInterner(IDS))).toBeNull();
    expect(scanLinkLine(text, 2, text.length, 'cites', linkInterner(IDS))).toBeNull();
  });

  it('shares work ids and equal source lists, and reports the work numbers', () => {
    const interner = linkInterner(IDS);
    const ends = { from: -1, to: -1 };
    const a = scan(canonical[0]!, interner, ends) as LinkRecord;
    expect(ends).toEqual({ from: 0, to: 1 });
    expect(a.from).toBe(IDS[0]);
    const spaced = '{"from": "pmid:3", "to": "doi:10.1/a", "kind": "cites", "sources": ["https://x.org/1"]}';
    const b = scan(spaced, interner, ends) as LinkRecord;
    expect(ends).toEqual({ from: 2, to: 0 });
    expect(b.sources).toBe(a.sources);
    expect(Object.isFrozen(a.sources)).toBe(true);
    const c = scan(canonical[2]!, interner, ends) as LinkRecord;
    expect(ends).toEqual({ from: 2, to: -1 });
    expect(c.to).toBe('unknown:1');
  });

  it('agrees with the slow path on every one-character edit of a line, with any list read before', () => {
    // Escapes, quotes, white space (ASCII and Unicode), a BOM, CR, characters outside ASCII and
    // JSON punctuation, inserted at every position or put in place of every character.
    const extras = [' ', '\t', '\r', '\n', '\\', '\\u0041', '"', ',', ':', '{', '}', '[', ']', 'x', 'é'];
    extras.push('\u00a0', '\u2028', '\ufeff', '\u{1f600}');
    const ids = [...IDS, 'ref:é#1', 'ref:x\u{1f600}y#2'];
    const bases = [
      canonical[0]!,
      canonical[1]!,
      '{"from":"ref:é#1","to":"ref:x\u{1f600}y#2","kind":"cites","sources":["a é b","s"]}',
    ];
    let accepted = 0;
    for (const base of bases) {
      const chars = [...base];
      const variants = new Set<string>();
      for (let i = 0; i <= chars.length; i++) {
        for (const x of extras) {
          variants.add([...chars.slice(0, i), x, ...chars.slice(i)].join(''));
          if (i < chars.length) variants.add([...chars.slice(0, i), x, ...chars.slice(i + 1)].join(''));
        }
        if (i < chars.length) variants.add([...chars.slice(0, i), ...chars.slice(i + 1)].join(''));
      }
      for (const v of variants) {
        const slow = slowPath(v, 'cites') as LinkRecord | null;
        // A fresh interner, and one that has just read the base line (its list is the last one).
        const primed = linkInterner(ids);
        expect(scan(base, primed), base).not.toBeNull();
        for (const interner of [linkInterner(ids), primed]) {
          const ends = { from: -1, to: -1 };
          const fast = scan(v, interner, ends);
          if (fast === null) continue;
          accepted += 1;
          expect(fast, v).toEqual(slow);
          expect(ends, v).toEqual({ from: ids.indexOf(slow!.from), to: ids.indexOf(slow!.to) });
        }
      }
    }
    // Edits inside an id or a source (an 'x', an 'é' between letters) keep a line canonical.
    expect(accepted).toBeGreaterThan(500);
  });

  it('finds every work among many by the bytes of its id, the first of twins', () => {
    const ids = Array.from({ length: 3000 }, (_, i) => (i % 3 === 0 ? `ref:ü${i}#${i}` : `doi:10.1/${i}`));
    const interner = linkInterner([...ids, ids[5]!]);
    const line = (from: string, to: string): string =>
      JSON.stringify({ from, to, kind: 'cites', sources: ['s'] });
    for (let i = 0; i < ids.length; i += 7) {
      const j = (i * 31 + 1) % ids.length;
      const ends = { from: -1, to: -1 };
      expect(scan(line(ids[i]!, ids[j]!), interner, ends)).not.toBeNull();
      expect(ends).toEqual({ from: i, to: j });
    }
    const ends = { from: -1, to: -1 };
    expect(scan(line('doi:10.1/3000', 'ref:ü3#3'), interner, ends)).not.toBeNull();
    expect(ends).toEqual({ from: -1, to: 3 });
  });
});

describe('readDataset on links', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  const work = (id: string): string =>
    JSON.stringify({
      id,
      doi: null,
      pmid: null,
      pmcid: null,
      title: 't',
      year: 2000,
      journal: null,
      volume: null,
      issue: null,
      pages: null,
      authors: [],
      type: null,
      keywords: [],
      sources: ['s'],
    });
  const link = (from: string, to: string, kind = 'cites'): string =>
    JSON.stringify({ from, to, kind, sources: ['s'] });

  async function dataset(citations: string[], related: string[] = []): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'crosstalk-read-'));
    dirs.push(dir);
    await writeFile(path.join(dir, 'works.jsonl'), ['ref:t#1', 'ref:t#2', 'ref:t#3'].map(work).join('\n'));
    await writeFile(path.join(dir, 'citations.jsonl'), citations.join('\n'));
    await writeFile(path.join(dir, 'related.jsonl'), related.join('\n'));
    await writeFile(path.join(dir, 'concepts.yaml'), 'concepts: []\n');
    return dir;
  }

  it('keeps the work numbers of every link, whichever path read it', async () => {
    const slow = '{ "from": "ref:t#3", "to": "ref:t#1", "kind": "cites", "sources": ["s"] }';
    const ds = await readDataset(
      await dataset([link('ref:t#1', 'ref:t#2'), slow], [link('ref:t#2', 'ref:t#3', 'similar')]),
    );
    expect(ds.citations.map((c) => [c.value.from, c.value.to, c.line])).toEqual([
      ['ref:t#1', 'ref:t#2', 1],
      ['ref:t#3', 'ref:t#1', 2],
    ]);
    expect([...ds.ends.citations]).toEqual([0, 1, 2, 0]);
    expect([...ds.ends.related]).toEqual([1, 2]);
    expect(ds.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  /** What JSON.parse and the schema make of the non-blank lines of a citations file. */
  const slowRead = (lines: string[]): [string, string, string[], number][] =>
    lines.flatMap((l, i) => {
      if (l.trim() === '') return [];
      const r = CitationRecordSchema.parse(JSON.parse(l));
      return [[r.from, r.to, r.sources, i + 1] as [string, string, string[], number]];
    });

  it('reads unusual but valid lines as JSON.parse and the schema do, with the same lists', async () => {
    const lines = [
      link('ref:t#1', 'ref:t#2'),
      `${link('ref:t#2', 'ref:t#3')}\r`,
      '',
      ' \t',
      '{"to":"ref:t#1","from":"ref:t#3","kind":"cites","sources":["s"]}',
      '{"from":"ref:t\\u00231","to":"ref:t#3","kind":"cites","sources":["s", "t"]}',
      '{"from":" ref:t#2 ","to":"ref:t#1","kind":"cites","sources":[" s\\t"]}',
      '{"from":"ref:t#3","to":"ref:t#2","kind":"cites","sources":["u"],"sources":["t","s"]}',
      '',
    ];
    const ds = await readDataset(await dataset(lines));
    const expected = slowRead(lines);
    expect(ds.citations.map((c) => [c.value.from, c.value.to, c.value.sources, c.line])).toEqual(expected);
    const ids = ['ref:t#1', 'ref:t#2', 'ref:t#3'];
    expect([...ds.ends.citations]).toEqual(expected.flatMap(([f, t]) => [ids.indexOf(f), ids.indexOf(t)]));
    expect(ds.links.sourceLists).toEqual([['s'], ['s', 't'], ['t', 's']]);
    expect([...ds.links.citations.sources]).toEqual([0, 0, 0, 1, 0, 2]);
  });

  it('refuses a BOM, an extra key and a CR alone as the slow path does, with the line', async () => {
    const bom = `\ufeff${link('ref:t#1', 'ref:t#2')}`;
    const extra = '{"from":"ref:t#2","to":"ref:t#1","kind":"cites","sources":["s"],"note":1}';
    const dir = await dataset([bom, link('ref:t#1', 'ref:t#3'), extra, '\r']);
    const err = await readDataset(dir).catch((e: unknown) => e);
    const file = path.join(dir, 'citations.jsonl');
    const jsonError = (text: string): string => {
      try {
        JSON.parse(text);
        return '';
      } catch (e: unknown) {
        return `not valid JSON: ${(e as Error).message}`;
      }
    };
    const strict = CitationRecordSchema.safeParse(JSON.parse(extra));
    expect((err as ValidationError).issues).toEqual([
      { file, line: 1, field: '(json)', problem: jsonError(bom) },
      { file, line: 3, field: '(record)', problem: strict.error!.issues[0]!.message },
    ]);
  });

  it('reports duplicate, self and unknown links with file, line and field, in file order', async () => {
    const dir = await dataset(
      [
        link('ref:t#1', 'ref:t#2'),
        link('ref:t#2', 'ref:t#2'),
        link('ref:t#1', 'ref:t#2'),
        link('ref:t#1', 'ref:t#9'),
      ],
      [link('ref:t#1', 'ref:t#2', 'similar')],
    );
    const err = await readDataset(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    const file = path.join(dir, 'citations.jsonl');
    expect((err as ValidationError).issues).toEqual([
      { file, line: 2, field: 'to', problem: 'a work cannot link to itself' },
      { file, line: 3, field: '(record)', problem: 'duplicate cites edge' },
      { file, line: 4, field: 'to', problem: 'unknown work ref:t#9 (not in works.jsonl)' },
    ]);
  });

  it('finds a duplicate that is the only problem, apart or not from its twin, in each kind', async () => {
    // The quick check (links grouped by citing work) must catch these on its own.
    const apart = await dataset(
      [
        link('ref:t#1', 'ref:t#2'),
        link('ref:t#2', 'ref:t#1'),
        link('ref:t#3', 'ref:t#1'),
        link('ref:t#1', 'ref:t#2'),
      ],
      [link('ref:t#1', 'ref:t#2', 'similar')],
    );
    const err = await readDataset(apart).catch((e: unknown) => e);
    expect((err as ValidationError).issues).toEqual([
      {
        file: path.join(apart, 'citations.jsonl'),
        line: 4,
        field: '(record)',
        problem: 'duplicate cites edge',
      },
    ]);
    const similar = await dataset(
      [link('ref:t#1', 'ref:t#2')],
      [link('ref:t#3', 'ref:t#2', 'similar'), link('ref:t#3', 'ref:t#2', 'similar')],
    );
    const err2 = await readDataset(similar).catch((e: unknown) => e);
    expect((err2 as ValidationError).issues).toEqual([
      {
        file: path.join(similar, 'related.jsonl'),
        line: 2,
        field: '(record)',
        problem: 'duplicate similar edge',
      },
    ]);
    // The same pair in both kinds, and both directions of a pair, are no duplicates.
    const clean = await dataset(
      [link('ref:t#1', 'ref:t#2'), link('ref:t#2', 'ref:t#1')],
      [link('ref:t#1', 'ref:t#2', 'similar')],
    );
    expect((await readDataset(clean)).citations).toHaveLength(2);
  });
});

describe('readDataset on text that is not valid Unicode', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  /** A one-work dataset whose files are given as raw bytes. */
  async function dataset(files: { works?: Buffer; citations?: Buffer; concepts?: Buffer }): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'crosstalk-unicode-'));
    dirs.push(dir);
    const ok = JSON.stringify({
      id: 'ref:t#1',
      doi: null,
      pmid: null,
      pmcid: null,
      title: 'Osteocalcin and muscle',
      year: 2000,
      journal: null,
      volume: null,
      issue: null,
      pages: null,
      authors: ['Müller A'],
      type: null,
      keywords: [],
      sources: ['s'],
    });
    await writeFile(path.join(dir, 'works.jsonl'), files.works ?? Buffer.from(`${ok}\n`));
    await writeFile(path.join(dir, 'citations.jsonl'), files.citations ?? Buffer.from(''));
    await writeFile(path.join(dir, 'related.jsonl'), '');
    await writeFile(
      path.join(dir, 'concepts.yaml'),
      files.concepts ??
        Buffer.from(
          'concepts:\n  - id: concept:bone\n    name: bone\n    category: tissue\n    description: The skeleton.\n',
        ),
    );
    return dir;
  }

  const issuesOf = async (dir: string): Promise<ValidationError['issues']> => {
    const err = await readDataset(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).issues;
  };

  const workLine = (title: string): string =>
    `{"id": "ref:t#1", "doi": null, "pmid": null, "pmcid": null, "title": "${title}", "year": 2000, "journal": null, "volume": null, "issue": null, "pages": null, "authors": [], "type": null, "keywords": [], "sources": ["s"]}`;

  it('accepts valid UTF-8 with characters outside ASCII and surrogate pairs (the baseline)', async () => {
    const dir = await dataset({ works: Buffer.from(`${workLine('Myokine \\ud83e\\uddb4 β-catenin')}\n`) });
    const ds = await readDataset(dir);
    expect(ds.works[0]!.value.title).toBe('Myokine 🦴 β-catenin');
  });

  it('refuses bytes that are not UTF-8, with the file, line and field', async () => {
    // Latin-1 "Müller" (0xFC) on line 2, in the title.
    const bad = Buffer.concat([
      Buffer.from(`${workLine('first')}\n`),
      Buffer.from(workLine('M\u00fcller').replace('ref:t#1', 'ref:t#2'), 'latin1'),
      Buffer.from('\n'),
    ]);
    const dir = await dataset({ works: bad });
    const issues = await issuesOf(dir);
    expect(issues.map((i) => [i.file, i.line, i.field])).toEqual([
      [path.join(dir, 'works.jsonl'), 2, 'title'],
    ]);
    expect(issues[0]!.problem).toMatch(/^is not valid UTF-8 \(from column \d+\); save the file as UTF-8$/);
  });

  it('refuses bytes that are not UTF-8 in concepts.yaml, naming the key of the line', async () => {
    const yaml = Buffer.concat([
      Buffer.from('concepts:\n  - id: concept:bone\n    name: b'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('ne\n    category: tissue\n    description: The skeleton.\n'),
    ]);
    const dir = await dataset({ concepts: yaml });
    const issues = await issuesOf(dir);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: path.join(dir, 'concepts.yaml'), line: 3, field: 'name' });
  });

  it('refuses a lone surrogate escape in a JSON string, with the field path', async () => {
    const lines = [workLine('fine'), workLine('broken \\ud800 title').replace('ref:t#1', 'ref:t#2')];
    const dir = await dataset({ works: Buffer.from(lines.join('\n')) });
    const issues = await issuesOf(dir);
    expect(issues.map((i) => [i.file, i.line, i.field])).toEqual([
      [path.join(dir, 'works.jsonl'), 2, 'title'],
    ]);
    expect(issues[0]!.problem).toContain('lone UTF-16 surrogate');
  });

  it('refuses a lone low surrogate inside a list, and one in a citation source', async () => {
    const work = workLine('ok').replace('"authors": []', '"authors": ["A", "B\\uDC00"]');
    const citation = '{"from": "ref:t#1", "to": "ref:t#1", "kind": "cites", "sources": ["x\\udbff"]}';
    const dir = await dataset({ works: Buffer.from(work), citations: Buffer.from(citation) });
    const issues = await issuesOf(dir);
    expect(issues.map((i) => [path.basename(i.file), i.line, i.field])).toEqual([
      ['works.jsonl', 1, 'authors.1'],
      ['citations.jsonl', 1, 'sources.0'],
    ]);
  });

  it('refuses a lone surrogate escape in concepts.yaml, with the line and path', async () => {
    const yaml =
      'concepts:\n  - id: concept:bone\n    name: bone\n    category: tissue\n    synonyms: [skeleton, "os\\ud800"]\n    description: The skeleton.\n';
    const dir = await dataset({ concepts: Buffer.from(yaml) });
    const issues = await issuesOf(dir);
    expect(issues.map((i) => [i.file, i.line, i.field])).toEqual([
      [path.join(dir, 'concepts.yaml'), 5, 'concepts[0].synonyms[1]'],
    ]);
    expect(issues[0]!.problem).toContain('lone UTF-16 surrogate');
  });
});

describe('fastWork', () => {
  /** The bundled works, each also changed field by field into values the schema accepts or refuses. */
  async function records(): Promise<unknown[]> {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(path.join(import.meta.dirname, '../../graph/works.jsonl'), 'utf8');
    const works = text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const values: unknown[] = [
      null,
      5,
      1.5,
      -1,
      1799,
      2101,
      '',
      ' x ',
      'X',
      [],
      ['  '],
      [' a '],
      [null],
      {},
      true,
    ];
    const out: unknown[] = [...works, null, [], 'work', 7];
    for (const w of works.slice(0, 40)) {
      for (const k of [...Object.keys(w), 'orcids', 'mesh', 'openalex', 'abstract', 'openalexCitedByCount']) {
        const without = { ...w };
        delete without[k];
        out.push(without);
        for (const v of values) out.push({ ...w, [k]: v });
      }
      out.push({ ...w, extra: 1 });
      out.push({ ...w, orcids: (w.authors as unknown[]).map(() => '0000-0002-1825-0097') });
      out.push({ ...w, orcids: (w.authors as unknown[]).map(() => null).concat([null]) });
      out.push({ ...w, mesh: [{ id: 'D000001', name: ' Calcium ', isMajor: true }] });
      out.push({ ...w, mesh: [{ id: 'D000001', name: 'Calcium', isMajor: 'yes' }] });
      out.push({ ...w, mesh: [{ id: 'D000001', name: 'Calcium', isMajor: true, extra: 1 }] });
      out.push({ ...w, doi: typeof w.doi === 'string' ? w.doi.toUpperCase() : '10.1/X' });
      out.push({ ...w, id: 'ref:x#1', doi: '10.1/ABC' }, { ...w, id: 'ref:x#1', doi: '10.1/abc' });
      out.push(JSON.parse(`{"__proto__": 1, ${JSON.stringify(w).slice(1)}`));
    }
    return out;
  }

  it('accepts exactly what WorkRecordSchema accepts among the records it takes, with the same value', async () => {
    let accepted = 0;
    let refused = 0;
    for (const r of await records()) {
      const fast = fastWork(r);
      const zod = WorkRecordSchema.safeParse(r);
      if (fast !== null) {
        accepted += 1;
        expect(zod.success).toBe(true);
        expect(fast).toStrictEqual(zod.data);
        expect(Object.keys(fast)).toEqual(Object.keys(zod.data!));
      }
      if (!zod.success) {
        refused += 1;
        expect(fast).toBeNull();
      }
    }
    // The bundled works (460) and many of their variants take the fast path; many variants are refused.
    expect(accepted).toBeGreaterThan(460);
    expect(refused).toBeGreaterThan(1000);
  });
});
