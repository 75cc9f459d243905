/**
 * writeWorkLinkCsv writes the links between works from their columns exactly as writeCsv writes
 * their records (same bytes, same layout, same source-set codes in the same order). The bundled
 * graph is checked the same way in test/data/work-link-csv.test.ts.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { workLinkRecords, type WorkLinkColumns } from '../../model/graph-schema';
import { SourceSetInterner } from '../source-sets';
import { FIELD_SEPARATOR, writeCsv, writeWorkLinkCsv, type CsvLayout } from './csv';
import { relColumns, storedRelColumns } from './schema';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** Work ids a CSV field must quote (blank ends, quotes, line breaks, the separator) and plain ones. */
const IDS = [
  'ref:plain#1',
  'doi:10.1/a,b;c',
  ' leading',
  'trailing ',
  '\u00a0nbsp',
  'say "hi"',
  '"quoted"',
  `field${FIELD_SEPARATOR}separator`,
  'unicode é ü 日本語 😀',
  'back\\slash',
];
const BREAKS = ['line\nbreak', 'carriage\r\nreturn'];
/** Equal lists that are different arrays share a code; the empty list gets one too. */
const LISTS: string[][] = [['a'], ['b', ' c '], ['a'], [], ['say "q"', 'x,y'], ['unused']];

/** `count` links between the first `works` of `ids`, drawn from a fixed sequence. */
function columns(ids: readonly string[], works: number, count: number): WorkLinkColumns {
  let s = 7;
  const next = (n: number): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.floor(s / 65536) % n;
  };
  const ends = new Int32Array(2 * count);
  const sources = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    ends[2 * i] = next(works);
    ends[2 * i + 1] = next(works);
    sources[i] = next(LISTS.length - 1);
  }
  return { workIds: ids, sourceLists: LISTS, ends, sources };
}

/** Both writers over the same links, each with its own interner that already holds one list. */
async function bothWays(links: WorkLinkColumns): Promise<{ fast: Written; generic: Written }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'crosstalk-links-'));
  dirs.push(dir);
  const write = async (fast: boolean): Promise<Written> => {
    const interner = new SourceSetInterner();
    interner.code(['seen before']);
    const file = path.join(dir, fast ? 'fast.csv' : 'generic.csv');
    const layout = fast
      ? await writeWorkLinkCsv(file, relColumns('CITES'), links, (list) => interner.code(list))
      : await writeCsv(file, storedRelColumns('CITES', interner), workLinkRecords(links));
    return { bytes: await readFile(file), layout, codes: interner.records() };
  };
  return { fast: await write(true), generic: await write(false) };
}

interface Written {
  bytes: Buffer;
  layout: CsvLayout;
  codes: ReturnType<SourceSetInterner['records']>;
}

describe('writeWorkLinkCsv', () => {
  it('writes the bytes writeCsv writes, with the same codes, ids that need quotes included', async () => {
    const { fast, generic } = await bothWays(columns(IDS, IDS.length, 500));
    expect(fast.bytes.equals(generic.bytes)).toBe(true);
    expect(fast.layout).toEqual({ hasLineBreaks: false });
    expect(fast.codes).toEqual(generic.codes);
    expect(fast.codes.length).toBe(5);
    const text = fast.bytes.toString('utf8');
    expect(text.startsWith(`src${FIELD_SEPARATOR}dst${FIELD_SEPARATOR}sourceSet\n`)).toBe(true);
    expect(text).toContain('"say ""hi"""');
  });

  it('says a file has line breaks only when a written id has one', async () => {
    const ids = [...IDS, ...BREAKS];
    // The ids with line breaks are last: links between the others only leave them out.
    const without = await bothWays(columns(ids, IDS.length, 200));
    expect(without.fast.bytes.equals(without.generic.bytes)).toBe(true);
    expect(without.fast.layout).toEqual({ hasLineBreaks: false });
    const withBreaks = await bothWays(columns(ids, ids.length, 300));
    expect(withBreaks.fast.bytes.equals(withBreaks.generic.bytes)).toBe(true);
    expect(withBreaks.fast.layout).toEqual({ hasLineBreaks: true });
    expect(withBreaks.generic.layout).toEqual({ hasLineBreaks: true });
  });

  it('writes the header alone when there are no links, and more than one chunk when there are many', async () => {
    const none = await bothWays(columns(IDS, IDS.length, 0));
    expect(none.fast.bytes.equals(none.generic.bytes)).toBe(true);
    expect(none.fast.codes).toEqual([{ code: 0, sources: ['seen before'] }]);
    const many = await bothWays(columns(IDS, IDS.length, 80_000));
    expect(many.fast.bytes.length).toBeGreaterThan(2 << 20);
    expect(many.fast.bytes.equals(many.generic.bytes)).toBe(true);
  });

  it('refuses columns other than those of links between works', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'crosstalk-links-'));
    dirs.push(dir);
    await expect(
      writeWorkLinkCsv(path.join(dir, 'x.csv'), relColumns('MENTIONS'), columns(IDS, 2, 1), () => 0),
    ).rejects.toThrow(TypeError);
  });
});
