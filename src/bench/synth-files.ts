/**
 * Writes a synthetic dataset folder (works.jsonl, citations.jsonl, related.jsonl, concepts.yaml)
 * from {@link SynthGenerator}, streaming, so 100k works and millions of citations never sit in one
 * string. The vocabulary profile comes from a real dataset folder (graph/ by default).
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { DATASET_FILES, readDataset } from '../ingest/read-dataset';
import { SynthGenerator, profileVocabulary, type SynthOptions, type VocabularyProfile } from './synth';

/** Counts of what was written. */
export interface SynthSummary {
  dir: string;
  seed: string;
  works: number;
  citations: number;
  related: number;
  concepts: number;
  relations: number;
  bytes: number;
  ms: number;
}

/** Reads and profiles the vocabulary of a real dataset folder (validated by the real reader). */
export async function profileDataset(dir: string): Promise<VocabularyProfile> {
  const ds = await readDataset(dir);
  return profileVocabulary(
    ds.concepts.map((c) => c.value),
    ds.relations.map((r) => r.value),
    ds.works.map((w) => w.value),
  );
}

/** A buffered line writer over a file stream (few, large writes; respects back-pressure). */
class LineWriter {
  private buffer: string[] = [];
  private size = 0;
  bytes = 0;
  private readonly out: WriteStream;
  private readonly closed: Promise<unknown>;
  constructor(file: string) {
    this.out = createWriteStream(file, { encoding: 'utf8' });
    this.closed = once(this.out, 'close');
  }
  async line(s: string): Promise<void> {
    this.buffer.push(s);
    this.size += s.length + 1;
    if (this.size >= 1 << 20) await this.flush();
  }
  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer.join('\n') + '\n';
    this.buffer = [];
    this.size = 0;
    this.bytes += Buffer.byteLength(chunk);
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }
  async close(): Promise<void> {
    await this.flush();
    this.out.end();
    await this.closed;
  }
}

/**
 * Generates a synthetic dataset into `dir` (created if needed; existing files are replaced).
 * @throws Error when `dir` is inside `refuse` (the bundled graph/ must never receive synthetic data).
 */
export async function writeSynthDataset(
  dir: string,
  options: SynthOptions & { profile: VocabularyProfile; refuse?: string },
): Promise<SynthSummary> {
  const started = performance.now();
  const target = path.resolve(dir);
  if (options.refuse) {
    const rel = path.relative(path.resolve(options.refuse), target);
    if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel)))
      throw new Error(`Refusing to write synthetic data into ${options.refuse} (${target}).`);
  }
  await mkdir(target, { recursive: true });
  const gen = new SynthGenerator(options.profile, options);
  const works = new LineWriter(path.join(target, DATASET_FILES.works));
  const citations = new LineWriter(path.join(target, DATASET_FILES.citations));
  const related = new LineWriter(path.join(target, DATASET_FILES.related));
  let counts = { works: 0, citations: 0, related: 0 };
  try {
    for (const item of gen.items()) {
      counts.works += 1;
      await works.line(JSON.stringify(item.work));
      for (const c of item.citations) await citations.line(JSON.stringify(c));
      for (const r of item.related) await related.line(JSON.stringify(r));
      counts = {
        ...counts,
        citations: counts.citations + item.citations.length,
        related: counts.related + item.related.length,
      };
    }
  } finally {
    await Promise.all([works.close(), citations.close(), related.close()]);
  }
  const { concepts, relations } = gen.conceptFile();
  const yaml =
    `# SYNTHETIC concept file written by scripts/synth.ts (${gen.source}) for benchmarks.\n` +
    '# The concepts are the bundled vocabulary of graph/concepts.yaml; the evidence of each relation\n' +
    '# points at synthetic works, not at real literature.\n' +
    stringify({ concepts, relations }, { lineWidth: 0 });
  await writeFile(path.join(target, DATASET_FILES.concepts), yaml);
  return {
    dir: target,
    seed: options.seed,
    ...counts,
    concepts: concepts.length,
    relations: relations.length,
    bytes: works.bytes + citations.bytes + related.bytes + Buffer.byteLength(yaml),
    ms: performance.now() - started,
  };
}
