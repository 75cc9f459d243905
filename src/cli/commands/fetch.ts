/**
 * `crosstalk fetch`: expand a dataset around one work from OpenAlex and PubMed, merging into the
 * user dataset (or --out) without overwriting anything.
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { ensureUserDataset, recordExpansion, userDatasetExists } from '../../server/jobs/user-dataset';
import { DATASET_LOCATIONS, USER_DATA_DIR } from '../datasets';
import { DEFAULT_FETCH_CACHE, PACKAGE_VERSION, openalexUrlDefault, pubmedUrlDefault } from '../flags';
import { DEFAULT_DATA_DIR } from '../open-store';
import { fetchOptions, parseOptions } from '../options';
import { err, out, rel } from '../output';
import { progressReporter } from '../progress';

/** Registers `fetch` on the program. */
export function register(program: Command): void {
  program
    .command('fetch')
    .description(
      'expand a dataset around one work from OpenAlex (references, citing works, abstracts) and PubMed (MeSH, keywords); ' +
        'merges into --out without overwriting anything, then run `crosstalk ingest --data <out>`',
    )
    .option('--doi <doi>', 'the work to start from, e.g. 10.1038/s41574-025-01088-x (or a doi.org link)')
    .option('--pmid <pmid>', 'the work to start from by PubMed id, e.g. 40011751')
    .option('--refs', 'fetch the works it references (default: both --refs and --cited-by)')
    .option('--cited-by', 'fetch the works that cite it (default: both --refs and --cited-by)')
    .addOption(
      new Option('--depth <n>', '1: the work’s neighbours; 2: also the neighbours of those')
        .choices(['1', '2'])
        .default('1'),
    )
    .option('--max <n>', 'fetch at most this many works besides the start', '2000')
    .option(
      '--pubmed',
      'also fetch MeSH headings, keywords and missing abstracts from PubMed E-utilities',
      false,
    )
    .option(
      '--mailto <email>',
      'your e-mail, sent to OpenAlex (mailto) and NCBI (email) (env CROSSTALK_MAILTO)',
    )
    .option('--api-key <key>', 'OpenAlex API key (env OPENALEX_API_KEY); free at openalex.org/settings/api')
    .option('--ncbi-api-key <key>', 'NCBI API key for PubMed, 10 instead of 3 requests/s (env NCBI_API_KEY)')
    .option(
      '--out <dir>',
      'dataset folder to merge into (default: your dataset, env CROSSTALK_DATASET, created as a copy of graph/ on first use)',
      USER_DATA_DIR,
    )
    .option('--cache <dir>', 'response cache; a rerun reads it instead of asking again', DEFAULT_FETCH_CACHE)
    .option('--no-cache', 'neither read nor write the response cache')
    .option('--openalex-url <url>', 'OpenAlex API base URL (env OPENALEX_URL)', openalexUrlDefault())
    .option('--pubmed-url <url>', 'E-utilities base URL (env PUBMED_URL)', pubmedUrlDefault())
    .option('--timeout <ms>', 'time limit of one request in milliseconds', '30000')
    .option('--dry-run', 'fetch and report, but do not write the dataset', false)
    .addHelpText(
      'after',
      `
Example (the review this graph is built around, then load the result):
  crosstalk fetch --doi 10.1038/s41574-025-01088-x --pubmed --mailto you@lab.org --api-key $OPENALEX_API_KEY
  crosstalk ingest --data graph

Requests are rate-limited (OpenAlex 10/s, PubMed 2.5/s or 9/s with an NCBI key), retried on 429/5xx
with backoff (honouring Retry-After) and cached in --cache, so an interrupted run resumes where it
stopped. Existing records are only filled, never overwritten; the folder is validated before it is
replaced. Exit codes: 0 ok, 1 an API failed (nothing written), 2 bad input or invalid data.`,
    )
    .action(async (raw: unknown) => {
      const opts = parseOptions(fetchOptions, raw);
      const both = !opts.refs && !opts.citedBy;
      // Fetched data goes into the user dataset, never silently into the bundled graph/.
      if (path.resolve(opts.out) === path.resolve(USER_DATA_DIR)) {
        if (!opts.dryRun && (await ensureUserDataset(DATASET_LOCATIONS)))
          err(`Created ${rel(USER_DATA_DIR)} as a copy of graph/.`);
        // A dry run writes nothing, not even the copy: it reads the bundled data instead.
        if (opts.dryRun && !userDatasetExists(DATASET_LOCATIONS)) opts.out = DEFAULT_DATA_DIR;
      }
      const progress = progressReporter('fetch');
      try {
        // Loaded when fetching, not when the CLI starts.
        const { fetchAndMerge } = await import('../../enrich/enrich');
        const { formatSummary } = await import('../../enrich/summary');
        const summary = await fetchAndMerge({
          doi: opts.doi,
          pmid: opts.pmid,
          refs: both || Boolean(opts.refs),
          citedBy: both || Boolean(opts.citedBy),
          depth: opts.depth,
          max: opts.max,
          pubmed: Boolean(opts.pubmed),
          out: path.resolve(opts.out),
          cacheDir: opts.cache === false ? null : path.resolve(opts.cache),
          openalexUrl: opts.openalexUrl,
          pubmedUrl: opts.pubmedUrl,
          mailto: opts.mailto || process.env.CROSSTALK_MAILTO || undefined,
          apiKey: opts.apiKey || process.env.OPENALEX_API_KEY || undefined,
          ncbiApiKey: opts.ncbiApiKey || process.env.NCBI_API_KEY || undefined,
          timeoutMs: opts.timeout,
          product: `crosstalk-kg/${PACKAGE_VERSION}`,
          dryRun: Boolean(opts.dryRun),
          onProgress: progress.listener,
        });
        progress.stop();
        out(formatSummary(summary, rel(opts.out)));
        if (summary.written) {
          await recordExpansion(path.resolve(opts.out), {
            at: new Date().toISOString(),
            seed: summary.seed.id,
            seedTitle: summary.seed.title,
            sources: [opts.openalexUrl, ...(opts.pubmed ? [opts.pubmedUrl] : [])],
            newWorks: summary.merge.newWorks,
            filledWorks: summary.merge.filledWorks,
            newCitations: summary.merge.newCitations,
            by: 'cli',
          });
          err(
            path.resolve(opts.out) === path.resolve(USER_DATA_DIR)
              ? '`npm start` loads it (or run `crosstalk ingest --data ' + rel(opts.out) + '`).'
              : `Run \`crosstalk ingest --data ${rel(opts.out)}\` to load it.`,
          );
        }
      } finally {
        progress.stop();
      }
    });
}
