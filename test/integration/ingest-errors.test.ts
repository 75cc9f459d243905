/**
 * Bad input stops an ingest with `file:line: field: problem` and leaves the existing embedded
 * database exactly as it was. Runs the real pipeline against the real embedded store.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest';
import { ValidationError } from '../../src/model/errors';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store';
import { TINY, copyDataset, tempDir } from '../support/temp';

async function editLine(dir: string, file: string, line: number, edit: (s: string) => string): Promise<void> {
  const p = path.join(dir, file);
  const lines = (await readFile(p, 'utf8')).split('\n');
  lines[line - 1] = edit(lines[line - 1]!);
  await writeFile(p, lines.join('\n'));
}

async function appendLine(dir: string, file: string, text: string): Promise<void> {
  const p = path.join(dir, file);
  const body = await readFile(p, 'utf8');
  await writeFile(p, `${body.endsWith('\n') ? body : `${body}\n`}${text}\n`);
}

interface Case {
  name: string;
  mutate: (dir: string) => Promise<void>;
  file: string;
  line: number;
  field: RegExp;
  problem: RegExp;
}

const cases: Case[] = [
  {
    name: 'bad JSON',
    mutate: (d) => editLine(d, 'works.jsonl', 3, (s) => s.slice(0, -5)),
    file: 'works.jsonl',
    line: 3,
    field: /^\(json\)$/,
    problem: /not valid JSON/,
  },
  {
    name: 'a work without id',
    mutate: (d) => editLine(d, 'works.jsonl', 2, (s) => JSON.stringify({ ...JSON.parse(s), id: undefined })),
    file: 'works.jsonl',
    line: 2,
    field: /^id$/,
    problem: /.+/,
  },
  {
    name: 'a duplicate work id',
    mutate: async (d) => {
      const first = (await readFile(path.join(d, 'works.jsonl'), 'utf8')).split('\n')[1]!;
      await appendLine(d, 'works.jsonl', first);
    },
    file: 'works.jsonl',
    line: 10,
    field: /^id$/,
    problem: /duplicate id doi:10\.1007\/s11914-020-00599-y \(first at line 2\)/,
  },
  {
    name: 'a citation to an unknown work',
    mutate: (d) =>
      editLine(d, 'citations.jsonl', 4, (s) =>
        JSON.stringify({ ...JSON.parse(s), to: 'doi:10.9999/not-in-works' }),
      ),
    file: 'citations.jsonl',
    line: 4,
    field: /^to$/,
    problem: /unknown work doi:10\.9999\/not-in-works/,
  },
  {
    name: 'a citation without sources',
    mutate: (d) =>
      editLine(d, 'citations.jsonl', 1, (s) => JSON.stringify({ ...JSON.parse(s), sources: [] })),
    file: 'citations.jsonl',
    line: 1,
    field: /^sources$/,
    problem: /at least one source/,
  },
  {
    name: 'a relation whose evidence does not exist',
    mutate: async (d) => {
      const p = path.join(d, 'concepts.yaml');
      const text = await readFile(p, 'utf8');
      await writeFile(
        p,
        text.replace('evidence: [doi:10.3389/fcell.2021.668759]', 'evidence: [doi:10.3389/made-up]'),
      );
    },
    file: 'concepts.yaml',
    line: 71,
    field: /^evidence$/,
    problem: /unknown work doi:10\.3389\/made-up/,
  },
  {
    name: 'a concept with an unknown category',
    mutate: async (d) => {
      const p = path.join(d, 'concepts.yaml');
      const text = await readFile(p, 'utf8');
      await writeFile(
        p,
        text.replace('category: process\n    synonyms: [aging]', 'category: mood\n    synonyms: [aging]'),
      );
    },
    file: 'concepts.yaml',
    line: 47,
    field: /^concepts\[6\]\.category$/,
    problem: /.+/,
  },
  {
    name: 'broken YAML',
    mutate: async (d) => {
      const p = path.join(d, 'concepts.yaml');
      const text = await readFile(p, 'utf8');
      await writeFile(p, text.replace('    name: osteoprotegerin', '    name: [osteoprotegerin'));
    },
    file: 'concepts.yaml',
    // The bracket opens on line 39; the YAML parser notices the missing "]" on the next line.
    line: 40,
    field: /^\(yaml\)$/,
    problem: /.+/,
  },
];

describe('ingest of bad data', () => {
  let store: EmbeddedStore;
  let before: { manifest: unknown; works: unknown; concepts: unknown };

  const snapshot = async (): Promise<typeof before> => ({
    manifest: await store.manifest(),
    works: (await store.query('MATCH (w:Work) RETURN w.id AS id, w.title AS title ORDER BY id')).rows,
    concepts: (await store.query('MATCH (c:Concept) RETURN c.id AS id ORDER BY id')).rows,
  });

  beforeAll(async () => {
    store = new EmbeddedStore(path.join(await tempDir(), 'graph'));
    await ingest(TINY, store);
    before = await snapshot();
    expect((before.works as unknown[]).length).toBe(9);
  });

  for (const c of cases) {
    it(`stops on ${c.name} with file:line: field, and keeps the existing database`, async () => {
      const dir = await copyDataset();
      await c.mutate(dir);
      const e: unknown = await ingest(dir, store).then(
        () => null,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(ValidationError);
      const v = e as ValidationError;
      expect(v.code).toBe('INVALID_DATA');
      expect(path.basename(v.file)).toBe(c.file);
      expect(v.line).toBe(c.line);
      expect(v.field).toMatch(c.field);
      expect(v.issues[0]!.problem).toMatch(c.problem);
      expect(v.message.startsWith(`${path.join(dir, c.file)}:${c.line}: `)).toBe(true);
      expect(await snapshot()).toEqual(before);
    });
  }

  it('re-ingesting the same data gives identical counts and layout', async () => {
    const { manifest } = await ingest(TINY, store);
    expect(manifest.counts).toEqual((before.manifest as { counts: unknown }).counts);
    const layout = await store.query(
      'MATCH (w:Work) RETURN w.id AS id, w.x AS x, w.y AS y, w.community AS c ORDER BY id',
    );
    await ingest(TINY, store);
    expect(
      (
        await store.query(
          'MATCH (w:Work) RETURN w.id AS id, w.x AS x, w.y AS y, w.community AS c ORDER BY id',
        )
      ).rows,
    ).toEqual(layout.rows);
  });
});
