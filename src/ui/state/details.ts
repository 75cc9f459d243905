/** The selection and the hovered node; the selected node's details from the API. */
import { errorMessage } from '../../model/errors';
import { ApiRequestError, api } from '../api/client';
import { IDLE, failed, loading, ready } from './async';
import { bringIntoView } from './graph';
import { getState, setState } from './store';

let detailRequest: AbortController | null = null;

/** Selects a node (or clears the selection with null) and loads its details. */
export async function selectNode(id: string | null): Promise<void> {
  detailRequest?.abort();
  if (id === null) {
    setState({ selected: null, detail: IDLE });
    return;
  }
  const controller = new AbortController();
  detailRequest = controller;
  setState((s) => ({ selected: id, detail: loading(s.detail), rightOpen: true }));
  // A search hit outside the overview is added, so it can be seen and explored from.
  void bringIntoView([id]).catch(() => undefined);
  try {
    const detail = await api.node(id, controller.signal);
    if (controller.signal.aborted) return;
    setState({ detail: ready(detail) });
  } catch (e: unknown) {
    if (controller.signal.aborted) return;
    const notFound = e instanceof ApiRequestError && e.status === 404;
    setState({ detail: failed(notFound ? `Nothing in the graph has the id “${id}”.` : errorMessage(e)) });
  }
}

/** Sets the hovered node (null when the pointer leaves). */
export function hoverNode(id: string | null): void {
  if (getState().hovered !== id) setState({ hovered: id });
}
