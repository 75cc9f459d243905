/**
 * `npm run synth -- --works N [--seed S] --out <dir> [--refs 30-60]`: writes a SYNTHETIC dataset in the
 * format of graph/ (for benchmarks; see src/bench/synth.ts). Refuses to write into graph/.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { profileDataset, writeSynthDataset } from '../src/bench/synth-files';
import { errorMessage } from '../src/model/errors';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLED = path.join(ROOT, 'graph');

const positiveInt = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
};
const range = (v: string): [number, number] => {
  const m = /^(\d+)-(\d+)$/.exec(v);
  if (!m || Number(m[1]) > Number(m[2])) throw new InvalidArgumentError('must look like 30-60');
  return [Number(m[1]), Number(m[2])];
};

async function main(argv: string[]): Promise<number> {
  const program = new Command('synth')
    .description('Write a synthetic dataset (format of graph/) for benchmarks.')
    .requiredOption('--works <n>', 'number of works', positiveInt)
    .requiredOption('--out <dir>', 'output folder (never graph/)')
    .option('--seed <seed>', 'seed of every random choice', '1')
    .option('--refs <min-max>', 'references per work', range, [30, 60] as [number, number])
    .option('--vocabulary <dir>', 'dataset whose concepts and frequencies are used', BUNDLED)
    .exitOverride();
  try {
    program.parse(argv, { from: 'user' });
  } catch (e: unknown) {
    const code = (e as { exitCode?: number }).exitCode;
    return code === 0 ? 0 : 2;
  }
  const opts = program.opts<{
    works: number;
    out: string;
    seed: string;
    refs: [number, number];
    vocabulary: string;
  }>();
  const profile = await profileDataset(opts.vocabulary);
  const s = await writeSynthDataset(opts.out, {
    works: opts.works,
    seed: opts.seed,
    refsMin: opts.refs[0],
    refsMax: opts.refs[1],
    profile,
    refuse: BUNDLED,
  });
  process.stderr.write(
    `Wrote a SYNTHETIC dataset to ${s.dir}: ${s.works} works, ${s.citations} citations, ${s.related} similar links, ` +
      `${s.concepts} concepts, ${s.relations} relations (${(s.bytes / 1e6).toFixed(1)} MB, ${(s.ms / 1000).toFixed(1)} s, seed ${s.seed}).\n`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`synth failed: ${errorMessage(e)}\n`);
    process.exit(1);
  },
);
