/** Related works of the selected work: which ranking is shown, and its answer from GET /api/related. */
import type { RelatedKind, RelatedPayload } from '../../model/api';
import { errorMessage } from '../../model/errors';
import { api } from '../api/client';
import { failed, loading, ready, shownData, type AsyncState } from './async';
import { getState, setState } from './store';

/** Rows the section asks for. */
export const RELATED_ROWS = 25;

let relatedRequest: AbortController | null = null;

/** Loads one ranking of the works related to `id` (the selected work); a newer call wins. */
export async function loadRelated(id: string, kind: RelatedKind = getState().relatedKind): Promise<void> {
  relatedRequest?.abort();
  const controller = new AbortController();
  relatedRequest = controller;
  setState((s) => ({ relatedKind: kind, related: loading(s.related) }));
  try {
    const answer = await api.related(id, kind, RELATED_ROWS, controller.signal);
    if (controller.signal.aborted) return;
    setState({ related: ready(answer) });
  } catch (e: unknown) {
    if (controller.signal.aborted) return;
    setState({ related: failed(errorMessage(e)) });
  }
}

let graphReviewsRequest: AbortController | null = null;

/**
 * Loads the review finder over the whole graph (POST /api/related with no ids): the works citing
 * the most works of the graph, each with the works it cites as evidence. Asked anew each time (a
 * fetch may have grown the graph since); a newer call wins.
 */
export async function loadGraphReviews(): Promise<void> {
  graphReviewsRequest?.abort();
  const controller = new AbortController();
  graphReviewsRequest = controller;
  setState((s) => ({ graphReviews: loading(s.graphReviews) }));
  try {
    const answer = await api.relatedOf([], 'review-finder', RELATED_ROWS, controller.signal);
    if (controller.signal.aborted) return;
    setState({ graphReviews: ready(answer) });
  } catch (e: unknown) {
    if (controller.signal.aborted) return;
    setState({ graphReviews: failed(errorMessage(e)) });
  }
}

/** Shows another ranking for the selected work. */
export async function setRelatedKind(kind: RelatedKind): Promise<void> {
  const { selected } = getState();
  if (selected) await loadRelated(selected, kind);
  else setState({ relatedKind: kind });
}

/** The answer shown for `id` and `kind`: ready, or kept on screen while that same answer reloads. */
export function relatedAnswerFor(
  state: AsyncState<RelatedPayload>,
  id: string,
  kind: RelatedKind,
): RelatedPayload | null {
  const data = shownData(state);
  return data && data.kind === kind && data.seeds.length === 1 && data.seeds[0] === id ? data : null;
}
