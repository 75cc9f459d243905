/** Path tracing: the two ends, what a path may follow, the shortest paths and their emphasis. */
import { errorMessage } from '../../model/errors';
import { api } from '../api/client';
import type { NetworkEdge, PathNodeRef, PathsPayload } from '../../model/api';
import { edgeKey } from '../model/emphasis';
import { DEFAULT_HUB_SHARE } from '../model/focus';
import { impossiblePath, rankPaths, shortestPathsAvoiding, type Step } from '../model/path-rank';
import { currentHubs } from './filters';
import { getGraph } from './graph-holder';
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
export async function setPathOptions(
  patch: Partial<Pick<PathQuery, 'via' | 'directed' | 'avoidHubs'>>,
): Promise<void> {
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
  const { from, to, via, directed, avoidHubs = false } = getState().path;
  pathRequest?.abort();
  if (!from || !to) return;
  if (from === to) {
    setState({ pathResult: failed('Choose two different nodes.') });
    return;
  }
  // Say why a kind of path cannot exist instead of answering "no path".
  const g = getGraph();
  const ends = [from, to].flatMap((id) =>
    g?.hasNode(id)
      ? [{ kind: g.getNodeAttribute(id, 'kind'), label: g.getNodeAttribute(id, 'fullLabel') }]
      : [],
  );
  const impossible = impossiblePath(via, ends);
  if (impossible) {
    setState({ pathResult: failed(impossible), trace: null });
    return;
  }
  const controller = new AbortController();
  pathRequest = controller;
  setState((s) => ({ pathResult: loading(s.pathResult) }));
  try {
    const answer = await api.paths(from, to, via, directed, controller.signal);
    if (controller.signal.aborted) return;
    const result = informativePaths(answer, avoidHubs);
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

/** Most paths listed when hubs are avoided (as the API's default). */
const AVOIDING_LIMIT = 10;

/**
 * The API's shortest paths made informative: with `avoidHubs`, searched again in the loaded
 * network without stepping through hub concepts; then ranked most specific first by
 * ui/model/path-rank.ts's rule (fewest bits spent in well-linked inner nodes).
 */
function informativePaths(answer: PathsPayload, avoidHubs: boolean): PathsPayload {
  const g = getGraph();
  if (!g) return answer;
  const degreeOf = (id: string): number => (g.hasNode(id) ? g.degree(id) : 1);
  let result = answer;
  if (avoidHubs && answer.length !== null) {
    const kinds = new Set(answer.via);
    const hubs = currentHubs(DEFAULT_HUB_SHARE);
    hubs.delete(answer.from);
    hubs.delete(answer.to);
    const steps = (id: string): Step[] => {
      const out: Step[] = [];
      if (!g.hasNode(id)) return out;
      g.forEachEdge(id, (_e, a, s, t) => {
        if (!kinds.has(a.kind)) return;
        if (answer.directed && s !== id) return;
        const edge: NetworkEdge = { source: s, target: t, kind: a.kind };
        out.push({ to: s === id ? t : s, edge });
      });
      return out;
    };
    const paths = shortestPathsAvoiding(
      answer.from,
      answer.to,
      steps,
      hubs,
      answer.maxHops,
      AVOIDING_LIMIT + 1,
    );
    const nodes: Record<string, PathNodeRef> = { ...answer.nodes };
    for (const p of paths)
      for (const id of p.nodes) {
        if (nodes[id] || !g.hasNode(id)) continue;
        const a = g.getNodeAttributes(id);
        nodes[id] = { id, kind: a.kind, label: a.fullLabel, year: a.year, category: a.category };
      }
    const listed = paths.slice(0, AVOIDING_LIMIT);
    const length = listed[0] ? listed[0].edges.length : null;
    const names = [...hubs].filter((h) => g.hasNode(h)).map((h) => g.getNodeAttribute(h, 'fullLabel'));
    const hubText = `hub concepts (mentioned by more than ${DEFAULT_HUB_SHARE} % of works: ${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''})`;
    result = {
      ...answer,
      length,
      paths: listed,
      truncated: paths.length > AVOIDING_LIMIT,
      nodes,
      message:
        length === null
          ? `No path of at most ${answer.maxHops} steps avoids the ${hubText}; turn “Avoid hubs” off to see the paths through them.`
          : `${listed.length} shortest path${listed.length === 1 ? '' : 's'} of ${length} step${length === 1 ? '' : 's'} avoiding ${hubText}, in the network loaded here.`,
    };
  }
  if (result.paths.length < 2) return result;
  return {
    ...result,
    paths: rankPaths(result.paths, degreeOf),
    message: `${result.message} Most specific first: fewest steps through well-linked nodes.`,
  };
}
