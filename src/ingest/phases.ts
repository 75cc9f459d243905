/**
 * Where ingest time goes: a lap clock the pipeline calls between its phases (read, validate, tag,
 * build, layout), so the benchmark can show each. Optional everywhere: no clock, no cost.
 */

/** Records the time since the previous lap (or since creation) under a phase name. */
export interface PhaseClock {
  lap(phase: string): void;
  /**
   * Starts the next lap now, recording nothing: the time since the last lap went to work that is
   * reported elsewhere (a staged load's store writing its files between build and layout).
   */
  restart?(): void;
}

/** A clock that sums laps per phase, in ms (a phase lapped twice adds up). */
export function phaseClock(): Required<PhaseClock> & { readonly phases: Record<string, number> } {
  const phases: Record<string, number> = {};
  let last = performance.now();
  return {
    phases,
    lap(phase: string): void {
      const now = performance.now();
      phases[phase] = (phases[phase] ?? 0) + (now - last);
      last = now;
    },
    restart(): void {
      last = performance.now();
    },
  };
}
