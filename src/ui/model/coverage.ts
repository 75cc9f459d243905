/**
 * What the graph knows of a work's references and citing works, said as a researcher would read it:
 * how many are known here and, once OpenAlex has been asked, how many OpenAlex lists. A bare 0
 * would read as "none exist"; these lines say "none known here" instead.
 */

const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);

/** "5 references known here, of 212 listed by OpenAlex" / "No references known here". */
export function referencesCoverage(known: number, listed: number | null): string {
  const head =
    known === 0
      ? 'No references known here'
      : `${known} ${plural(known, 'reference', 'references')} known here`;
  return listed === null ? head : `${head}, of ${listed} listed by OpenAlex`;
}

/** "cited by: none known here" / "cited by 3 known here, of 57 counted by OpenAlex". */
export function citedByCoverage(known: number, counted: number | null): string {
  const head = known === 0 ? 'cited by: none known here' : `cited by ${known} known here`;
  return counted === null ? head : `${head}, of ${counted} counted by OpenAlex`;
}

/**
 * True when a fetch would likely add references: OpenAlex lists more than are known, or OpenAlex
 * was never asked and fewer than `few` are known.
 */
export function referencesLookIncomplete(known: number, listed: number | null, few = 20): boolean {
  return listed === null ? known < few : listed > known;
}

/** A share as a whole percentage ("39 %"); "–" when there is nothing to share. */
export function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${Math.round((100 * part) / whole)} %`;
}
