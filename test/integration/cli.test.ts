/** The `crosstalk` command as a user runs it: real process, real embedded store. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, TINY, copyDataset, tempDir } from '../support/temp';

const run = promisify(execFile);
const BIN = path.join(ROOT, 'bin/crosstalk.js');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function crosstalk(...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, CROSSTALK_DB: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (e: unknown) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : -1, stdout: x.stdout ?? '', stderr: x.stderr ?? '' };
  }
}

describe('crosstalk CLI', () => {
  let db: string;

  beforeAll(async () => {
    db = path.join(await tempDir(), 'graph');
    const r = await crosstalk('ingest', '--data', TINY, '--db', db);
    expect(r.stderr).toMatch(/Loaded .* into the embedded store/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Work\s+│ 9/);
  });

  it('prints exactly a JSON array of rows with --format json', async () => {
    const r = await crosstalk('query', '--db', db, '--format', 'json', 'MATCH (w:Work) RETURN count(w) AS n');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('[{"n":9}]\n');
  });

  it('passes typed parameters', async () => {
    const r = await crosstalk(
      'query',
      '--db',
      db,
      '--format',
      'json',
      '--param',
      'year=2024',
      '--param',
      'kind="Work"',
      'MATCH (w:Work) WHERE w.year = $year RETURN w.id AS id, $kind AS kind ORDER BY id',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { id: 'doi:10.1007/s11914-024-00890-2', kind: 'Work' },
      { id: 'doi:10.1038/s41586-024-07348-6', kind: 'Work' },
    ]);
  });

  it('writes CSV with a header', async () => {
    const r = await crosstalk(
      'query',
      '--db',
      db,
      '--format',
      'csv',
      "MATCH (c:Concept {id: 'concept:irisin'}) RETURN c.name AS name, c.abbreviations AS abbr",
    );
    expect(r.stdout).toBe('name,abbr\nirisin,"[""FNDC5""]"\n');
  });

  it('refuses writes with the engine message and exit code 2', async () => {
    const r = await crosstalk('query', '--db', db, "CREATE (:Concept {id: 'concept:x'})");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/read-only/);
  });

  it('refuses what read-only does not stop, with the same guard as the API and exit code 2', async () => {
    const out = path.join(await tempDir(), 'works.csv');
    const copy = await crosstalk('query', '--db', db, `COPY Work TO '${out}'`);
    expect(copy).toMatchObject({ code: 2, stdout: '' });
    expect(copy.stderr).toBe('error: Refused: COPY. COPY reads or writes files on the server.\n');
    expect(existsSync(out)).toBe(false);
    const load = await crosstalk('query', '--db', db, "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l");
    expect(load.code).toBe(2);
    expect(load.stderr).toMatch(/^error: Refused: LOAD/);
    const ok = await crosstalk('query', '--db', db, '--format', 'json', "RETURN 'COPY' AS s");
    expect(ok).toMatchObject({ code: 0, stdout: '[{"s":"COPY"}]\n' });
  });

  it('shows stats as JSON', async () => {
    const r = await crosstalk('stats', '--db', db, '--format', 'json');
    expect(r.code).toBe(0);
    const stats = JSON.parse(r.stdout) as { backend: string; counts: { nodes: { Work: number } } };
    expect(stats.backend).toBe('embedded');
    expect(stats.counts.nodes.Work).toBe(9);
  });

  it('says how to create a missing database, with exit code 1', async () => {
    const r = await crosstalk('query', '--db', path.join(await tempDir(), 'none'), 'RETURN 1');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/No graph database in .*crosstalk ingest/);
  });

  it('exits 2 with file:line on invalid data and keeps the database', async () => {
    const bad = await copyDataset();
    await import('node:fs/promises').then((fs) =>
      fs.appendFile(path.join(bad, 'citations.jsonl'), '{"from": 1}\n'),
    );
    const r = await crosstalk('ingest', '--data', bad, '--db', db);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path.join(bad, 'citations.jsonl')}:6: from:`);
    expect(r.stderr).toContain('nothing was written');
    const q = await crosstalk('query', '--db', db, '--format', 'json', 'MATCH (w:Work) RETURN count(w) AS n');
    expect(q.stdout).toBe('[{"n":9}]\n');
  });

  it('exits 2 on bad usage', async () => {
    expect((await crosstalk('query', '--db', db, '--format', 'xml', 'RETURN 1')).code).toBe(2);
    expect((await crosstalk('query', '--db', db, '--param', 'oops', 'RETURN 1')).code).toBe(2);
    expect((await crosstalk('frobnicate')).code).toBe(2);
  });
});
