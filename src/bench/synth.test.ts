import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../ingest/build-graph';
import { readDataset } from '../ingest/read-dataset';
import { WORK_ID } from '../model/records';
import { SynthGenerator, synthWorkId, type SynthItem, type VocabularyProfile } from './synth';
import { profileDataset, writeSynthDataset } from './synth-files';

const BUNDLED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../graph');
let profile: VocabularyProfile;
const temp: string[] = [];

beforeAll(async () => {
  profile = await profileDataset(BUNDLED);
});
afterAll(async () => {
  await Promise.all(temp.map((d) => rm(d, { recursive: true, force: true })));
});

const generate = (works: number, seed: string, extra = {}): SynthItem[] => [
  ...new SynthGenerator(profile, { works, seed, ...extra }).items(),
];

describe('synthetic dataset generator', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = generate(300, 'a');
    expect(generate(300, 'a')).toEqual(a);
    expect(generate(300, 'b')).not.toEqual(a);
  });

  it('cites only earlier works, without duplicates, 30–60 times once enough works exist', () => {
    const items = generate(500, 's');
    items.forEach((item, i) => {
      const targets = item.citations.map((c) => Number(c.to.split('#')[1]) - 1);
      expect(new Set(targets).size).toBe(targets.length);
      expect(targets.every((j) => j < i)).toBe(true);
      if (i >= 60) {
        expect(targets.length).toBeGreaterThanOrEqual(30);
        expect(targets.length).toBeLessThanOrEqual(60);
      } else expect(targets.length).toBe(Math.min(i, targets.length));
      expect(item.work.year).toBeGreaterThanOrEqual(items[Math.max(0, i - 1)]!.work.year!);
    });
  });

  it('gives a heavy-tailed in-degree (preferential attachment)', () => {
    const items = generate(3_000, 'tail');
    const indegree = new Map<string, number>();
    let total = 0;
    for (const item of items)
      for (const c of item.citations) {
        indegree.set(c.to, (indegree.get(c.to) ?? 0) + 1);
        total += 1;
      }
    const degrees = items.map((it) => indegree.get(it.work.id) ?? 0).sort((a, b) => b - a);
    const mean = total / items.length;
    expect(degrees[0]!).toBeGreaterThan(20 * mean);
    // The top 1% of works receive far more than 1% of the citations.
    const top = degrees.slice(0, items.length / 100).reduce((a, b) => a + b, 0);
    expect(top / total).toBeGreaterThan(0.1);
    // and the median work is cited less than the mean one.
    expect(degrees[items.length / 2]!).toBeLessThan(mean);
  });

  it('marks everything synthetic and shares authors across works', () => {
    const items = generate(400, 'm');
    const authorWorks = new Map<string, number>();
    for (const { work } of items) {
      expect(work.id).toMatch(WORK_ID);
      expect(work.id.startsWith('ref:synthetic#')).toBe(true);
      expect(work.title?.startsWith('[synthetic] ')).toBe(true);
      expect(work.sources).toEqual(['synthetic:seed=m']);
      expect(work.doi).toBeNull();
      expect(work.pmid).toBeNull();
      for (const a of work.authors) authorWorks.set(a, (authorWorks.get(a) ?? 0) + 1);
    }
    expect(Math.max(...authorWorks.values())).toBeGreaterThan(5);
    expect(synthWorkId(7)).toBe('ref:synthetic#7');
  });

  it('writes a dataset the real reader accepts, whose titles the tagger finds concepts in', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'crosstalk-synth-'));
    temp.push(dir);
    const summary = await writeSynthDataset(dir, { works: 400, seed: '7', profile });
    const ds = await readDataset(dir);
    expect(ds.works).toHaveLength(400);
    expect(ds.citations).toHaveLength(summary.citations);
    expect(ds.relations).toHaveLength(profile.relations.length);
    const graph = buildGraph(ds);
    // About as many mentions per work as in the bundled graph (same distribution, ±50%).
    const bundledRate =
      [...profile.mentionCounts.values()].reduce((a, b) => a + b, 0) /
      profile.perWork.reduce((a, b) => a + b, 0);
    const rate = graph.rels.MENTIONS.length / 400;
    expect(rate).toBeGreaterThan(bundledRate * 0.5);
    expect(rate).toBeLessThan(bundledRate * 1.5);
    // The most mentioned concept of the bundled graph is among the most mentioned here.
    const top = [...profile.mentionCounts].sort((a, b) => b[1] - a[1])[0]![0];
    const counts = new Map<string, number>();
    for (const m of graph.rels.MENTIONS) counts.set(m.to, (counts.get(m.to) ?? 0) + 1);
    const ranked = [...counts].sort((a, b) => b[1] - a[1]).map(([id]) => id);
    expect(ranked.slice(0, 5)).toContain(top);
  });

  it('refuses to write into the bundled graph folder', async () => {
    await expect(
      writeSynthDataset(path.join(BUNDLED, 'x'), { works: 10, seed: '1', profile, refuse: BUNDLED }),
    ).rejects.toThrow(/Refusing/);
  });
});
