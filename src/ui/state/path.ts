/** Path tracing: the two ends, what a path may follow, the shortest paths and their emphasis. */
import { errorMessage } from '../../model/errors';
import { api } from '../api/client';
import { edgeKey } from '../model/emphasis';
import { IDLE, failed, loading, ready, shownData } from './async';
import { bringIntoView } from './graph';
import { getState, setState, type PathQuery } from './store';

let pathRequest: AbortController | null = null;

/** Opens or closes the path card. */
export function togglePath(open?: boolean): void {
  const next = open ?? !getState().pathOpen;
  setState({ pathOpen: next, ...(next ? {} : { trace: null }) });
  if (next) showPath();
}

/** Sets one end of the path (or clears it with null), then traces when both ends are set. */
export async function setPathEnd(end: 'from' | 'to', id: string | null): Promise<void> {
  setState((s) => ({
    pathOpen: true,
    matrixCell: null,
    path: { ...s.path, [end]: id },
    pathResult: IDLE,
    trace: null,
  }));
  await tracePath();
}

/** Changes what a path may follow, then traces again. */
export async function setPathOptions(patch: Partial<Pick<PathQuery, 'via' | 'directed'>>): Promise<void> {
  setState((s) => ({ path: { ...s.path, ...patch } }));
  await tracePath();
}

/** Swaps the two ends. */
export async function swapPathEnds(): Promise<void> {
  setState((s) => ({ path: { ...s.path, from: s.path.to, to: s.path.from } }));
  await tracePath();
}

/** Opens the card on a path from a shared link and traces it. */
export async function openPath(path: PathQuery, opts: { frame?: boolean } = {}): Promise<void> {
  setState({ pathOpen: true, path, pathResult: IDLE });
  await tracePath(opts);
}

/** Fetches the shortest paths between the chosen ends and emphasises them on the network. */
export async function tracePath(opts: { frame?: boolean } = {}): Promise<void> {
  const { from, to, via, directed } = getState().path;
  pathRequest?.abort();
  if (!from || !to) return;
  if (from === to) {
    setState({ pathResult: failed('Choose two different nodes.') });
    return;
  }
  const controller = new AbortController();
  pathRequest = controller;
  setState((s) => ({ pathResult: loading(s.pathResult) }));
  try {
    const result = await api.paths(from, to, via, directed, controller.signal);
    if (controller.signal.aborted) return;
    await bringIntoView(
      result.paths.flatMap((p) => p.nodes),
      result.paths.flatMap((p) => p.edges),
    );
    if (controller.signal.aborted) return;
    setState({ pathResult: ready(result) });
    showPath(opts.frame ?? true);
  } catch (e: unknown) {
    if (controller.signal.aborted) return;
    setState({ pathResult: failed(errorMessage(e)), trace: null });
  }
}

/** Emphasises the traced paths on the network (when there are some, also while tracing again). */
export function showPath(frame = true): void {
  const result = shownData(getState().pathResult);
  if (!result) return;
  const nodes = new Set<string>([result.from, result.to]);
  const edges = new Set<string>();
  for (const p of result.paths) {
    for (const n of p.nodes) nodes.add(n);
    for (const e of p.edges) edges.add(edgeKey(e.source, e.target, e.kind));
  }
  setState({ trace: { nodes, edges, frame } });
}
