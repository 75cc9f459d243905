/** The end-of-run report of `crosstalk fetch`, as plain lines. */
import type { FetchSummary } from './enrich';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Formats a fetch summary: requests, what was merged, what was skipped and why. */
export function formatSummary(s: FetchSummary, outLabel: string): string {
  const lines: string[] = [];
  const oa = s.requests.openalex;
  const pm = s.requests.pubmed;
  lines.push(`seed: ${s.seed.id} (OpenAlex ${s.seed.openalex})${s.seed.title ? ` ${s.seed.title}` : ''}`);
  lines.push(
    `requests: OpenAlex ${oa.network} fetched, ${oa.cached} from the cache; PubMed ${pm.network} fetched, ${pm.cached} from the cache; ${plural(s.requests.retries, 'retry', 'retries')}`,
  );
  lines.push(
    `fetched: ${plural(s.fetchedWorks, 'work')} from OpenAlex, ${plural(s.pubmedRecords, 'record')} from PubMed`,
  );
  const m = s.merge;
  const fields = Object.entries(m.filledFields)
    .map(([f, n]) => `${f} ${n}`)
    .join(', ');
  lines.push(
    `merged${s.written ? ` into ${outLabel}` : ' (nothing written)'}: ${plural(m.newWorks, 'new work')}, ` +
      `${plural(m.filledWorks, 'existing work')} filled${fields ? ` (${fields})` : ''}, ${m.unchangedWorks} already complete; ` +
      `${plural(m.newCitations, 'new citation')}, ${m.citationSourcesAdded} known citation(s) confirmed, ${m.existingCitations} already recorded`,
  );
  const skipped = s.skipped.reduce((n, r) => n + r.count, 0);
  lines.push(`skipped: ${skipped === 0 ? 'nothing' : skipped}`);
  for (const r of s.skipped) {
    lines.push(`  ${r.count} × ${r.reason}${r.examples.length ? ` (e.g. ${r.examples.join(', ')})` : ''}`);
  }
  if (s.notes.length > 0) {
    lines.push(`notes: ${s.notes.length}`);
    for (const n of s.notes.slice(0, 10)) lines.push(`  ${n}`);
  }
  return lines.join('\n');
}
